// What a user sees of the Large File Editor's views — the rows on screen, the cursor's row, the
// selected text — its find box, the clipboard, and the user settings (themes, word wrap), for
// the end-to-end tests.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { E2eEnvironment } from './environment';
import { explorerContextMenu, pollWebviews } from './workbench';

const SECOND = 1000;

/** Each fully visible row of a view: its gutter, its text (without the cursor drawn past a line's end) and all of it. */
function visibleRows(page: Page, view: 'hex' | 'text', accept: (rows: { gutter: string; text: string; all: string }[]) => boolean, what: string, timeoutMs?: number) {
  return pollWebviews(
    page,
    (f) =>
      f.locator(`.${view}-view:not([hidden]) .row:not([hidden])`).evaluateAll((rows) =>
        rows
          .filter((r) => (r as HTMLElement).offsetTop + (r as HTMLElement).offsetHeight <= (r.parentElement as HTMLElement).clientHeight)
          .map((r) => {
            const text = r.querySelector('.text');
            const eol = text?.querySelector('.eol')?.textContent?.length ?? 0;
            const t = text?.textContent ?? '';
            return { gutter: r.querySelector('.gutter')?.textContent ?? '', text: eol ? t.slice(0, -eol) : t, all: r.textContent ?? '' };
          }),
      ),
    accept,
    what,
    timeoutMs,
  );
}

/** The visible text rows as [gutter, text] pairs. */
export async function textRows(page: Page, accept: (rows: [string, string][]) => boolean, what: string, timeoutMs?: number): Promise<[string, string][]> {
  const pairs = (rows: { gutter: string; text: string }[]) => rows.map((r) => [r.gutter, r.text] as [string, string]);
  return pairs(await visibleRows(page, 'text', (rows) => accept(pairs(rows)), what, timeoutMs));
}

/** The visible hex rows' text ("00000000 48 65 … He…", white space folded). */
export async function hexRows(page: Page, accept: (rows: string[]) => boolean, what: string): Promise<string[]> {
  const texts = (rows: { all: string }[]) => rows.map((r) => r.all.replace(/\s+/g, ' ').trim());
  return texts(await visibleRows(page, 'hex', (rows) => accept(texts(rows)), what));
}

export interface CursorInfo {
  readonly row: number;
  readonly rowText: string;
  readonly selected: string;
}

/** What the view shows on screen now: the index of the row with the cursor among the visible rows, and the selected text. */
export function cursorInfo(page: Page, view: 'hex' | 'text', accept: (c: CursorInfo) => boolean, what: string): Promise<CursorInfo> {
  return pollWebviews(
    page,
    (f) =>
      f.locator(`.${view}-view:not([hidden]) .rows`).evaluate((rowsEl, view) => {
        const rows = [...rowsEl.querySelectorAll('.row:not([hidden])')].filter(
          (r) => (r as HTMLElement).offsetTop + (r as HTMLElement).offsetHeight <= rowsEl.clientHeight,
        );
        const row = rows.findIndex((r) => r.querySelector('.cur'));
        const text = (r: Element) => (r.querySelector('.text, .hex') ?? r).textContent ?? '';
        const selected = [...rowsEl.querySelectorAll(view === 'text' ? '.row .text .sel' : '.row .ascii .sel')].map((s) => s.textContent).join('');
        return { row, rowText: row >= 0 ? text(rows[row]) : '', selected };
      }, view),
    accept,
    what,
  );
}

/** Opens `name` from the explorer in the Large File Editor and shows its text view, with the keyboard in it. */
export async function openInTextView(page: Page, name: string): Promise<void> {
  await explorerContextMenu(page, name, 'Open in Large File Editor');
  await pollWebviews(page, (f) => f.locator('.row:not([hidden])').count(), (n) => n > 0, 'the first rows');
  const inText = await pollWebviews(page, (f) => f.locator('.text-view:not([hidden])').count(), () => true, 'the view');
  if (inText === 0) {
    await pollWebviews(page, (f) => f.locator('.toolbar button[data-view="text"]').click().then(() => true), () => true, 'the Text button');
  }
  await textRows(page, (r) => r.length > 0 && r[0][1] !== '', 'the text rows');
  await clickRow(page, 'text', 0);
}

