// The packed match store must give back exactly the matches it was given, in order, whatever
// the batches look like: equal or mixed lengths, offsets far past 4 GiB, spans wider than a
// 4-byte delta, lengths past 4 GiB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PackedMatches } from '../../../extension/search/packedMatches';
import { rng } from '../../support/random';

test('random batches round trip through the packed store, against plain arrays', () => {
  const random = rng(3);
  for (let round = 0; round < 30; round++) {
    const store = new PackedMatches();
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
    assert.equal(store.count, expected.length);
    assert.deepEqual(got, expected, `round ${round}`);
  }
});
