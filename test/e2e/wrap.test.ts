// Word wrap as in VS Code's editor: off by default here (code-server's editor.wordWrap), each
// line on one row and the rows scroll sideways; Alt+Z (in the webview, where VS Code's own Alt+Z
// must not act too) wraps at word boundaries, never inside a word; largeFile.wordWrap 'bounded'
// wraps at largeFile.wordWrapColumn; a single line of 1 GB scrolls wrapped and sideways.
// Photographed in Dark Modern, Light Modern and Dark High Contrast at 1400 and 900 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, openSync, writeFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, goTo, pollWebviews } from './support/workbench';
import { notifications, waitForStatusBar } from './support/dialogs';
import { changeUserSettings, clickRow, openInTextView, setColorTheme, textRows } from './support/editorView';

const env = e2eEnvironment();
const browser = useBrowser();

const WORDS = 'the upstream service did not answer in time so the client will retry the request with a longer timeout and then give up';
const TEXT = Array.from({ length: 300 }, (_, i) => `${String(i + 1).padStart(4, '0')} WARN ${WORDS} (attempt ${i % 7})\n`).join('');

/** The themes as the picker names them, the workbench's class for each, and the screenshots' name. */
const THEMES = [
  ['Dark Modern', 'vs-dark', 'dark-modern'],
  ['Light Modern', 'vs', 'light'],
  ['Dark High Contrast', 'hc-black', 'dark-hc'],
] as const;

/** The sideways scroll of the text rows: [scrollLeft, scrollWidth, clientWidth]. */
function sideways(page: Page): Promise<[number, number, number]> {
  return pollWebviews(page, (f) => f.locator('.text-view .rows').evaluate((el) => [el.scrollLeft, el.scrollWidth, el.clientWidth] as [number, number, number]), () => true, 'the rows');
}

const wrapState = (page: Page, accept: (w: string) => boolean, what: string) =>
  pollWebviews(page, (f) => f.locator('.text-view').getAttribute('data-wrap', { timeout: 1000 }).then((w) => w ?? ''), accept, what);

test('word wrap: off scrolls sideways, Alt+Z wraps at word boundaries, bounded at the column; in three themes at 1400 and 900 px', async () => {
  const dir = testFolder(env, 'wrap');
  writeFileSync(path.join(dir, 'service.log'), TEXT);
  await withWorkbench(env, browser(), 'wrap', dir, async (page) => {
    await openInTextView(page, 'service.log');
    // Off (code-server's editor.wordWrap): one row per line, wider than the editor.
    await wrapState(page, (w) => w === 'off', 'wrap off');
    const off = await textRows(page, (r) => r.length > 5 && r[0][0].trim() === '1', 'unwrapped rows');
    assert.ok(off.slice(0, 5).every(([g], i) => g.trim() === String(i + 1)), 'a line number on every row');
    const [, width, client] = await sideways(page);
    assert.ok(width > client, `rows wider than the editor scroll sideways: ${width} > ${client}`);
    await page.keyboard.press('End');
    await waitForStatusBar(page, /Ln 1, Byte \d{3}/);
    const [left] = await sideways(page);
    assert.ok(left > 0, 'End scrolled to the cursor');
    await page.keyboard.press('Home');
    await page.keyboard.press('Home');

    // Alt+Z: wrapped at word boundaries.
    await page.keyboard.press('Alt+z');
    await wrapState(page, (w) => w !== 'off', 'wrap on');
    const on = await textRows(page, (r) => r.length > 5 && r[1][0].trim() === '', 'wrapped rows');
    for (let i = 0; i + 1 < on.length; i++) {
      const [, text] = on[i];
      const [nextGutter, next] = on[i + 1];
      if (nextGutter.trim() !== '' || next === '') continue; // the next row starts a line
      assert.match(text, /[\s\-/,;.)]$/, `a wrapped row ends at a word boundary: "${text}" | "${next}"`);
    }
    assert.ok(on.some(([, t]) => /\bretry\b/.test(t)), 'retry in one piece');
    assert.deepEqual(await notifications(page).then((n) => n.filter((t) => /word wrap/i.test(t))), [], 'VS Code did not act on Alt+Z too');
    assert.equal((await sideways(page))[1] <= (await sideways(page))[2] + 2, true, 'nothing to scroll sideways when wrapped');

    for (const [theme, kind, name] of THEMES) {
      await setColorTheme(page, theme, kind);
      await clickRow(page, 'text', 0);
      for (const width of [1400, 900]) {
        await page.setViewportSize({ width, height: 800 });
        await textRows(page, (r) => r.length > 5, 'the rows');
        await page.waitForTimeout(400);
        await page.screenshot({ path: path.join(env.screenshots, `wrap-on-${name}-${width}.png`) });
      }
      await page.keyboard.press('Alt+z');
      await wrapState(page, (w) => w === 'off', 'wrap off again');
      await page.screenshot({ path: path.join(env.screenshots, `wrap-off-${name}-900.png`) });
      await page.setViewportSize({ width: 1400, height: 800 });
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(env.screenshots, `wrap-off-${name}-1400.png`) });
      await page.keyboard.press('Alt+z');
      await wrapState(page, (w) => w !== 'off', 'wrap on again');
    }
    await setColorTheme(page, 'Light Modern', 'vs');
    await page.setViewportSize({ width: 1280, height: 800 });

    // largeFile.wordWrap 'bounded' at column 40 (in the user settings; read when the window
    // loads): no row longer than 40 characters.
    const restore = changeUserSettings(env, { 'largeFile.wordWrap': 'bounded', 'largeFile.wordWrapColumn': 40 });
    try {
      await page.reload();
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      const reopened = await wrapState(page, () => true, 'the editor after the reload').then(() => true, () => false);
      if (!reopened) await openInTextView(page, 'service.log');
      // The reopened editor kept its own Alt+Z choice ('on'): Alt+Z twice comes back to the setting.
      await wrapState(page, (w) => w !== '', 'the text view');
      await clickRow(page, 'text', 0);
      for (let i = 0; i < 3; i++) {
        const w = await wrapState(page, () => true, 'the wrap');
        if (w === 'bounded') break;
        await page.keyboard.press('Alt+z');
        await page.waitForTimeout(300);
      }
      await wrapState(page, (w) => w === 'bounded', 'bounded');
      const bounded = await textRows(page, (r) => r.length > 5 && r.every(([, t]) => t.length <= 40), 'rows of at most 40 characters');
      assert.ok(bounded.some(([, t]) => t.length >= 30), 'filled up to the column');
      await page.screenshot({ path: path.join(env.screenshots, 'wrap-bounded-40.png') });
    } finally {
      restore();
    }
  });
});

