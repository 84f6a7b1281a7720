// Slices in VS Code's own editor, driven through the API an extension sees (text documents,
// workspace edits, save, undo): two slices of one document at once (a length-changing write of
// the first moves the second, and both land where they belong); a clean slice follows undo and
// redo in the big document; closing the big editor closes clean slices and keeps a dirty one,
// whose save is refused until the big file is open again; UTF-16 text with its BOM round-trips;
// a region that is not valid UTF-8 opens read-only; lines and JSON records by number.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, closeAllEditors, until, VIEW_TYPE, waitForRender } from './helpers';
import type { LargeFileEditorApi } from '../../extension/extension';

async function open(api: LargeFileEditorApi, file: string, mode: 'read' | 'write' = 'write'): Promise<vscode.Uri> {
  const uri = vscode.Uri.file(file);
  await vscode.commands.executeCommand('largeFile.openFile', uri);
  await waitForRender(api, uri);
  if (mode === 'write') {
    await vscode.commands.executeCommand('largeFile.changeMode', 'write');
    await until('In place', () => api.documentState(uri)?.mode === 'write');
  }
  await until('the webview’s status', () => api.activeStatus() !== undefined);
  return uri;
}

/** The tabs of the big file's editors. */
function bigTabs(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.toString() === uri.toString());
}

/** Makes the big file's editor (in its own group) the active one again: opening a slice moved the focus beside it. */
async function focusBig(api: LargeFileEditorApi, uri: vscode.Uri): Promise<void> {
  const viewColumn = bigTabs(uri)[0]?.group.viewColumn;
  await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE, { viewColumn });
  await until('the big editor to be active', () => api.activeStatus() !== undefined);
}

async function openSlice(start: number, length: number): Promise<vscode.TextDocument> {
  const uri = await vscode.commands.executeCommand<string | undefined>('largeFile.openSelectionInTextEditor', { start, length });
  assert.ok(uri, `a slice of ${start}+${length} opened`);
  return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
}

async function replaceAllText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
}

function bigText(api: LargeFileEditorApi, uri: vscode.Uri): number | undefined {
  return api.documentState(uri)?.size;
}

