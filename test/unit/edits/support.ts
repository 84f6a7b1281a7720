// Shared by the edit-model tests: a base in memory and a seeded random generator.
import { type ByteReader, readIntoByCopy } from '../../../extension/reader';

/** A base file held in memory, counting reads (to check the base is never copied whole). */
export class MemoryBase implements ByteReader {
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
  /** Through `read`, so subclasses that watch reads see these too. */
  readInto(offset: number, target: Uint8Array): number {
    return readIntoByCopy(this, offset, target);
  }
}

export { rng } from '../../support/random';

export function randomBytes(random: () => number, n: number, alphabet = 256): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(random() * alphabet);
  return out;
}
