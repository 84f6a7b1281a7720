// A piece is a run of bytes taken from the base file or from the add buffer, stored as two numbers
// in typed arrays (never one object per piece): millions of pieces after a replace-all must stay
// a few tens of megabytes.
//
// Encoding of a piece's start (a Float64, exact for any offset below 2^53):
//   start >= 0   base bytes at offset `start`
//   start <  0   add-buffer bytes at offset `-start - 1`
// Lengths are Uint32, so one piece holds at most MAX_PIECE_LENGTH bytes; longer runs are split.

export const MAX_PIECE_LENGTH = 0xffff_ffff;

export function isBasePiece(start: number): boolean {
  return start >= 0;
}

export function encodeAddStart(addOffset: number): number {
  return -addOffset - 1;
}

export function decodeAddStart(start: number): number {
  return -start - 1;
}

/** The start of the piece that begins `delta` bytes into the piece starting at `start`. */
export function advanceStart(start: number, delta: number): number {
  return start >= 0 ? start + delta : start - delta;
}

/** Whether a piece at `start2` continues the piece (`start1`, `length1`) in the same source. */
export function continues(start1: number, length1: number, start2: number): boolean {
  if (start1 >= 0) return start2 >= 0 && start1 + length1 === start2;
  return start2 < 0 && start1 - length1 === start2;
}

/** Anything that accepts pieces in document order. */
export interface PieceSink {
  push(start: number, length: number): void;
}

/**
 * A growable list of pieces (structure of arrays). `push` merges a piece that continues the last
 * one, so typing byte after byte into the add buffer stays one piece.
 */
export class PieceList implements PieceSink {
  starts: Float64Array;
  lengths: Uint32Array;
  count = 0;
  /** Sum of the lengths. */
  bytes = 0;

  constructor(capacity = 8) {
    this.starts = new Float64Array(Math.max(1, capacity));
    this.lengths = new Uint32Array(Math.max(1, capacity));
  }

  push(start: number, length: number): void {
    while (length > 0) {
      const n = this.count;
      if (n > 0) {
        const lastLength = this.lengths[n - 1];
        const room = MAX_PIECE_LENGTH - lastLength;
        if (room > 0 && continues(this.starts[n - 1], lastLength, start)) {
          const take = Math.min(room, length);
          this.lengths[n - 1] = lastLength + take;
          this.bytes += take;
          start = advanceStart(start, take);
          length -= take;
          continue;
        }
      }
      if (n === this.starts.length) this.grow(n * 2);
      const take = Math.min(length, MAX_PIECE_LENGTH);
      this.starts[n] = start;
      this.lengths[n] = take;
      this.count = n + 1;
      this.bytes += take;
      start = advanceStart(start, take);
      length -= take;
    }
  }

  /** Pushes every piece of this list into `sink`, in order. */
  forEach(sink: PieceSink): void {
    for (let i = 0; i < this.count; i++) sink.push(this.starts[i], this.lengths[i]);
  }

  /** Drops spare capacity, for lists kept long (undo steps). */
  trim(): this {
    if (this.starts.length !== this.count) this.grow(this.count);
    return this;
  }

  private grow(capacity: number): void {
    const starts = new Float64Array(Math.max(1, capacity));
    const lengths = new Uint32Array(Math.max(1, capacity));
    starts.set(this.starts.subarray(0, this.count));
    lengths.set(this.lengths.subarray(0, this.count));
    this.starts = starts;
    this.lengths = lengths;
  }
}
