// One Chromium for a test file, closed whatever happens.
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';

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
