// Line ends as VS Code keeps them: the status bar says LF, CRLF or Mixed LF/CRLF, and Enter
// typed in insert mode writes the file's own line end — CR LF in a CRLF file, in UTF-8 and in
// UTF-16 — asserted on the bytes on disk after Ctrl+S.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { closeAllEditors, waitForDirtyTab, waitForTabCount } from './support/workbench';
import { waitForStatusBar } from './support/dialogs';
import { openInTextView } from './support/editorView';

const env = e2eEnvironment();
const browser = useBrowser();

/** In the text view of `name`: Insert, End of line 1, Enter, "x", Ctrl+S; returns the bytes on disk. */
async function enterAfterFirstLine(page: Page, dir: string, name: string, eol: RegExp): Promise<Buffer> {
  await openInTextView(page, name);
  const status = await waitForStatusBar(page, eol);
  assert.match(status, eol);
  await page.keyboard.press('Insert');
  await waitForStatusBar(page, /\bINS\b/);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('x');
  await waitForDirtyTab(page, name, true);
  await page.keyboard.press('Control+s');
  await waitForDirtyTab(page, name, false);
  const bytes = readFileSync(path.join(dir, name));
  await closeAllEditors(page);
  await waitForTabCount(page, 0);
  return bytes;
}

test('Enter keeps the file\'s line ends: CR LF in a CRLF file (UTF-8 and UTF-16), LF in an LF file; the status bar says which', async () => {
  const dir = testFolder(env, 'line-ends');
  writeFileSync(path.join(dir, 'windows.txt'), 'alpha\r\nbeta\r\ngamma\r\n');
  writeFileSync(path.join(dir, 'unix.txt'), 'alpha\nbeta\ngamma\n');
  writeFileSync(path.join(dir, 'mixed.txt'), 'alpha\r\nbeta\ngamma\r\n');
  writeFileSync(path.join(dir, 'utf16.txt'), Buffer.from('\ufeffalpha\r\nbeta\r\n', 'utf16le'));
  await withWorkbench(env, browser(), 'line-ends', dir, async (page) => {
    const crlf = await enterAfterFirstLine(page, dir, 'windows.txt', /\bCRLF\b/);
    assert.equal(crlf.toString('latin1'), 'alpha\r\nx\r\nbeta\r\ngamma\r\n');
    await page.screenshot({ path: path.join(env.screenshots, 'line-ends-crlf.png') });

    const lf = await enterAfterFirstLine(page, dir, 'unix.txt', /(?:^|\| )LF(?: \||$)/);
    assert.equal(lf.toString('latin1'), 'alpha\nx\nbeta\ngamma\n');

    const utf16 = await enterAfterFirstLine(page, dir, 'utf16.txt', /\bCRLF\b/);
    assert.equal(utf16.toString('utf16le'), '\ufeffalpha\r\nx\r\nbeta\r\n');

    await openInTextView(page, 'mixed.txt');
    await waitForStatusBar(page, /Mixed LF\/CRLF/);
  });
});
