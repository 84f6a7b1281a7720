// The compact find-all result store against plain arrays: every kind of gap (small, at the
// 16-bit edge, huge, none), lengths that stay equal and lengths that change within a block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResultStore } from '../../../extension/search/resultStore';
import { rng } from '../../support/random';

function randomResults(seed: number, n: number): { offsets: Float64Array; lengths: Float64Array } {
  const random = rng(seed);
  const offsets = new Float64Array(n);
  const lengths = new Float64Array(n);
  let at = Math.floor(random() * 1e6);
  for (let i = 0; i < n; i++) {
    const r = random();
    // Mostly small gaps, some at the 16-bit edge, a few beyond 4 GiB, and repeats.
    const gap = r < 0.8 ? Math.floor(random() * 2000) : r < 0.9 ? 0xfffe + Math.floor(random() * 3) : r < 0.95 ? 2 ** 33 + Math.floor(random() * 1e6) : 0;
    at += gap;
    offsets[i] = at;
    // Long runs of one length (a literal), with stretches that vary (a regex).
    lengths[i] = Math.floor(i / 1000) % 2 === 0 ? 7 : 1 + Math.floor(random() * 300);
  }
  return { offsets, lengths };
}

test('the result store reads back exactly what it was given, in batches of any size', () => {
  const n = 20_000;
  const { offsets, lengths } = randomResults(7, n);
  const store = new ResultStore();
  const random = rng(8);
  for (let at = 0; at < n; ) {
    const size = Math.min(n - at, 1 + Math.floor(random() * 700));
    store.add(offsets.subarray(at, at + size), lengths.subarray(at, at + size));
    at += size;
  }
  assert.equal(store.size, n);
  for (let i = 0; i < n; i++) {
    const r = store.get(i);
    if (r?.offset !== offsets[i] || r.length !== lengths[i]) assert.fail(`result ${i}: ${JSON.stringify(r)}, expected ${offsets[i]} / ${lengths[i]}`);
  }
  assert.equal(store.get(n), undefined);
  assert.equal(store.get(-1), undefined);
});

test('the result store finds the first result at or after any offset', () => {
  const n = 5000;
  const { offsets, lengths } = randomResults(11, n);
  const store = new ResultStore();
  store.add(offsets, lengths);
  const naive = (offset: number) => {
    const i = offsets.findIndex((o) => o >= offset);
    return i < 0 ? n : i;
  };
  const random = rng(12);
  const probes = [0, offsets[0], offsets[0] + 1, offsets[n - 1], offsets[n - 1] + 1, Number.MAX_SAFE_INTEGER];
  for (let k = 0; k < 2000; k++) probes.push(offsets[Math.floor(random() * n)] + Math.floor(random() * 3) - 1);
  for (const p of probes) assert.equal(store.indexAtOrAfter(p), naive(p), `at ${p}`);
});

test('a literal search of a frequent word costs about 2 bytes a result', () => {
  const n = 1_000_000;
  const offsets = new Float64Array(n);
  const lengths = new Float64Array(n).fill(7);
  for (let i = 0; i < n; i++) offsets[i] = i * 601 + (i % 13);
  const store = new ResultStore();
  store.add(offsets, lengths);
  assert.ok(store.bytes < 2.2 * n, `${store.bytes} bytes for ${n} results`);
  assert.deepEqual(store.get(654_321), { offset: offsets[654_321], length: 7 });
});

test('forEach (a Replace All\'s matches) walks random batches back in order: gaps past 4 GiB, lengths past 4 GiB', () => {
  const random = rng(3);
  for (let round = 0; round < 30; round++) {
    const store = new ResultStore();
    const expected: Array<[number, number]> = [];
    let at = Math.floor(random() * 2 ** 40);
    const batches = 1 + Math.floor(random() * 6);
    for (let b = 0; b < batches; b++) {
      const n = Math.floor(random() * 300);
      const sameLength = random() < 0.5;
      const fixed = 1 + Math.floor(random() * 20);
      const offsets = new Float64Array(n);
      const lengths = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        // Mostly short gaps, now and then one wider than a 4-byte delta can say.
        at += random() < 0.05 ? 2 ** 32 + Math.floor(random() * 1000) : Math.floor(random() * 5000);
        const length = sameLength ? fixed : random() < 0.02 ? 2 ** 32 + 5 : Math.floor(random() * 40);
        offsets[i] = at;
        lengths[i] = length;
        expected.push([at, length]);
        at += length;
      }
      store.add(offsets, lengths);
    }
    const got: Array<[number, number]> = [];
    store.forEach((offset, length, index) => {
      assert.equal(index, got.length);
      got.push([offset, length]);
    });
    assert.equal(store.size, expected.length);
    assert.deepEqual(got, expected, `round ${round}`);
  }
});
