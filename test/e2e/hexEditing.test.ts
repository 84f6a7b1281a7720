// The hex view as a user edits and reads a binary: the column header over the bytes (and it
// stays on top), the inspector reading at the selection's start (checked against Buffer's
// readers, both byte orders) on one line per value and clear of the find widget, the first hex
// digit shown before the second, the changed bytes marked in hex and text until the save (the
// bytes on disk checked), a key that cannot be typed saying why; Go to previewing as it is typed
// and going back on Escape, 100% putting the last row at the bottom of a full screen; Select
// Between Offsets. Photographed in Dark Modern, Light Modern and Dark High Contrast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, pollWebviews, runFromPalette, waitForDirtyTab } from './support/workbench';
import { waitForStatusBar, webviewClick, webviewText } from './support/dialogs';
import { clickRow, hexRows, setColorTheme, THEMES } from './support/editorView';

const env = e2eEnvironment();
const browser = useBrowser();

const SIZE = 64 * 1024;

/** Seeded bytes with a float64 of many digits at 0 and printable runs, so every inspector row has a value. */
function sampleBytes(): Buffer {
  const b = Buffer.alloc(SIZE);
  let x = 12345;
  for (let i = 0; i < SIZE; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >> 16;
  }
  b.writeDoubleLE(Math.PI * 1e-7, 0);
  return b;
}

const n = (v: number) => v.toLocaleString('en-US');

/** The inspector's rows as label → [value, title], and whether each value is on one line. */
function inspector(page: Page, accept: (rows: Record<string, [string, string, boolean]>) => boolean, what: string) {
  return pollWebviews(
    page,
    (f) =>
      f.locator('.inspector dl').evaluate((dl) => {
        const out: Record<string, [string, string, boolean]> = {};
        const items = [...dl.children];
        for (let i = 0; i + 1 < items.length; i += 2) {
          const dd = items[i + 1] as HTMLElement;
          const lineHeight = parseFloat(getComputedStyle(dd).lineHeight) || parseFloat(getComputedStyle(dd).fontSize) * 1.4;
          out[items[i].textContent ?? ''] = [dd.textContent ?? '', dd.title, dd.getBoundingClientRect().height < lineHeight * 1.5];
        }
        return out;
      }),
    accept,
    what,
  );
}

/** The classes and text of the hex cell and the text cell of byte `index` of visible row `row`. */
function byteMarks(page: Page, row: number, index: number, accept: (m: { hex: string; hexClass: string; ascii: string; asciiClass: string }) => boolean, what: string) {
  return pollWebviews(
    page,
    (f) =>
      f.locator('.hex-view:not([hidden]) .row:not([hidden])').nth(row).evaluate((el, index) => {
        // A cell's characters: byte i at [3i, 3i + 2) in hex, at i in text; find the span holding it.
        const at = (cell: Element, from: number) => {
          let pos = 0;
          for (const node of cell.childNodes) {
            const len = node.textContent?.length ?? 0;
            if (from < pos + len) return { text: (node.textContent ?? '').slice(from - pos), cls: node instanceof HTMLElement ? node.className : '' };
            pos += len;
          }
          return { text: '', cls: '' };
        };
        const hex = at(el.querySelector('.hex')!, index * 3);
        const ascii = at(el.querySelector('.ascii')!, index);
        return { hex: hex.text.slice(0, 2), hexClass: hex.cls, ascii: ascii.text.slice(0, 1), asciiClass: ascii.cls };
      }, index),
    accept,
    what,
  );
}

