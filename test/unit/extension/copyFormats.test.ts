import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatForClipboard } from '../../../extension/copyFormats';

const bytes = new Uint8Array(Buffer.from('Hé\n\u0000', 'utf8'));

test('hex and base64 round-trip to the same bytes', () => {
  const hex = formatForClipboard(bytes, 'hex', 'utf-8');
  assert.equal(hex, '48C3A90A00');
  assert.deepEqual(new Uint8Array(Buffer.from(hex, 'hex')), bytes);
  assert.deepEqual(new Uint8Array(Buffer.from(formatForClipboard(bytes, 'base64', 'utf-8'), 'base64')), bytes);
});

test('text is decoded in the chosen encoding', () => {
  assert.equal(formatForClipboard(bytes, 'text', 'utf-8'), 'Hé\n\u0000');
  assert.equal(formatForClipboard(Uint8Array.of(0xe9), 'text', 'iso-8859-1'), 'é');
  assert.equal(formatForClipboard(new Uint8Array(Buffer.from('hi', 'utf16le')), 'text', 'utf-16le'), 'hi');
});

test('a C array lists every byte, 16 to a line', () => {
  const data = Uint8Array.from({ length: 20 }, (_, i) => i);
  const c = formatForClipboard(data, 'c', 'utf-8');
  assert.match(c, /^unsigned char data\[20\] = \{\n/);
  assert.equal((c.match(/0x/g) ?? []).length, 20);
  assert.equal(c.split('\n').length, 5);
  const parsed = [...c.matchAll(/0x([0-9A-F]{2})/g)].map((m) => parseInt(m[1], 16));
  assert.deepEqual(parsed, [...data]);
});
