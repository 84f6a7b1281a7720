// A region of a big file handed to VS Code's own editor: the user selects bytes in the Large File
// Editor, runs Open Selection in Text Editor, edits the slice there with VS Code's multi-cursor
// (Ctrl+D, Ctrl+Shift+L), saves it (the big document turns dirty, its file stays as it was),
// then saves the big file (the bytes on disk are the original with the edited slice in its place,
// lengths changed). A slice whose bytes were edited meanwhile in the big document refuses to save
// and keeps its text; a region over the cap is refused with the message; a JSON Lines record
// opens pretty-printed and saves back minified, and invalid JSON is refused with the parser's
// message. Photographed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, pollWebviews, waitForDirtyTab } from './support/workbench';
import { runExactCommand, statusBarText, waitForNotification } from './support/dialogs';
import { focusSlice, tab, tabIsDirty, waitForSliceLines, waitForSliceTab } from './support/textEditors';

const env = e2eEnvironment();
const browser = useBrowser();

/** Opens `name` in the Large File Editor and puts the cursor on its first byte. */
async function openAtStart(page: Page, name: string): Promise<void> {
  await explorerContextMenu(page, name, 'Open in Large File Editor');
  await pollWebviews(page, (f) => f.locator('.hex-view .row').nth(2).click().then(() => true), () => true, 'a hex row');
  await page.keyboard.press('Control+Home');
}

/** Back to the big file's editor, with the keyboard in its view. */
async function focusBigEditor(page: Page, name: string): Promise<void> {
  await tab(page, name).click();
  await pollWebviews(page, (f) => f.locator('.hex-view .row').nth(2).click().then(() => true), () => true, 'a hex row');
}

/** The inclusive byte range in a slice tab's label, "server (bytes 0–320).log". */
function rangeOf(label: string): { start: number; end: number } {
  const m = /bytes ([\d,]+)–([\d,]+)/.exec(label);
  assert.ok(m, `a byte range in the tab label ${JSON.stringify(label)}`);
  return { start: Number(m[1].replace(/,/g, '')), end: Number(m[2].replace(/,/g, '')) + 1 };
}

test('slice round trip: a multi-cursor edit in VS Code’s editor, saved into the big document, then to disk', async () => {
  const dir = testFolder(env, 'slice-round-trip');
  const file = path.join(dir, 'server.log');
  const lines = Array.from({ length: 400 }, (_, i) => `${i % 5 === 3 ? 'WARN' : 'INFO'} worker-${i % 8} request ${i} ok\n`);
  const original = Buffer.from(lines.join(''));
  writeFileSync(file, original);
  await withWorkbench(env, browser(), 'slice-round-trip', dir, async (page) => {
    await openAtStart(page, 'server.log');
    for (let i = 0; i < 20; i++) await page.keyboard.press('Shift+ArrowDown');
    await runExactCommand(page, 'Large File Editor: Open Selection in Text Editor');
    const label = await waitForSliceTab(page, 'server (bytes 0–');
    const { start, end } = rangeOf(label);
    assert.equal(start, 0);
    assert.ok(end > 300, `the selection covers 20 rows: ${label}`);
    const sliceBefore = original.subarray(start, end).toString('latin1');
    await waitForSliceLines(page, (l) => l[0] === lines[0].trimEnd(), 'the first line of the file');
    // The language comes from the big file's name: VS Code's Log highlighting.
    assert.match(await statusBarText(page), /\bLog\b/);

    // Multi-cursor: the word under the cursor, then every occurrence of it, typed over at once.
    await focusSlice(page);
    await page.keyboard.press('Control+d');
    await page.keyboard.press('Control+Shift+l');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(env.screenshots, 'slice-1-multi-cursor.png') });
    await page.keyboard.type('INFORMATION');
    await page.keyboard.press('Escape');
    const edited = sliceBefore.replace(/\bINFO\b/g, 'INFORMATION');
    assert.ok(edited.length >= sliceBefore.length + 40, 'the edit changes the length');
    await waitForSliceLines(page, (l) => l[0] === edited.split('\n')[0], 'the edited first line');

    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'server (bytes', false);
    await waitForDirtyTab(page, 'server.log', true);
    assert.ok(readFileSync(file).equals(original), 'saving the slice does not write the big file');
    await page.screenshot({ path: path.join(env.screenshots, 'slice-2-written-back.png') });

    // The big file's own save writes it: the original with the edited slice in its place.
    await focusBigEditor(page, 'server.log');
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'server.log', false);
    const expected = Buffer.concat([original.subarray(0, start), Buffer.from(edited, 'latin1'), original.subarray(end)]);
    const saved = readFileSync(file);
    assert.equal(saved.length, expected.length, 'the saved length');
    assert.ok(saved.equals(expected), 'the saved bytes are the original with the edited slice in its place');
  });
});

