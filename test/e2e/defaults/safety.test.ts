// A new user in code-server as it ships (`files.autoSave: afterDelay`, the extension's own
// defaults): files open read-only; the first key offers In place or Copy; typing overwrites;
// auto save never writes the file — only Ctrl+S does, and every save can be undone; Copy mode
// never writes it and its edits reach the file only when the user says so; Replace All of many
// matches and a length change in a big file ask first; a program stays read-only unless the
// user insists. Every step is checked against the bytes on disk (hashes) and photographed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from '../support/environment';
import { useBrowser, withWorkbench } from '../support/session';
import { answerFileDialog, explorerContextMenu, pollWebviews, runFromPalette, waitForDirtyTab } from '../support/workbench';
import {
  answerDialog,
  notifications,
  pickQuickItem,
  runExactCommand,
  waitForDialog,
  waitForNotification,
  waitForStatusBar,
  webviewClick,
  webviewText,
  webviewVisible,
} from '../support/dialogs';

const env = e2eEnvironment();
const browser = useBrowser();
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const hashOf = (file: string): string => sha(readFileSync(file));
/** Longer than code-server's auto-save delay (1 s) several times over. */
const PAST_AUTO_SAVE = 5000;

function logLines(n: number): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`2026-03-01T00:00:${String(i % 60).padStart(2, '0')}Z INFO [worker-${i % 4}] request ${i} handled\n`);
  return Buffer.from(lines.join(''));
}

/** The first hex row's text, normalized, once it starts with `prefix`. */
function firstHexRow(page: Page, prefix: string): Promise<string> {
  return pollWebviews(
    page,
    (f) => f.locator('.hex-view .row').first().textContent({ timeout: 1000 }).then((t) => (t ?? '').replace(/\s+/g, ' ')),
    (t) => t.toLowerCase().startsWith(prefix.toLowerCase()),
    `a first hex row starting "${prefix}"`,
  );
}

/** The first text row, once it starts with `prefix`. */
function firstTextRow(page: Page, prefix: string): Promise<string> {
  return pollWebviews(
    page,
    (f) => f.locator('.text-view:not([hidden]) .row .text').first().textContent({ timeout: 1000 }).then((t) => t ?? ''),
    (t) => t.startsWith(prefix),
    `a first text row starting "${prefix}"`,
  );
}

/** Opens `name` and shows its hex view (a log opens in the text view by default: these tests start from the bytes). */
async function openInEditor(page: Page, name: string): Promise<void> {
  await explorerContextMenu(page, name, 'Open in Large File Editor');
  await pollWebviews(page, (f) => f.locator('.row:not([hidden])').count(), (n) => n > 0, 'the first rows');
  await pollWebviews(page, (f) => f.locator('.toolbar button[data-view="hex"]').click().then(() => true), () => true, 'the Hex button');
  await pollWebviews(page, (f) => f.locator('.hex-view:not([hidden]) .row').count(), (n) => n > 0, 'the hex rows');
}

/** Focuses the view (a row the find widget does not cover) and puts the cursor on the first byte. */
async function cursorToStart(page: Page): Promise<void> {
  await webviewClick(page, '.hex-view:not([hidden]) .row >> nth=4');
  await page.keyboard.press('Control+Home');
}

/** A key in the read-only document, then the prompt's answer by key: Enter (In place) or C (Copy). */
async function switchByPrompt(page: Page, key: 'Enter' | 'c', fileName: string): Promise<void> {
  await page.keyboard.press('x');
  const prompt = await webviewText(page, '.mode-prompt:not([hidden])', (t) => t.includes('open read-only'), 'the read-only prompt');
  assert.match(prompt, new RegExp(`${fileName.replace('.', '\\.')} is open read-only`));
  await page.keyboard.press(key);
  await waitForStatusBar(page, key === 'c' ? /Copy/ : /In place/);
}

async function changeModeFromPalette(page: Page, label: 'In place' | 'Copy' | 'Read-only'): Promise<void> {
  await runFromPalette(page, 'Large File Editor: Change Mode');
  await pickQuickItem(page, label);
}

