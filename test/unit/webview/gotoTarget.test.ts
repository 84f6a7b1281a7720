import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGotoTarget } from '../../../webview/gotoTarget';

const size = 10 * 2 ** 30;

test('offsets in decimal, 0x hex and h-suffixed hex', () => {
  assert.deepEqual(parseGotoTarget('1048576', size, 0, false), { kind: 'offset', offset: 1048576 });
  assert.deepEqual(parseGotoTarget('0x1F400', size, 0, false), { kind: 'offset', offset: 0x1f400 });
  assert.deepEqual(parseGotoTarget('1f400h', size, 0, false), { kind: 'offset', offset: 0x1f400 });
  assert.deepEqual(parseGotoTarget(' 0x2_0000_0000 ', size, 0, false), { kind: 'offset', offset: 2 ** 33 });
});

test('relative offsets move from the cursor', () => {
  assert.deepEqual(parseGotoTarget('+0x10', size, 100, false), { kind: 'offset', offset: 116 });
  assert.deepEqual(parseGotoTarget('-100', size, 100, false), { kind: 'offset', offset: 0 });
  assert.equal(parseGotoTarget('-101', size, 100, false).kind, 'error');
});

test('percentages land inside the file', () => {
  assert.deepEqual(parseGotoTarget('50%', size, 0, false), { kind: 'offset', offset: size / 2 });
  assert.deepEqual(parseGotoTarget('99.9999999999%', size, 0, false).kind, 'offset');
  // 100% is the end, as Ctrl+End: the cursor after the last byte.
  assert.deepEqual(parseGotoTarget('100%', size, 0, false), { kind: 'end', offset: size });
  assert.equal(parseGotoTarget('101%', size, 0, false).kind, 'error');
});

test('lines: explicit anywhere, bare numbers in the text view', () => {
  assert.deepEqual(parseGotoTarget('line 1200', size, 0, false), { kind: 'line', line: 1200 });
  assert.deepEqual(parseGotoTarget(':7', size, 0, false), { kind: 'line', line: 7 });
  assert.deepEqual(parseGotoTarget('42', size, 0, true), { kind: 'line', line: 42 });
  assert.deepEqual(parseGotoTarget('42', size, 0, false), { kind: 'offset', offset: 42 });
  assert.equal(parseGotoTarget('line 0', size, 0, false).kind, 'error');
});

test('out-of-range input is an error with a message, never a jump', () => {
  for (const input of ['', String(size + 1), '0xFFFFFFFFFFFFFFFFFF']) {
    const t = parseGotoTarget(input, size, 0, false);
    assert.equal(t.kind, 'error', input);
    assert.ok(t.kind === 'error' && t.message.length > 0);
  }
});

test('input that is no offset, line or percentage goes to the host, which reads times (and says what it cannot read)', () => {
  for (const input of ['abc', '0x', '12zz', '2026-03-03T12:00', '+10m']) assert.deepEqual(parseGotoTarget(input, size, 0, false), { kind: 'host' }, input);
});

test('start and end go to the host (the first and the last line, in any file)', () => {
  for (const lineMode of [false, true]) {
    assert.deepEqual(parseGotoTarget('start', size, 5, lineMode), { kind: 'host' });
    assert.deepEqual(parseGotoTarget(' end ', size, 5, lineMode), { kind: 'host' });
  }
});
