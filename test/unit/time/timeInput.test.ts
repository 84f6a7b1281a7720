// What users type into Go to as a time, read the way the editor promises (extension/time/
// timeInput.ts): absolute times with and without seconds, fractions and zones; a time of day on
// the file's first day; relative times; start and end; ranges; and how times are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimeInput, parseTimeRangeInput, TimeInputContext } from '../../../extension/time/timeInput';
import { durationText, isoTime, wallTime } from '../../../extension/time/timeText';
import { TimelineBuckets } from '../../../extension/time/timelineBuckets';
import { parseGotoTarget } from '../../../webview/gotoTarget';

const us = (iso: string) => Date.parse(iso) * 1000;
// A log that starts 2026-03-01 08:15 UTC, written in UTC.
const utc: TimeInputContext = { zoneMinutes: 0, firstTime: us('2026-03-01T08:15:02.113Z') };
// The same instant in a log written at +01:00.
const plusOne: TimeInputContext = { zoneMinutes: 60, firstTime: us('2026-03-01T08:15:02.113Z') };

const at = (input: string, context = utc) => {
  const t = parseTimeInput(input, context);
  return t.kind === 'absolute' ? isoTime(t.time) : t;
};

test('dates and times, with and without seconds, fractions and zones', () => {
  assert.equal(at('2026-03-01 12:00'), '2026-03-01T12:00:00.000Z');
  assert.equal(at('2026-03-03T12:00'), '2026-03-03T12:00:00.000Z');
  assert.equal(at('2026-03-01T12:00:30.25Z'), '2026-03-01T12:00:30.250Z');
  assert.equal(at('2026/03/01 12:00:00'), '2026-03-01T12:00:00.000Z');
  assert.equal(at('2026-03-01 12:00:00,123'), '2026-03-01T12:00:00.123Z');
  assert.equal(at('2026-03-01T12:00:00.123456Z'), '2026-03-01T12:00:00.123456Z');
  assert.equal(at('2026-03-01'), '2026-03-01T00:00:00.000Z');
  assert.equal(at('2026-03-01 12:00 +01:00'), '2026-03-01T11:00:00.000Z');
  assert.equal(at('2026-03-01T12:00-0500'), '2026-03-01T17:00:00.000Z');
  assert.equal(at('2026-03-01 12:00 UTC'), '2026-03-01T12:00:00.000Z');
});

test('a time without a zone is on the file clock', () => {
  assert.equal(at('2026-03-01 12:00', plusOne), '2026-03-01T11:00:00.000Z');
  assert.equal(at('2026-03-01 12:00Z', plusOne), '2026-03-01T12:00:00.000Z');
  assert.equal(at('12:00', plusOne), '2026-03-01T11:00:00.000Z');
});

test("a time of day is on the file's first day, or the next when that is before the first line", () => {
  assert.equal(at('12:00'), '2026-03-01T12:00:00.000Z');
  assert.equal(at('08:15:30.5'), '2026-03-01T08:15:30.500Z');
  assert.equal(at('01:00'), '2026-03-02T01:00:00.000Z');
  // A minute of slack: 08:15 is the first line's minute, not tomorrow.
  assert.equal(at('08:15'), '2026-03-01T08:15:00.000Z');
});

test('relative times, start and end', () => {
  assert.deepEqual(parseTimeInput('+10m', utc), { kind: 'relative', micros: 600e6 });
  assert.deepEqual(parseTimeInput('-1h30m', utc), { kind: 'relative', micros: -5400e6 });
  assert.deepEqual(parseTimeInput('+1.5h', utc), { kind: 'relative', micros: 5400e6 });
  assert.deepEqual(parseTimeInput('+2d 3h', utc), { kind: 'relative', micros: (2 * 86400 + 3 * 3600) * 1e6 });
  assert.deepEqual(parseTimeInput('+90s', utc), { kind: 'relative', micros: 90e6 });
  assert.deepEqual(parseTimeInput('-250ms', utc), { kind: 'relative', micros: -250e3 });
  assert.deepEqual(parseTimeInput('start', utc), { kind: 'start' });
  assert.deepEqual(parseTimeInput(' END ', utc), { kind: 'end' });
});

