// Keyboard and mouse as in VS Code's editor, tried as a user does in code-server: PageDown and
// PageUp take the cursor with the screen, every key acts on a cursor in view (ArrowDown after
// a wheel scroll moves the cursor, it does not scroll by a row), Home/End/Shift+→ act on the
// cursor the user sees; Ctrl+A selects the document's bytes (not the page) and Ctrl+C copies
// them (the line with nothing selected); double and triple click select a word and a line;
// Ctrl+F takes the selection; Up/Down in the find box walk its history. Keys typed in the find
// box act on the box alone: VS Code's workbench must not act on them too, later (its Select All
// came back after more was typed and selected it, so the next keys replaced it; its Undo undid an
// edit of the document). Asserted from the rows on screen, the status bar and the clipboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ftruncateSync, openSync, closeSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { pollWebviews, waitForDirtyTab } from './support/workbench';
import { statusBarText, waitForNotification, waitForStatusBar } from './support/dialogs';
import { clearClipboard, clickRow, cursorInfo, findBoxValue, hexRows, openInTextView, textRows, waitForClipboard } from './support/editorView';

const env = e2eEnvironment();
const browser = useBrowser();

/** 2,000 lines of 28 bytes: "line 0001 retry the request\n". */
const LINE_BYTES = 28;
const line = (n: number) => `line ${String(n).padStart(4, '0')} retry the request\n`;
const TEXT = Array.from({ length: 2000 }, (_, i) => line(i + 1)).join('');

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(env.screenshots, `keys-${name}.png`) });

/** "Ln 12, Byte 3" from the status bar. */
async function lnByte(page: Page, accept: (ln: number, byte: number) => boolean, what: string): Promise<[number, number]> {
  const text = await waitForStatusBar(page, /Ln [\d,]+, Byte [\d,]+/);
  const deadline = Date.now() + 20_000;
  for (let t = text; ; t = await statusBarText(page)) {
    const m = /Ln ([\d,]+), Byte ([\d,]+)/.exec(t);
    const [ln, byte] = m ? [Number(m[1].replace(/,/g, '')), Number(m[2].replace(/,/g, ''))] : [0, 0];
    if (m && accept(ln, byte)) return [ln, byte];
    if (Date.now() > deadline) assert.fail(`the status bar never showed ${what}: ${t}`);
    await page.waitForTimeout(150);
  }
}

