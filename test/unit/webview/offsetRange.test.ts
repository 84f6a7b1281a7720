import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOffsetRange } from '../../../shared/offsetRange';

const size = 10 * 2 ** 30;

test('START-END includes both ends; START+LENGTH counts bytes; decimal, 0x and h-suffixed hex', () => {
  assert.deepEqual(parseOffsetRange('0x10-0x1F', size), { start: 16, end: 32 });
  assert.deepEqual(parseOffsetRange('4096+512', size), { start: 4096, end: 4608 });
  assert.deepEqual(parseOffsetRange(' 1F400h - 1F4FFh ', size), { start: 0x1f400, end: 0x1f500 });
  assert.deepEqual(parseOffsetRange('0x2_0000_0000+0x10', size), { start: 2 ** 33, end: 2 ** 33 + 16 });
  assert.deepEqual(parseOffsetRange('5..5', size), { start: 5, end: 6 });
  assert.deepEqual(parseOffsetRange('0-' + String(size - 1), size), { start: 0, end: size });
});

test('ranges outside the file, backwards, empty or unreadable are errors with a message', () => {
  for (const input of ['', 'abc', '10', '10-', '20-10', '5+0', `0-${size}`, `${size}+1`, '0xFFFFFFFFFFFFFFFFFF+1']) {
    const r = parseOffsetRange(input, size);
    assert.ok('error' in r && r.error.length > 0, input);
  }
});