test('other formats go to the engine; what nothing reads is an error with a message', () => {
  const seen: string[] = [];
  const withNative = { ...utc, parseNative: (t: string) => (seen.push(t), t === 'Mar  1 12:00:00' ? us('2026-03-01T12:00:00Z') : null) };
  assert.equal(at('Mar  1 12:00:00', withNative), '2026-03-01T12:00:00.000Z');
  for (const bad of ['soon', '2026-13-01 12:00', '2026-02-30', '25:00', '12:61']) {
    const t = parseTimeInput(bad, withNative);
    assert.equal(t.kind, 'error', bad);
  }
  assert.ok(seen.includes('soon'));
});

test('ranges: two times, the second maybe relative to the first', () => {
  assert.deepEqual(parseTimeRangeInput('12:00 .. 12:30', utc), { from: us('2026-03-01T12:00Z'), to: us('2026-03-01T12:30Z') });
  assert.deepEqual(parseTimeRangeInput('2026-03-01 12:00 to +30m', utc), { from: us('2026-03-01T12:00Z'), to: us('2026-03-01T12:30Z') });
  assert.deepEqual(parseTimeRangeInput('2026-03-01T23:50Z - 00:10', utc), { from: us('2026-03-01T23:50Z'), to: us('2026-03-02T00:10Z') });
  // A time of day after the first is on the next day when it would come before it.
  assert.deepEqual(parseTimeRangeInput('23:00 .. 01:00', utc), { from: us('2026-03-01T23:00Z'), to: us('2026-03-02T01:00Z') });
  assert.ok('error' in parseTimeRangeInput('2026-03-01 12:30 .. 2026-03-01 12:00', utc));
  assert.ok('error' in parseTimeRangeInput('12:00', utc));
});

test('times printed: ISO in UTC, the file clock, durations', () => {
  assert.equal(isoTime(us('2026-03-01T00:00:00.019Z')), '2026-03-01T00:00:00.019Z');
  assert.equal(isoTime(us('2026-03-01T00:00:00.019Z') + 250), '2026-03-01T00:00:00.019250Z');
  assert.equal(wallTime(us('2026-03-01T00:00:00.019Z'), 60), '2026-03-01 01:00:00.019 +01:00');
  assert.equal(wallTime(us('2026-03-01T00:00:00Z'), null), '2026-03-01 00:00:00');
  assert.equal(wallTime(us('2026-03-01T00:00:00.5Z'), 0), '2026-03-01 00:00:00.500 UTC');
  assert.equal(durationText(5400e6), '1 h 30 min');
  assert.equal(durationText(-45e6), '-45 s');
  assert.equal(durationText(250e3), '250 ms');
});

test('Go to: offsets, percentages and lines stay in the webview; times go to the host', () => {
  const size = 10 * 2 ** 30;
  for (const input of ['2026-03-03T12:00', '12:00', '+10m', '-1h30m', '+2h', 'start', 'end', 'Mar  1 12:00:00', '[01/Mar/2026:12:00:00 +0000]']) {
    assert.deepEqual(parseGotoTarget(input, size, 1000, false), { kind: 'host' }, input);
  }
  assert.deepEqual(parseGotoTarget('1F400h', size, 0, false), { kind: 'offset', offset: 0x1f400 });
  assert.deepEqual(parseGotoTarget('+0x2', size, 10, false), { kind: 'offset', offset: 12 });
  assert.deepEqual(parseGotoTarget('+2', size, 10, false), { kind: 'offset', offset: 12 });
});

test('timeline buckets follow the engine updates, extending at both ends', () => {
  const b = new TimelineBuckets();
  b.apply({ first: 10, counts: Float64Array.of(1, 2, 3), matches: Float64Array.of(0, 1, 0) });
  b.apply({ first: 12, counts: Float64Array.of(5, 7), matches: Float64Array.of(1, 2) });
  b.apply({ first: 8, counts: Float64Array.of(4), matches: Float64Array.of(4) });
  assert.equal(b.first, 8);
  assert.deepEqual([...b.counts], [4, 0, 1, 2, 5, 7]);
  assert.deepEqual([...b.matches], [4, 0, 0, 1, 1, 2]);
  assert.deepEqual(b.totals(), { entries: 19, matched: 8 });
  assert.deepEqual(b.busiest(), { index: 13, count: 7, matches: 2 });
});