test('text view: PageDown/PageUp take the cursor along; keys act on the cursor in view; Ctrl+A/Ctrl+C copy the document, not the page', async () => {
  const dir = testFolder(env, 'keys');
  const file = path.join(dir, 'requests.log');
  writeFileSync(file, TEXT);
  await withWorkbench(env, browser(), 'keys-text', dir, async (page) => {
    await openInTextView(page, 'requests.log');
    await page.keyboard.press('Control+Home');
    await lnByte(page, (ln, b) => ln === 1 && b === 1, 'Ln 1, Byte 1');
    const screen = (await textRows(page, (r) => r.length > 5, 'the rows')).length;

    // PageDown: the screen moves a page, and the cursor with it (still on the screen's first row).
    await page.keyboard.press('PageDown');
    await lnByte(page, (ln) => ln === 1 + screen, `Ln ${1 + screen} after PageDown`);
    const paged = await textRows(page, (r) => r[0]?.[0].trim() === String(1 + screen), 'the next page');
    assert.equal(paged[0][1], line(1 + screen).trimEnd());
    await cursorInfo(page, 'text', (c) => c.row === 0, 'the cursor on the first row of the new page');
    await shot(page, '1-page-down');

    // ArrowDown moves the cursor a row down the screen; the screen stays.
    await page.keyboard.press('ArrowDown');
    await lnByte(page, (ln) => ln === 2 + screen, 'the next line');
    await cursorInfo(page, 'text', (c) => c.row === 1, 'the cursor on the second row');
    assert.equal((await textRows(page, () => true, 'the rows'))[0][0].trim(), String(1 + screen), 'no scroll by a row');

    // End, Home, and Shift+→ ×3 act on that cursor, in view.
    await page.keyboard.press('End');
    await lnByte(page, (ln, b) => ln === 2 + screen && b === LINE_BYTES, 'End: after the last character');
    await page.keyboard.press('Home');
    await lnByte(page, (ln, b) => ln === 2 + screen && b === 1, 'Home: the line start');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await waitForStatusBar(page, /\b3 selected\b/);
    const sel = await cursorInfo(page, 'text', (c) => c.selected === 'lin', 'the three selected characters');
    assert.equal(sel.row, 1);

    // PageUp brings the first page and the cursor back to the first row.
    await page.keyboard.press('PageUp');
    await lnByte(page, (ln) => ln === 2, 'Ln 2 after PageUp (the cursor kept its row on screen)');
    await textRows(page, (r) => r[0]?.[0].trim() === '1', 'the first page');

    // After a wheel scroll the cursor is off screen: ArrowDown moves it and brings it back.
    const box = await pollWebviews(page, (f) => f.locator('.text-view .rows').boundingBox(), (b) => b !== null, 'the rows');
    await page.mouse.move(box!.x + 200, box!.y + 100);
    await page.mouse.wheel(0, 2000);
    await textRows(page, (r) => Number(r[0]?.[0]) > 20, 'the wheel scrolled');
    await page.keyboard.press('ArrowDown');
    await lnByte(page, (ln) => ln === 3, 'Ln 3: one line down from the cursor');
    await cursorInfo(page, 'text', (c) => c.row >= 0, 'the cursor back in view');

    // Ctrl+A: the whole document (56,000 bytes), and Ctrl+C copies it — not the toolbar's labels.
    await clearClipboard(page);
    await page.keyboard.press('Control+a');
    await waitForStatusBar(page, /\b56,000 selected\b/);
    await page.keyboard.press('Control+c');
    const copied = await waitForClipboard(page, (t) => t.length > 1000, 'the whole file');
    assert.equal(copied, TEXT);
    await shot(page, '2-select-all');

    // A click clears it; Ctrl+C with nothing selected copies the cursor's line, as VS Code does.
    await clickRow(page, 'text', 4, 1, 3);
    await waitForStatusBar(page, /Ln \d+, Byte 4\b/);
    assert.doesNotMatch(await statusBarText(page), /selected/);
    const rows = await textRows(page, () => true, 'the rows');
    await clearClipboard(page);
    await page.keyboard.press('Control+c');
    assert.equal(await waitForClipboard(page, (t) => t.startsWith('line'), 'the line'), `${rows[4][1]}\n`);

    // Double click: the word; triple click: the line; Ctrl+F takes the selected word.
    const retryColumn = 'line 0001 '.length + 2;
    await clickRow(page, 'text', 6, 2, retryColumn);
    await waitForStatusBar(page, /\b5 selected\b/);
    assert.equal((await cursorInfo(page, 'text', (c) => c.selected !== '', 'the word')).selected, 'retry');
    await page.keyboard.press('Control+f');
    assert.equal(await findBoxValue(page, (v) => v !== '', 'the seeded find box'), 'retry');
    await page.keyboard.press('Escape');
    await clickRow(page, 'text', 7, 3, retryColumn);
    await waitForStatusBar(page, new RegExp(`\\b${LINE_BYTES} selected\\b`));
    await shot(page, '3-triple-click');

    // Find history: Up in the box goes back to the earlier pattern, Down forward again.
    // A selection over a line break does not seed the box (as in VS Code): it keeps "retry".
    await page.keyboard.press('Control+f');
    assert.equal(await findBoxValue(page, (v) => v !== '', 'the find box'), 'retry');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('request');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    assert.equal(await findBoxValue(page, (v) => v !== 'request', 'an earlier pattern'), 'retry');
    await page.keyboard.press('ArrowDown');
    assert.equal(await findBoxValue(page, (v) => v === 'request', 'the newest pattern again'), 'request');
  });
});