test('read-only by default; the first key offers In place; under auto save nothing is written until Ctrl+S; the save can be undone', async () => {
  const dir = testFolder(env, 'safety-keys');
  const file = path.join(dir, 'app.log');
  const original = logLines(300);
  writeFileSync(file, original);
  await withWorkbench(env, browser(), 'safety-keys', dir, async (page) => {
    await openInEditor(page, 'app.log');
    assert.match(await webviewText(page, '.toolbar button[data-mode]', (t) => t.trim() !== '', 'the mode button'), /Read-only/);
    await waitForStatusBar(page, /Read-only/);

    await cursorToStart(page);
    await page.keyboard.press('a');
    const prompt = await webviewText(page, '.mode-prompt:not([hidden])', (t) => t.includes('read-only'), 'the read-only prompt');
    assert.match(prompt, /app\.log is open read-only\. Edit it\?/);
    assert.match(prompt, /Edit in Place.*Edit a Copy.*Keep Read-only/);
    await page.screenshot({ path: path.join(env.screenshots, 'safety-1-read-only-prompt.png') });
    await page.keyboard.press('Escape');
    assert.equal(await webviewVisible(page, '.mode-prompt:not([hidden])'), false, 'Escape keeps it read-only');
    await page.waitForTimeout(PAST_AUTO_SAVE);
    assert.equal(hashOf(file), sha(original), 'a key in a read-only file changes nothing');

    await switchByPrompt(page, 'Enter', 'app.log');
    await waitForNotification(page, /Auto save is on, but the Large File Editor writes app\.log only when you save it yourself/);
    await cursorToStart(page);
    await page.keyboard.type('41');
    await firstHexRow(page, '00000000 41 30 32 36'); // "2026" → "A026": typed over, not inserted
    await waitForStatusBar(page, /In place — unsaved/);
    assert.match(await waitForStatusBar(page, /OVR/), /OVR/);
    await page.waitForTimeout(PAST_AUTO_SAVE);
    assert.equal(hashOf(file), sha(original), 'auto save wrote the file');
    await waitForDirtyTab(page, 'app.log', true);
    const note = await webviewText(page, '.unsaved-note:not([hidden])', (t) => t.includes('auto save'), 'the unsaved note');
    assert.match(note, /Unsaved: auto save does not write app\.log — only a save you make does/);
    await page.screenshot({ path: path.join(env.screenshots, 'safety-2-unsaved-under-auto-save.png') });

    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'app.log', false);
    const saved = Buffer.from(original);
    saved[0] = 0x41;
    assert.equal(hashOf(file), sha(saved), 'Ctrl+S wrote the typed byte');
    await waitForStatusBar(page, /In place(?! — unsaved)/);

    await cursorToStart(page);
    await page.keyboard.press('Control+z');
    await waitForDirtyTab(page, 'app.log', true);
    // VS Code's own File: Save (from the palette, long after the edit): not written, but offered.
    await page.waitForTimeout(PAST_AUTO_SAVE);
    await runExactCommand(page, 'File: Save');
    await waitForNotification(page, /app\.log was not saved: with auto save on, the Large File Editor writes only when you save from the editor/);
    assert.equal(hashOf(file), sha(saved), 'File: Save under auto save wrote the file');
    await page.locator('.notification-toast .monaco-button', { hasText: 'Save to File' }).first().click();
    await waitForDirtyTab(page, 'app.log', false);
    assert.equal(hashOf(file), sha(original), 'undo after the save, saved, gives the original bytes');
  });
});

test('text view: typing overwrites, Insert inserts; a save that rewrites the file can be undone', async () => {
  const dir = testFolder(env, 'safety-text');
  const file = path.join(dir, 'notes.log');
  const original = logLines(50);
  writeFileSync(file, original);
  await withWorkbench(env, browser(), 'safety-text', dir, async (page) => {
    await openInEditor(page, 'notes.log');
    await cursorToStart(page);
    await switchByPrompt(page, 'Enter', 'notes.log');
    await page.keyboard.press('Control+Alt+h');
    await firstTextRow(page, '2026-03-01');
    await webviewClick(page, '.text-view:not([hidden]) .row >> nth=3');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('Z');
    await firstTextRow(page, 'Z026-03-01');
    await page.keyboard.press('Insert');
    const insert = await waitForStatusBar(page, /INS/);
    assert.doesNotMatch(insert, /OVR/, "the Insert key also toggled VS Code's own overtype mode");
    await page.keyboard.type('XY');
    await firstTextRow(page, 'ZXY026-03-01');
    await page.screenshot({ path: path.join(env.screenshots, 'safety-3-text-overwrite-insert.png') });
    await page.waitForTimeout(PAST_AUTO_SAVE);
    assert.equal(hashOf(file), sha(original), 'auto save wrote the file');

    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'notes.log', false);
    const edited = Buffer.concat([Buffer.from('ZXY'), original.subarray(1)]);
    assert.equal(hashOf(file), sha(edited), 'the save rewrote the file with the edits');

    for (const shown of ['ZX026-03-01', 'Z026-03-01', '2026-03-01']) {
      await page.keyboard.press('Control+z');
      await firstTextRow(page, shown);
    }
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'notes.log', false);
    assert.equal(hashOf(file), sha(original), 'undo across the rewrite save, saved, gives the original bytes');
  });
});