test('a single line of 1 GB scrolls wrapped and sideways', async () => {
  const dir = testFolder(env, 'wrap-giant');
  const file = path.join(dir, 'one-line.txt');
  const size = 1024 ** 3;
  const fd = openSync(file, 'w');
  const head = Buffer.from('START of a line of one gigabyte ');
  const tail = Buffer.from(' END of the line');
  ftruncateSync(fd, size);
  writeSync(fd, head, 0, head.length, 0);
  writeSync(fd, tail, 0, tail.length, size - tail.length);
  closeSync(fd);
  await withWorkbench(env, browser(), 'wrap-giant', dir, async (page) => {
    await explorerContextMenu(page, 'one-line.txt', 'Open in Large File Editor');
    await pollWebviews(page, (f) => f.locator('.row:not([hidden])').count(), (n) => n > 0, 'rows');
    await pollWebviews(page, (f) => f.locator('.toolbar button[data-view="text"]').click().then(() => true), () => true, 'the Text button');
    await textRows(page, (r) => r[0]?.[1].startsWith('START of a line'), 'the line start');
    await clickRow(page, 'text', 0);
    // Wrapped: the middle, a page on, and the end, all rows of the one line.
    await page.keyboard.press('Alt+z');
    await wrapState(page, (w) => w === 'on', 'wrap on');
    await goTo(page, '50%');
    const middle = await textRows(page, (r) => r.length > 5 && r.every(([g]) => g.trim() === '') && !r[0][1].startsWith('START'), 'rows in the middle');
    await waitForStatusBar(page, /Offset 536,870,912 \(/);
    // PageDown: a page of rows on (each as wide as the editor), the cursor with it.
    await page.keyboard.press('PageDown');
    const status = await waitForStatusBar(page, /Offset (?!536,870,912 )[\d,]+ \(/);
    const offset = Number(/Offset ([\d,]+)/.exec(status)![1].replace(/,/g, ''));
    assert.ok(offset - 536_870_912 >= (middle.length - 1) * 40, `a page of rows on: ${offset}`);
    await page.keyboard.press('Control+End');
    // (The last row may start inside "END of the line": where a row breaks depends on the width.)
    await textRows(page, (r) => r.length > 5 && r.slice(-2).map(([, t]) => t).join('').endsWith('END of the line'), 'the end of the line, at the bottom');
    await page.screenshot({ path: path.join(env.screenshots, 'wrap-giant-on-end.png') });
    // Unwrapped: the end of the line scrolled into view sideways.
    await page.keyboard.press('Alt+z');
    await wrapState(page, (w) => w === 'off', 'wrap off');
    const rows = await textRows(page, (r) => r.some(([, t]) => t.includes('END of the line')), 'the end of the line, unwrapped');
    assert.ok(rows.length > 5);
    assert.ok((await sideways(page))[0] > 0, 'scrolled sideways');
    await page.screenshot({ path: path.join(env.screenshots, 'wrap-giant-off-end.png') });
  });
});
