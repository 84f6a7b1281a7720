// The workbench's own prompts as a user meets them: modal dialogs (read, then answered with a
// button), notification toasts, quick picks, and the status bar's text.
import type { Page } from 'playwright-core';
import { pollWebviews } from './workbench';

const SECOND = 1000;

/** Waits for a modal dialog whose text matches `pattern`; returns its text (message and detail). */
export async function waitForDialog(page: Page, pattern: RegExp, timeoutMs = 30 * SECOND): Promise<string> {
  const box = page.locator('.monaco-dialog-box');
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await box.first().textContent({ timeout: 500 }).catch(() => '')) ?? '';
    if (pattern.test(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`No dialog matching ${pattern} within ${timeoutMs / SECOND} s; last seen: ${JSON.stringify(last)}`);
}

/** Answers the open modal dialog with the button labelled `label` (Escape for 'Cancel'). */
export async function answerDialog(page: Page, label: string): Promise<void> {
  const box = page.locator('.monaco-dialog-box');
  if (label === 'Cancel') {
    await page.keyboard.press('Escape');
  } else {
    await box.locator('.monaco-button', { hasText: label }).first().click();
  }
  await box.first().waitFor({ state: 'hidden', timeout: 10 * SECOND });
}

/** Whether a modal dialog is showing now. */
export async function dialogShowing(page: Page): Promise<boolean> {
  return (await page.locator('.monaco-dialog-box').count()) > 0;
}

/** Waits for a notification toast whose text matches `pattern`; returns its text. */
export async function waitForNotification(page: Page, pattern: RegExp, timeoutMs = 30 * SECOND): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await page.locator('.notification-toast .notification-list-item-message').allTextContents().catch(() => []);
    const hit = seen.find((t) => pattern.test(t));
    if (hit) return hit;
    await page.waitForTimeout(100);
  }
  throw new Error(`No notification matching ${pattern}; seen: ${JSON.stringify(seen)}`);
}

/** The messages of the notification toasts showing now. */
export async function notifications(page: Page): Promise<string[]> {
  return page.locator('.notification-toast .notification-list-item-message').allTextContents().catch(() => []);
}

/** The status bar's items, joined with " | ". */
export async function statusBarText(page: Page): Promise<string> {
  return (await page.locator('.part.statusbar .statusbar-item').allTextContents()).join(' | ');
}

/** Waits until the status bar text matches `pattern`. */
export async function waitForStatusBar(page: Page, pattern: RegExp, timeoutMs = 30 * SECOND): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (!pattern.test((text = await statusBarText(page)))) {
    if (Date.now() > deadline) throw new Error(`The status bar never matched ${pattern}: ${text}`);
    await page.waitForTimeout(100);
  }
  return text;
}

/** The text of the first element matching `selector` in an editor webview, once `accept` likes it. */
export function webviewText(page: Page, selector: string, accept: (t: string) => boolean, what: string, timeoutMs?: number): Promise<string> {
  return pollWebviews(page, (frame) => frame.locator(selector).first().textContent({ timeout: 1000 }).then((t) => t ?? ''), accept, what, timeoutMs);
}

/** Whether the element matching `selector` is visible in an editor webview now. */
export async function webviewVisible(page: Page, selector: string): Promise<boolean> {
  return pollWebviews(page, (frame) => frame.locator(selector).first().isVisible(), () => true, selector, 5 * SECOND).catch(() => false);
}

/** Clicks the element matching `selector` in an editor webview. */
export async function webviewClick(page: Page, selector: string): Promise<void> {
  await pollWebviews(page, (frame) => frame.locator(selector).first().click({ timeout: 2000 }).then(() => true), () => true, `a click on ${selector}`);
}

/** Picks the quick-pick entry whose label contains `label` (the quick input must be open). */
export async function pickQuickItem(page: Page, label: string): Promise<void> {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 10 * SECOND });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10 * SECOND });
}

/** Runs the command whose palette label is exactly `title` (typing it also lists its fuzzy neighbours). */
export async function runExactCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const deadline = Date.now() + 20 * SECOND;
  for (;;) {
    const labels = await rows.locator('.label-name').allTextContents().catch(() => [] as string[]);
    const index = labels.findIndex((l) => l.trim() === title);
    if (index >= 0) {
      await rows.nth(index).click();
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10 * SECOND });
      return;
    }
    if (Date.now() > deadline) throw new Error(`The palette did not list "${title}"; it listed ${JSON.stringify(labels)}`);
    await page.waitForTimeout(200);
  }
}