test('Copy mode never writes the file; cancelling its Save As is no error; switching to In place asks, and each answer does what it says', async () => {
  const dir = testFolder(env, 'safety-copy');
  const file = path.join(dir, 'data.log');
  const copy = path.join(dir, 'data.log.copy');
  const original = logLines(100);
  writeFileSync(file, original);
  await withWorkbench(env, browser(), 'safety-copy', dir, async (page) => {
    await openInEditor(page, 'data.log');
    await cursorToStart(page);
    await switchByPrompt(page, 'c', 'data.log');
    await cursorToStart(page);
    await page.keyboard.type('41');
    await firstHexRow(page, '00000000 41');
    await page.waitForTimeout(PAST_AUTO_SAVE);
    assert.equal(hashOf(file), sha(original), 'Copy mode wrote the file');
    assert.equal(await page.locator('.quick-input-widget').isVisible(), false, 'auto save popped up a Save As dialog');

    // Ctrl+S asks where to write the copy; Escape leaves it unsaved, without an error.
    await page.keyboard.press('Control+s');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1500);
    assert.deepEqual((await notifications(page)).filter((n) => /Failed to save|cancel/i.test(n)), [], 'no error toast');
    await waitForDirtyTab(page, 'data.log', true);

    // In place, answered "Discard them": the original, clean.
    await changeModeFromPalette(page, 'In place');
    const question = await waitForDialog(page, /data\.log has edits made in Copy mode/);
    assert.match(question, /Apply Them to the File/);
    assert.match(question, /Save the Copy First/);
    assert.match(question, /Discard Them/);
    await page.screenshot({ path: path.join(env.screenshots, 'safety-4-copy-to-in-place.png') });
    await answerDialog(page, 'Discard Them');
    await waitForStatusBar(page, /In place(?! — unsaved)/);
    await firstHexRow(page, '00000000 32 30');
    await waitForDirtyTab(page, 'data.log', false);
    assert.equal(hashOf(file), sha(original));

    // Copy again, then In place answered "Apply": unsaved edits of the file, written by Ctrl+S only.
    await changeModeFromPalette(page, 'Copy');
    await cursorToStart(page);
    await page.keyboard.type('42');
    await firstHexRow(page, '00000000 42');
    await changeModeFromPalette(page, 'In place');
    await waitForDialog(page, /data\.log has edits made in Copy mode/);
    await answerDialog(page, 'Apply Them to the File');
    await waitForStatusBar(page, /In place — unsaved/);
    await page.waitForTimeout(PAST_AUTO_SAVE);
    assert.equal(hashOf(file), sha(original), 'applied edits stay unsaved until Ctrl+S');
    await cursorToStart(page);
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'data.log', false);
    const withB = Buffer.from(original);
    withB[0] = 0x42;
    assert.equal(hashOf(file), sha(withB));

    // Copy again, then In place answered "Save the copy first": the copy has the edit, the original does not.
    await changeModeFromPalette(page, 'Copy');
    await cursorToStart(page);
    await page.keyboard.type('43');
    await firstHexRow(page, '00000000 43');
    await changeModeFromPalette(page, 'In place');
    await waitForDialog(page, /data\.log has edits made in Copy mode/);
    await answerDialog(page, 'Save the Copy First');
    await answerFileDialog(page, copy);
    await waitForStatusBar(page, /In place(?! — unsaved)/);
    await firstHexRow(page, '00000000 42');
    assert.ok(existsSync(copy), 'the copy was written');
    assert.equal(readFileSync(copy)[0], 0x43);
    assert.equal(hashOf(file), sha(withB), 'the original kept its saved content');
  });
});

