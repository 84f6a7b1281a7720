// What every reader of a document's bytes offers: the engine's mapped file, the backends that
// stand in for it (ranged fs reads, a virtual file held in memory), the edit journal and its
// snapshots. The journal reads its base through it, the save paths read what they write through
// it, and the backends extend it with what only they have (search, a line index, close).
// Reads are copies; offsets and sizes are byte counts below 2^53.

export interface ByteReader {
  readonly size: number;
  /** A copy of [offset, offset + length), clipped to the end. */
  read(offset: number, length: number): Uint8Array;
  /** Copies from `offset` into `target`; returns the bytes copied (short at the end). */
  readInto(offset: number, target: Uint8Array): number;
  /**
   * Many sorted, disjoint ranges at once, packed back to back into `target` (whose length is
   * their sum): one call for millions of small ranges. Readers that have a batched path offer it
   * (the engine's mapping: one call and one fault guard per batch).
   */
  readRanges?(offsets: Float64Array, lengths: Float64Array, target: Uint8Array): number;
}

/** `readInto` through `read`, for readers whose reads are copies anyway. */
export function readIntoByCopy(reader: Pick<ByteReader, 'read'>, offset: number, target: Uint8Array): number {
  const bytes = reader.read(offset, target.length);
  target.set(bytes);
  return bytes.length;
}
