// A user opens a file bigger than 4 GiB (sparse: no disk used) just by opening it in VS Code —
// the size threshold sends it to the Large File Editor — then jumps to the middle and to the
// end, switches between hex and text, and changes the encoding. Every step is asserted from the
// text the webview shows, and photographed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { answerFileDialog, goToInput, pollWebviews, runFromPalette } from './support/workbench';

const env = e2eEnvironment();
const browser = useBrowser();

const GIB = 1024 ** 3;
const SIZE = 6 * GIB + 123;
const MIDDLE = 3 * GIB; // 50% of 6 GiB, rounded to a row
const MARK_START = 'START of the big sparse file\n';
const MARK_MIDDLE = 'MIDDLE marker line\n';
const MARK_END = 'the END\n';

/** A sparse file with a marker at the start, in the middle and at the very end. */
function writeBigSparse(file: string): void {
  const fd = openSync(file, 'w');
  try {
    ftruncateSync(fd, SIZE);
    writeSync(fd, Buffer.from(MARK_START), 0, MARK_START.length, 0);
    writeSync(fd, Buffer.from(MARK_MIDDLE), 0, MARK_MIDDLE.length, MIDDLE);
    writeSync(fd, Buffer.from(MARK_END), 0, MARK_END.length, SIZE - MARK_END.length);
  } finally {
    closeSync(fd);
  }
}

/** The rows of the hex or the text view, if that view is the one showing. */
function visibleRows(frame: Frame, view: 'hex' | 'text'): Promise<string[]> {
  return frame
    .locator(`.${view}-view:not([hidden]) .row:not([hidden])`)
    .evaluateAll((rows) => rows.map((r) => r.textContent ?? '').filter((t) => t.trim() !== ''));
}

function waitForRows(page: Page, what: string, accept: (rows: string[]) => boolean, view: 'hex' | 'text' = 'hex'): Promise<string[]> {
  return pollWebviews(page, (frame) => visibleRows(frame, view), accept, what);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(env.screenshots, `viewer-${name}.png`) });
}

/** Ctrl+G's input box, answered. */
const goTo = goToInput;

test('a 6 GiB file: open, middle, end, text view, encodings', async () => {
  const dir = testFolder(env, 'viewer');
  const file = path.join(dir, 'huge.bin');
  writeBigSparse(file);
  await withWorkbench(env, browser(), 'viewer', dir, async (page) => {
    // Opened as any file; above largeFile.autoOpenAboveMB it lands in the Large File Editor.
    const first = await waitForRows(page, 'the first hex rows', (rows) => rows[0]?.startsWith('000000000  53 54 41 52 54'));
    assert.match(first[0], /^000000000 {2}53 54 41 52 54 20 6F 66 20 74 68 65 20 62 69 67 {2}START of the big$/);
    assert.match(first[1], /^000000010 {2}20 73 70 61 72 73 65 20 66 69 6C 65 0A 00 00 00 {2} sparse file····$/);
    await shot(page, '1-open');

    await goTo(page, '50%');
    const middle = await waitForRows(page, 'the rows at 50%', (rows) => rows.some((r) => r.startsWith('0C0000000')));
    assert.ok(
      middle.includes('0C0000000  4D 49 44 44 4C 45 20 6D 61 72 6B 65 72 20 6C 69  MIDDLE marker li'),
      middle.join('\n'),
    );
    await shot(page, '2-middle');

    await goTo(page, '100%');
    const end = await waitForRows(page, 'the last rows', (rows) => rows.some((r) => r.startsWith('180000070')));
    const last = end[end.length - 1];
    assert.equal(last, '180000070  00 00 00 74 68 65 20 45 4E 44 0A                 ···the END·');
    await shot(page, '3-end');

    await runFromPalette(page, 'Large File Editor: Toggle Hex / Text');
    const text = await waitForRows(page, 'the text view at the end', (rows) => rows.some((r) => r.trimEnd().endsWith('the END')), 'text');
    assert.ok(text.some((r) => r.includes('the END')));
    await shot(page, '4-text-end');

    await goTo(page, '0x0');
    await waitForRows(page, 'the text view at the start', (rows) => rows.some((r) => r.includes('START of the big sparse file')), 'text');
    await runFromPalette(page, 'Large File Editor: Change Text Encoding…');
    const pick = page.locator('.quick-input-widget input');
    await pick.waitFor({ state: 'visible' });
    await pick.fill('utf-16le');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'utf-16le' }).first().waitFor();
    await pick.press('Enter');
    // "ST" read as one UTF-16LE unit is U+5453 (呓); "AR" U+5241 (削).
    const utf16 = await waitForRows(page, 'UTF-16 text', (rows) => rows.some((r) => r.includes('\u5453\u5241')), 'text');
    assert.ok(utf16.length > 0);
    await shot(page, '5-utf16');
  }, file);
});

test('file content is shown as text and never run: <script>, onerror, javascript:', async () => {
  const dir = testFolder(env, 'hostile');
  const file = path.join(dir, 'hostile.html');
  const hostile = [
    '<script>window.__pwned = "script"</script>',
    '<img src=x onerror="window.__pwned = \'img\'">',
    '<a href="javascript:window.__pwned=\'link\'">click me</a>',
    '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  ].join('\n');
  writeFileSync(file, `${hostile}\n`);
  await withWorkbench(env, browser(), 'hostile', dir, async (page) => {
    await runFromPalette(page, 'Large File Editor: Open File…');
    await answerFileDialog(page, file);
    await waitForRows(page, 'hex rows', (rows) => rows.length > 0);
    await runFromPalette(page, 'Large File Editor: Toggle Hex / Text');
    const rows = await waitForRows(page, 'the hostile text', (r) => r.some((x) => x.includes('onerror')), 'text');
    for (const line of hostile.split('\n')) assert.ok(rows.some((r) => r.endsWith(line)), `shown literally: ${line}\n${rows.join('\n')}`);
    await page.waitForTimeout(1000);
    const verdicts = await pollWebviews(
      page,
      (frame) =>
        frame.evaluate(() => ({
          pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
          injected: document.querySelectorAll('#app img, #app script, #app iframe, #app a').length,
        })),
      () => true,
      'the webview state',
    );
    assert.deepEqual(verdicts, { pwned: null, injected: 0 });
    await shot(page, '6-hostile');
  });
});
