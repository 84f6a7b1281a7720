// The timeline's arithmetic: the bucket for a span and a width (the engine's steps, bars of at
// least MIN_BAR_PX), ticks on the file's clock (whole minutes and local midnights in its zone),
// their labels, zooming inside the file's span, and a drag snapped to the bucket grid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUCKET_STEPS, bucketFor, clockText, MIN_BAR_PX, snapRange, stepText, ticks, zoomView } from '../../../webview/timeline/timeScale';
import { rng } from '../native/support';

const S = 1e6;
const MIN = 60 * S;
const H = 60 * MIN;
const T0 = Date.UTC(2026, 2, 1, 12, 0) * 1000;

test('the bucket is the smallest step that keeps bars MIN_BAR_PX wide', () => {
  assert.equal(bucketFor(2 * H, 1200), 30 * S); // 240 buckets of 5 px; 15 s would be 480 of 2.5 px
  assert.equal(bucketFor(24 * H, 1400), 5 * MIN);
  assert.equal(bucketFor(60 * S, 1400), S);
  assert.equal(bucketFor(365 * 24 * H, 400), BUCKET_STEPS[BUCKET_STEPS.length - 1]);
  const random = rng(16);
  for (let i = 0; i < 500; i++) {
    const span = Math.floor(random() * 40 * 24 * H) + S;
    const width = 200 + Math.floor(random() * 2000);
    const b = bucketFor(span, width);
    const k = BUCKET_STEPS.indexOf(b);
    assert.ok(k >= 0, 'one of the steps');
    if (k < BUCKET_STEPS.length - 1) assert.ok(span / b <= width / MIN_BAR_PX, `${span} µs over ${width} px: ${b} gives bars of ${MIN_BAR_PX} px or more`);
    if (k > 0) assert.ok(span / BUCKET_STEPS[k - 1] > Math.floor(width / MIN_BAR_PX), 'the step below would be too fine');
  }
});

test("ticks fall on whole units of the file's clock and read as it does", () => {
  // A file at +01:00: 12:00 UTC is 13:00 on its clock.
  const t = ticks({ from: T0 - 5 * MIN, to: T0 + 2 * H }, 900, 60);
  assert.ok(t.length >= 4 && t.length <= 10, `${t.length} ticks`);
  for (const tick of t) {
    const local = tick.time + 60 * MIN;
    assert.equal(local % (15 * MIN), 0, 'on a quarter hour of the local clock');
    const d = new Date(local / 1000);
    assert.ok(tick.label.endsWith(`${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`), tick.label);
  }
  assert.equal(t[0].label, 'Mar 1 13:00', 'the first tick carries the date');
  // Over midnight (UTC file): the first tick of the new day says so.
  const night = ticks({ from: Date.UTC(2026, 2, 1, 22) * 1000, to: Date.UTC(2026, 2, 2, 2) * 1000 }, 800, null);
  const midnight = night.find((x) => x.time === Date.UTC(2026, 2, 2) * 1000);
  assert.ok(midnight?.newDay && midnight.label === 'Mar 2 00:00', JSON.stringify(night));
  // Seconds when zoomed in.
  assert.match(ticks({ from: T0, to: T0 + 60 * S }, 800, 0)[1].label, /^12:00:\d{2}$/);
  // Days when zoomed out.
  assert.deepEqual(ticks({ from: T0, to: T0 + 20 * 24 * H }, 1400, 0).slice(0, 3).map((x) => x.label), ['Mar 2', 'Mar 4', 'Mar 6']);
});

test('clock and step texts', () => {
  assert.equal(clockText(T0, null), '2026-03-01 12:00:00');
  assert.equal(clockText(T0, -330), '2026-03-01 06:30:00 -05:30');
  assert.equal(stepText(30 * S), '30 s');
  assert.equal(stepText(5 * MIN), '5 min');
  assert.equal(stepText(24 * H), '1 day');
});

test('zooming keeps the point under the pointer and stays inside the file', () => {
  const full = { from: T0, to: T0 + 10 * H };
  const z = zoomView(full, T0 + 2 * H, 0.5, full);
  assert.equal(z.to - z.from, 5 * H);
  assert.ok(Math.abs((T0 + 2 * H - z.from) / (z.to - z.from) - 0.2) < 1e-9, 'the pointer stays at 20 %');
  const edge = zoomView({ from: T0, to: T0 + H }, T0, 4, full);
  assert.deepEqual(edge, { from: T0, to: T0 + 4 * H }, 'clamped at the start');
  assert.deepEqual(zoomView(z, T0, 100, full), full, 'never wider than the file');
  assert.equal(zoomView(full, T0 + H, 1e-9, full).to - zoomView(full, T0 + H, 1e-9, full).from, 10 * S, 'at least ten seconds');
});

test('a drag snaps outwards to the bucket grid, in either direction', () => {
  const origin = T0;
  assert.deepEqual(snapRange(T0 + 61 * S, T0 + 179 * S, origin, MIN), { from: T0 + MIN, to: T0 + 3 * MIN });
  assert.deepEqual(snapRange(T0 + 179 * S, T0 + 61 * S, origin, MIN), { from: T0 + MIN, to: T0 + 3 * MIN });
  assert.deepEqual(snapRange(T0 + 90 * S, T0 + 90 * S, origin, MIN), { from: T0 + MIN, to: T0 + 2 * MIN }, 'one bucket at least');
});
