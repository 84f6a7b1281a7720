import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, closeAllEditors, sleep, waitForRender } from './helpers';
import type { LargeFileEditorApi } from '../../extension/extension';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function until(what: string | (() => string), ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(50);
  }
}

/** Opens `file` (read-only, the default) and, unless `mode` is 'read', switches it as a user would. */
async function open(api: LargeFileEditorApi, file: string, mode: 'read' | 'write' | 'copy' = 'write'): Promise<vscode.Uri> {
  const uri = vscode.Uri.file(file);
  await vscode.commands.executeCommand('largeFile.openFile', uri);
  await waitForRender(api, uri);
  assert.equal(api.documentState(uri)?.mode, 'read', 'files open read-only');
  if (mode !== 'read') {
    await vscode.commands.executeCommand('largeFile.changeMode', mode);
    await until(`${mode} mode`, () => api.documentState(uri)?.mode === mode);
  }
  return uri;
}

/** Ctrl+S in the editor: the save a user makes (VS Code's auto save, on here as in code-server, writes nothing). */
async function save(): Promise<void> {
  await vscode.commands.executeCommand('largeFile.save');
}

describe('Editing and saving', () => {
  let dir: string;

  before(async () => {
    // These tests replace tens of thousands of matches at once: no "Replace 1,200,000 matches?" question.
    await vscode.workspace.getConfiguration('largeFile').update('confirmReplaceAllAbove', 1e12, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('largeFile').update('confirmReplaceAllAbove', undefined, vscode.ConfigurationTarget.Global);
  });

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lfe-edit-'));
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an overwrite stays out of the file until Save, which writes it in place; undo brings the old bytes back', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'data.bin');
    const original = Buffer.from('0123456789abcdef'.repeat(1000));
    writeFileSync(file, original);
    const inode = statSync(file).ino;
    const uri = await open(api, file);

    api.editActive({ kind: 'overwrite', offset: 5, bytes: new Uint8Array(Buffer.from('XYZ')) });
    await until('the document to be dirty', () => api.documentState(uri)?.dirty === true);
    assert.deepEqual(readFileSync(file), original, 'unsaved edits never reach the file');

    await save();
    await until('the save', () => api.documentState(uri)?.dirty === false);
    const expected = Buffer.from(original);
    expected.write('XYZ', 5, 'latin1');
    assert.deepEqual(readFileSync(file), expected);
    assert.equal(statSync(file).ino, inode, 'saved in place: same file, not a rewrite');

    await vscode.commands.executeCommand('undo');
    await until('the undo', () => api.documentState(uri)?.dirty === true);
    await save();
    await until('the second save', () => api.documentState(uri)?.dirty === false);
    assert.deepEqual(readFileSync(file), original, 'undo + save restores the exact original bytes');
  });

  it('inserts and deletes save through a temp file and a rename, keeping the permissions', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'lines.txt');
    writeFileSync(file, 'alpha\nbeta\ngamma\n');
    chmodSync(file, 0o640);
    const uri = await open(api, file);
    api.editActive({ kind: 'insert', offset: 6, bytes: new Uint8Array(Buffer.from('inserted\n')) });
    api.editActive({ kind: 'delete', offset: 0, length: 6 });
    await until('both edits', () => api.documentState(uri)?.size === 17 + 9 - 6);
    await save();
    await until('the save', () => api.documentState(uri)?.dirty === false);
    assert.equal(readFileSync(file, 'latin1'), 'inserted\nbeta\ngamma\n');
    assert.equal(statSync(file).mode & 0o777, 0o640);
  });

  it('Revert drops every unsaved edit', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'revert.txt');
    writeFileSync(file, 'keep me as I am');
    const uri = await open(api, file);
    api.editActive({ kind: 'delete', offset: 0, length: 5 });
    await until('the edit', () => api.documentState(uri)?.dirty === true);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.equal(readFileSync(file, 'latin1'), 'keep me as I am');
    const rendered = waitForRender(api, uri, (x) => x.rows[0]?.endsWith('keep me as I am'));
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await rendered;
    assert.deepEqual(api.documentState(uri), { dirty: false, size: 15, mode: 'read', saving: false });
  });

  it('Replace All is one undo step, and saving gives the same bytes as an independent replacement', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'app.log');
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) lines.push(`${i} user=alice token=secret${i % 97} ok\n`);
    const original = Buffer.from(lines.join(''));
    writeFileSync(file, original);
    const uri = await open(api, file);
    const query = { pattern: 'secret', mode: 'text' as const, matchCase: true, wholeWord: false };
    await api.replaceActive('all', query, 'XXXXXX');
    await until('the replacement', () => api.documentState(uri)?.dirty === true);
    await save();
    await until('the save', () => api.documentState(uri)?.dirty === false);
    const expected = Buffer.from(original.toString('latin1').split('secret').join('XXXXXX'), 'latin1');
    assert.equal(sha(readFileSync(file)), sha(expected));

    await vscode.commands.executeCommand('undo');
    await until('the undo', () => api.documentState(uri)?.dirty === true);
    await save();
    await until('the save of the undo', () => api.documentState(uri)?.dirty === false);
    assert.equal(sha(readFileSync(file)), sha(original), 'one undo restores every match');
  });

  it('saving a million replacements in place leaves the extension host free; an edit made meanwhile is refused, not lost in the file', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'big.log');
    const original = Buffer.from('id=7 token=secret;'.repeat(1_200_000));
    writeFileSync(file, original);
    const uri = await open(api, file);
    await api.replaceActive('all', { pattern: 'secret', mode: 'text', matchCase: true, wholeWord: false }, 'XXXXXX');
    await until('the replacement', () => api.documentState(uri)?.dirty === true);
    const saved = save();
    // This loop runs on the extension host's event loop: it sees the save running only if the
    // save gives the loop turns between its batches.
    await until('the save to be seen running', () => api.documentState(uri)?.saving === true, 30_000);
    api.editActive({ kind: 'overwrite', offset: 0, bytes: new Uint8Array([0x5a]) });
    await saved;
    await until('the save', () => api.documentState(uri)?.saving === false && api.documentState(uri)?.dirty === false, 60_000);
    const expected = Buffer.from(original.toString('latin1').split('secret').join('XXXXXX'), 'latin1');
    assert.equal(sha(readFileSync(file)), sha(expected));
    await sleep(300);
    assert.equal(api.documentState(uri)?.dirty, false, 'the refused edit left the document clean');
  });

  it('Replace All with a different length and regex groups, saved by rewrite', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'ips.log');
    const original = Buffer.from('from 10.0.0.1 to 192.168.1.20\nfrom 172.16.5.4 to 8.8.8.8\n'.repeat(500));
    writeFileSync(file, original);
    const uri = await open(api, file);
    const query = { pattern: '(\\d+)\\.(\\d+)\\.\\d+\\.\\d+', mode: 'regex' as const, matchCase: true, wholeWord: false };
    await api.replaceActive('all', query, '$1.$2.x.x');
    await until('the replacement', () => api.documentState(uri)?.dirty === true);
    await save();
    await until('the save', () => api.documentState(uri)?.dirty === false);
    const expected = original.toString('latin1').replace(/(\d+)\.(\d+)\.\d+\.\d+/g, '$1.$2.x.x');
    assert.equal(readFileSync(file, 'latin1'), expected);
  });

  it('a read-only document refuses edits and stays clean', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'ro.txt');
    writeFileSync(file, 'read only please');
    const uri = await open(api, file, 'read');
    api.editActive({ kind: 'overwrite', offset: 0, bytes: new Uint8Array([0x41]) });
    await sleep(500);
    assert.equal(api.documentState(uri)?.dirty, false);
    assert.equal(readFileSync(file, 'latin1'), 'read only please');
  });

  it('Copy mode takes every edit and never writes the file', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'orig.txt');
    writeFileSync(file, 'original content');
    const uri = await open(api, file, 'copy');
    api.editActive({ kind: 'overwrite', offset: 0, bytes: new Uint8Array(Buffer.from('ORIGINAL')) });
    api.editActive({ kind: 'insert', offset: 0, bytes: new Uint8Array(Buffer.from('>> ')) });
    await until('the edits', () => api.documentState(uri)?.size === 19);
    const r = await waitForRender(api, uri, (x) => x.rows[0]?.endsWith('>> ORIGINAL cont'));
    assert.ok(r);
    assert.equal(readFileSync(file, 'latin1'), 'original content');
  });
});
