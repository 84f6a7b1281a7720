import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, closeAllEditors, waitForRender } from './helpers';

/** Another process changes the file, as a logger or a truncating tool would. */
function shell(script: string, file: string): void {
  execFileSync('sh', ['-c', script, 'sh', file]);
}

describe('Changes on disk', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lfe-disk-'));
    file = path.join(dir, 'growing.log');
    writeFileSync(file, 'first line\nsecond line\n');
  });
  afterEach(async () => {
    await closeAllEditors();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Follow keeps the end of a growing log on screen, like tail -f', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    await vscode.commands.executeCommand('largeFile.toggleView');
    await waitForRender(api, uri, (r) => r.rows.includes('second line'));
    await vscode.commands.executeCommand('largeFile.toggleFollow', true);

    for (const last of [2000, 4000]) {
      const shown = waitForRender(api, uri, (r) => r.rows.includes(`appended ${last}`), 20_000);
      shell(`i=${last - 1999}; while [ $i -le ${last} ]; do echo "appended $i"; i=$((i+1)); done >> "$1"`, file);
      const r = await shown;
      assert.ok(r.firstOffset > 0, 'the view moved down to the end');
    }
  });

  it('a file truncated behind our back is shown as it is now, and nothing crashes', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    shell('i=0; while [ $i -lt 20000 ]; do echo "line $i of a file about to shrink"; i=$((i+1)); done >> "$1"', file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    await vscode.commands.executeCommand('largeFile.goTo', '90%');
    await waitForRender(api, uri, (r) => r.firstOffset > 100_000);

    const shrunk = waitForRender(api, uri, (r) => r.firstOffset === 0 && r.rows.length === 1, 20_000);
    shell('truncate -s 11 "$1"', file);
    const r = await shrunk;
    assert.equal(r.rows[0], '00000000  66 69 72 73 74 20 6C 69 6E 65 0A                 first line·');
    assert.deepEqual(api.engine(), { loaded: true });
  });
});
