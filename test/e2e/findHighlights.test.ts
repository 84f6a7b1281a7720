// Every match on screen highlighted, the current one distinct, in the text and the hex view, as
// the screen moves; the count exact although the results panel's cap (set low here) is far
// below it. Asserted from the rows' marks against the matches a plain search of the file's
// text finds on screen; photographed in Dark Modern, Light Modern and Dark High Contrast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { pollWebviews } from './support/workbench';
import { webviewClick, webviewText } from './support/dialogs';
import { changeUserSettings, openInTextView, setColorTheme, THEMES } from './support/editorView';

const env = e2eEnvironment();
const browser = useBrowser();

/** 30,000 lines; every third has one ERROR, every 21st a second one: 11,429 matches in all. */
function writeLog(file: string): string {
  const lines: string[] = [];
  for (let i = 0; i < 30_000; i++) {
    const level = i % 3 === 0 ? 'ERROR' : 'INFO ';
    lines.push(`${String(i).padStart(6, '0')} ${level} request ${i % 97}${i % 21 === 0 ? ' error again' : ''}\n`);
  }
  const text = lines.join('');
  writeFileSync(file, text);
  return text;
}

/** Offsets of every case-insensitive `word` in `text` (non-overlapping, in order): the oracle. */
function occurrences(text: string, word: string): number[] {
  const lower = text.toLowerCase();
  const out: number[] = [];
  for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) out.push(at);
  return out;
}

/** What the active view marks on screen: the bytes its rows cover and the highlighted characters. */
interface Marks {
  readonly view: string;
  /** The characters marked as matches, and as the current match, all rows together. */
  readonly hl: string;
  readonly current: string;
}

function marksOnScreen(page: Page, view: 'text' | 'hex', accept: (m: Marks) => boolean, what: string): Promise<Marks> {
  return pollWebviews(
    page,
    (f) =>
      f.locator(`.${view}-view:not([hidden]) .rows`).evaluate((rowsEl, view) => {
        const rows = [...rowsEl.querySelectorAll('.row:not([hidden])')].filter((r) => (r as HTMLElement).offsetTop + (r as HTMLElement).offsetHeight <= rowsEl.clientHeight);
        const cell = view === 'text' ? '.text' : '.ascii';
        const text = (sel: string) => rows.map((r) => [...r.querySelectorAll(`${cell} ${sel}`)].map((s) => s.textContent).join('')).join('|');
        // The rows' text joined by '|'; the marked characters of all rows together.
        return { view: rows.map((r) => r.querySelector(cell)?.textContent ?? '').join('|'), hl: text('.hl').replace(/\|/g, ''), current: text('.hl-current').replace(/\|/g, '') };
      }, view),
    accept,
    what,
  );
}

test('find: every match on screen highlighted (the current one distinct) in both views as the screen moves; the count exact past the cap', async () => {
  const dir = testFolder(env, 'find-highlights');
  const text = writeLog(path.join(dir, 'app.log'));
  const all = occurrences(text, 'error');
  const restore = changeUserSettings(env, { 'largeFile.maxFindResults': 500 });
  try {
    await withWorkbench(env, browser(), 'find-highlights', dir, async (page) => {
      await openInTextView(page, 'app.log');
      await page.keyboard.press('Control+f');
      // Ctrl+F put the word at the cursor in the box: replaced (keys typed into a loaded machine's
      // browser can lose the first one, which would search "rror").
      await pollWebviews(page, (f) => f.locator('.find-widget input[aria-label="Find"]').fill('error').then(() => true), () => true, 'the find box');
      // The count is every match, not "500+" (the cap limits only the results panel's list).
      // (The box held the seeded word's own count a moment ago: wait for the pattern typed.)
      const wanted = `1 of ${all.length.toLocaleString('en-US')}`;
      await webviewText(page, '.find-count', (t) => t === wanted, `the count "${wanted}"`, 60_000);

      // Text view: the current match (the first) distinct, every other one on screen highlighted.
      const screen = await marksOnScreen(page, 'text', (m) => m.current === 'ERROR' && m.hl.length > 0, 'the highlights in the text view');
      const shown = screen.view.split('|').join('\n');
      assert.equal(screen.hl.length, 5 * (occurrences(shown, 'error').length - 1), `highlights: ${screen.hl}`);
      assert.match(screen.hl, /^(error|ERROR)+$/);
      for (const [theme, kind, name] of THEMES) {
        await setColorTheme(page, theme, kind);
        await page.screenshot({ path: path.join(env.screenshots, `find-highlights-text-${name}.png`) });
      }

      // The screen moves (the keyboard back in the view, PageDown): the new screen's matches are highlighted.
      await pollWebviews(page, (f) => f.locator('.text-view .rows').focus().then(() => true), () => true, 'the text rows');
      await page.keyboard.press('PageDown');
      await page.keyboard.press('PageDown');
      const moved = await marksOnScreen(page, 'text', (m) => m.view !== screen.view && m.hl.length === 5 * occurrences(m.view.split('|').join('\n'), 'error').length, 'the highlights of the next screens');
      assert.ok(moved.hl.length > 0);
      assert.equal(moved.current, '');

      // The hex view marks the same matches in its text column (a match may wrap onto the next row).
      await webviewClick(page, '.toolbar button[data-view="hex"]');
      const hex = await marksOnScreen(page, 'hex', (m) => m.hl.length + m.current.length > 0, 'the highlights in the hex view');
      const hexShown = hex.view.replace(/\|/g, '');
      // The rows' characters are the file's bytes from the first row's offset on (ASCII only here).
      const first = text.replace(/[^\x20-\x7e]/g, '\u00b7').indexOf(hexShown.slice(0, 64));
      assert.ok(first >= 0, 'the hex rows show the file');
      const onScreen = all.filter((o) => o + 5 > first && o < first + hexShown.length);
      const marked = onScreen.reduce((n, o) => n + Math.min(o + 5, first + hexShown.length) - Math.max(o, first), 0);
      assert.equal(hex.hl.length + hex.current.length, marked);
      for (const [theme, kind, name] of THEMES) {
        await setColorTheme(page, theme, kind);
        await page.screenshot({ path: path.join(env.screenshots, `find-highlights-hex-${name}.png`) });
      }

      // Closing the widget takes the highlights away.
      await page.keyboard.press('Control+f');
      await page.keyboard.press('Escape');
      await marksOnScreen(page, 'hex', (m) => m.hl === '' && m.current === '', 'no highlights once find is closed');
    });
  } finally {
    restore();
  }
});
