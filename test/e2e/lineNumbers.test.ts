// Line numbers survive edits: in the text view a user presses Enter twice at the top of a file and
// types; the gutter still shows line numbers (not byte offsets), shifted by the two new lines, the
// status bar's Ln follows the cursor, Go to line finds a line below the edit and Find All's results
// carry the shifted line — all before any save; after the save the numbers are the same. Asserted from what the webview and the status bar show; photographed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, pollWebviews, waitForDirtyTab } from './support/workbench';

const env = e2eEnvironment();
const browser = useBrowser();

/** The text view's visible rows as [gutter, text] pairs. */
function gutterRows(page: Page, accept: (rows: [string, string][]) => boolean, what: string): Promise<[string, string][]> {
  return pollWebviews(
    page,
    (f) =>
      f.locator('.text-view:not([hidden]) .row:not([hidden])').evaluateAll((rows) =>
        rows.map((r) => [r.querySelector('.gutter')?.textContent ?? '', r.querySelector('.text')?.textContent ?? ''] as [string, string]),
      ),
    accept,
    what,
  );
}

/** The status bar's text, once `accept` likes it. */
async function statusBar(page: Page, accept: (t: string) => boolean, what: string): Promise<string> {
  const items = page.locator('.part.statusbar .statusbar-item');
  const deadline = Date.now() + 30_000;
  let text = '';
  while (!accept((text = (await items.allTextContents()).join(' | ')))) {
    if (Date.now() > deadline) assert.fail(`the status bar never showed ${what}: ${text}`);
    await page.waitForTimeout(200);
  }
  return text;
}

const numbered = (rows: [string, string][], first: number, count: number) =>
  rows.length >= count && rows.slice(0, count).every(([gutter], i) => gutter.trim() === String(first + i));

test('the gutter, Ln and Go to line count lines with unsaved inserted newlines', async () => {
  const dir = testFolder(env, 'line-numbers');
  const file = path.join(dir, 'numbered.txt');
  const lines: string[] = [];
  for (let i = 1; i <= 200; i++) lines.push(`line ${i}\n`);
  writeFileSync(file, lines.join(''));
  await withWorkbench(env, browser(), 'line-numbers', dir, async (page) => {
    await explorerContextMenu(page, 'numbered.txt', 'Open in Large File Editor');
    await pollWebviews(page, (f) => f.locator('.hex-view .row').first().click().then(() => true), () => true, 'the hex rows');
    await page.keyboard.press('Control+Alt+h');
    await gutterRows(page, (rows) => numbered(rows, 1, 5) && rows[0][1].startsWith('line 1'), 'the text view, numbered');

    // Click into the text, go to the very start, and type two newlines and a word.
    await pollWebviews(page, (f) => f.locator('.text-view .row .text').first().click().then(() => true), () => true, 'the first text row');
    await page.keyboard.press('Control+Home');
    // Typing overwrites by default: Insert, then the newlines and the word go in before "line 1".
    await page.keyboard.press('Insert');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('new');
    await waitForDirtyTab(page, 'numbered.txt', true);
    const rows = await gutterRows(
      page,
      (r) => numbered(r, 1, 6) && r[2][1].startsWith('newline 1') && r[3][1].startsWith('line 2'),
      'line numbers (not offsets) on the edited rows',
    );
    assert.equal(rows[5][1].trimEnd(), 'line 4', 'line 6 of the edited text is the old line 4');
    await statusBar(page, (t) => /Ln 3, Byte 4\b/.test(t), 'Ln 3 (the cursor after "new")');
    await page.screenshot({ path: path.join(env.screenshots, 'line-numbers-edited.png') });

    // Go to line 150 of the edited document: the old line 148.
    await page.keyboard.press('Control+g');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('line 150');
    await input.press('Enter');
    await statusBar(page, (t) => /Ln 150, Byte 1\b/.test(t), 'Ln 150 after Go to line');
    await gutterRows(page, (r) => r.some(([g, t]) => g.trim() === '150' && t.startsWith('line 148')), 'line 150 (old line 148) in view');

    // Find All: the results panel's line column counts the edited document too.
    await page.keyboard.press('Control+f');
    await pollWebviews(page, (f) => f.locator('.find-widget input[aria-label="Find"]').click().then(() => true), () => true, 'the find box');
    // Ctrl+F put the word at the cursor in the box, as VS Code's does: type over it.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('line 190');
    await pollWebviews(page, (f) => f.locator('button[aria-label="Find All"]').click().then(() => true), () => true, 'Find All');
    const row = await pollWebviews(
      page,
      (f) => f.locator('.result-row').first().textContent({ timeout: 1000 }).then((t) => t ?? ''),
      (t) => t.includes('line 190'),
      'the result row',
    );
    assert.ok(row.includes('Ln 192'), `old line 190 is line 192 now: ${row}`);

    // Saved (a rewrite: the file grew), the numbers stay right, now from the file's own index.
    await page.keyboard.press('Escape');
    await pollWebviews(page, (f) => f.locator('.text-view .row .text').first().click().then(() => true), () => true, 'a text row');
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'numbered.txt', false);
    assert.equal(readFileSync(file, 'utf8').slice(0, 20), '\n\nnewline 1\nline 2\nl');
    await page.keyboard.press('Control+Home');
    await gutterRows(page, (r) => numbered(r, 1, 6) && r[2][1].startsWith('newline 1') && r[5][1].startsWith('line 4'), 'the saved file numbered the same');
  });
});
