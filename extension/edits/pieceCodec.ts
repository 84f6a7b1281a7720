// Pieces packed as bytes. A replace-all leaves two pieces per match (the unchanged run before it
// and the replacement), millions of them; as plain numbers that is 12 bytes a piece. Packed,
// each piece stores how far its start is from where the previous piece of the same source
// ended, and its length, both as varints: the run after a match starts one match length after
// the previous run ended, and every shared replacement starts where the last one did, so a
// match costs about 5 bytes in all.
//
// A piece is two varints: header = zigzag(delta) * 2 + (add ? 1 : 0), then the length.
// Offsets stay below MAX_PIECE_OFFSET so a header is an exact double.

/** Base and add offsets must stay below this (1 PiB): headers then stay exact integers. */
export const MAX_PIECE_OFFSET = 2 ** 50;

const TWO_31 = 2 ** 31;

/** Packed bytes are kept in chunks of this size, so a list of millions of pieces never doubles and copies. */
const CHUNK_BYTES = 1 << 16;
/** The most bytes one piece takes (two varints of at most 8 bytes). */
const MAX_PIECE_BYTES = 16;

/** Appends packed pieces to a growable store of byte chunks. */
export class PieceEncoder {
  /** Full chunks, each cut to the bytes it holds; `current` follows them. */
  readonly full: Uint8Array[] = [];
  current: Uint8Array;
  used = 0;
  private nextBase = 0;
  private nextAdd = 0;

  /** `capacity`: bytes expected (a hint; small lists start small). */
  constructor(capacity = 64) {
    this.current = new Uint8Array(Math.min(CHUNK_BYTES, Math.max(MAX_PIECE_BYTES * 2, capacity)));
  }

  write(start: number, length: number): void {
    if (this.current.length - this.used < MAX_PIECE_BYTES) this.makeRoom();
    let delta: number;
    let add: number;
    if (start >= 0) {
      if (start >= MAX_PIECE_OFFSET) throw new RangeError(`offset ${start} is too large for the edit journal`);
      delta = start - this.nextBase;
      this.nextBase = start + length;
      add = 0;
    } else {
      const a = -start - 1; // the add offset (see pieces.ts)
      if (a >= MAX_PIECE_OFFSET) throw new RangeError('the add buffer is too large for the edit journal');
      delta = a - this.nextAdd;
      this.nextAdd = a + length;
      add = 1;
    }
    const zigzag = delta >= 0 ? delta * 2 : -delta * 2 - 1;
    this.varint(zigzag * 2 + add);
    this.varint(length);
  }

  /** All the packed bytes in one array of exactly their size. */
  finish(): Uint8Array {
    if (this.full.length === 0) return this.current.slice(0, this.used);
    let total = this.used;
    for (const chunk of this.full) total += chunk.length;
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of this.full) {
      out.set(chunk, at);
      at += chunk.length;
    }
    out.set(this.current.subarray(0, this.used), at);
    return out;
  }

  /** Drops the spare capacity of the last chunk (for lists kept long). */
  trim(): void {
    if (this.current.length > this.used + MAX_PIECE_BYTES * 2) this.current = this.current.slice(0, this.used + MAX_PIECE_BYTES);
  }

  private varint(v: number): void {
    const out = this.current;
    let at = this.used;
    while (v >= TWO_31) {
      out[at++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    while (v >= 128) {
      out[at++] = (v & 127) | 128;
      v >>>= 7;
    }
    out[at++] = v;
    this.used = at;
  }

  private makeRoom(): void {
    if (this.current.length < CHUNK_BYTES) {
      const grown = new Uint8Array(Math.min(CHUNK_BYTES, this.current.length * 2));
      grown.set(this.current.subarray(0, this.used));
      this.current = grown;
      return;
    }
    this.full.push(this.current.subarray(0, this.used));
    this.current = new Uint8Array(CHUNK_BYTES);
    this.used = 0;
  }
}

/**
 * Walks packed pieces in order: `next()` loads the next piece into `start` (encoded, see
 * pieces.ts) and `length`. An optional tail piece (a list's last, not yet packed) comes last.
 */
export class PieceCursor {
  start = 0;
  length = 0;
  private bytes: Uint8Array = new Uint8Array(0);
  private end = 0;
  private at = 0;
  private nextBase = 0;
  private nextAdd = 0;
  private tailStart = 0;
  private tailLength = 0;
  /** Chunks to walk before `bytes` (see PieceEncoder.full). */
  private chunks: readonly Uint8Array[] = [];
  private chunk = 0;
  private lastBytes: Uint8Array = this.bytes;
  private lastEnd = 0;

  /** Starts over on `bytes[0, end)`, then the tail piece when `tailLength` > 0. */
  reset(bytes: Uint8Array, end = bytes.length, tailStart = 0, tailLength = 0): this {
    return this.resetChunks([], bytes, end, tailStart, tailLength);
  }

  /** Starts over on every chunk of `chunks`, then `last[0, lastEnd)`, then the tail piece. */
  resetChunks(chunks: readonly Uint8Array[], last: Uint8Array, lastEnd: number, tailStart = 0, tailLength = 0): this {
    this.chunks = chunks;
    this.lastBytes = last;
    this.lastEnd = lastEnd;
    this.bytes = chunks.length > 0 ? chunks[0] : last;
    this.end = chunks.length > 0 ? chunks[0].length : lastEnd;
    this.chunk = chunks.length > 0 ? 1 : 0;
    this.at = 0;
    this.nextBase = 0;
    this.nextAdd = 0;
    this.tailStart = tailStart;
    this.tailLength = tailLength;
    return this;
  }

  next(): boolean {
    while (this.at >= this.end && this.bytes !== this.lastBytes) {
      // On to the next chunk (a list packed in several).
      this.bytes = this.chunk < this.chunks.length ? this.chunks[this.chunk] : this.lastBytes;
      this.end = this.chunk < this.chunks.length ? this.bytes.length : this.lastEnd;
      this.chunk++;
      this.at = 0;
    }
    if (this.at >= this.end) {
      if (this.tailLength === 0) return false;
      this.start = this.tailStart;
      this.length = this.tailLength;
      this.tailLength = 0;
      return true;
    }
    const header = this.varint();
    const length = this.varint();
    let zigzag: number;
    let add: boolean;
    if (header < TWO_31) {
      zigzag = header >>> 1;
      add = (header & 1) === 1;
    } else {
      zigzag = Math.floor(header / 2);
      add = header % 2 === 1;
    }
    const delta = zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
    if (add) {
      const a = this.nextAdd + delta;
      this.nextAdd = a + length;
      this.start = -a - 1;
    } else {
      const s = this.nextBase + delta;
      this.nextBase = s + length;
      this.start = s;
    }
    this.length = length;
    return true;
  }

  private varint(): number {
    const bytes = this.bytes;
    let b = bytes[this.at++];
    if (b < 128) return b;
    let v = b & 127;
    let scale = 128;
    do {
      b = bytes[this.at++];
      v += (b & 127) * scale;
      scale *= 128;
    } while (b >= 128);
    return v;
  }
}
