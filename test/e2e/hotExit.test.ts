// Hot exit: unsaved edits survive a window reload. The user types over bytes, VS Code backs the
// document up (the extension writes its edit journal, never a copy of the file), the window
// reloads, and the editor comes back dirty with the edits; saving then writes them to the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, pollWebviews, waitForDirtyTab } from './support/workbench';

const env = e2eEnvironment();
const browser = useBrowser();

/** The first hex row's text, once it starts with `prefix` (case-insensitive). */
function firstRow(page: Page, prefix: string): Promise<string> {
  return pollWebviews(
    page,
    (f) => f.locator('.hex-view .row').first().textContent({ timeout: 1000 }).then((t) => t ?? ''),
    (t) => t.toLowerCase().replace(/\s+/g, ' ').startsWith(prefix.toLowerCase()),
    `a first row starting "${prefix}"`,
  );
}

/**
 * Waits until VS Code has had the extension write a backup newer than `since` (a Large File
 * Editor backup starts with LFEBAK; the temp file it is written under does not count) and no
 * backup has changed for a while: a reload while VS Code is still replacing one backup by the
 * next is a race the test is not about.
 */
async function waitForBackup(page: Page, userDataDir: string | undefined, since: number): Promise<void> {
  if (!userDataDir) {
    await page.waitForTimeout(5000); // run outside the harness: give the backup a moment
    return;
  }
  const deadline = Date.now() + 60_000;
  let last = '';
  let stableSince = Date.now();
  for (;;) {
    const now = backupList(userDataDir, since);
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
    if (now !== '' && Date.now() - stableSince >= 2000) return;
    if (Date.now() > deadline) assert.fail(`VS Code did not back the dirty document up within a minute (${now || 'none'})`);
    await page.waitForTimeout(250);
  }
}

/** The complete Large File Editor backups modified since `since`: names, sizes and times. */
function backupList(userDataDir: string, since = 0): string {
  const found: string[] = [];
  for (const name of readdirSync(userDataDir, { recursive: true }).map(String)) {
    if (name.endsWith('.tmp')) continue;
    try {
      const file = path.join(userDataDir, name);
      const st = statSync(file);
      if (st.isFile() && st.mtimeMs >= since && readFileSync(file).subarray(0, 6).toString('latin1') === 'LFEBAK') {
        found.push(`${name} (${st.size} B, ${new Date(st.mtimeMs).toISOString()})`);
      }
    } catch {
      // removed while looking
    }
  }
  return found.join(', ');
}

test('hot exit: edits typed before a window reload come back dirty, and save', async () => {
  const dir = testFolder(env, 'hot-exit');
  const file = path.join(dir, 'blocks.bin');
  const original = Buffer.alloc(256 * 1024, 0x11);
  writeFileSync(file, original);
  await withWorkbench(env, browser(), 'hot-exit', dir, async (page) => {
    await explorerContextMenu(page, 'blocks.bin', 'Open in Large File Editor');
    await firstRow(page, '00000000 11 11');
    // Focus the view, go to the first byte, and type two bytes' nibbles.
    await pollWebviews(page, (f) => f.locator('.hex-view .row').first().click().then(() => true), () => true, 'the first row');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('cafe');
    const typed = Date.now() - 1000; // file times may be coarser than the clock
    await firstRow(page, '00000000 ca fe 11');
    await waitForDirtyTab(page, 'blocks.bin', true);
    // VS Code backs dirty documents up a moment after the last edit; a reload before that loses them.
    await waitForBackup(page, env.userDataDir, typed);
    assert.ok(readFileSync(file).equals(original), 'nothing reaches the file before Save');

    const before = env.userDataDir ? backupList(env.userDataDir) : '(unknown folder)';
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // VS Code reopens the editor it had, unless the reload came before it stored its layout (it
    // happens on a loaded machine); a user then opens the file again, and the edits must still
    // come back, from the backup VS Code no longer hands over.
    const reopened = await pollWebviews(page, (f) => f.locator('.hex-view .row').count(), (n) => n > 0, 'the reopened editor', 20_000).then(
      () => true,
      () => false,
    );
    if (!reopened) await explorerContextMenu(page, 'blocks.bin', 'Open in Large File Editor');
    const restored = await firstRow(page, '00000000 ca fe 11').catch(async (e: Error) => {
      const toasts = await page.locator('.notification-toast, .notifications-center .notification-list-item, .monaco-dialog-box').allTextContents().catch(() => []);
      throw new Error(`${e.message}\nbackups before the reload: ${before}\nafter: ${env.userDataDir ? backupList(env.userDataDir) : ''}\nnotifications: ${toasts.join(' | ')}`);
    });
    await waitForDirtyTab(page, 'blocks.bin', true);
    await page.screenshot({ path: path.join(env.screenshots, 'hot-exit-restored.png') });
    assert.ok(readFileSync(file).equals(original), 'restoring the backup does not write the file');

    await pollWebviews(page, (f) => f.locator('.hex-view .row').first().click().then(() => true), () => true, 'the first row');
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'blocks.bin', false);
    const saved = readFileSync(file);
    const expected = Buffer.from(original);
    expected[0] = 0xca;
    expected[1] = 0xfe;
    assert.ok(saved.equals(expected), `saved bytes: ${saved.subarray(0, 4).toString('hex')}; restored row: ${restored}`);
  });
});
