// Reading a log as issue 15 asks: see on the overview ruler where the error-level lines are
// (before any filter), filter to errors in the filtered view (rows asserted against a naive line
// oracle), refine to one worker and pop back, follow a row into the main view, see on the ruler
// where the filter's lines are, bookmark lines by clicking the gutter and find the bookmarks again
// after a window reload, and export the filtered lines (the file's bytes asserted, and it opens).
// Photographed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { answerFileDialog, goTo, pollWebviews } from './support/workbench';
import { runExactCommand, waitForStatusBar } from './support/dialogs';
import { clickRow, openInTextView, textRows } from './support/editorView';
import { tab } from './support/textEditors';

const env = e2eEnvironment();
const browser = useBrowser();

const LINES = 40_000;

/**
 * A log whose ERROR lines are all in its second half (so the ruler's top half must stay empty),
 * a few of them with "timeout", spread over 8 workers.
 */
function writeLog(file: string): string[] {
  const lines: string[] = [];
  for (let i = 0; i < LINES; i++) {
    const error = i >= LINES / 2 && i % 23 === 4;
    const level = error ? 'ERROR' : i % 5 === 0 ? 'WARN ' : 'INFO ';
    const what = error && i % 3 === 0 ? 'upstream timeout after 30s' : `request ${i} took ${i % 900}ms`;
    lines.push(`2026-03-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z ${level} worker-${i % 8} ${what}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return lines;
}

/** The oracle: 1-based numbers of the lines `keep` accepts. */
function oracle(lines: readonly string[], keep: (line: string) => boolean): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => keep(l) && out.push(i + 1));
  return out;
}

/** The filtered view's visible rows: [gutter, text]. */
function filterRows(page: Page, accept: (rows: [string, string][]) => boolean, what: string): Promise<[string, string][]> {
  return pollWebviews(
    page,
    (f) =>
      f.locator('.filter-pane:not([hidden]) .filter-list .vrow:not([hidden])').evaluateAll((rows) =>
        rows
          .filter((r) => (r as HTMLElement).offsetTop + (r as HTMLElement).offsetHeight <= (r.parentElement as HTMLElement).clientHeight)
          .map((r) => [r.querySelector('.gutter')?.textContent ?? '', r.querySelector('.text')?.textContent ?? ''] as [string, string]),
      ),
    accept,
    what,
  );
}

function filterCount(page: Page, accept: (t: string) => boolean, what: string): Promise<string> {
  return pollWebviews(page, (f) => f.locator('.filter-count').first().textContent({ timeout: 1000 }).then((t) => t ?? ''), accept, what);
}

async function inFilterBox(page: Page, text: string, key: 'Enter' | 'Shift+Enter'): Promise<void> {
  await pollWebviews(page, (f) => f.locator('.filter-input').fill(text, { timeout: 2000 }).then(() => true), () => true, 'the filter box');
  await pollWebviews(page, (f) => f.locator('.filter-input').press(key, { timeout: 2000 }).then(() => true), () => true, `${key} in the filter box`);
}

/** The ruler's lanes, left to right (bookmarks go across). */
const LANES = { find: 0, filter: 1, errors: 2 } as const;

/** Ruler rows (of its canvas) with a mark in one lane, and its height. */
function rulerMarks(frame: Frame, lane: keyof typeof LANES = 'filter'): Promise<{ height: number; marked: number[] }> {
  return frame.locator('.overview-ruler').evaluate((c, at) => {
    const canvas = c as HTMLCanvasElement;
    const ctx = canvas.getContext('2d');
    const marked: number[] = [];
    if (!ctx || canvas.height === 0) return { height: 0, marked };
    // The middle of the lane: three equal lanes across the canvas.
    const x = Math.floor(((at + 0.5) * canvas.width) / 3);
    const data = ctx.getImageData(x, 0, 1, canvas.height).data;
    for (let y = 0; y < canvas.height; y++) if (data[y * 4 + 3] > 0) marked.push(y);
    return { height: canvas.height, marked };
  }, LANES[lane]);
}

test('filtered view: rows vs a line oracle, refine and pop, the ruler, gutter bookmarks across a reload, export', async () => {
  const dir = testFolder(env, 'filter-view');
  const file = path.join(dir, 'service.log');
  const lines = writeLog(file);
  const fileSize = lines.reduce((n, l) => n + l.length + 1, 0);
  const firstErrorOffset = lines.slice(0, lines.findIndex((l) => l.includes('ERROR'))).reduce((n, l) => n + l.length + 1, 0);
  const errors = oracle(lines, (l) => l.includes('ERROR') && !l.includes('timeout'));
  const worker3 = oracle(lines, (l) => l.includes('ERROR') && !l.includes('timeout') && l.includes('worker-3'));
  assert.ok(errors.length > 500 && worker3.length > 50);
  await withWorkbench(env, browser(), 'filter-view', dir, async (page) => {
    await openInTextView(page, 'service.log');
    // Before any filter, the ruler's error lane: where the error-level lines are (the second half only).
    const errorLane = await pollWebviews(page, (f) => rulerMarks(f, 'errors'), (r) => r.height > 100 && r.marked.some((y) => y > r.height * 0.9), 'the error lane, down to the end');
    // The first mark is where the first ERROR line is in the file's bytes (a pixel either way).
    const firstY = Math.floor((firstErrorOffset / fileSize) * errorLane.height);
    assert.ok(errorLane.marked.every((y) => y >= firstY - 1), `no error mark above the first ERROR line (row ${firstY}): ${errorLane.marked.slice(0, 5).join(', ')}`);
    assert.ok(errorLane.marked[0] <= firstY + 1, `marks from the first ERROR line (row ${firstY}): ${errorLane.marked[0]}`);
    assert.deepEqual((await pollWebviews(page, (f) => rulerMarks(f, 'filter'), () => true, 'the filter lane')).marked, [], 'no filter yet: its lane is empty');
    await runExactCommand(page, 'Large File Editor: Filter Lines…');
    await pollWebviews(page, (f) => f.locator('.filter-pane:not([hidden]) .filter-input').count(), (n) => n === 1, 'the filtered view');

    // A bad expression: the host's error, inline, with its span marked.
    await inFilterBox(page, 'ERROR and (worker-1', 'Enter');
    const error = await pollWebviews(page, (f) => f.locator('.filter-error:not([hidden])').textContent({ timeout: 1000 }).then((t) => t ?? ''), (t) => t.length > 0, 'the inline error');
    assert.match(error, /\(|parenthes|\)/i, `the error says what is wrong: ${error}`);

    await inFilterBox(page, 'ERROR and not timeout', 'Enter');
    await filterCount(page, (t) => t === `${errors.length.toLocaleString('en-US')} lines`, `the oracle's count (${errors.length})`);
    const rows = await filterRows(page, (r) => r.length >= 5 && r[0][0] === `${errors[0]}:`, 'the first filtered rows');
    rows.forEach(([gutter, text], i) => {
      assert.equal(gutter, `${errors[i]}:`, `row ${i}'s line number`);
      assert.equal(text, lines[errors[i] - 1], `row ${i}'s text`);
    });
    const hits = await pollWebviews(page, (f) => f.locator('.filter-list .vrow:not([hidden]) .filter-hit').first().textContent({ timeout: 1000 }), (t) => t === 'ERROR', 'the match highlighted');
    assert.equal(hits, 'ERROR');

    // The ruler: the filter's marks only where ERROR lines are (the file's second half).
    const ruler = await pollWebviews(page, rulerMarks, (r) => r.height > 100 && r.marked.some((y) => y > r.height * 0.9), 'the filter marks on the ruler, down to the end');
    assert.ok(ruler.marked.every((y) => y >= Math.floor(ruler.height / 2) - 1), `no mark in the top half (no ERROR there): ${ruler.marked.slice(0, 5).join(', ')}`);
    assert.ok(ruler.marked.some((y) => y < ruler.height * 0.6), 'marks from the middle');
    await page.screenshot({ path: path.join(env.screenshots, 'filter-1-errors.png') });

    // Refine to one worker, then pop back.
    await inFilterBox(page, 'worker-3', 'Shift+Enter');
    await filterCount(page, (t) => t === `${worker3.length.toLocaleString('en-US')} lines`, `the refined count (${worker3.length})`);
    const refined = await filterRows(page, (r) => r.length >= 3 && r[0][0] === `${worker3[0]}:`, 'the refined rows');
    refined.forEach(([gutter], i) => assert.equal(gutter, `${worker3[i]}:`));
    const crumbs = await pollWebviews(page, (f) => f.locator('.filter-crumb').allTextContents(), (c) => c.length === 2, 'two breadcrumbs');
    assert.match(crumbs[1], new RegExp(`worker-3.*\\(${worker3.length.toLocaleString('en-US')}\\)`));
    await page.screenshot({ path: path.join(env.screenshots, 'filter-2-refined.png') });

    // A click on a row moves the main view there.
    await pollWebviews(page, (f) => f.locator('.filter-list .vrow:not([hidden])').nth(1).click({ timeout: 2000 }).then(() => true), () => true, 'a click on the second row');
    await waitForStatusBar(page, new RegExp(`Ln ${worker3[1].toLocaleString("en-US")},`));
    await textRows(page, (r) => r.some(([g, t]) => g.trim() === String(worker3[1]) && t === lines[worker3[1] - 1]), `line ${worker3[1]} in the main view`);

    await pollWebviews(page, (f) => f.locator('.filter-crumbs button', { hasText: 'Pop' }).click({ timeout: 2000 }).then(() => true), () => true, 'Pop');
    await filterCount(page, (t) => t === `${errors.length.toLocaleString('en-US')} lines`, 'the count before the refine');
    await pollWebviews(page, (f) => f.locator('.filter-crumb').count(), (n) => n === 1, 'one breadcrumb');
    // The main view is on worker3[1]: the nearest row of the popped filter is selected.
    const selected = await pollWebviews(page, (f) => f.locator('.filter-list .vrow[aria-selected="true"] .gutter').textContent({ timeout: 1000 }), (t) => t === `${worker3[1]}:`, 'the nearest row selected');
    assert.equal(selected, `${worker3[1]}:`);

    // Bookmarks: a click in the gutter of the text view's first and third rows.
    const top = await textRows(page, (r) => r.length > 5, 'the text rows');
    const marked = [Number(top[0][0].trim()), Number(top[2][0].trim())];
    for (const index of [0, 2]) {
      await pollWebviews(page, (f) => f.locator('.text-view .row:not([hidden]) .gutter').nth(index).click({ timeout: 2000 }).then(() => true), () => true, `a click in gutter ${index}`);
      await page.waitForTimeout(300);
    }
    const gutterMarks = await pollWebviews(page, (f) => f.locator('.text-view .row:not([hidden]) .gutter.bookmarked').allTextContents(), (g) => g.length === 2, 'two bookmarked lines');
    assert.deepEqual(gutterMarks.map((g) => Number(g.trim())), marked);

    // Export: the host asks where, writes the lines and opens the file.
    const exported = path.join(dir, 'errors.log');
    await pollWebviews(page, (f) => f.locator('.filter-bar button', { hasText: 'Export…' }).click({ timeout: 2000 }).then(() => true), () => true, 'Export');
    await answerFileDialog(page, exported);
    await filterCount(page, (t) => t.startsWith('Exported '), 'the export done');
    const want = errors.map((n) => lines[n - 1]).join('\n') + '\n';
    assert.equal(existsSync(exported) ? readFileSync(exported, 'utf8') : '(missing)', want, 'the exported bytes');
    await tab(page, 'errors.log').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(env.screenshots, 'filter-3-exported.png') });

    // A window reload: the bookmarks are kept (workspace state, keyed by the file's fingerprint).
    await page.reload();
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
    const reopened = await pollWebviews(page, (f) => f.locator('.row:not([hidden])').count(), (n) => n > 0, 'the editor after the reload', 20_000).then(
      () => true,
      () => false,
    );
    // VS Code reopens the editor it had, unless the reload came before it stored its layout.
    if (!reopened) await openInTextView(page, 'service.log');
    // Next Bookmark (Ctrl+Alt+L) from the top goes to one, then the other; their gutter marks are back.
    await goTo(page, '1');
    await clickRow(page, 'text', 0);
    for (const line of marked) {
      await page.keyboard.press('Control+Alt+l');
      await waitForStatusBar(page, new RegExp(`Ln ${line.toLocaleString('en-US')},`));
    }
    await pollWebviews(page, (f) => f.locator('.text-view .row:not([hidden]) .gutter.bookmarked').allTextContents(), (g) => g.length === 2, 'gutter marks after the reload');
    await runExactCommand(page, 'Large File Editor: Filter Lines…');
    await pollWebviews(page, (f) => f.locator('.filter-bar button', { hasText: 'Marks' }).click({ timeout: 2000 }).then(() => true), () => true, 'the Marks switch');
    const marks = await pollWebviews(page, (f) => f.locator('.marks-list .vrow:not([hidden]) .gutter').allTextContents(), (m) => m.length === 2, 'two bookmarks after the reload');
    assert.deepEqual(marks.map(Number), marked);
    await page.screenshot({ path: path.join(env.screenshots, 'filter-4-marks-after-reload.png') });
    await clickRow(page, 'text', 0).catch(() => undefined);
  });
});