/** Clicks the `index`-th visible row of a view (at its start), which gives the view the keyboard. */
export async function clickRow(page: Page, view: 'hex' | 'text', index: number, clickCount = 1, column = 0): Promise<void> {
  await pollWebviews(
    page,
    async (f) => {
      const row = f.locator(`.${view}-view:not([hidden]) .row:not([hidden]) ${view === 'text' ? '.text' : '.hex'}`).nth(index);
      const box = await row.boundingBox();
      if (!box) return false;
      const ch = await f.evaluate(() => {
        const probe = document.querySelector<HTMLElement>('.rows .row .text, .rows .row .hex');
        return probe ? parseFloat(getComputedStyle(probe).fontSize) * 0.6 : 8;
      });
      await row.click({ position: { x: Math.min(box.width - 1, 2 + column * ch), y: box.height / 2 }, clickCount, timeout: 2000 });
      return true;
    },
    (ok) => ok,
    `a click on row ${index}`,
  );
}

/** The find box's value. */
export function findBoxValue(page: Page, accept: (v: string) => boolean, what: string): Promise<string> {
  return pollWebviews(page, (f) => f.locator('.find-widget:not([hidden]) input[aria-label="Find"]').inputValue({ timeout: 1000 }), accept, what, 20 * SECOND);
}

/** The clipboard's text, read in the workbench page (code-server writes it there). */
export async function clipboardText(page: Page): Promise<string> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Waits until the clipboard holds what `accept` likes. */
export async function waitForClipboard(page: Page, accept: (t: string) => boolean, what: string, timeoutMs = 20 * SECOND): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await clipboardText(page).catch(() => '');
    if (accept(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`The clipboard never held ${what}; it holds ${JSON.stringify(text.slice(0, 200))}`);
}

/** Empties the clipboard (so a copy that does nothing shows). */
export async function clearClipboard(page: Page): Promise<void> {
  await clipboardText(page).catch(() => '');
  await page.evaluate(() => navigator.clipboard.writeText('(empty)'));
}

/**
 * Changes the user settings of the running code-server (VS Code applies them at once) and
 * returns a function that puts the old ones back.
 */
export function changeUserSettings(env: E2eEnvironment, patch: Record<string, unknown>): () => void {
  if (!env.userDataDir) throw new Error('The harness did not say where the user settings are');
  const file = path.join(env.userDataDir, 'User', 'settings.json');
  const before = readFileSync(file, 'utf8');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(before), ...patch }, null, 2));
  return () => writeFileSync(file, before);
}

/** The themes screenshots are taken in, as the picker names them, the workbench's class for each, and a short name for files. */
export const THEMES = [
  ['Dark Modern', 'vs-dark', 'dark-modern'],
  ['Light Modern', 'vs', 'light'],
  ['Dark High Contrast', 'hc-black', 'dark-hc'],
] as const;

/** Picks a color theme as a user does (Preferences: Color Theme), and waits until the workbench wears it. */
export async function setColorTheme(page: Page, theme: string, kind: 'vs-dark' | 'vs' | 'hc-black' | 'hc-light'): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const pick = async (text: string, exact: (label: string) => boolean) => {
    await input.fill(text);
    const deadline = Date.now() + 20 * SECOND;
    for (;;) {
      const labels = await rows.locator('.label-name').allTextContents().catch(() => [] as string[]);
      const index = labels.findIndex((l) => exact(l.trim()));
      if (index >= 0) return rows.nth(index).click();
      if (Date.now() > deadline) throw new Error(`The quick pick did not list ${text}: ${JSON.stringify(labels)}`);
      await page.waitForTimeout(200);
    }
  };
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible' });
  // The command opens the theme picker in the same quick input.
  await pick('>Preferences: Color Theme', (l) => l === 'Preferences: Color Theme');
  await page.waitForTimeout(500);
  await pick(theme, (l) => l === theme);
  await page.waitForFunction((k) => document.querySelector('.monaco-workbench')?.classList.contains(k), kind, { timeout: 30 * SECOND });
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10 * SECOND }).catch(() => page.keyboard.press('Escape'));
  await page.waitForTimeout(500);
}
