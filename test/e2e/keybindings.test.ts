// Every documented keybinding works in code-server with its default keybindings: each key of
// package.json's keybindings (and the README's keys table) is pressed in the editor and its
// effect asserted — a Go to box that moves the cursor, the other view, wrap toggled, the find
// widget and its replace row, a save on disk, the Copy As picker, a bookmark reached by next
// and previous, INS/OVR. A keybinding added to package.json without a case here fails the test,
// and so does one that clashes with a VS Code default (the workbench would act instead).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, pollWebviews, waitForDirtyTab } from './support/workbench';
import { waitForStatusBar, notifications } from './support/dialogs';
import { clickRow } from './support/editorView';

const env = e2eEnvironment();
const browser = useBrowser();

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { keybindings: { command: string; key: string }[] };
};
const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

/** "ctrl+alt+h" → Playwright's "Control+Alt+KeyH". */
function playwrightKey(key: string): string {
  return key
    .split('+')
    .map((p) => ({ ctrl: 'Control', alt: 'Alt', shift: 'Shift', cmd: 'Meta' })[p] ?? (p.length === 1 && /[a-z]/.test(p) ? `Key${p.toUpperCase()}` : p))
    .join('+');
}

/** "ctrl+alt+h" → "Ctrl+Alt+H", as the README writes keys. */
function readmeKey(key: string): string {
  return key
    .split('+')
    .map((p) => ({ ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift' })[p] ?? p.toUpperCase())
    .join('+');
}

const visible = (page: Page, selector: string, want: boolean, what: string) =>
  pollWebviews(page, (f) => f.locator(selector).count(), (n) => (n > 0) === want, what);

const quickInput = (page: Page) => page.locator('.quick-input-widget');

const LINES = Array.from({ length: 400 }, (_, i) => `line ${String(i + 1).padStart(3, '0')} of the key test\n`).join('');

test('every keybinding in package.json (and the README) works in code-server, as pressed by a user', async () => {
  const dir = testFolder(env, 'keybindings');
  const file = path.join(dir, 'keys.log');
  writeFileSync(file, LINES);
  const pressed = new Set<string>();
  await withWorkbench(env, browser(), 'keybindings', dir, async (page) => {
    await explorerContextMenu(page, 'keys.log', 'Open in Large File Editor');
    await visible(page, '.hex-view:not([hidden]) .row', true, 'the hex view');
    await clickRow(page, 'hex', 1);
    const press = async (command: string) => {
      const binding = manifest.contributes.keybindings.find((k) => k.command === command);
      assert.ok(binding, `${command} has a keybinding`);
      pressed.add(command);
      await page.keyboard.press(playwrightKey(binding.key));
    };

    // Ctrl+G: the Go to box; 0x100 moves the cursor there.
    await press('largeFile.goTo');
    await quickInput(page).locator('input').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type('0x100');
    await page.keyboard.press('Enter');
    await waitForStatusBar(page, /Offset 256 \(0x100\)/);

    // Ctrl+Alt+H: the text view; Alt+Z there: wrap toggled.
    await press('largeFile.toggleView');
    await visible(page, '.text-view:not([hidden]) .row', true, 'the text view after Ctrl+Alt+H');
    const wrap = () => pollWebviews(page, (f) => f.locator('.text-view').getAttribute('data-wrap', { timeout: 1000 }).then((w) => w ?? ''), () => true, 'the wrap');
    const before = await wrap();
    await clickRow(page, 'text', 3);
    await press('largeFile.toggleWordWrap');
    await pollWebviews(page, (f) => f.locator('.text-view').getAttribute('data-wrap', { timeout: 1000 }), (w) => w !== before, 'wrap toggled by Alt+Z');

    // Ctrl+F: the find widget without its replace row; Ctrl+H: with it.
    await press('largeFile.find');
    await visible(page, '.find-widget:not([hidden])', true, 'the find widget after Ctrl+F');
    await visible(page, '.find-widget .replace-row:not([hidden])', false, 'no replace row after Ctrl+F');
    await page.keyboard.press('Escape');
    await visible(page, '.find-widget:not([hidden])', false, 'the find widget closed by Escape');
    await clickRow(page, 'text', 3);
    await press('largeFile.replace');
    await visible(page, '.find-widget .replace-row:not([hidden])', true, 'the replace row after Ctrl+H');
    await page.keyboard.press('Escape');

    // Insert: OVR ↔ INS.
    await clickRow(page, 'text', 3);
    await page.keyboard.press('Insert');
    await waitForStatusBar(page, /\bINS\b/);
    await page.keyboard.press('Insert');
    await waitForStatusBar(page, /\bOVR\b/);

    // Ctrl+Alt+K on line 4; Ctrl+Home; Ctrl+Alt+L goes to it, and Ctrl+Alt+J (from further down) back to it.
    await clickRow(page, 'text', 3);
    await waitForStatusBar(page, /Ln 4,/);
    await press('largeFile.toggleBookmark');
    await page.waitForTimeout(500);
    await page.keyboard.press('Control+Home');
    await waitForStatusBar(page, /Ln 1,/);
    await page.waitForTimeout(300);
    await press('largeFile.nextBookmark');
    await waitForStatusBar(page, /Ln 4,/, 10_000);
    await clickRow(page, 'text', 8);
    await waitForStatusBar(page, /Ln 9,/);
    await press('largeFile.previousBookmark');
    await waitForStatusBar(page, /Ln 4,/, 10_000);
    assert.deepEqual((await notifications(page)).filter((n) => /No bookmarks/.test(n)), [], 'Ctrl+Alt+K set a bookmark');

    // Shift+Alt+T: the timeline panel opens (the log has no timestamps: it says so), and closes again.
    await clickRow(page, 'text', 3);
    await press('largeFile.toggleTimeline');
    await visible(page, '.timeline-panel:not([hidden])', true, 'the timeline after Shift+Alt+T');
    await clickRow(page, 'text', 3);
    await press('largeFile.toggleTimeline');
    await visible(page, '.timeline-panel:not([hidden])', false, 'the timeline closed by Shift+Alt+T');

    // Ctrl+Alt+F: the filtered view opens with the keyboard in its box; a filter there lists the matching lines.
    await clickRow(page, 'text', 3);
    await press('largeFile.filter');
    await visible(page, '.filter-pane:not([hidden])', true, 'the filtered view after Ctrl+Alt+F');
    await page.keyboard.type('"line 04"');
    await page.keyboard.press('Enter');
    await pollWebviews(page, (f) => f.locator('.filter-pane .vrow').allTextContents(), (rows) => rows.some((r) => r.includes('line 040 of the key test')), 'the filtered rows of "line 04"');

    // Shift+Alt+C: the Copy As picker.
    await clickRow(page, 'text', 3, 3);
    await press('largeFile.copyAs');
    await quickInput(page).locator('.quick-input-list .monaco-list-row', { hasText: 'Base64' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');

    // Ctrl+S: an overwritten character reaches the disk.
    await clickRow(page, 'text', 0);
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('L');
    await waitForDirtyTab(page, 'keys.log', true);
    await press('largeFile.save');
    await waitForDirtyTab(page, 'keys.log', false);
    assert.equal(readFileSync(file, 'latin1').slice(0, 9), 'Line 001 ');
  });

  // Every keybinding was pressed, and the README lists each key with its command.
  for (const k of manifest.contributes.keybindings) {
    assert.ok(pressed.has(k.command), `the keybinding of ${k.command} (${k.key}) has no case in this test`);
    assert.ok(readme.includes(readmeKey(k.key)), `the README does not list ${readmeKey(k.key)} (${k.command})`);
  }
});