test('hex view: column header, inspector at the selection start, pending nibble, edited marks until saved, Go to preview, Select Between Offsets', async () => {
  const dir = testFolder(env, 'hex-editing');
  const file = path.join(dir, 'sample.bin');
  const bytes = sampleBytes();
  writeFileSync(file, bytes);
  await withWorkbench(env, browser(), 'hex-editing', dir, async (page) => {
    await explorerContextMenu(page, 'sample.bin', 'Open in Large File Editor');
    const rows = await hexRows(page, (r) => r.length > 5, 'the hex rows');
    const perRow = rows[0].split(' ').length;
    // Offset, then the bytes' hex, then the text: the row's hex cells tell the bytes per row.
    const bytesPerRow = (await pollWebviews(page, (f) => f.locator('.hex-view .row .hex').first().textContent(), (t) => !!t, 'a hex cell'))!.trim().split(/\s+/).length;
    assert.ok(bytesPerRow >= 8 && perRow > bytesPerRow);

    // The column header: 00 01 … over the bytes, a digit over each character.
    const header = async () =>
      pollWebviews(page, (f) => f.locator('.hex-view .hex-header').evaluate((h) => ({ hex: h.querySelector('.hex')?.textContent ?? '', ascii: h.querySelector('.ascii')?.textContent ?? '', top: h.getBoundingClientRect().top })), (h) => h.hex !== '', 'the column header');
    const head = await header();
    assert.equal(head.hex, Array.from({ length: bytesPerRow }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0')).join(' '));
    assert.equal(head.ascii, Array.from({ length: bytesPerRow }, (_, i) => (i % 16).toString(16).toUpperCase()).join(''));

    // The inspector reads at the start of a forward selection (bytes 0..3 selected: at 0).
    await clickRow(page, 'hex', 0);
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    await waitForStatusBar(page, /4 selected/);
    const le = await inspector(page, (r) => r.int32?.[0] === String(bytes.readInt32LE(0)), 'int32 at the selection start');
    const expect = (b: Buffer, little: boolean): Record<string, string> => ({
      binary: b[0].toString(2).padStart(8, '0'),
      octal: b[0].toString(8).padStart(3, '0'),
      uint8: String(b[0]),
      int16: String(little ? b.readInt16LE(0) : b.readInt16BE(0)),
      uint24: String(little ? b.readUIntLE(0, 3) : b.readUIntBE(0, 3)),
      int24: String(little ? b.readIntLE(0, 3) : b.readIntBE(0, 3)),
      uint32: String(little ? b.readUInt32LE(0) : b.readUInt32BE(0)),
      int64: String(little ? b.readBigInt64LE(0) : b.readBigInt64BE(0)),
      float32: String(little ? b.readFloatLE(0) : b.readFloatBE(0)),
      float64: String(little ? b.readDoubleLE(0) : b.readDoubleBE(0)),
    });
    for (const [label, value] of Object.entries(expect(bytes, true))) {
      assert.equal(le[label]?.[0].replace(/^\+/, ''), value, `${label} little-endian`);
      assert.equal(le[label][1], le[label][0], `${label}: the title holds the whole value`);
    }
    for (const label of ['ULEB128', 'SLEB128', 'UTF-16', 'GB18030', 'Big5', 'Shift-JIS']) assert.ok(le[label]?.[0], `${label} row`);
    // One line each, the long float64 included.
    for (const [label, [, , oneLine]] of Object.entries(le)) assert.ok(oneLine, `${label} wraps`);
    await webviewClick(page, '.inspector-header button');
    const be = await inspector(page, (r) => r.int32?.[0] === String(bytes.readInt32BE(0)), 'big-endian values');
    for (const [label, value] of Object.entries(expect(bytes, false))) assert.equal(be[label]?.[0].replace(/^\+/, ''), value, `${label} big-endian`);
    await webviewClick(page, '.inspector-header button');

    // The find widget open over the corner: the inspector's header and toggle stay clear of it.
    await page.keyboard.press('Control+f');
    const overlap = await pollWebviews(
      page,
      (f) =>
        f.evaluate(() => {
          const w = document.querySelector('.find-widget:not([hidden])')?.getBoundingClientRect();
          const h = document.querySelector('.inspector-header button')?.getBoundingClientRect();
          if (!w || !h) return undefined;
          return w.bottom > h.top && w.top < h.bottom && w.left < h.right && w.right > h.left;
        }),
      (o) => o === false,
      'the inspector header clear of the find widget',
    );
    assert.equal(overlap, false);
    await page.screenshot({ path: path.join(env.screenshots, 'hex-inspector-find.png') });
    await page.keyboard.press('Escape');

    // Typing: the first digit shows in the cell before the second.
    const at = bytesPerRow + 2; // row 1, byte 2
    await clickRow(page, 'hex', 1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await waitForStatusBar(page, new RegExp(`Offset ${n(at)} `));
    await page.keyboard.type('a');
    const half = await byteMarks(page, 1, 2, (m) => m.hex === 'A_', 'the first digit in the cell');
    assert.match(half.hexClass, /\bpending\b/);
    await page.keyboard.type('b');
    const done = await byteMarks(page, 1, 2, (m) => m.hex === 'AB' && /\bedited\b/.test(m.hexClass), 'the byte typed, marked as changed');
    assert.match(done.asciiClass, /\bedited\b/, 'the text column marks it too');
    // The byte before it is not marked.
    const before = await byteMarks(page, 1, 1, () => true, 'the byte before');
    assert.doesNotMatch(before.hexClass, /\bedited\b/);
    // A key that cannot be typed here says why.
    await page.keyboard.type('z');
    await webviewText(page, '.toolbar .message', (t) => /not a hex digit/.test(t), 'why z cannot be typed');
    for (const [theme, kind, name] of THEMES) {
      await setColorTheme(page, theme, kind);
      await pollWebviews(page, (f) => f.locator('.hex-view .rows').focus().then(() => true), () => true, 'the hex rows');
      await page.keyboard.type('c'); // a pending digit on the next byte, for the picture
      await byteMarks(page, 1, 3, (m) => m.hex === 'C_', 'the pending digit');
      await page.screenshot({ path: path.join(env.screenshots, `hex-feedback-${name}.png`) });
      await page.keyboard.type('d');
      await byteMarks(page, 1, 3, (m) => m.hex === 'CD', 'the second byte typed');
      await page.keyboard.press('ArrowLeft');
    }

    // Saved: the bytes are on disk, and nothing is marked any more.
    await page.keyboard.press('Control+s');
    await waitForDirtyTab(page, 'sample.bin', false);
    const disk = readFileSync(file);
    assert.equal(disk[at], 0xab);
    assert.equal(disk[at + 1], 0xcd);
    assert.deepEqual(disk.subarray(0, at), bytes.subarray(0, at));
    assert.deepEqual(disk.subarray(at + 2), bytes.subarray(at + 2));
    await byteMarks(page, 1, 2, (m) => m.hex === 'AB' && !/\bedited\b/.test(m.hexClass), 'no mark once saved');

    // Go to previews as it is typed, and Escape goes back.
    await page.keyboard.press('Control+g');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.type('0x8000');
    await waitForStatusBar(page, /Offset 32,768 /);
    await hexRows(page, (r) => r.some((row) => row.startsWith('00008000')), 'the preview at 0x8000');
    await page.keyboard.press('Escape');
    await waitForStatusBar(page, new RegExp(`Offset ${n(at + 1)} `));
    await hexRows(page, (r) => r[0].startsWith('00000000'), 'back at the start');

    // 100%: the cursor at the end, the last row at the bottom of a full screen.
    await page.keyboard.press('Control+g');
    await input.waitFor({ state: 'visible' });
    await input.fill('100%');
    await input.press('Enter');
    await waitForStatusBar(page, new RegExp(`Offset ${n(SIZE)} `));
    const end = await hexRows(page, (r) => r.length > 0 && r[r.length - 1].startsWith((SIZE - bytesPerRow).toString(16).toUpperCase().padStart(8, '0')), 'the last row at the bottom');
    assert.equal(end.length, rows.length, 'a full screen');
    // The header is still on top.
    assert.equal((await header()).top, head.top);

    // Select Between Offsets: START-END, both included.
    await runFromPalette(page, 'Large File Editor: Select Between Offsets');
    await input.waitFor({ state: 'visible' });
    await input.fill('0x100-0x1FF');
    await input.press('Enter');
    await waitForStatusBar(page, /256 selected/);
    await hexRows(page, (r) => r.some((row) => row.startsWith('00000100')), 'the selection in view');
    await page.screenshot({ path: path.join(env.screenshots, 'hex-select-range.png') });
  });
});
