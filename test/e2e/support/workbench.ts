// Drives the VS Code workbench in Chromium the way a user does (keyboard, command palette,
// explorer, context menus) and reads what the Large File Editor's webview shows.
import assert from 'node:assert/strict';
import type { Browser, Frame, Page } from 'playwright-core';
import { workbenchUrl } from '../../../scripts/code-server/urls.mjs';

const SECOND = 1000;

/** Loads the workbench on `folder` and waits until the explorer lists its files. */
export async function openWorkbench(browser: Browser, baseUrl: string, folder: string, openFile?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(60 * SECOND);
  await page.goto(workbenchUrl(baseUrl, { folder, openFile }), { timeout: 120 * SECOND });
  await page.locator('.monaco-workbench').waitFor({ timeout: 120 * SECOND });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 120 * SECOND });
  return page;
}

/**
 * Retries `attempt` until it returns true: the explorer is listed before the extension host has
 * registered the extension's commands and menus, so a first try can find them missing.
 */
async function untilAvailable(page: Page, what: string, attempt: () => Promise<boolean>, timeoutMs = 120 * SECOND): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await attempt())) {
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`${what} did not become available within ${timeoutMs / SECOND} s`);
    await page.waitForTimeout(SECOND);
  }
}

/** Runs a command from the command palette by its title, e.g. "Large File Editor: Open File…". */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await untilAvailable(page, `The command "${title}"`, async () => {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    return entry.waitFor({ timeout: 3 * SECOND }).then(() => true, () => false);
  });
  await page.keyboard.press('Enter');
}

/**
 * Answers the workbench's own file dialog (VS Code for the browser shows a quick input instead
 * of the system dialog) by typing the file's path.
 */
export async function answerFileDialog(page: Page, filePath: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  // The dialog fills in its starting folder asynchronously and can overwrite a path typed too
  // early (seen on a loaded machine): type until the path stays, then accept.
  const deadline = Date.now() + 60 * SECOND;
  for (;;) {
    await input.fill(filePath);
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.waitForTimeout(300);
    if ((await input.inputValue()) === filePath) break;
    if (Date.now() > deadline) throw new Error(`The file dialog would not keep the path ${filePath}`);
  }
  await input.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Right-clicks a file in the explorer and picks a context-menu entry. */
export async function explorerContextMenu(page: Page, fileName: string, entry: string): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first();
  const item = page.locator('.context-view .action-item', { hasText: entry }).first();
  await untilAvailable(page, `The explorer menu entry "${entry}"`, async () => {
    await row.click({ button: 'right' });
    return item.waitFor({ timeout: 3 * SECOND }).then(() => true, () => false);
  });
  // The menu ignores a click that comes too soon after it opened; click until it closes.
  const deadline = Date.now() + 30 * SECOND;
  do {
    await item.click({ timeout: 5 * SECOND }).catch(() => undefined);
    if (await item.waitFor({ state: 'hidden', timeout: 2 * SECOND }).then(() => true, () => false)) return;
  } while (Date.now() < deadline);
  throw new Error(`The explorer menu entry "${entry}" could not be clicked`);
}

export async function closeAllEditors(page: Page): Promise<void> {
  await runFromPalette(page, 'View: Close All Editors');
}

/** The webview frames of Large File Editors: a webview is an iframe inside an iframe. */
async function editorFrames(page: Page): Promise<Frame[]> {
  const found: Frame[] = [];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    if ((await frame.locator('#app').count().catch(() => 0)) > 0) found.push(frame);
  }
  return found;
}

/** Polls `read` in the editor webviews until `accept` likes what one shows; fails after `timeoutMs`. */
export async function pollWebviews<T>(
  page: Page,
  read: (frame: Frame) => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 60 * SECOND,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    for (const frame of await editorFrames(page)) {
      try {
        last = await read(frame);
        if (accept(last)) return last;
      } catch {
        // The frame went away while being read (the editor was replaced); look again.
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
}

/** The text of each hex row the webview shows, "00000000  48 65 …  He…", once there are `count`. */
export function waitForHexRows(page: Page, count: number): Promise<string[]> {
  return pollWebviews(
    page,
    (frame) => frame.locator('.row').evaluateAll((rows) => rows.map((r) => r.textContent ?? '').filter((t) => t.trim() !== '')),
    (rows) => rows.length >= count,
    `${count} hex rows`,
  );
}

/** The text of the notice the webview shows (e.g. "Empty file"), once it matches `pattern`. */
export function waitForNotice(page: Page, pattern: RegExp): Promise<string> {
  return pollWebviews(
    page,
    (frame) => frame.locator('.notice').first().textContent({ timeout: 1000 }).then((t) => t ?? ''),
    (text) => pattern.test(text),
    `a notice matching ${pattern}`,
  );
}

/** Waits until the editor area shows exactly `count` tabs. */
export async function waitForTabCount(page: Page, count: number, timeoutMs = 30 * SECOND): Promise<void> {
  const tabs = page.locator('.tabs-container .tab');
  const deadline = Date.now() + timeoutMs;
  while ((await tabs.count()) !== count) {
    if (Date.now() > deadline) throw new Error(`Expected ${count} editor tabs, found ${await tabs.count()}`);
    await page.waitForTimeout(250);
  }
}

/** Waits until the editor tab of `name` shows (or no longer shows) the unsaved-changes dot. */
export async function waitForDirtyTab(page: Page, name: string, dirty: boolean, timeoutMs = 60 * SECOND): Promise<void> {
  const tab = page.locator('.tabs-container .tab', { hasText: name });
  const deadline = Date.now() + timeoutMs;
  while (((await tab.first().getAttribute('class').catch(() => '')) ?? '').includes('dirty') !== dirty) {
    if (Date.now() > deadline) assert.fail(`the tab of ${name} did not become ${dirty ? 'dirty' : 'clean'}`);
    await page.waitForTimeout(200);
  }
}

/** Go to (Ctrl+G) with `target` typed into its input box. */
export async function goToInput(page: Page, target: string): Promise<void> {
  await page.keyboard.press('Control+g');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(target);
  await input.press('Enter');
}