test('slice conflict: an edit of the same bytes in the big document makes the slice’s save refuse, losing nothing', async () => {
  const dir = testFolder(env, 'slice-conflict');
  const file = path.join(dir, 'conflict.log');
  const original = Buffer.from(Array.from({ length: 200 }, (_, i) => `line ${i} of the conflict test\n`).join(''));
  writeFileSync(file, original);
  await withWorkbench(env, browser(), 'slice-conflict', dir, async (page) => {
    await openAtStart(page, 'conflict.log');
    for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+ArrowDown');
    await runExactCommand(page, 'Large File Editor: Open Selection in Text Editor');
    const label = await waitForSliceTab(page, 'conflict (bytes 0–');
    const { end } = rangeOf(label);
    await focusSlice(page);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' EDITED IN THE SLICE');
    await waitForDirtyTab(page, 'conflict (bytes', true);

    // Meanwhile, in the big file, the first byte of that range is typed over ("5A" is Z).
    await focusBigEditor(page, 'conflict.log');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('5a');
    await waitForDirtyTab(page, 'conflict.log', true);

    await tab(page, 'conflict (bytes').click();
    await focusSlice(page);
    await page.keyboard.press('Control+s');
    const message = await waitForNotification(page, /Not written back into conflict\.log/);
    assert.match(message, new RegExp(`conflict\\.log changed at bytes 0–${(end - 1).toLocaleString('en-US')} since this slice showed them`));
    assert.match(message, /The text here is kept\./);
    await page.screenshot({ path: path.join(env.screenshots, 'slice-3-conflict.png') });
    await page.waitForTimeout(1000);
    assert.ok(await tabIsDirty(page, 'conflict (bytes'), 'the slice keeps its unsaved text');

    // The big document holds only its own edit: saved, it is the original with a Z in front.
    await focusBigEditor(page, 'conflict.log');
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'conflict.log', false);
    const expected = Buffer.from(original);
    expected[0] = 0x5a;
    assert.ok(readFileSync(file).equals(expected), 'the refused slice reached neither the document nor the file');
  });
});

test('slice cap: a selection over largeFile.sliceMaxMB is refused with the message', async () => {
  const dir = testFolder(env, 'slice-cap');
  const file = path.join(dir, 'huge.txt');
  const size = 65 * 1024 * 1024;
  writeFileSync(file, Buffer.alloc(size, 'abcdefghijklmno\n'));
  await withWorkbench(env, browser(), 'slice-cap', dir, async (page) => {
    await openAtStart(page, 'huge.txt');
    await page.keyboard.press('Control+Shift+End');
    await runExactCommand(page, 'Large File Editor: Open Selection in Text Editor');
    const message = await waitForNotification(page, /largeFile\.sliceMaxMB/);
    assert.equal(
      message,
      `The selection (bytes 0–${(size - 1).toLocaleString('en-US')}) is 65.0 MiB (${size.toLocaleString('en-US')} bytes): ` +
        "the text editor takes at most 64.0 MiB (largeFile.sliceMaxMB), since VS Code's editor holds all of it in memory. " +
        'Select less, or write it to a file with Save Selection As….',
    );
    assert.equal(await page.locator('.monaco-editor[data-uri^="largefile-slice:"]').count(), 0, 'no slice was opened');
  });
});

