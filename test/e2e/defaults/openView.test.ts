// Which view a file opens in, with the extension's defaults (largeFile.defaultView: auto), and
// what the text view and the status bar say of its encoding and line ends, as a new user sees
// them: a log opens as text, a binary as hex; UTF-16 without a byte-order mark is read as
// UTF-16; a BOM takes no column; the view a user switched a file to comes back when it reopens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from '../support/environment';
import { useBrowser, withWorkbench } from '../support/session';
import { closeAllEditors, explorerContextMenu, pollWebviews } from '../support/workbench';
import { waitForStatusBar } from '../support/dialogs';
import { textRows } from '../support/editorView';

const env = e2eEnvironment();
const browser = useBrowser();

const LOG = Array.from({ length: 200 }, (_, i) => `2026-03-01T00:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i} done\n`).join('');

/** The view the editor shows once its rows are drawn. */
function shownView(page: Page): Promise<string> {
  return pollWebviews(
    page,
    async (f) => {
      if ((await f.locator('.row:not([hidden])').count()) === 0) return '';
      if ((await f.locator('.text-view:not([hidden]) .row').count()) > 0) return 'text';
      return (await f.locator('.hex-view:not([hidden]) .row').count()) > 0 ? 'hex' : '';
    },
    (v) => v !== '',
    'a view with rows',
  );
}

async function open(page: Page, name: string): Promise<string> {
  await explorerContextMenu(page, name, 'Open in Large File Editor');
  return shownView(page);
}

test('a log opens in the text view, a binary in the hex view; a switch is remembered for the file', async () => {
  const dir = testFolder(env, 'open-view');
  writeFileSync(path.join(dir, 'server.log'), LOG);
  const noise = Buffer.alloc(64 * 1024);
  let x = 12345;
  for (let i = 0; i < noise.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    noise[i] = x >>> 24;
  }
  writeFileSync(path.join(dir, 'blob.bin'), noise);
  writeFileSync(path.join(dir, 'other.log'), LOG);
  await withWorkbench(env, browser(), 'open-view', dir, async (page) => {
    assert.equal(await open(page, 'server.log'), 'text', 'the log opened in the text view');
    await textRows(page, (r) => r[0]?.[1].startsWith('2026-03-01T00:00:00Z INFO request 0 done'), 'the log as text');
    await page.screenshot({ path: path.join(env.screenshots, 'open-view-log-text.png') });
    await closeAllEditors(page);
    assert.equal(await open(page, 'blob.bin'), 'hex', 'the binary opened in the hex view');
    await closeAllEditors(page);

    // The user switches the log to hex: it opens in hex from now on; another log still opens as text.
    assert.equal(await open(page, 'server.log'), 'text');
    await pollWebviews(page, (f) => f.locator('.toolbar button[data-view="hex"]').click().then(() => true), () => true, 'the Hex button');
    await pollWebviews(page, (f) => f.locator('.hex-view:not([hidden]) .row').count(), (n) => n > 0, 'the hex view');
    await closeAllEditors(page);
    assert.equal(await open(page, 'server.log'), 'hex', 'the switch to hex was remembered');
    await closeAllEditors(page);
    assert.equal(await open(page, 'other.log'), 'text', 'another log still opens as text');
  });
});

test('UTF-16 without a BOM is read as UTF-16; a BOM takes no column; the status bar names the encoding and the line ends', async () => {
  const dir = testFolder(env, 'open-encodings');
  const text = 'Grüße aus Köln\r\nzweite Zeile\r\n日本語のテキスト\r\n'.repeat(20);
  writeFileSync(path.join(dir, 'notes-utf16.txt'), Buffer.from(text, 'utf16le'));
  const beBytes = Buffer.from(text, 'utf16le');
  beBytes.swap16();
  writeFileSync(path.join(dir, 'notes-utf16be.txt'), beBytes);
  writeFileSync(path.join(dir, 'bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('first line\nsecond line\n')]));
  await withWorkbench(env, browser(), 'open-encodings', dir, async (page) => {
    assert.equal(await open(page, 'notes-utf16.txt'), 'text');
    const rows = await textRows(page, (r) => r.length >= 3 && r[0][1] === 'Grüße aus Köln', 'the UTF-16 LE text decoded');
    assert.equal(rows[1][1], 'zweite Zeile');
    assert.equal(rows[2][1], '日本語のテキスト');
    const status = await waitForStatusBar(page, /UTF-16 LE/);
    assert.match(status, /\bCRLF\b/, 'the status bar shows CRLF');
    await page.screenshot({ path: path.join(env.screenshots, 'open-view-utf16le.png') });
    await closeAllEditors(page);

    assert.equal(await open(page, 'notes-utf16be.txt'), 'text');
    await textRows(page, (r) => r[0]?.[1] === 'Grüße aus Köln', 'the UTF-16 BE text decoded');
    await waitForStatusBar(page, /UTF-16 BE/);
    await closeAllEditors(page);

    assert.equal(await open(page, 'bom.txt'), 'text');
    const bom = await textRows(page, (r) => r.length >= 2 && r[1][1] === 'second line', 'the UTF-8 file with a BOM');
    assert.equal(bom[0][1], 'first line', 'no column for the byte-order mark');
    const s = await waitForStatusBar(page, /UTF-8/);
    assert.match(s, /\bLF\b/);
    assert.doesNotMatch(s, /CRLF/);
    // The cursor stands on the first character, after the mark: Offset 3.
    await waitForStatusBar(page, /Offset 3 \(0x3\)/);
  });
});
