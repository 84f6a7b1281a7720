// Save Selection As…: the selected bytes written to a new file as the document shows them, unsaved
// edits included (an overwrite and an insert typed in the hex view), checked with cmp against a
// dd of the edited document that the engine's command line materializes from the same edits. A
// 6 GiB selection streams with a progress notification whose Cancel leaves no file behind, and
// the notification ends with the work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { answerFileDialog, explorerContextMenu, pollWebviews, waitForDirtyTab } from './support/workbench';
import { notifications, runExactCommand, waitForNotification, waitForStatusBar } from './support/dialogs';

const env = e2eEnvironment();
const browser = useBrowser();
const root = path.resolve(__dirname, '..', '..', '..');

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${command} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function openAtStart(page: Page, name: string): Promise<void> {
  await explorerContextMenu(page, name, 'Open in Large File Editor');
  await pollWebviews(page, (f) => f.locator('.hex-view .row').nth(2).click().then(() => true), () => true, 'a hex row');
  await page.keyboard.press('Control+Home');
}

/** Waits until no notification toast mentions `pattern` (the progress notification has ended). */
async function waitForNoNotification(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await notifications(page)).some((t) => pattern.test(t))) {
    if (Date.now() > deadline) assert.fail(`a notification matching ${pattern} stayed: ${JSON.stringify(await notifications(page))}`);
    await page.waitForTimeout(200);
  }
}

test('save selection as: a range over unsaved edits, byte for byte a dd of the edited document', async () => {
  const dir = testFolder(env, 'save-selection');
  const file = path.join(dir, 'data.log');
  const original = Buffer.from(Array.from({ length: 60_000 }, (_, i) => `event ${i} value=${(i * 7919) % 10007}\n`).join(''));
  writeFileSync(file, original);
  const target = path.join(dir, 'part.log');
  await withWorkbench(env, browser(), 'save-selection', dir, async (page) => {
    await openAtStart(page, 'data.log');
    // Unsaved edits: "AB" typed over bytes 5–6, then "C" inserted at 7 (Insert toggles insert mode).
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type('4142');
    await page.keyboard.press('Insert');
    await page.keyboard.type('43');
    await waitForDirtyTab(page, 'data.log', true);
    // The three typed bytes are in: the cursor is after them.
    await waitForStatusBar(page, /Offset 8 \(0x8\)/);
    // From byte 3 to the end of the document.
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await waitForStatusBar(page, /Offset 3 \(0x3\)/);
    await page.keyboard.press('Control+Shift+End');
    await runExactCommand(page, 'Large File Editor: Save Selection As…');
    await answerFileDialog(page, target);
    await waitForStatusBar(page, /Saved .* to part\.log/);
    await waitForNoNotification(page, /^Saving bytes/);

    // The oracle: the engine writes the document with the same edits out, dd takes the range.
    const edits = path.join(dir, 'edits.json');
    writeFileSync(edits, JSON.stringify([{ op: 'overwrite', offset: 5, text: 'AB' }, { op: 'insert', offset: 7, text: 'C' }]));
    const materialized = path.join(dir, 'edited.out');
    run(process.execPath, [path.join(root, 'out', 'tools', 'engine-cli.js'), 'materialize', '--edits', edits, file, materialized]);
    const size = statSync(materialized).size;
    assert.equal(size, original.length + 1);
    const expected = path.join(dir, 'expected.out');
    run('dd', [`if=${materialized}`, `of=${expected}`, 'bs=1M', 'iflag=skip_bytes,count_bytes', 'skip=3', `count=${size - 3}`, 'status=none']);
    run('cmp', [expected, target]);
    assert.equal(statSync(target).size, size - 3);
    // The engine's own door writes the same range the same way.
    const viaCli = path.join(dir, 'cli.out');
    run(process.execPath, [path.join(root, 'out', 'tools', 'engine-cli.js'), 'slice', '--edits', edits, '3', String(size - 3), file, viaCli]);
    run('cmp', [expected, viaCli]);
    assert.ok(statSync(file).size === original.length, 'the big file itself is not written');
  });
});

test('save selection as: 6 GiB stream with progress; Cancel leaves nothing and the notification goes', async () => {
  const dir = testFolder(env, 'save-selection-cancel');
  const file = path.join(dir, 'disk.img');
  writeFileSync(file, 'header');
  truncateSync(file, 6 * 1024 ** 3);
  const target = path.join(dir, 'copy.img');
  await withWorkbench(env, browser(), 'save-selection-cancel', dir, async (page) => {
    await openAtStart(page, 'disk.img');
    await page.keyboard.press('Control+Shift+End');
    await runExactCommand(page, 'Large File Editor: Save Selection As…');
    await answerFileDialog(page, target);
    const title = /^Saving bytes 0–6,442,450,943 of disk\.img to copy\.img/;
    const toast = page.locator('.notification-toast', { hasText: 'Saving bytes 0–6,442,450,943' });
    await toast.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(env.screenshots, 'save-selection-progress.png') });
    await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await waitForNotification(page, /Save Selection As cancelled: copy\.img was not written\./);
    await waitForNoNotification(page, title);
    assert.ok(!existsSync(target), 'no target file');
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('lfe-save')), [], 'no temp file left');
  });
});
