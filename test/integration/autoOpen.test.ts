import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, closeAllEditors, sleep, VIEW_TYPE, waitForRender } from './helpers';

/** Waits until the active tab satisfies `ok`, or fails naming what it is. */
async function waitForActiveTab(ok: (input: unknown) => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (ok(vscode.window.tabGroups.activeTabGroup.activeTab?.input)) return;
    await sleep(100);
  }
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  assert.fail(`expected ${what}; the active tab is ${input?.constructor.name ?? 'none'}`);
}

const isOurs = (input: unknown) => input instanceof vscode.TabInputCustom && input.viewType === VIEW_TYPE;
const isText = (input: unknown) => input instanceof vscode.TabInputText;

describe('Opening big files from VS Code (largeFile.autoOpenAboveMB)', () => {
  let dir: string;
  let big: string;
  let small: string;
  const config = () => vscode.workspace.getConfiguration('largeFile');

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lfe-auto-'));
    big = path.join(dir, 'big.txt');
    small = path.join(dir, 'small.txt');
    writeFileSync(big, Buffer.alloc(3 * 1024 * 1024 + 5, 'line of text\n'));
    writeFileSync(small, 'just a few bytes\n');
    await config().update('autoOpenAboveMB', 2, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('autoOpenAboveMB', undefined, vscode.ConfigurationTarget.Global);
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(closeAllEditors);

  it('a file above the threshold opened normally lands in the Large File Editor, with no text tab left', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(big);
    const rendered = waitForRender(api, uri);
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitForActiveTab(isOurs, 'the Large File Editor');
    const r = await rendered;
    assert.equal(r.rows[0].slice(0, 10), '00000000  ');
    assert.match(r.rows[0], /6C 69 6E 65 20 6F 66 20 74 65 78 74 0A/);
    const textTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => isText(t.input));
    assert.equal(textTabs.length, 0, 'the text editor tab was closed');
  });

  it('a file below the threshold stays in the text editor', async () => {
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(small));
    await waitForActiveTab(isText, 'the text editor');
    await sleep(1500);
    assert.ok(isText(vscode.window.tabGroups.activeTabGroup.activeTab?.input), 'still the text editor');
  });

  it('"Reopen in Text Editor" is respected: the big file is not sent back', async () => {
    const uri = vscode.Uri.file(big);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForActiveTab(isOurs, 'the Large File Editor');
    await vscode.commands.executeCommand('largeFile.reopenInTextEditor', uri);
    await waitForActiveTab(isText, 'the text editor');
    await sleep(1500);
    assert.ok(isText(vscode.window.tabGroups.activeTabGroup.activeTab?.input), 'still the text editor');
  });
});