test('JSON line: a JSON Lines record opens pretty-printed, saves back minified, and invalid JSON is refused', async () => {
  const dir = testFolder(env, 'slice-json');
  const file = path.join(dir, 'events.jsonl');
  const records = [
    '{"id":1}',
    '{"id": 2, "name": "beta", "big": 12345678901234567890, "f": 1.0, "s": "caf\\u00e9", "tags": ["x", "y"], "empty": {}, "ok": true}',
    '{"id":3,"name":"gamma"}',
  ];
  const original = Buffer.from(records.map((r) => `${r}\n`).join(''));
  writeFileSync(file, original);
  await withWorkbench(env, browser(), 'slice-json', dir, async (page) => {
    await openAtStart(page, 'events.jsonl');
    await page.keyboard.press('ArrowDown'); // offset 16: inside the second record
    await runExactCommand(page, 'Large File Editor: Open Line as JSON');
    await waitForSliceTab(page, 'events (line 2).json');
    const pretty = [
      '{',
      '  "id": 2,',
      '  "name": "beta",',
      '  "big": 12345678901234567890,',
      '  "f": 1.0,',
      '  "s": "caf\\u00e9",',
      '  "tags": [',
      '    "x",',
      '    "y"',
      '  ],',
      '  "empty": {},',
      '  "ok": true',
      '}',
    ];
    await waitForSliceLines(page, (l) => l.slice(0, pretty.length).join('\n') === pretty.join('\n'), 'the record pretty-printed, its tokens as written');
    assert.match(await statusBarText(page), /\bJSON\b/);
    await page.screenshot({ path: path.join(env.screenshots, 'slice-4-json.png') });

    // true → false on the "ok" line, then save: the record goes back on one line.
    await focusSlice(page);
    for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Shift+ArrowLeft');
    await page.keyboard.type('false');
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'events (line 2)', false);
    await waitForDirtyTab(page, 'events.jsonl', true);

    // A trailing comma is not JSON: refused with the parser's message, the text kept.
    await page.keyboard.type(',');
    await page.keyboard.press('Control+s');
    const message = await waitForNotification(page, /Not written back into events\.jsonl: it is not valid JSON/);
    assert.match(message, /JSON at position \d+/);
    await page.waitForTimeout(1000);
    assert.ok(await tabIsDirty(page, 'events (line 2)'), 'the invalid text stays, unsaved');

    await focusBigEditor(page, 'events.jsonl');
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'events.jsonl', false);
    const minified = '{"id":2,"name":"beta","big":12345678901234567890,"f":1.0,"s":"caf\\u00e9","tags":["x","y"],"empty":{},"ok":false}';
    assert.equal(readFileSync(file, 'utf8'), `${records[0]}\n${minified}\n${records[2]}\n`);
  });
});

test('hot exit: a dirty slice comes back after a window reload and still saves into the big document', async () => {
  const dir = testFolder(env, 'slice-hot-exit');
  const file = path.join(dir, 'kept.log');
  const original = Buffer.from(Array.from({ length: 100 }, (_, i) => `entry ${i}\n`).join(''));
  writeFileSync(file, original);
  await withWorkbench(env, browser(), 'slice-hot-exit', dir, async (page) => {
    await openAtStart(page, 'kept.log');
    for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowDown');
    await runExactCommand(page, 'Large File Editor: Open Selection in Text Editor');
    const label = await waitForSliceTab(page, 'kept (bytes 0–');
    const { end } = rangeOf(label);
    await focusSlice(page);
    await page.keyboard.type('TYPED BEFORE THE RELOAD ');
    await waitForDirtyTab(page, 'kept (bytes', true);
    await page.waitForTimeout(5000); // VS Code backs dirty text up a moment after the last key

    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await tab(page, 'kept (bytes').waitFor({ timeout: 60_000 });
    await waitForDirtyTab(page, 'kept (bytes', true);
    // The big file's editor is open again (restored, or reopened as a user would).
    const restored = await tab(page, 'kept.log').waitFor({ timeout: 20_000 }).then(() => true, () => false);
    if (restored) await focusBigEditor(page, 'kept.log');
    else await openAtStart(page, 'kept.log');
    await tab(page, 'kept (bytes').click();
    await waitForSliceLines(page, (l) => l[0].startsWith('TYPED BEFORE THE RELOAD entry 0'), 'the text typed before the reload');
    await page.screenshot({ path: path.join(env.screenshots, 'slice-5-hot-exit.png') });
    await focusSlice(page);
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'kept (bytes', false);
    await waitForDirtyTab(page, 'kept.log', true);
    assert.ok(readFileSync(file).equals(original), 'the file is written only by its own save');
    await focusBigEditor(page, 'kept.log');
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'kept.log', false);
    const expected = Buffer.concat([Buffer.from('TYPED BEFORE THE RELOAD '), original]);
    assert.ok(end > 0);
    assert.equal(readFileSync(file, 'latin1'), expected.toString('latin1'));
  });
});

test('the editor’s context menu opens the selection in the text editor (a right-click keeps the selection)', async () => {
  const dir = testFolder(env, 'slice-menu');
  writeFileSync(path.join(dir, 'menu.log'), 'alpha beta gamma delta\n'.repeat(300));
  await withWorkbench(env, browser(), 'slice-menu', dir, async (page) => {
    await openAtStart(page, 'menu.log');
    for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+ArrowRight');
    await pollWebviews(page, (f) => f.locator('.hex-view .row').nth(6).click({ button: 'right' }).then(() => true), () => true, 'a right-click');
    const entry = page.locator('.context-view .action-item', { hasText: 'Open Selection in Text Editor' }).first();
    await entry.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(env.screenshots, 'slice-6-context-menu.png') });
    await entry.click();
    assert.equal(await waitForSliceTab(page, 'menu (bytes'), 'menu (bytes 0–9).log');
    await waitForSliceLines(page, (l) => l[0] === 'alpha beta', 'the ten selected bytes (one a Shift+→)');
  });
});
