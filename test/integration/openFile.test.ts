import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FixturePaths, KNOWN_ROWS, writeFixtures } from '../support/fixtures';
import { activatedApi, activeCustomTab, closeAllEditors, VIEW_TYPE, waitForRender } from './helpers';

describe('Large File Editor: Open File…', () => {
  let fixtures: FixturePaths;

  before(() => {
    fixtures = writeFixtures(mkdtempSync(path.join(os.tmpdir(), 'lfe-open-')));
  });
  after(() => rmSync(fixtures.dir, { recursive: true, force: true }));
  afterEach(closeAllEditors);

  it('opens a file in the custom editor, which shows its bytes as hex rows', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(fixtures.known);
    const rendered = waitForRender(api, uri);
    await vscode.commands.executeCommand('largeFile.openFile', uri);

    const tab = activeCustomTab();
    assert.ok(tab, 'the active tab is a custom editor');
    assert.equal(tab.viewType, VIEW_TYPE);
    assert.equal(tab.uri.toString(), uri.toString());

    const r = await rendered;
    assert.equal(r.firstOffset, 0);
    assert.deepEqual(r.rows, KNOWN_ROWS);
  });

  it('a second editor on the same file shows the same rows', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(fixtures.known);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    await vscode.commands.executeCommand('workbench.action.splitEditor');
    const r = await waitForRender(api, uri, (x) => x.rows.length > 0);
    assert.equal(vscode.window.tabGroups.all.length, 2, 'the editor was split');
    assert.deepEqual(r.rows, KNOWN_ROWS);
  });
});
