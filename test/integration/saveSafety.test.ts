// Nothing reaches the file without a deliberate act, in VS Code for the Web's own configuration
// (`files.autoSave: afterDelay`, as code-server ships it): auto save and VS Code's save command
// leave an In place document unsaved; the editor's Save writes it; every save can be undone,
// length-changing ones included; programs open read-only even when the settings say In place.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, closeAllEditors, sleep, until, waitForRender } from './helpers';
import type { LargeFileEditorApi } from '../../extension/extension';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function openInPlace(api: LargeFileEditorApi, file: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.file(file);
  await vscode.commands.executeCommand('largeFile.openFile', uri);
  await waitForRender(api, uri);
  await vscode.commands.executeCommand('largeFile.changeMode', 'write');
  await until('In place', () => api.documentState(uri)?.mode === 'write');
  return uri;
}

describe('Nothing reaches the file without a deliberate save', () => {
  let dir: string;

  before(() => {
    // The suite runs in code-server's own configuration: auto save after a delay.
    const autoSave = vscode.workspace.getConfiguration('files').get<string>('autoSave');
    assert.notEqual(autoSave, 'off', `this suite needs auto save on (code-server's default), found ${autoSave}`);
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lfe-safety-'));
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
    rmSync(dir, { recursive: true, force: true });
  });

  it('auto save does not write an In place edit; 4 s later the file is unchanged and the document unsaved; Save to File writes it', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'app.log');
    const original = Buffer.from('2026-03-01 INFO request handled\n'.repeat(2000));
    writeFileSync(file, original);
    const uri = await openInPlace(api, file);
    api.editActive({ kind: 'overwrite', offset: 11, bytes: new Uint8Array(Buffer.from('WARN')) });
    await until('the edit', () => api.documentState(uri)?.dirty === true);
    const delay = vscode.workspace.getConfiguration('files').get<number>('autoSaveDelay', 1000);
    await sleep(delay + 3000);
    assert.equal(sha(readFileSync(file)), sha(original), 'auto save wrote the file');
    assert.equal(api.documentState(uri)?.dirty, true, 'the document still has its unsaved edit');

    await vscode.commands.executeCommand('largeFile.save');
    await until('the save', () => api.documentState(uri)?.dirty === false);
    const expected = Buffer.from(original);
    expected.write('WARN', 11, 'latin1');
    assert.equal(sha(readFileSync(file)), sha(expected));
  });

  it("VS Code's save command on its own (what auto save calls) is held: no write, still unsaved", async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'data.bin');
    const original = Buffer.alloc(64 * 1024, 0x41);
    writeFileSync(file, original);
    const uri = await openInPlace(api, file);
    api.editActive({ kind: 'insert', offset: 0, bytes: new Uint8Array([1, 2, 3]) });
    await until('the edit', () => api.documentState(uri)?.dirty === true);
    await vscode.commands.executeCommand('workbench.action.files.save');
    await sleep(500);
    assert.equal(sha(readFileSync(file)), sha(original));
    assert.equal(api.documentState(uri)?.dirty, true);
  });

  it('undo survives a save that rewrites the file: insert, save, undo, save gives the original bytes; redo, save the edit again', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'lines.txt');
    const original = Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join(''));
    writeFileSync(file, original);
    const uri = await openInPlace(api, file);
    api.editActive({ kind: 'insert', offset: 7, bytes: new Uint8Array(Buffer.from('INSERTED ')) });
    api.editActive({ kind: 'delete', offset: 100, length: 50 });
    await until('both edits', () => api.documentState(uri)?.size === original.length + 9 - 50);
    const inode = statSync(file).ino;
    await vscode.commands.executeCommand('largeFile.save');
    await until('the rewrite save', () => api.documentState(uri)?.dirty === false);
    const edited = readFileSync(file);
    assert.notEqual(statSync(file).ino, inode, 'a length change saves through a new file');
    assert.equal(edited.length, original.length - 41);

    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    await until('both undone', () => api.documentState(uri)?.size === original.length && api.documentState(uri)?.dirty === true);
    await vscode.commands.executeCommand('largeFile.save');
    await until('the save of the undo', () => api.documentState(uri)?.dirty === false);
    assert.equal(sha(readFileSync(file)), sha(original), 'undo after a rewrite save restores the exact original bytes');

    await vscode.commands.executeCommand('redo');
    await vscode.commands.executeCommand('redo');
    await until('both redone', () => api.documentState(uri)?.size === edited.length && api.documentState(uri)?.dirty === true);
    await vscode.commands.executeCommand('largeFile.save');
    await until('the save of the redo', () => api.documentState(uri)?.dirty === false);
    assert.equal(sha(readFileSync(file)), sha(edited));
  });

  it('a program opens read-only even when largeFile.defaultMode is In place', async () => {
    const api = await activatedApi();
    const config = vscode.workspace.getConfiguration('largeFile');
    await config.update('defaultMode', 'write', vscode.ConfigurationTarget.Global);
    try {
      const uri = vscode.Uri.file(process.execPath);
      await vscode.commands.executeCommand('largeFile.openFile', uri);
      await waitForRender(api, uri);
      assert.equal(api.documentState(uri)?.mode, 'read');
      const plain = path.join(dir, 'plain.txt');
      writeFileSync(plain, 'just text\n');
      const plainUri = vscode.Uri.file(plain);
      await vscode.commands.executeCommand('largeFile.openFile', plainUri);
      await waitForRender(api, plainUri);
      assert.equal(api.documentState(plainUri)?.mode, 'write', 'an ordinary file follows the setting');
    } finally {
      await config.update('defaultMode', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
