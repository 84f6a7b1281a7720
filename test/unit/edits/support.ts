// Shared by the edit-model tests: a base in memory and a seeded random generator.
import type { EditJournal } from '../../../extension/edits/editJournal';
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

/** The journal's changed ranges as a list (the journal itself only visits them: there may be millions). */
export function changedRanges(j: EditJournal): { offset: number; length: number }[] {
  const out: { offset: number; length: number }[] = [];
  j.forEachChangedRange((offset, length) => void out.push({ offset, length }));
  return out;
}

/**
 * The runs of [start, end) of the document that are unchanged base bytes, with where they are in
 * the base (adjacent runs merged): the piece model's shape, for tests to check.
 */
export function baseSegments(j: EditJournal, start = 0, end = j.size): { offset: number; baseOffset: number; length: number }[] {
  const out: { offset: number; baseOffset: number; length: number }[] = [];
  j.forEachPiece((d, s, l) => {
    if (s < 0) return; // added bytes
    const a = Math.max(d, start);
    const z = Math.min(d + l, end);
    if (z <= a) return;
    const seg = { offset: a, baseOffset: s + (a - d), length: z - a };
    const last = out[out.length - 1];
    if (last && last.offset + last.length === seg.offset && last.baseOffset + last.length === seg.baseOffset) last.length += seg.length;
    else out.push(seg);
  });
  return out;
}
