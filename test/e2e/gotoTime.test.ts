// A user opens a log, switches to the text view and types a time into Go to (Ctrl+G): the cursor
// lands on the first line at or after it — lines written a little out of order by several threads,
// stack traces between them — and the status bar shows that line's time. Then +10m in the Go to
// box of the editor's toolbar, `end`, and a word that is no time (a clear warning, no jump).
// Expected offsets and times come from the generator's record of every line, not from the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { wallTime } from '../../extension/time/timeText';
import { firstAtOrAfter, GeneratedLine, generateLog } from '../support/timeLogs';
import { waitForNotification, waitForStatusBar } from './support/dialogs';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, goTo, pollWebviews } from './support/workbench';

const env = e2eEnvironment();
const browser = useBrowser();

const log = generateLog('iso-z', {
  lines: 20_000,
  startMs: Date.UTC(2026, 2, 1, 8, 0, 0),
  gapMs: 400,
  jitterBlock: 4,
  continuation: 0.1,
  header: 2,
  seed: 5,
  errorRate: 0.05,
});

const lineAt = (offset: number): GeneratedLine => log.lines.find((l) => l.start === offset)!;
const entryOf = (line: GeneratedLine): GeneratedLine => {
  let i = log.lines.indexOf(line);
  while (log.lines[i].time === null) i--;
  return log.lines[i];
};
const n = (x: number) => x.toLocaleString('en-US');

/** The visible rows of the text view. */
function textRows(page: Page, accept: (rows: string[]) => boolean, what: string): Promise<string[]> {
  return pollWebviews(
    page,
    (f) => f.locator('.text-view:not([hidden]) .row:not([hidden]) .text').evaluateAll((rows) => rows.map((r) => r.textContent ?? '')),
    accept,
    what,
  );
}

/** Waits for the cursor at `offset` (status bar), the row of that line in view, and its time in the status bar. */
async function landedOn(page: Page, offset: number, what: string): Promise<void> {
  const line = lineAt(offset);
  assert.ok(line, `${what}: ${offset} is a line start`);
  await waitForStatusBar(page, new RegExp(`Offset ${n(offset)} \\(`));
  const rows = await textRows(page, (r) => r.some((t) => t.startsWith(line.text.slice(0, 60))), `${what}: the row "${line.text.slice(0, 60)}"`);
  assert.ok(rows.some((t) => t.startsWith(line.text.slice(0, 60))));
  const entry = entryOf(line);
  await waitForStatusBar(page, new RegExp(wallTime(entry.time!, 0).replace(/[.+]/g, '\\$&')));
}

test('Go to a time: Ctrl+G and the Go to box land on the first line at or after it; the status bar shows its time', async () => {
  const dir = testFolder(env, 'goto-time');
  const file = path.join(dir, 'service.log');
  writeFileSync(file, log.bytes);
  await withWorkbench(env, browser(), 'goto-time', dir, async (page) => {
    await explorerContextMenu(page, 'service.log', 'Open in Large File Editor');
    await pollWebviews(page, (f) => f.locator('.hex-view .row').first().click().then(() => true), () => true, 'the hex rows');
    await page.keyboard.press('Control+Alt+h');
    await textRows(page, (r) => r.some((t) => t.startsWith('# log opened')), 'the text view');

    // An absolute time, typed as people type it.
    const nine = firstAtOrAfter(log.lines, Date.UTC(2026, 2, 1, 9, 0, 0) * 1000)!;
    await goTo(page, '2026-03-01 09:00');
    await landedOn(page, nine, '2026-03-01 09:00');
    await page.screenshot({ path: path.join(env.screenshots, 'goto-time-1-nine.png') });

    // The Go to box of the editor's own toolbar, relative to the cursor's line.
    const tenLater = firstAtOrAfter(log.lines, lineAt(nine).time! + 10 * 60e6)!;
    await pollWebviews(page, (f) => f.locator('input.goto').click().then(() => true), () => true, 'the Go to box');
    await page.keyboard.type('+10m');
    await page.keyboard.press('Enter');
    await landedOn(page, tenLater, '+10m');
    await page.screenshot({ path: path.join(env.screenshots, 'goto-time-2-plus-10m.png') });

    // A time of day alone: on the file's first day.
    const quarterPast = firstAtOrAfter(log.lines, Date.UTC(2026, 2, 1, 8, 45) * 1000)!;
    await goTo(page, '08:45');
    await landedOn(page, quarterPast, '08:45');

    // The end.
    const last = log.lines[log.lines.length - 1];
    await goTo(page, 'end');
    await waitForStatusBar(page, new RegExp(`Offset ${n(last.start)} \\(`));

    // No time at all: a warning that says so, and the cursor stays.
    await goTo(page, 'soonish');
    await waitForNotification(page, /Not an offset, line or time: soonish/);
    await waitForStatusBar(page, new RegExp(`Offset ${n(last.start)} \\(`));
    await page.screenshot({ path: path.join(env.screenshots, 'goto-time-3-not-a-time.png') });
  });
});
