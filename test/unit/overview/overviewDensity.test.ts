// The overview ruler's counts: the engine counts find-all's matches and a filter's hits per bucket
// of the file in the same pass (checked against the offsets it found), and the host sums buckets
// into the ruler's pixel rows, whatever its height.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rebin, OverviewDensity } from '../../../extension/overview/overviewDensity';
import { compileFilterText } from '../../../extension/filter/filterProgram';
import { openTemp, rng, tempDir } from '../native/support';
import { randomText } from '../search/editedDocument';

const dir = tempDir();

test('rebin sums equal parts of the file into rows', () => {
  assert.deepEqual([...rebin([1, 2, 3, 4, 5, 6, 7, 8], 4)], [3, 7, 11, 15]);
  assert.deepEqual([...rebin([1, 2, 3, 4], 8)], [1, 0, 2, 0, 3, 0, 4, 0]);
  assert.deepEqual([...rebin([5, 0, 0, 1, 0, 0, 2], 3)], [5, 1, 2]);
  assert.deepEqual([...rebin([], 3)], [0, 0, 0]);
});

test('the engine counts find-all matches and filter hits per bucket in the same pass', async () => {
  const data = randomText(rng(9), 3_000_000, 'abc \n');
  const f = openTemp(dir, data);
  const buckets = 97;
  let density: Uint32Array | undefined;
  const offsets: number[] = [];
  const r = await f.findAll({ pattern: 'ab c' }, { onMatches: (o) => offsets.push(...o), density: { buckets, onDensity: (d) => (density = d) }, threads: 2, segment: 65536 }).done;
  const expected = new Uint32Array(buckets);
  for (const o of offsets) expected[Math.min(buckets - 1, Math.floor((o / data.length) * buckets))]++;
  assert.ok(r.count > 1000);
  assert.deepEqual([...density!], [...expected]);
  // A filter's hits, by where each matching line starts.
  const compiled = compileFilterText('ab and not "c a"', { matchCase: true, wholeWord: false }, 'x-bytes');
  assert.ok(compiled.ok);
  const filter = f.filter(compiled.filter.program, { densityBuckets: buckets, segment: 65536 });
  const done = await filter.done;
  const lines = filter.rows(0, done.count, { maxBytes: 0 });
  const hits = new Uint32Array(buckets);
  for (const o of lines.offsets) hits[Math.min(buckets - 1, Math.floor((o / data.length) * buckets))]++;
  assert.deepEqual([...filter.density()], [...hits]);
  filter.release();
  f.close();
});

test('the host sends each kind once the ruler has a height, and at most every 100 ms', async () => {
  const posted: { kind: string; counts: number[] }[] = [];
  const o = new OverviewDensity((m) => posted.push({ kind: m.kind, counts: [...m.counts] }), () => 100);
  o.update('find', [1, 1, 1, 1]);
  assert.equal(posted.length, 0, 'no rows yet');
  o.setRows(2);
  assert.deepEqual(posted, [{ kind: 'find', counts: [2, 2] }]);
  o.update('find', [4, 0, 0, 0]);
  o.update('find', [0, 0, 0, 9]);
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.deepEqual(posted.slice(1), [{ kind: 'find', counts: [0, 9] }], 'throttled: the latest counts');
  o.dispose();
});
