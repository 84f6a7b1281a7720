// Drives the VS Code workbench (code-server in headless Chromium) for the editor benchmark:
// key bindings of its own that open a given file with one key press, the probe in every frame,
// and waiting for what the probe saw.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { workbenchUrl } from '../../scripts/code-server/urls.mjs';
import { benchProbe } from './probe.mjs';

const SECOND = 1000;

/**
 * Keys the benchmark presses. Opening by a key bound to a command with the path as its argument
 * starts the open inside the workbench at a known moment, without a file dialog or the command
 * palette (whose typing and filtering would be measured too).
 */
export const KEYS = {
  openBig: 'Control+Alt+Shift+1',
  openPeerInLargeFileEditor: 'Control+Alt+Shift+2',
  openPeerInTextEditor: 'Control+Alt+Shift+3',
  closeAll: 'Control+Alt+Shift+4',
  /** A small file in VS Code's text editor: the other tab of a tab switch. */
  openNotes: 'Control+Alt+Shift+5',
  /** Back to the editor before it (View: Open Previous Editor). */
  previousEditor: 'Control+PageUp',
};

/** Playwright's key names to VS Code's keybinding syntax. */
const vscodeKey = (key) => key.toLowerCase().replace('control', 'ctrl');

/**
 * Writes the profile's keybindings.json.
 * @param {string} userDataDir
 * @param {{ port: number, big: string, peer: string, notes: string }} files absolute paths on the code-server machine
 */
export function writeBenchKeybindings(userDataDir, { port, big, peer, notes }) {
  const bindings = [
    { key: vscodeKey(KEYS.openBig), command: 'largeFile.openFile', args: big },
    { key: vscodeKey(KEYS.openPeerInLargeFileEditor), command: 'largeFile.openFile', args: peer },
    // The browser workbench names files on the server by vscode-remote URIs.
    { key: vscodeKey(KEYS.openPeerInTextEditor), command: 'vscode.open', args: `vscode-remote://127.0.0.1:${port}${peer}` },
    { key: vscodeKey(KEYS.closeAll), command: 'workbench.action.closeAllEditors' },
    { key: vscodeKey(KEYS.openNotes), command: 'vscode.open', args: `vscode-remote://127.0.0.1:${port}${notes}` },
  ];
  writeFileSync(path.join(userDataDir, 'User', 'keybindings.json'), JSON.stringify(bindings, null, 2));
}

/**
 * Opens the workbench on `folder` with the probe in every frame; waits until it is usable.
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl
 * @param {string} folder
 */
export async function openBenchPage(browser, baseUrl, folder) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(60 * SECOND);
  await page.addInitScript(benchProbe);
  await page.goto(workbenchUrl(baseUrl, { folder }), { timeout: 120 * SECOND });
  await page.locator('.monaco-workbench').waitFor({ timeout: 120 * SECOND });
  await page.locator('.explorer-folders-view').waitFor({ timeout: 120 * SECOND });
  return page;
}

/**
 * The content frames of the webviews now in the page (VS Code's webview document is fake.html
 * inside the webview's index.html frame).
 * @param {import('playwright-core').Page} page
 */
export function webviewFrames(page) {
  return page.frames().filter((f) => f.url().includes('/webview/browser/pre/fake.html'));
}

/**
 * What the probe recorded under `name`, or undefined.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
export function probeResult(page, name) {
  return page.evaluate((n) => /** @type {any} */ (window).__benchProbe.results[n], name);
}

/**
 * Polls until the probe has recorded `name`. Polling only delays when we learn of it: the time
 * itself was taken in the page.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {string} what for the error message
 */
export async function waitForProbe(page, name, what, timeoutMs = 60 * SECOND) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await probeResult(page, name);
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / SECOND} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Starts a watch in the probe (see probe.mjs for targets and kinds).
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {'main' | 'webview' | 'newWebview'} target
 * @param {string} kind
 * @param {Record<string, unknown>} [args]
 */
export function watch(page, name, target, kind, args = {}) {
  return page.evaluate(([n, t, k, a]) => /** @type {any} */ (window).__benchProbe.watch(n, t, k, a), /** @type {const} */ ([name, target, kind, args]));
}

/**
 * Presses the bench's close-all key until no editor and no webview is left.
 * @param {import('playwright-core').Page} page
 */
export async function closeAllEditors(page) {
  const deadline = Date.now() + 60 * SECOND;
  for (;;) {
    const tabs = await page.locator('.tabs-container .tab').count();
    if (tabs === 0 && webviewFrames(page).length === 0) return;
    if (Date.now() > deadline) throw new Error(`Editors did not close (${tabs} tabs left)`);
    await page.keyboard.press('Escape');
    await page.keyboard.press(KEYS.closeAll);
    await page.waitForTimeout(300);
  }
}
