// Launches the system's headless Chromium through playwright-core (Playwright's own browser
// downloads are not used). Shared by the test harness and the end-to-end tests.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The browser binary: $CHROMIUM_PATH, or the first one installed in the usual places. */
export function chromiumPath() {
  const found = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((p) => p && existsSync(p));
  if (!found) {
    throw new Error('Chromium is not installed (Debian package: chromium); or set CHROMIUM_PATH. Run: node scripts/prereqs.mjs test');
  }
  return found;
}

// No sandbox: tests run as root in containers. The rest keeps the browser from calling out.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @param {{ timeoutMs?: number }} [options] */
export function launchChromium({ timeoutMs = 120_000 } = {}) {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true, timeout: timeoutMs });
}
