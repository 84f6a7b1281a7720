// Shared by the edit-model tests: a base in memory and a seeded random generator.
import type { BaseReader } from '../../../extension/edits/editJournal';

/** A base file held in memory, counting reads (to check the base is never copied whole). */
export class MemoryBase implements BaseReader {
  bytesRead = 0;
  constructor(readonly bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.length;
  }
  read(offset: number, length: number): Uint8Array {
    const out = this.bytes.slice(offset, Math.min(this.bytes.length, offset + length));
    this.bytesRead += out.length;
    return out;
  }
}

/** Deterministic pseudo-random numbers (xorshift32), so a failing sequence can be replayed. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

export function randomBytes(random: () => number, n: number, alphabet = 256): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(random() * alphabet);
  return out;
}
