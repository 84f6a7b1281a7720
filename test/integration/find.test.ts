import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { countOccurrences } from '../support/fixtures';
import { activatedApi, closeAllEditors, sleep, waitForRender } from './helpers';

/** A naive oracle: non-overlapping occurrences, leftmost first. */
const countNaive = countOccurrences;

describe('Find', () => {
  let dir: string;
  let file: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lfe-find-'));
    file = path.join(dir, 'app.log');
    const lines: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      lines.push(`${i} ${i % 7 === 0 ? 'ERROR' : 'INFO'} request ${i % 13 === 0 ? 'error=E1' : 'ok'} token=abc${i % 100}\n`);
    }
    writeFileSync(file, lines.join(''));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(closeAllEditors);

  it('"Find in File…" counts what a naive search counts, case-insensitively by default', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    await sleep(300); // the webview reports its status (encoding) after the first render
    const bytes = readFileSync(file);
    const count = await vscode.commands.executeCommand<number>('largeFile.findInFile', 'token=abc42', { matchCase: true });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(count, countNaive(bytes, Buffer.from('token=abc42')));

    // ERROR and error=: case-insensitive finds both; the QuickPick lists at most 1000.
    const lower = Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1');
    const expected = Math.min(1000, countNaive(lower, Buffer.from('error')));
    const caseless = await vscode.commands.executeCommand<number>('largeFile.findInFile', 'error');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(caseless, expected);
  });

  it('an invalid regex is an error, not a crash, and the editor keeps working', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    const count = await vscode.commands.executeCommand<number | undefined>('largeFile.findInFile', 're:(unclosed');
    assert.equal(count, undefined);
    const after = await vscode.commands.executeCommand<number>('largeFile.findInFile', 're:E[0-9]', { matchCase: true });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(after, Math.min(1000, countNaive(readFileSync(file), Buffer.from('error=E1'))));
  });
});
