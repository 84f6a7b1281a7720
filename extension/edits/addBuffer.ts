// The append-only store of every byte the user typed, pasted or replaced with. Kept in chunks, not
// one growing Buffer, so a 100 MB paste is one allocation of its own size (no doubling copies)
// and earlier bytes never move. Offsets are stable forever; pieces refer to them.

const CHUNK_BYTES = 1 << 20;
/** Appends at least this big get a chunk of their own, sized exactly. */
const OWN_CHUNK_BYTES = CHUNK_BYTES / 4;

interface Chunk {
  /** Add-buffer offset of bytes[0]. */
  start: number;
  bytes: Uint8Array;
  used: number;
}

export class AddBuffer {
  private chunks: Chunk[] = [];
  /** Offset the next chunk starts at (offsets may skip a chunk's unused tail). */
  private next = 0;
  /** The chunk the last copy came from: consecutive pieces mostly share one. */
  private lastChunk = 0;

  /**
   * Copies `data` in; returns the offset of its first byte. Appended bytes are contiguous.
   * `handOver`: the caller gives `data` away; a large array that owns its whole buffer becomes a
   * chunk as it is, without a copy.
   */
  append(data: Uint8Array, handOver = false): number {
    if (handOver && data.length >= OWN_CHUNK_BYTES && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) {
      const chunk: Chunk = { start: this.next, bytes: data, used: data.length };
      this.chunks.push(chunk);
      this.next += data.length;
      return chunk.start;
    }
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.bytes.length - last.used >= data.length) {
      last.bytes.set(data, last.used);
      const at = last.start + last.used;
      last.used += data.length;
      return at;
    }
    const capacity = data.length >= OWN_CHUNK_BYTES ? data.length : CHUNK_BYTES;
    const chunk: Chunk = { start: this.next, bytes: new Uint8Array(capacity), used: data.length };
    chunk.bytes.set(data);
    this.chunks.push(chunk);
    this.next += capacity;
    return chunk.start;
  }

  /** Copies [offset, offset + target.length) into target. The range must have been appended. */
  readInto(offset: number, target: Uint8Array): void {
    let i = this.chunkIndex(offset);
    let done = 0;
    while (done < target.length) {
      const chunk = this.chunks[i++];
      if (!chunk) throw new RangeError(`add buffer offset ${offset + done} was never written`);
      const from = offset + done - chunk.start;
      const n = Math.min(target.length - done, chunk.used - from);
      if (n <= 0) throw new RangeError(`add buffer offset ${offset + done} was never written`);
      target.set(chunk.bytes.subarray(from, from + n), done);
      done += n;
    }
  }

  /** Copies [offset, offset + length) into target at `targetOffset` (the hot path of reads). */
  copyTo(offset: number, length: number, target: Uint8Array, targetOffset: number): void {
    let i = this.lastChunk;
    let chunk = this.chunks[i];
    if (!chunk || offset < chunk.start || offset >= chunk.start + chunk.used) {
      i = this.chunkIndex(offset);
      chunk = this.chunks[i];
      this.lastChunk = i;
    }
    const from = offset - chunk.start;
    if (from + length <= chunk.used) {
      const bytes = chunk.bytes;
      if (length <= 32) for (let k = 0; k < length; k++) target[targetOffset + k] = bytes[from + k];
      else target.set(bytes.subarray(from, from + length), targetOffset);
      return;
    }
    this.readInto(offset, target.subarray(targetOffset, targetOffset + length)); // spans chunks
  }

  /** [offset, offset + length) without a copy when it lies in one chunk (it mostly does), else a copy. */
  view(offset: number, length: number): Uint8Array {
    const chunk = this.chunks[this.chunkIndex(offset)];
    const from = offset - chunk.start;
    if (from + length <= chunk.used) return chunk.bytes.subarray(from, from + length);
    const out = new Uint8Array(length);
    this.readInto(offset, out);
    return out;
  }

  /**
   * The chunks as they are now, for the engine's search of the document (engine.ts
   * DocumentPieces): the bytes below each chunk's `used` never change, later appends land past it.
   */
  chunkViews(): { chunks: Uint8Array[]; chunkStarts: Float64Array; chunkUsed: Float64Array } {
    return {
      chunks: this.chunks.map((c) => c.bytes),
      chunkStarts: Float64Array.from(this.chunks, (c) => c.start),
      chunkUsed: Float64Array.from(this.chunks, (c) => c.used),
    };
  }

  /** Bytes held (used parts of chunks). */
  get byteLength(): number {
    let n = 0;
    for (const c of this.chunks) n += c.used;
    return n;
  }

  private chunkIndex(offset: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
