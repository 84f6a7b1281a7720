import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAscii, formatHexBytes, formatHexHeader, formatOffset, formatRow, offsetDigits, withPendingDigit } from '../../../webview/hexFormat';

test('offset column widens with the file size, past 4 GiB and up to 2^40', () => {
  assert.equal(offsetDigits(0), 8);
  assert.equal(offsetDigits(0x1_0000_0000), 8); // last offset 0xFFFFFFFF
  assert.equal(offsetDigits(0x1_0000_0001), 9);
  assert.equal(offsetDigits(2 ** 40), 10);
  assert.equal(formatOffset(0x1_2345_6789, 9), '123456789');
});

test('hex bytes are padded so a short last row keeps the text column aligned', () => {
  assert.equal(formatHexBytes(Uint8Array.of(0x00, 0xab, 0xff), 4), '00 AB FF   ');
  assert.equal(formatHexBytes(Uint8Array.of(0x00, 0xab, 0xff), 4).length, formatHexBytes(new Uint8Array(4), 4).length);
});

test('non-printable bytes are shown, never dropped', () => {
  assert.equal(formatAscii(Uint8Array.of(0x41, 0x00, 0x0a, 0x7f, 0xe9, 0x7e)), 'A\u00b7\u00b7\u00b7\u00b7~');
});

test('a row joins offset, hex and text', () => {
  const row = formatRow(16, Buffer.from('Hi'), 4, 8);
  assert.equal(row, '00000010  48 69        Hi');
});

test('the column header lines up with the cells under it at every width', () => {
  for (const bytesPerRow of [8, 16, 32, 64]) {
    const h = formatHexHeader(bytesPerRow, 9);
    const row = formatRow(0, new Uint8Array(bytesPerRow), bytesPerRow, 9);
    assert.equal(`${h.offset}  ${h.hex}  ${h.ascii}`.length, row.length, `${bytesPerRow} bytes per row`);
    assert.ok(h.hex.startsWith('00 01 02'));
    assert.ok(h.hex.endsWith((bytesPerRow - 1).toString(16).toUpperCase().padStart(2, '0')));
    assert.equal(h.ascii.slice(0, 16), '0123456789ABCDEF'.slice(0, bytesPerRow));
  }
});

test('a byte waiting for its second digit shows the first and a blank', () => {
  assert.equal(withPendingDigit('00 AB FF', 1, 'C'), '00 C_ FF');
  assert.equal(withPendingDigit('00 AB FF', 2, '7'), '00 AB 7_');
});
