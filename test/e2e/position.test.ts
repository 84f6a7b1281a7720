// The position is kept: a user at line 5,000 of a log's text view (and at an offset in the hex
// view) switches to another tab and back, then reloads the window with an unsaved edit (hot
// exit): each time the same line is at the top of the screen and the status bar says Ln 5,000.
// The time from the tab click to the rows is logged (the benchmark measures it on 10 GB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, goTo, pollWebviews, waitForDirtyTab } from './support/workbench';
import { waitForStatusBar } from './support/dialogs';
import { clickRow, hexRows, openInTextView, textRows } from './support/editorView';

const env = e2eEnvironment();
const browser = useBrowser();

const line = (n: number) => `${String(n).padStart(6, '0')} GET /api/items?page=${n} 200\n`;
const TEXT = Array.from({ length: 10_000 }, (_, i) => line(i + 1)).join('');


/** Clicks the editor tab of `name` and returns when `ready` holds, with the time it took. */
async function switchTo(page: Page, name: string, ready: () => Promise<unknown>): Promise<number> {
  const t0 = Date.now();
  await page.locator('.tabs-container .tab', { hasText: name }).first().click();
  await ready();
  return Date.now() - t0;
}

test('text view: line 5,000 stays at the top across a tab switch and a reload with unsaved edits', async () => {
  const dir = testFolder(env, 'position');
  writeFileSync(path.join(dir, 'access.log'), TEXT);
  writeFileSync(path.join(dir, 'notes.txt'), 'another tab\n');
  await withWorkbench(env, browser(), 'position-text', dir, async (page) => {
    await openInTextView(page, 'access.log');
    await goTo(page, 'line 5000');
    await waitForStatusBar(page, /Ln 5,000, Byte 1\b/);
    const at = await textRows(page, (r) => r.some(([g]) => g.trim() === '5000'), 'line 5,000 in view');
    const top = at[0][0].trim();
    const topIs = (rows: [string, string][]) => rows[0]?.[0].trim() === top && rows[0][1] === line(Number(top)).trimEnd();

    // Another tab, then back.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes.txt' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'another tab' }).first().waitFor();
    const ms = await switchTo(page, 'access.log', () => textRows(page, topIs, `line ${top} at the top again`));
    console.log(`re-shown after a tab switch in ${ms} ms`);
    await waitForStatusBar(page, /Ln 5,000, Byte 1\b/);
    await page.screenshot({ path: path.join(env.screenshots, 'position-1-tab-back.png') });

    // An unsaved edit (Insert, then a character at the cursor), then a window reload: hot exit.
    await clickRow(page, 'text', 2);
    await page.keyboard.press('Insert');
    await page.keyboard.type('#');
    await waitForDirtyTab(page, 'access.log', true);
    await page.waitForTimeout(3000); // VS Code backs the dirty document up a moment after the edit
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const reopened = await textRows(page, (r) => r.length > 0, 'the reopened editor', 40_000).then(
      () => true,
      () => false,
    );
    if (!reopened) await explorerContextMenu(page, 'access.log', 'Open in Large File Editor');
    const rows = await textRows(page, (r) => r[0]?.[0].trim() === top, `line ${top} at the top after the reload`);
    assert.equal(rows[2][1], `#${line(Number(top) + 2).trimEnd()}`, 'the unsaved edit is back, where it was typed');
    await page.screenshot({ path: path.join(env.screenshots, 'position-2-reloaded.png') });
  });
});

test('hex view: the offset at the top stays across a tab switch', async () => {
  const dir = testFolder(env, 'position-hex');
  writeFileSync(path.join(dir, 'data.bin'), Buffer.from(TEXT));
  writeFileSync(path.join(dir, 'notes.txt'), 'another tab\n');
  await withWorkbench(env, browser(), 'position-hex', dir, async (page) => {
    await explorerContextMenu(page, 'data.bin', 'Open in Large File Editor');
    await hexRows(page, (r) => r.length > 0, 'the hex rows');
    await clickRow(page, 'hex', 0);
    await goTo(page, '0x40000');
    await hexRows(page, (r) => r.some((x) => x.startsWith('00040000')), 'offset 0x40000 in view');
    const top = (await hexRows(page, () => true, 'the rows'))[0];
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes.txt' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'another tab' }).first().waitFor();
    await switchTo(page, 'data.bin', () => hexRows(page, (r) => r[0] === top, 'the same top row'));
    await pollWebviews(page, (f) => f.locator('.hex-view:not([hidden])').count(), (n) => n === 1, 'the hex view');
  });
});
