// The stored line index inside VS Code: the index of a large file lands in the extension's global
// storage when it completes, and a file opened again is numbered from it (an entry with one more
// line planted in it shows through), while the same file rewritten is indexed afresh. Unsaved
// edits are numbered on top of the stored counts.
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { decode, identifyFile, LineIndexStore } from '../../extension/lines/lineIndexStore';
import { activatedApi, closeAllEditors, until, waitForRender } from './helpers';
import type { LargeFileEditorApi } from '../../extension/extension';

const LINES = 400_000;

async function openAndCount(api: LargeFileEditorApi, uri: vscode.Uri): Promise<number> {
  await vscode.commands.executeCommand('largeFile.openFile', uri);
  await waitForRender(api, uri);
  await until('the line count', () => api.lineCount(uri)?.complete === true);
  return api.lineCount(uri)!.lines;
}

describe('The stored line index', () => {
  let dir: string;
  let file: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lfe-store-'));
    file = path.join(dir, 'big.log');
    const line = 'an ordinary log line of about fifty bytes here\n';
    writeFileSync(file, line.repeat(LINES)); // 19 MB: above the store's 16 MiB floor
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
  });

  it('is written when the index completes and used when the file is opened again', async () => {
    const api = await activatedApi();
    const storeDir = api.lineIndexStoreDir();
    assert.ok(storeDir, 'the extension has a store');
    const uri = vscode.Uri.file(file);
    assert.equal(await openAndCount(api, uri), LINES + 1);
    const identity = identifyFile(file);
    let entry: string | undefined;
    await until('the entry', () => {
      entry = readdirSync(storeDir, { recursive: true }).map(String).find((n) => n.endsWith('.lfeidx') && decode(readFileSync(path.join(storeDir, n)))?.header.identity.ino === identity.ino);
      return entry !== undefined;
    });
    const stored = decode(readFileSync(path.join(storeDir, entry!)))!;
    assert.equal(stored.counts.breaks.reduce((a, b) => a + b, 0), LINES, 'the stored counts are the file\'s');
    await closeAllEditors();

    // Plant one more line in the entry: a document that trusts the store shows it.
    const planted = { breaks: stored.counts.breaks.slice(), loneCr: stored.counts.loneCr.slice() };
    planted.breaks[0]++;
    assert.ok(new LineIndexStore(storeDir, 1 << 30).save(file, identity, planted));
    assert.equal(await openAndCount(api, uri), LINES + 2, 'numbered from the stored counts');

    // Edits on top: a newline typed at the start adds one.
    await vscode.commands.executeCommand('largeFile.changeMode', 'write');
    await until('In place', () => api.documentState(uri)?.mode === 'write');
    api.editActive({ kind: 'insert', offset: 0, bytes: new Uint8Array([0x0a]) });
    await until('the edit', () => api.documentState(uri)?.dirty === true);
    await until('the edited count', () => api.lineCount(uri)?.lines === LINES + 3);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();

    // The file rewritten (same size, other content): the planted entry is not trusted.
    const text = readFileSync(file, 'latin1');
    writeFileSync(file, 'X' + text.slice(1), 'latin1');
    assert.equal(await openAndCount(api, uri), LINES + 1, 'a changed file is indexed afresh');
  });

  it('a log that grows on disk reloads with its stored index extended, not rebuilt', async () => {
    const api = await activatedApi();
    const storeDir = api.lineIndexStoreDir()!;
    const log = path.join(dir, 'growing.log');
    writeFileSync(log, 'a line of a log that keeps growing, forty-odd bytes\n'.repeat(LINES));
    const uri = vscode.Uri.file(log);
    assert.equal(await openAndCount(api, uri), LINES + 1);
    const identity = identifyFile(log);
    const store = new LineIndexStore(storeDir, 1 << 30);
    let seed: ReturnType<LineIndexStore['seedFor']>;
    await until('the entry', () => (seed = store.seedFor(log, identity)) !== undefined);
    // One line planted in block 0: if the reload scans everything again, it disappears.
    const planted = { breaks: seed!.breaks.slice(), loneCr: seed!.loneCr.slice() };
    planted.breaks[0]++;
    assert.ok(store.save(log, identity, planted));
    appendFileSync(log, 'appended\n'.repeat(1000));
    await until('the reload with the appended lines', () => api.lineCount(uri)?.complete === true && api.documentState(uri)?.size === identity.size + 9000);
    assert.equal(api.lineCount(uri)!.lines, LINES + 1000 + 2, 'the old part came from the store (planted line included), the tail was scanned');
  });
});