describe('Slices in the text editor', () => {
  let dir: string;
  before(async () => {
    // Saves happen when the tests say so.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lfe-slices-'));
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await closeAllEditors();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two slices at once: the first one’s longer text moves the second, and both land in place', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'two.log');
    const original = Buffer.from(Array.from({ length: 50 }, (_, i) => `line ${String(i).padStart(2, '0')}\n`).join(''));
    writeFileSync(file, original);
    const uri = await open(api, file);
    const first = await openSlice(0, 16);
    await focusBig(api, uri);
    const second = await openSlice(80, 16);
    assert.equal(first.getText(), original.subarray(0, 16).toString());
    assert.equal(second.getText(), original.subarray(80, 96).toString());
    await replaceAllText(first, 'FIRST SLICE, MUCH LONGER NOW\n');
    assert.ok(await first.save(), 'the first slice saves');
    await replaceAllText(second, 'SECOND\n');
    assert.ok(await second.save(), 'the second slice saves, at its moved place');
    const expected = Buffer.concat([
      Buffer.from('FIRST SLICE, MUCH LONGER NOW\n'),
      original.subarray(16, 80),
      Buffer.from('SECOND\n'),
      original.subarray(96),
    ]);
    await until('the document size', () => bigText(api, uri) === expected.length);
    assert.deepEqual(api.documentState(uri)?.dirty, true);
    assert.ok(readFileSync(file).equals(original), 'slices never write the file');
    await focusBig(api, uri);
    await vscode.commands.executeCommand('largeFile.save');
    await until('the save', () => api.documentState(uri)?.dirty === false);
    assert.equal(readFileSync(file, 'latin1'), expected.toString('latin1'));
  });

  it('a clean slice follows undo and redo of its write-back in the big document', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'undo.log');
    writeFileSync(file, 'alpha\nbeta\ngamma\n');
    const uri = await open(api, file);
    const slice = await openSlice(6, 5);
    assert.equal(slice.getText(), 'beta\n');
    await replaceAllText(slice, 'BETA, edited\n');
    assert.ok(await slice.save());
    await focusBig(api, uri);
    await vscode.commands.executeCommand('undo');
    await until('the slice to show the original again', () => slice.getText() === 'beta\n');
    assert.equal(slice.isDirty, false);
    await vscode.commands.executeCommand('redo');
    await until('the slice to show the written text again', () => slice.getText() === 'BETA, edited\n');
  });

  it('closing the big editor closes clean slices; a dirty one is kept and saves once the file is open again', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'close.log');
    writeFileSync(file, 'one\ntwo\nthree\nfour\n');
    const uri = await open(api, file);
    const clean = await openSlice(0, 4);
    await focusBig(api, uri);
    const dirty = await openSlice(4, 4);
    await replaceAllText(dirty, 'TWO\n');
    assert.equal(bigTabs(uri).length, 1, 'one editor of the big file');
    assert.ok(await vscode.window.tabGroups.close(bigTabs(uri)), 'the big editor closes');
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.toString() : ''));
    await until('the clean slice to close', () => !tabs().includes(clean.uri.toString()));
    assert.ok(tabs().includes(dirty.uri.toString()), 'the dirty slice stays open');
    assert.equal(await dirty.save(), false, 'its save is refused while the big file is not open');
    assert.ok(dirty.isDirty, 'and its text is kept');
    const reopened = await open(api, file);
    assert.ok(await dirty.save(), 'with the file open again, it saves');
    await until('the big document to take it', () => api.documentState(reopened)?.dirty === true);
    await vscode.commands.executeCommand('largeFile.save');
    await until('the save', () => api.documentState(reopened)?.dirty === false);
    assert.equal(readFileSync(file, 'latin1'), 'one\nTWO\nthree\nfour\n');
  });

  it('UTF-16 LE text (its BOM included) is decoded for the editor and written back in UTF-16', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'wide.txt');
    const text = 'héllo wörld ✓\n'.repeat(20);
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const uri = await open(api, file);
    await vscode.commands.executeCommand('largeFile.changeEncoding', 'utf-16le');
    await until('the UTF-16 status', () => api.activeStatus()?.encoding === 'utf-16le');
    const slice = await openSlice(0, 2 + 2 * 14);
    assert.equal(slice.getText().replace(/^\ufeff/, ''), 'héllo wörld ✓\n', 'the text, not its bytes');
    await replaceAllText(slice, 'HÉLLO WÖRLD ✓\n');
    assert.ok(await slice.save());
    await focusBig(api, uri);
    await vscode.commands.executeCommand('largeFile.save');
    await until('the save', () => api.documentState(uri)?.dirty === false);
    const expected = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('HÉLLO WÖRLD ✓\n' + 'héllo wörld ✓\n'.repeat(19), 'utf16le')]);
    assert.ok(readFileSync(file).equals(expected), 'the BOM kept, the edit in UTF-16 LE');
  });

  it('a region that is not valid UTF-8 opens read-only; one with NUL bytes is not opened', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'mixed.bin');
    writeFileSync(file, Buffer.concat([Buffer.from('text\xff\xfe more', 'latin1'), Buffer.from([0, 0, 0]), Buffer.from(' tail')]));
    await open(api, file, 'read');
    const invalid = await openSlice(0, 8);
    const stat = await vscode.workspace.fs.stat(invalid.uri);
    assert.equal(stat.permissions, vscode.FilePermission.Readonly);
    assert.equal(await vscode.commands.executeCommand('largeFile.openSelectionInTextEditor', { start: 8, length: 6 }), undefined, 'NUL bytes: refused');
  });

  it('Edit Lines and Open Line as JSON take lines by number; mixed line breaks open read-only', async () => {
    const api = await activatedApi();
    const file = path.join(dir, 'records.jsonl');
    writeFileSync(file, '{"a":1}\n{"b":[1,2],"c":"x"}\r\n{"d":null}\n');
    await open(api, file, 'read');
    await until('line numbers', () => (api.lineCount(vscode.Uri.file(file))?.complete ?? false) === true);
    const last = await vscode.commands.executeCommand<string>('largeFile.editLines', '3');
    assert.equal((await vscode.workspace.openTextDocument(vscode.Uri.parse(last))).getText(), '{"d":null}\n');
    assert.equal((await vscode.workspace.fs.stat(vscode.Uri.parse(last))).permissions, undefined, 'editable');
    await focusBig(api, vscode.Uri.file(file));
    // CRLF then LF: VS Code's editor would make them the same, so the slice can only be read.
    const mixed = await vscode.commands.executeCommand<string>('largeFile.editLines', '2-3');
    assert.equal((await vscode.workspace.fs.stat(vscode.Uri.parse(mixed))).permissions, vscode.FilePermission.Readonly);
    await focusBig(api, vscode.Uri.file(file));
    const json = await vscode.commands.executeCommand<string>('largeFile.openLineAsJson', 2);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(json));
    assert.equal(doc.getText(), '{\n  "b": [\n    1,\n    2\n  ],\n  "c": "x"\n}\n');
    assert.equal(doc.languageId, 'json');
    assert.equal(api.sliceOf(doc.uri)?.current?.length, '{"b":[1,2],"c":"x"}'.length, 'the record without its CRLF');
  });
});
