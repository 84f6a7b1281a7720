// The overview ruler's marks: counts resampled to the canvas's rows (a hit is never lost, nothing
// appears where there was none), intensities on a log scale (one hit visible, the densest row
// full), and the offset a click jumps to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intensities, offsetAtY, resample } from '../../../webview/overview/overviewBands';

test('resampling keeps every row with hits and adds none', () => {
  const counts = new Uint32Array(4096);
  counts[0] = 1;
  counts[2048] = 5;
  counts[4095] = 70;
  const rows = resample(counts, 300);
  const marked = [...rows.keys()].filter((i) => rows[i] > 0);
  assert.deepEqual(marked, [0, 150, 299]);
  assert.equal(rows[299], 70);
  // Fewer buckets than rows: each bucket's rows are all marked.
  const up = resample(Uint32Array.from([0, 3, 0]), 9);
  assert.deepEqual([...up], [0, 0, 0, 3, 3, 3, 0, 0, 0]);
});

test('intensities: zero stays zero, one hit is visible, the densest row is full', () => {
  const a = intensities(Uint32Array.from([0, 1, 10, 1000]));
  assert.equal(a[0], 0);
  assert.ok(a[1] >= 0.45 && a[1] < a[2] && a[2] < a[3]);
  assert.equal(a[3], 1);
  assert.deepEqual([...intensities(new Uint32Array(3))], [0, 0, 0]);
});

test('a click jumps to the same fraction of the file', () => {
  assert.equal(offsetAtY(0, 500, 10_000), 0);
  assert.equal(offsetAtY(250, 500, 10_000), 5000);
  assert.equal(offsetAtY(600, 500, 10_000), 9999);
});
