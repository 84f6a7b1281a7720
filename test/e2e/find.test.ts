// A user searches a log: Ctrl+F, types, sees the count grow to the exact total, steps through the
// matches, and opens Find All's results panel. Asserted from the webview's text; photographed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, pollWebviews } from './support/workbench';

const env = e2eEnvironment();
const browser = useBrowser();

/** A log of about 8 MB with a known number of ERROR lines. */
function writeLog(file: string): { text: string; errors: number } {
  const lines: string[] = [];
  let errors = 0;
  for (let i = 0; i < 100_000; i++) {
    const error = i % 37 === 5;
    if (error) errors++;
    lines.push(`2026-03-01T00:00:${String(i % 60).padStart(2, '0')}Z ${error ? 'ERROR' : 'INFO '} worker-${i % 8} request ${i} took ${i % 900}ms\n`);
  }
  const text = lines.join('');
  writeFileSync(file, text);
  return { text, errors };
}

function webviewText(page: Page, selector: string, accept: (t: string) => boolean, what: string): Promise<string> {
  return pollWebviews(page, (frame) => frame.locator(selector).first().textContent({ timeout: 1000 }).then((t) => t ?? ''), accept, what);
}

test('find: live count, stepping, and the Find All results panel', async () => {
  const dir = testFolder(env, 'find');
  const file = path.join(dir, 'service.log');
  const { text, errors } = writeLog(file);
  const first = text.indexOf('ERROR');
  const second = text.indexOf('ERROR', first + 1);
  await withWorkbench(env, browser(), 'find', dir, async (page) => {
    await explorerContextMenu(page, 'service.log', 'Open in Large File Editor');
    await pollWebviews(page, (f) => f.locator('.hex-view .row').count(), (n) => n > 0, 'the hex rows');
    await page.keyboard.press('Control+f');
    await pollWebviews(page, (f) => f.locator('.find-widget:not([hidden]) input[aria-label="Find"]').count(), (n) => n === 1, 'the find widget');
    // Type where a user's caret is: in the find box (the key that opened it may have left the
    // keyboard focus with the workbench).
    await pollWebviews(page, (f) => f.locator('.find-widget input[aria-label="Find"]').click().then(() => true), () => true, 'the find box');
    await page.keyboard.type('error');
    // Case-insensitive by default: every ERROR line, and the cursor on the first one.
    const count = await webviewText(page, '.find-count', (t) => /^\d[\d,]* of [\d,]+$/.test(t) || t === `${errors.toLocaleString('en-US')} results`, 'the final count');
    assert.match(count, new RegExp(`${errors.toLocaleString('en-US')}$`));
    await page.screenshot({ path: path.join(env.screenshots, 'find-1-count.png') });

    await page.keyboard.press('Enter');
    await webviewText(page, '.find-count', (t) => t.startsWith('2 of '), 'the second match');
    // The match is selected, the cursor just after it (as in VS Code). The status bar follows a moment later.
    const cursor = second + 'error'.length;
    const statusItems = page.locator('.part.statusbar .statusbar-item');
    const wanted = (t: string) => t.includes(`Offset ${cursor.toLocaleString('en-US')}`) && t.includes('5 selected');
    const deadline = Date.now() + 30_000;
    let status = '';
    while (!wanted((status = (await statusItems.allTextContents()).join(' | ')))) {
      if (Date.now() > deadline) assert.fail(`the second match (${second}) is not selected: ${status}`);
      await page.waitForTimeout(200);
    }

    await pollWebviews(page, (f) => f.locator('button[aria-label="Find All"]').click().then(() => true), () => true, 'Find All');
    const summary = await webviewText(page, '.results-header span', (t) => /results/.test(t) && !/so far/.test(t), 'the results summary');
    assert.equal(summary, `${errors.toLocaleString('en-US')} results`);
    const row = await webviewText(page, '.result-row', (t) => t.includes('ERROR'), 'the first result row');
    assert.ok(row.startsWith(first.toString(16).toUpperCase().padStart(8, '0')), `first result at ${first}: ${row}`);
    assert.ok(row.includes('Ln 6'), `line number of the first ERROR: ${row}`);
    await page.screenshot({ path: path.join(env.screenshots, 'find-2-results.png') });
  });
});
