// Files the editor cannot show must give a notice in the webview, never a crash of the extension
// host or a blank panel. The webview reports the notice it shows (a test hook: api.lastNotice), so
// these tests check its text and code, that no rows were drawn, and that the extension keeps working.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FixturePaths, KNOWN_ROWS, writeFixtures } from '../support/fixtures';
import { activatedApi, activeCustomTab, closeAllEditors, sleep, VIEW_TYPE, waitForNotice, waitForRender } from './helpers';

describe('files that cannot be shown', () => {
  let fixtures: FixturePaths;

  before(() => {
    fixtures = writeFixtures(mkdtempSync(path.join(os.tmpdir(), 'lfe-bad-')));
  });
  after(() => rmSync(fixtures.dir, { recursive: true, force: true }));
  afterEach(closeAllEditors);

  /** Opens `file`: the webview shows a notice with `code` that says `says`, and no rows. */
  async function openAndExpectNotice(file: string, code: string, says: RegExp): Promise<void> {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    const notice = waitForNotice(api, uri);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    const shown = await notice;
    assert.equal(shown.code, code, shown.text);
    assert.match(shown.text, /^Cannot open this file: /);
    assert.match(shown.text, says);
    const rendered = api.lastRendered(uri);
    assert.ok(!rendered || rendered.rows.length === 0, `no rows rendered, got ${JSON.stringify(rendered)}`);
    assert.deepEqual(api.engine(), { loaded: true }, 'the engine is still loaded');
  }

  async function openAndExpectNoRows(file: string): Promise<void> {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    const tab = activeCustomTab();
    assert.ok(tab, `a custom editor opened for ${path.basename(file)}`);
    assert.equal(tab.viewType, VIEW_TYPE);
    assert.equal(tab.uri.toString(), uri.toString());
    // Give the webview time to ask for pages it should not ask for.
    await sleep(1500);
    const rendered = api.lastRendered(uri);
    assert.ok(!rendered || rendered.rows.length === 0, `no rows rendered, got ${JSON.stringify(rendered)}`);
    assert.deepEqual(api.engine(), { loaded: true }, 'the engine is still loaded');
  }

  async function stillWorks(): Promise<void> {
    const api = await activatedApi();
    const uri = vscode.Uri.file(fixtures.known);
    const rendered = waitForRender(api, uri);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    assert.deepEqual((await rendered).rows, KNOWN_ROWS);
  }

  it('an empty file opens with no rows', async () => {
    await openAndExpectNoRows(fixtures.empty);
  });

  it('a missing file opens a notice, and the extension keeps working', async () => {
    await openAndExpectNotice(fixtures.missing, 'ENOENT', new RegExp(path.basename(fixtures.missing).replace(/\./g, '\\.')));
    await stillWorks();
  });

  it('a link to nothing opens a notice, and the extension keeps working', async function () {
    if (!fixtures.dangling) this.skip();
    await openAndExpectNotice(fixtures.dangling, 'ENOENT', new RegExp(path.basename(fixtures.dangling).replace(/\./g, '\\.')));
    await stillWorks();
  });

  it('a folder opens a notice, and the extension keeps working', async () => {
    await openAndExpectNotice(fixtures.folder, 'EISDIR', /not a regular file|is a directory|folder/);
    await stillWorks();
  });
});
