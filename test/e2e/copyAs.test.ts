// Copy Selection As from the keyboard: Shift+Alt+C in the editor opens the format picker (the
// binding it had, Ctrl+Shift+Alt+C, never reached VS Code in a browser: a webview lets every
// Ctrl+…+C through to the browser as a copy), and the chosen format reaches the clipboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, pollWebviews } from './support/workbench';
import { pickQuickItem, waitForStatusBar } from './support/dialogs';

const env = e2eEnvironment();
const browser = useBrowser();

test('copy as: Shift+Alt+C picks a format and copies the selection in it', async () => {
  const dir = testFolder(env, 'copy-as');
  writeFileSync(path.join(dir, 'bytes.bin'), Buffer.from([0x48, 0x69, 0x00, 0xff, 0x7f, 0x0a, 0x22, 0x5c]));
  await withWorkbench(env, browser(), 'copy-as', dir, async (page) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
    await explorerContextMenu(page, 'bytes.bin', 'Open in Large File Editor');
    await pollWebviews(page, (f) => f.locator('.hex-view .row').first().click().then(() => true), () => true, 'the first row');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+Shift+End');
    await page.keyboard.press('Shift+Alt+KeyC');
    await page.locator('.quick-input-widget', { hasText: 'Copy selection as' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(env.screenshots, 'copy-as-picker.png') });
    await page.locator('.quick-input-widget input').fill('Python');
    await pickQuickItem(page, 'Python bytes');
    await waitForStatusBar(page, /Copied 8 bytes as Python bytes/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, 'data = b"Hi\\x00\\xff\\x7f\\n\\"\\\\"\n');
  });
});
