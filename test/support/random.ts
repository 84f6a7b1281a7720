// Deterministic pseudo-random numbers for tests, so a failing case can be replayed: the same
// xorshift32 generator as the test data.
import { xorshift32 } from '../../scripts/lib/xorshift.mjs';

/** Numbers in [0, 1) from `seed`. */
export function rng(seed: number): () => number {
  const next = xorshift32(seed);
  return () => next() / 0x1_0000_0000;
}
