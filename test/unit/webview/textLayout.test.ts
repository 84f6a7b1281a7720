import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Utf16Codec, Utf8Codec } from '../../../webview/textCodec';
import { lastLineBreakEnd, layoutRows, TextRow } from '../../../webview/textLayout';

const options = { wrapColumns: 10, tabSize: 4, maxRows: 100, atEnd: true, firstIsLineStart: true };
const text = (r: TextRow) => r.cells.map((c) => c.text).join('');
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

test('\\n, \\r\\n and lone \\r all end a line', () => {
  const rows = layoutRows(utf8('ab\ncd\r\nef\rgh'), 0, new Utf8Codec(), options);
  assert.deepEqual(rows.map(text), ['ab', 'cd', 'ef', 'gh']);
  assert.deepEqual(rows.map((r) => [r.start, r.end]), [[0, 3], [3, 7], [7, 10], [10, 12]]);
  assert.ok(rows.every((r) => r.lineStart));
});

test('long lines wrap at the column, continuation rows are not line starts', () => {
  const rows = layoutRows(utf8('0123456789abcdefghijXY\nz'), 100, new Utf8Codec(), options);
  assert.deepEqual(rows.map(text), ['0123456789', 'abcdefghij', 'XY', 'z']);
  assert.deepEqual(rows.map((r) => r.lineStart), [true, false, false, true]);
  assert.equal(rows[1].start, 110);
});

test('rows cover the bytes exactly, with no gap and no overlap', () => {
  const bytes = utf8('héllo\twörld\r\n\u0001€€€€€€€€€€€€\n\n\rX');
  const rows = layoutRows(bytes, 0, new Utf8Codec(), options);
  for (let i = 1; i < rows.length; i++) assert.equal(rows[i].start, rows[i - 1].end);
  assert.equal(rows[0].start, 0);
  assert.equal(rows[rows.length - 1].end, bytes.length);
  for (const r of rows) for (const c of r.cells) assert.ok(c.start >= r.start && c.start + c.length <= r.end);
});

test('tabs expand to the next stop; control and invalid bytes are visible', () => {
  const rows = layoutRows(Uint8Array.of(0x61, 0x09, 0x62, 0x00, 0xff, 0x7f), 0, new Utf8Codec(), options);
  assert.equal(text(rows[0]), 'a   b\u2400\ufffd\u2421');
  assert.deepEqual(rows[0].cells.map((c) => c.kind), ['', 'tab', '', 'ctrl', 'invalid', 'ctrl']);
});

test('a character cut by the end of the bytes waits for more unless the file ends there', () => {
  const bytes = utf8('abc€').subarray(0, 5); // "abc" and two of the euro sign's three bytes
  assert.deepEqual(layoutRows(bytes, 0, new Utf8Codec(), { ...options, atEnd: false }), []);
  const atEnd = layoutRows(bytes, 0, new Utf8Codec(), options);
  assert.equal(text(atEnd[0]), 'abc\ufffd');
});

test('a trailing \\r is not taken for a lone \\r before the next byte is known', () => {
  const rows = layoutRows(utf8('ab\ncd\r'), 0, new Utf8Codec(), { ...options, atEnd: false });
  assert.deepEqual(rows.map(text), ['ab']);
});

test('UTF-16 lines', () => {
  const bytes = new Uint8Array(Buffer.from('ab\r\ncd\ne', 'utf16le'));
  const rows = layoutRows(bytes, 0, new Utf16Codec(true), options);
  assert.deepEqual(rows.map(text), ['ab', 'cd', 'e']);
  assert.equal(lastLineBreakEnd(bytes, new Utf16Codec(true)), 14);
});

test('the last line break is found from the end', () => {
  assert.equal(lastLineBreakEnd(utf8('abc'), new Utf8Codec()), -1);
  assert.equal(lastLineBreakEnd(utf8('a\nbc'), new Utf8Codec()), 2);
  assert.equal(lastLineBreakEnd(utf8('a\r\nb'), new Utf8Codec()), 3);
});
