// xorshift32: a fast pseudo-random generator that gives the same numbers everywhere, for
// deterministic test data and seeded tests.

/** Successive 32-bit unsigned integers from `seed`. */
export function xorshift32(seed) {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}