test('hex view: PageDown takes the cursor along; Ctrl+A of a 100 MiB file: Ctrl+C says what the size limit allows', async () => {
  const dir = testFolder(env, 'keys-hex');
  const file = path.join(dir, 'disk.img');
  const fd = openSync(file, 'w');
  ftruncateSync(fd, 100 * 1024 * 1024);
  closeSync(fd);
  await withWorkbench(env, browser(), 'keys-hex', dir, async (page) => {
    const { explorerContextMenu } = await import('./support/workbench');
    await explorerContextMenu(page, 'disk.img', 'Open in Large File Editor');
    const rows = await hexRows(page, (r) => r.length > 5, 'the hex rows');
    await clickRow(page, 'hex', 0);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('PageDown');
    const offset = rows.length * 16;
    await waitForStatusBar(page, new RegExp(`Offset ${offset.toLocaleString('en-US')} \\(`));
    await hexRows(page, (r) => r[0]?.startsWith(offset.toString(16).toUpperCase().padStart(8, '0')), 'the next page');
    await cursorInfo(page, 'hex', (c) => c.row === 0, 'the cursor on the first row of the page');
    await page.keyboard.press('Control+a');
    await waitForStatusBar(page, /\b104,857,600 selected\b/);
    await page.keyboard.press('Control+c');
    await waitForNotification(page, /The selection is 104,857,600 bytes; copying as .* is limited to 64 MiB/);
    await shot(page, '4-hex-select-all');
  });
});

/** The find box's value and selection. */
const findBoxState = (page: Page, accept: (s: { value: string; start: number; end: number }) => boolean, what: string) =>
  pollWebviews(
    page,
    (f) =>
      f.locator('.find-widget input[aria-label="Find"]').evaluate((el: HTMLInputElement) => ({ value: el.value, start: el.selectionStart ?? -1, end: el.selectionEnd ?? -1 }), undefined, { timeout: 1000 }),
    accept,
    what,
  );

test('keys in the find box act on the box alone: Ctrl+A selects its text once, Ctrl+Z undoes its typing, not the edit of the document', async () => {
  const dir = testFolder(env, 'keys-find-box');
  const file = path.join(dir, 'requests.log');
  writeFileSync(file, TEXT);
  await withWorkbench(env, browser(), 'keys-find-box', dir, async (page) => {
    await openInTextView(page, 'requests.log');
    await page.keyboard.press('Control+Home');
    await lnByte(page, (ln, b) => ln === 1 && b === 1, 'Ln 1, Byte 1');
    // An edit of the document: "L" over the first "l" (typing overwrites).
    await page.keyboard.type('L');
    await waitForDirtyTab(page, 'requests.log', true);
    await textRows(page, (r) => r[0]?.[1] === 'Line 0001 retry the request', 'the edited first line');

    // Ctrl+A in the box, then End at once: the caret stays at the end (no select-all arrives later).
    await page.keyboard.press('Control+f');
    await findBoxState(page, (s) => s.value !== '', 'the seeded find box');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('End');
    await page.keyboard.type(' 0190');
    await page.waitForTimeout(1500);
    const typed = await findBoxState(page, () => true, 'the find box');
    assert.equal(typed.value, 'Line 0190', `every key typed after Ctrl+A is in the box: ${JSON.stringify(typed)}`);
    assert.equal(typed.start, typed.end, 'nothing selected in the box after End and typing');
    await page.keyboard.type('x');
    assert.equal((await findBoxState(page, () => true, 'the find box')).value, 'Line 0190x');

    // Ctrl+Z in the box: the box's typing goes back; the document keeps its edit, still unsaved.
    await page.keyboard.press('Control+z');
    await findBoxState(page, (s) => s.value !== 'Line 0190x', 'the box undone');
    await page.waitForTimeout(1500);
    await page.keyboard.press('Escape');
    // The box's search moved the view to line 190: back to the top, where the edit is.
    await page.keyboard.press('Control+Home');
    const rows = await textRows(page, (r) => r[0]?.[0].trim() === '1', 'the first line');
    assert.equal(rows[0][1], 'Line 0001 retry the request', 'the edit of the document stays');
    await waitForDirtyTab(page, 'requests.log', true);
  });
});
