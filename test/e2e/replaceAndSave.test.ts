// A user scrubs a token from a big log: Ctrl+H, Replace All (millions of matches), Ctrl+S. The
// save runs in place with its progress in the status bar while VS Code keeps answering; a key
// typed meanwhile is refused with a notice instead of slipping into the file. The saved file
// is byte for byte an independent replacement of the original. Photographed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, pollWebviews, waitForDirtyTab } from './support/workbench';
import { answerDialog, notifications, waitForDialog } from './support/dialogs';

const env = e2eEnvironment();
const browser = useBrowser();
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function webviewText(page: Page, selector: string, accept: (t: string) => boolean, what: string, timeoutMs?: number): Promise<string> {
  return pollWebviews(page, (frame) => frame.locator(selector).first().textContent({ timeout: 1000 }).then((t) => t ?? ''), accept, what, timeoutMs);
}

async function statusBar(page: Page): Promise<string> {
  return (await page.locator('.part.statusbar .statusbar-item').allTextContents()).join(' | ');
}

test('replace all and save: millions of replacements saved in place, VS Code answering meanwhile', async () => {
  const dir = testFolder(env, 'replace-save');
  const file = path.join(dir, 'tokens.log');
  const matches = 6_000_000;
  const original = Buffer.from('id=7 token=secret; ok\n'.repeat(matches));
  writeFileSync(file, original);
  const expected = Buffer.from(original.toString('latin1').split('secret').join('XXXXXX'), 'latin1');
  await withWorkbench(env, browser(), 'replace-save', dir, async (page) => {
    await explorerContextMenu(page, 'tokens.log', 'Open in Large File Editor');
    await pollWebviews(page, (f) => f.locator('.hex-view .row').count(), (n) => n > 0, 'the hex rows');
    await page.keyboard.press('Control+h');
    await pollWebviews(page, (f) => f.locator('.find-widget:not([hidden]) input[aria-label="Replace"]').count(), (n) => n === 1, 'the replace box');
    await pollWebviews(page, (f) => f.locator('.find-widget input[aria-label="Find"]').click().then(() => true), () => true, 'the find box');
    await page.keyboard.type('secret');
    await pollWebviews(page, (f) => f.locator('.find-widget input[aria-label="Replace"]').click().then(() => true), () => true, 'the replace box');
    await page.keyboard.type('XXXXXX');
    await pollWebviews(page, (f) => f.locator('button[aria-label^="Replace All"]').click().then(() => true), () => true, 'Replace All');
    const n = matches.toLocaleString('en-US');
    // Millions of matches: the editor says what it is about to do first.
    await waitForDialog(page, new RegExp(`Replace ${n} matches in tokens\\.log\\? The file is written when you save\\.`), 120_000);
    await answerDialog(page, `Replace ${n}`);
    await webviewText(page, '.find-count', (t) => t.includes(`Replaced ${n}`), `"Replaced ${n} matches"`, 120_000);
    // The search's progress notification (with its Cancel) ended with the search.
    assert.deepEqual((await notifications(page)).filter((t) => /Replace All|found/.test(t)), [], 'no progress notification left');
    await waitForDirtyTab(page, 'tokens.log', true);
    assert.equal(sha(readFileSync(file)), sha(original), 'nothing reaches the file before Save');

    // Put the cursor on the first byte (a row the find widget does not cover), then save.
    await pollWebviews(page, (f) => f.locator('.hex-view .row').nth(10).click().then(() => true), () => true, 'a row');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+s');
    const deadline = Date.now() + 60_000;
    let status = '';
    while (!/Saving tokens\.log/.test((status = await statusBar(page)))) {
      if (Date.now() > deadline) assert.fail(`the status bar never showed the save: ${status}`);
      await page.waitForTimeout(50);
    }
    await page.screenshot({ path: path.join(env.screenshots, 'replace-save-1-saving.png') });
    // A key typed while the save runs: refused, and said so.
    await page.keyboard.type('4');
    const notice = await webviewText(page, '.toolbar .message', (t) => t.startsWith('Saving'), 'the "Saving…" notice');
    assert.match(notice, /edits are possible again when the save is done/);
    await page.screenshot({ path: path.join(env.screenshots, 'replace-save-2-refused.png') });

    await waitForDirtyTab(page, 'tokens.log', false, 180_000);
    assert.equal(sha(readFileSync(file)), sha(expected), 'the saved file is the independent replacement, without the refused key');
    assert.deepEqual(readdirSync(dir).filter((name) => name !== 'tokens.log'), [], 'the rollback journal is gone after the save');
    await page.screenshot({ path: path.join(env.screenshots, 'replace-save-3-saved.png') });
  });
});
