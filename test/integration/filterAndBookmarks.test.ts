// The filtered view's host side and bookmarks inside VS Code: a filter and a refine of the open
// document counted as a naive line filter counts them, with its rows; a bookmark set with the
// command follows an insert before it, undo and redo, is kept through a save, and comes back
// when the file is opened again (workspace state).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, closeAllEditors, sleep, until, waitForRender } from './helpers';

describe('Filter and bookmarks', () => {
  let dir: string;
  let file: string;
  const lines: string[] = [];

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lfe-filter-'));
    file = path.join(dir, 'app.log');
    for (let i = 0; i < 30_000; i++) lines.push(`${i} ${i % 7 === 0 ? 'ERROR' : 'INFO'} worker-${i % 5} ${i % 13 === 0 ? 'timeout' : 'ok'}`);
    writeFileSync(file, lines.join('\n') + '\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
  });

  it('filters and refines the open document, line by line, as a naive filter does', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    const expected = lines.filter((l) => l.includes('ERROR') && !l.includes('timeout'));
    const outcome = await api.filterActive('ERROR and not timeout');
    assert.deepEqual(outcome, { kind: 'done', count: expected.length, lines: lines.length, cancelled: false });
    assert.deepEqual(api.filterRowsActive(0, 3).map((r) => [r.line, r.text, r.spans]), [
      [8, '7 ERROR worker-2 ok', [[2, 7]]],
      [15, '14 ERROR worker-4 ok', [[3, 8]]],
      [22, '21 ERROR worker-1 ok', [[3, 8]]],
    ]);
    const refined = await api.filterActive('worker-3', { refine: true });
    assert.equal(refined?.kind === 'done' ? refined.count : -1, expected.filter((l) => l.includes('worker-3')).length);
    const invalid = await api.filterActive('ERROR and');
    assert.equal(invalid?.kind, 'invalid');
  });

  it('a bookmark follows an insert before it, undo and redo, is kept through a save and comes back on reopen', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    await sleep(300); // the webview reports where its cursor is
    await vscode.commands.executeCommand('largeFile.toggleBookmark');
    await until('the line index to number it', () => api.bookmarksActive()[0]?.line === 1);
    assert.deepEqual(api.bookmarksActive().map((b) => [b.line, b.offset, b.preview]), [[1, 0, lines[0]]]);
    await vscode.commands.executeCommand('largeFile.changeMode', 'write');
    await until('write mode', () => api.documentState(uri)?.mode === 'write');
    api.editActive({ kind: 'insert', offset: 0, bytes: new Uint8Array(Buffer.from('a new first line\n')) });
    await until('the insert', () => api.documentState(uri)?.dirty === true);
    await until('the bookmark to move', () => api.bookmarksActive()[0]?.offset === 17);
    await vscode.commands.executeCommand('undo');
    await until('the undo', () => api.bookmarksActive()[0]?.offset === 0);
    await vscode.commands.executeCommand('redo');
    await until('the redo', () => api.bookmarksActive()[0]?.offset === 17);
    await vscode.commands.executeCommand('largeFile.save');
    await until('the save', () => api.documentState(uri)?.dirty === false);
    assert.deepEqual(api.bookmarksActive().map((b) => [b.offset, b.preview]), [[17, lines[0]]]);
    await sleep(500); // stored after a short pause
    await closeAllEditors();
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    await until('the line index to number it', () => api.bookmarksActive()[0]?.line === 2);
    assert.deepEqual(api.bookmarksActive().map((b) => [b.line, b.offset, b.preview]), [[2, 17, lines[0]]]);
  });
});
