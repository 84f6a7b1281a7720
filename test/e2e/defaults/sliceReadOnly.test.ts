// A slice of a read-only file, in code-server as it ships (auto save after a second, files open
// read-only): the slice opens and can be typed in; VS Code's auto save of it asks whether to
// switch the big file to In place (the big document takes no edit while read-only); the answer
// writes the slice back into the big document, which turns dirty while its file stays as it was;
// only the big editor's own Ctrl+S writes the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { e2eEnvironment, testFolder } from '../support/environment';
import { useBrowser, withWorkbench } from '../support/session';
import { explorerContextMenu, pollWebviews, waitForDirtyTab } from '../support/workbench';
import { answerDialog, runExactCommand, waitForDialog, waitForStatusBar } from '../support/dialogs';
import { focusSlice, tab, waitForSliceTab } from '../support/textEditors';

const env = e2eEnvironment();
const browser = useBrowser();

test('slice of a read-only file: auto save asks to switch to In place, then writes into the document only', async () => {
  const dir = testFolder(env, 'slice-read-only');
  const file = path.join(dir, 'notes.txt');
  const original = Buffer.from(Array.from({ length: 100 }, (_, i) => `note ${i}\n`).join(''));
  writeFileSync(file, original);
  await withWorkbench(env, browser(), 'slice-read-only', dir, async (page) => {
    await explorerContextMenu(page, 'notes.txt', 'Open in Large File Editor');
    // A text file opens in the text view by default; this test selects its bytes in the hex view.
    await pollWebviews(page, (f) => f.locator('.toolbar button[data-view="hex"]').click().then(() => true), () => true, 'the Hex button');
    await pollWebviews(page, (f) => f.locator('.hex-view:not([hidden]) .row').nth(2).click().then(() => true), () => true, 'a row');
    await waitForStatusBar(page, /Read-only/);
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowDown');
    await runExactCommand(page, 'Large File Editor: Edit Lines…');
    // The lines of the selection are offered; Enter takes them.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    assert.match(await input.inputValue(), /^1-\d+$/);
    await input.fill('2-3');
    await page.keyboard.press('Enter');
    await waitForSliceTab(page, 'notes (lines 2–3).txt');

    await focusSlice(page);
    await page.keyboard.press('End');
    await page.keyboard.type(' edited');
    // Auto save (1 s) saves the slice: the big document is read-only, so it asks first.
    const question = await waitForDialog(page, /notes\.txt is open read-only\. Write this slice back into it\?/, 20_000);
    assert.match(question, /In place: the edit stays unsaved/);
    await page.screenshot({ path: path.join(env.screenshots, 'slice-read-only-question.png') });
    await answerDialog(page, 'Edit In Place');
    await waitForDirtyTab(page, 'notes (lines 2–3)', false);
    await waitForDirtyTab(page, 'notes.txt', true);
    await page.waitForTimeout(3000);
    assert.ok(readFileSync(file).equals(original), 'auto save wrote neither the slice nor the document into the file');

    await tab(page, 'notes.txt').click();
    await pollWebviews(page, (f) => f.locator('.row').nth(2).click().then(() => true), () => true, 'a row');
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'notes.txt', false);
    assert.equal(readFileSync(file, 'latin1'), original.toString('latin1').replace('note 1\n', 'note 1 edited\n'));
  });
});
