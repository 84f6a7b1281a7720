// A piece is a run of bytes taken from the base file or from the add buffer, kept packed in bytes
// (never one object per piece): millions of pieces after a replace-all must stay a few tens of
// megabytes.
//
// Encoding of a piece's start (a number, exact for any offset below 2^53):
//   start >= 0   base bytes at offset `start`
//   start <  0   add-buffer bytes at offset `-start - 1`
// One piece holds at most MAX_PIECE_LENGTH bytes; longer runs are split.

import { PieceCursor, PieceEncoder } from './pieceCodec';

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
 * A growable list of pieces, packed (pieceCodec.ts: about 2–3 bytes a piece, not an object or
 * 12 bytes each). `push` merges a piece that continues the last one, so typing byte after byte
 * into the add buffer stays one piece; the last piece stays unpacked until the next one comes,
 * so it can still grow.
 */
export class PieceList implements PieceSink {
  private readonly packed: PieceEncoder;
  private lastStart = 0;
  /** 0 when the list is empty. */
  private lastLength = 0;
  count = 0;
  /** Sum of the lengths. */
  bytes = 0;

  /** `capacity`: pieces expected (a hint). */
  constructor(capacity = 8) {
    this.packed = new PieceEncoder(capacity * 4);
  }

  push(start: number, length: number): void {
    while (length > 0) {
      if (this.lastLength > 0) {
        const room = MAX_PIECE_LENGTH - this.lastLength;
        if (room > 0 && continues(this.lastStart, this.lastLength, start)) {
          const take = Math.min(room, length);
          this.lastLength += take;
          this.bytes += take;
          start = advanceStart(start, take);
          length -= take;
          continue;
        }
        this.packed.write(this.lastStart, this.lastLength);
      }
      const take = Math.min(length, MAX_PIECE_LENGTH);
      this.lastStart = start;
      this.lastLength = take;
      this.count++;
      this.bytes += take;
      start = advanceStart(start, take);
      length -= take;
    }
  }

  /** A cursor over the pieces, in order (reusing `cursor` when given). */
  cursor(cursor = new PieceCursor()): PieceCursor {
    return cursor.resetChunks(this.packed.full, this.packed.current, this.packed.used, this.lastStart, this.lastLength);
  }

  /** Pushes every piece of this list into `sink`, in order. */
  forEach(sink: PieceSink): void {
    const c = this.cursor();
    while (c.next()) sink.push(c.start, c.length);
  }

  /** The pieces packed in an array of their exact size (see pieceCodec.ts), for blocks kept long. */
  seal(): Uint8Array {
    if (this.lastLength > 0) {
      this.packed.write(this.lastStart, this.lastLength);
      this.lastLength = 0;
      this.lastStart = 0;
    }
    return this.packed.finish();
  }

  /** Drops spare capacity, for lists kept long (undo steps). */
  trim(): this {
    this.packed.trim();
    return this;
  }
}