test('Replace All of more than 10,000 matches asks first; the file is written only by Ctrl+S', async () => {
  const dir = testFolder(env, 'safety-replace');
  const file = path.join(dir, 'tokens.log');
  const original = Buffer.from('id=7 token=secret; ok\n'.repeat(12_000));
  writeFileSync(file, original);
  const expected = Buffer.from(original.toString('latin1').split('secret').join('XXXXXX'), 'latin1');
  await withWorkbench(env, browser(), 'safety-replace', dir, async (page) => {
    await openInEditor(page, 'tokens.log');
    await cursorToStart(page);
    await switchByPrompt(page, 'Enter', 'tokens.log');
    await page.keyboard.press('Control+h');
    await webviewClick(page, '.find-widget input[aria-label="Find"]');
    await page.keyboard.type('secret');
    await webviewClick(page, '.find-widget input[aria-label="Replace"]');
    await page.keyboard.type('XXXXXX');
    await webviewClick(page, 'button[aria-label^="Replace All"]');
    const question = await waitForDialog(page, /Replace 12,000 matches in tokens\.log\?/);
    assert.match(question, /The file is written when you save\./);
    await page.screenshot({ path: path.join(env.screenshots, 'safety-5-replace-all-question.png') });
    await answerDialog(page, 'Replace 12,000');
    await webviewText(page, '.find-count', (t) => t.includes('Replaced 12,000'), '"Replaced 12,000 matches"');
    // The search's progress notification (with its Cancel button) ends with the search.
    const progressGone = Date.now() + 10_000;
    while ((await notifications(page)).some((n) => /finding matches/.test(n))) {
      if (Date.now() > progressGone) assert.fail('the progress notification of Replace All outlived it');
      await page.waitForTimeout(200);
    }
    await waitForStatusBar(page, /In place — unsaved/);
    await page.waitForTimeout(PAST_AUTO_SAVE);
    assert.equal(hashOf(file), sha(original), 'Replace All reached the file without a save');

    await cursorToStart(page);
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'tokens.log', false);
    assert.equal(hashOf(file), sha(expected));
  });
});

test('a length change in a big file says what saving will cost, and a "no" keeps it as it was', async () => {
  const dir = testFolder(env, 'safety-big');
  const file = path.join(dir, 'big.log');
  const line = Buffer.from('2026-03-01T00:00:00Z INFO request handled\n');
  const original = Buffer.alloc(70 * 2 ** 20);
  for (let at = 0; at < original.length; at += line.length) line.copy(original, at);
  writeFileSync(file, original);
  const before = sha(original);
  await withWorkbench(env, browser(), 'safety-big', dir, async (page) => {
    await openInEditor(page, 'big.log');
    await cursorToStart(page);
    await switchByPrompt(page, 'Enter', 'big.log');
    await cursorToStart(page);
    await page.keyboard.press('Insert');
    await waitForStatusBar(page, /INS/);
    await page.keyboard.type('7');
    const question = await waitForDialog(page, /Inserting changes the length of big\.log/);
    assert.match(question, /saving it will then rewrite the whole 70\.0 MiB file instead of only the changed bytes \((about \d+ s|under a second) here\)/);
    await page.screenshot({ path: path.join(env.screenshots, 'safety-6-length-change-question.png') });
    await answerDialog(page, 'Cancel');
    await webviewText(page, '.toolbar .message', (t) => t.includes('keeps its length'), 'the refusal');
    await firstHexRow(page, '00000000 32 30 32 36');
    await waitForDirtyTab(page, 'big.log', false);
    assert.equal(hashOf(file), before);
  });
});

test('a program stays read-only unless the user insists', async () => {
  const dir = testFolder(env, 'safety-program');
  writeFileSync(path.join(dir, 'README.txt'), 'The program opened here is the node binary.\n');
  const program = process.execPath;
  const before = hashOf(program);
  await withWorkbench(env, browser(), 'safety-program', dir, async (page) => {
    await runFromPalette(page, 'Large File Editor: Open File…');
    await answerFileDialog(page, program);
    await pollWebviews(page, (f) => f.locator('.hex-view .row').count(), (n) => n > 0, 'the hex rows');
    await firstHexRow(page, '00000000 7f 45 4c 46');
    await waitForStatusBar(page, /Read-only/);
    await cursorToStart(page);
    await page.keyboard.press('x');
    await webviewText(page, '.mode-prompt:not([hidden])', (t) => t.includes('read-only'), 'the read-only prompt');
    await page.keyboard.press('Enter');
    const question = await waitForDialog(page, /is a program \(ELF executable or library\)\. Edit it in place anyway\?/);
    assert.match(question, /Edit in Place Anyway/);
    await page.screenshot({ path: path.join(env.screenshots, 'safety-7-program-question.png') });
    await answerDialog(page, 'Cancel');
    await page.waitForTimeout(1000);
    await waitForStatusBar(page, /Read-only/);
    assert.equal(hashOf(program), before);
  });
});
