// VS Code's own text editors in the workbench, as a user meets them: the tab of a slice a Large
// File Editor opened (a largefile-slice: document), the lines its editor shows, and the status
// bar's language. Monaco marks each editor with the URI of its model (data-uri).
import type { Locator, Page } from 'playwright-core';

const SECOND = 1000;

/** The editor tab whose label contains `label`. */
export function tab(page: Page, label: string): Locator {
  return page.locator('.tabs-container .tab', { hasText: label }).first();
}

/** The Monaco editor showing a slice (a largefile-slice: document). */
export function sliceEditor(page: Page): Locator {
  return page.locator('.monaco-editor[data-uri^="largefile-slice:"]').first();
}

/** Waits for a slice editor to show, and returns the label of its tab ("app (bytes 0–319).log"). */
export async function waitForSliceTab(page: Page, labelPart: string, timeoutMs = 30 * SECOND): Promise<string> {
  const t = tab(page, labelPart);
  await t.waitFor({ timeout: timeoutMs });
  await sliceEditor(page).locator('.view-lines').waitFor({ timeout: timeoutMs });
  return ((await t.locator('.label-name').first().textContent()) ?? '').trim();
}

/** The lines the slice editor renders now (all of them for a short slice), NBSPs as spaces. */
export async function sliceLines(page: Page): Promise<string[]> {
  return sliceEditor(page)
    .locator('.view-line')
    .evaluateAll((lines) =>
      lines
        .map((l) => ({ top: parseFloat((l as HTMLElement).style.top || '0'), text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
}

/** Polls the slice editor's lines until `accept` likes them. */
export async function waitForSliceLines(page: Page, accept: (lines: string[]) => boolean, what: string, timeoutMs = 30 * SECOND): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await sliceLines(page).catch(() => []);
    if (accept(last)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`The slice editor never showed ${what}; it showed ${JSON.stringify(last.slice(0, 20))}`);
}

/** Puts the keyboard focus in the slice editor (a click on its text, then Ctrl+Home). */
export async function focusSlice(page: Page): Promise<void> {
  await sliceEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
}

/** Whether a tab shows the unsaved-changes dot. */
export async function tabIsDirty(page: Page, label: string): Promise<boolean> {
  return ((await tab(page, label).getAttribute('class').catch(() => '')) ?? '').includes('dirty');
}
