// One Chromium per test file, closed whatever happens; one workbench page per test, with a
// screenshot of the page when the test fails.
import { after, before } from 'node:test';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import type { E2eEnvironment } from './environment';
import { openWorkbench } from './workbench';

/** Launches Chromium before the file's tests and closes it after them; returns a getter. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium did not start');
    return browser;
  };
}

/**
 * Opens the workbench on `folder` (and `openFile`, if given), runs `body`, and closes the page.
 * A failure leaves screenshots/failed-<name>.png behind.
 */
export async function withWorkbench(
  env: E2eEnvironment,
  browser: Browser,
  name: string,
  folder: string,
  body: (page: Page) => Promise<void>,
  openFile?: string,
): Promise<void> {
  const page = await openWorkbench(browser, env.url, folder, openFile);
  try {
    await body(page);
  } catch (e) {
    await page.screenshot({ path: path.join(env.screenshots, `failed-${name}.png`) }).catch(() => undefined);
    throw e;
  } finally {
    await page.close();
  }
}
