// A slice's URI names it and says where its bytes are: its path ends in the big file's extension
// (VS Code's language), its query survives a round trip, and anything else is not a slice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byteRangeLabel, lineRangeLabel, parseLineRange, parseSliceAddress, slicePath, sliceQuery } from '../../../extension/slices/sliceAddress';

test('the slice path keeps the folder and the extension', () => {
  assert.equal(slicePath('/var/log/app.log', byteRangeLabel(1024, 1024), 'bytes'), '/var/log/app (bytes 1,024–2,047).log');
  assert.equal(slicePath('/data/events.jsonl', lineRangeLabel(12, 12), 'json'), '/data/events (line 12).json');
  assert.equal(slicePath('/src/Makefile', lineRangeLabel(1, 20), 'bytes'), '/src/Makefile (lines 1–20)');
  assert.equal(slicePath('/home/u/.bashrc', byteRangeLabel(0, 1), 'bytes'), '/home/u/.bashrc (bytes 0–0)');
});

test('the address round-trips through the URI; other queries are not slices', () => {
  const address = { file: '/var/log/a b&c.log', offset: 5_000_000_000, length: 321, hash: '0123456789abcdef0123456789abcdef', encoding: 'windows-1252', kind: 'bytes' as const };
  const path = slicePath(address.file, byteRangeLabel(address.offset, address.length), 'bytes');
  assert.deepEqual(parseSliceAddress(path, sliceQuery(address)), address);
  assert.equal(parseSliceAddress(path, 'f=a.log&o=1&l=2&h=xyz&e=utf-8&k=bytes'), undefined);
  assert.equal(parseSliceAddress(path, 'f=../a.log&o=1&l=2&h=0123456789abcdef0123456789abcdef&e=utf-8&k=bytes'), undefined);
  assert.equal(parseSliceAddress(path, 'f=a.log&o=-1&l=2&h=0123456789abcdef0123456789abcdef&e=utf-8&k=bytes'), undefined);
  assert.equal(parseSliceAddress(path, 'f=a.log&o=1&l=2&h=0123456789abcdef0123456789abcdef&e=utf-8&k=other'), undefined);
  assert.equal(parseSliceAddress(path, ''), undefined);
});

test('line ranges as typed in Edit Lines…', () => {
  assert.deepEqual(parseLineRange('120'), { first: 120, last: 120 });
  assert.deepEqual(parseLineRange(' 120 - 180 '), { first: 120, last: 180 });
  assert.deepEqual(parseLineRange('1,000–2,000'), { first: 1000, last: 2000 });
  assert.deepEqual(parseLineRange('5:9'), { first: 5, last: 9 });
  for (const bad of ['', '0', '9-5', 'a-b', '1-', '-3', '1.5']) assert.equal(parseLineRange(bad), undefined, bad);
});
