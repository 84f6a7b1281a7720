// The sequence of pieces that makes up the current document, kept in blocks of a few hundred
// pieces each. An edit rebuilds only the blocks it touches (O(block size)) plus one pass over the
// per-block lengths, so a document of millions of pieces (after a replace-all) still edits fast.
// A block's pieces are packed (pieceCodec.ts): a replace-all costs about 5 bytes per match.
import { PieceCursor } from './pieceCodec';
import { advanceStart, PieceList, PieceSink } from './pieces';

/** Pieces per block when blocks are built (tests pass small values to exercise block seams). */
export const DEFAULT_BLOCK_PIECES = 512;

/** A block of pieces. Never modified once built (edits replace blocks), so summaries of it can be cached by identity. */
export interface Block {
  /** The pieces, packed. */
  readonly data: Uint8Array;
  readonly count: number;
  /** Document bytes the pieces cover. */
  readonly bytes: number;
}

/** Each block's added bytes, once counted (blocks never change, so the count stays true). */
const ADDED_BYTES = new WeakMap<Block, number>();

/** Receives a clipped piece: its document offset, encoded start and length. */
export type PieceVisitor = (docOffset: number, start: number, length: number) => void;

/** Collects pushed pieces into exact-size blocks. */
class BlockBuilder implements PieceSink {
  readonly blocks: Block[] = [];
  private current: PieceList;
  bytes = 0;

  constructor(private readonly blockPieces: number) {
    this.current = new PieceList(blockPieces);
  }

  push(start: number, length: number): void {
    if (length <= 0) return;
    if (this.current.count >= this.blockPieces) this.seal();
    this.current.push(start, length);
    this.bytes += length;
  }

  finish(): Block[] {
    if (this.current.count > 0) this.seal();
    return this.blocks;
  }

  private seal(): void {
    const list = this.current;
    this.blocks.push({ count: list.count, bytes: list.bytes, data: list.seal() });
    this.current = new PieceList(this.blockPieces);
  }
}

/**
 * Walks every piece in document order, one `next()` at a time (for generators that pause between
 * pieces). It walks the blocks as they were when it was made: edits replace blocks, never change them.
 */
export class TableCursor {
  docOffset = 0;
  start = 0;
  length = 0;
  private block = 0;
  private readonly piece = new PieceCursor();

  constructor(private readonly blocks: readonly Block[]) {
    if (blocks.length > 0) this.piece.reset(blocks[0].data);
  }

  next(): boolean {
    const end = this.docOffset + this.length;
    while (this.block < this.blocks.length) {
      if (this.piece.next()) {
        this.docOffset = end;
        this.start = this.piece.start;
        this.length = this.piece.length;
        return true;
      }
      if (++this.block < this.blocks.length) this.piece.reset(this.blocks[this.block].data);
    }
    return false;
  }
}

export class PieceTable {
  private blocks: Block[] = [];
  /** Document offset of each block's first byte; rebuilt lazily after an edit. */
  private blockStarts = new Float64Array(0);
  private startsValid = true;
  private total = 0;

  /** `fill` pushes the initial pieces (for example one base piece covering the whole file). */
  constructor(
    fill?: (sink: PieceSink) => void,
    private readonly blockPieces = DEFAULT_BLOCK_PIECES,
  ) {
    if (fill) this.blocks = this.build(fill).finish();
    this.total = this.blocks.reduce((n, b) => n + b.bytes, 0);
    this.startsValid = false;
  }

  get size(): number {
    return this.total;
  }

  /** A table with the same pieces that later edits of either do not change (blocks are never modified, only replaced). */
  clone(): PieceTable {
    const copy = new PieceTable(undefined, this.blockPieces);
    copy.blocks = this.blocks.slice();
    copy.total = this.total;
    copy.startsValid = false;
    return copy;
  }

  get pieceCount(): number {
    let n = 0;
    for (const b of this.blocks) n += b.count;
    return n;
  }

  /**
   * Replaces [pos, pos + removeLength) with the pieces `insert` pushes; returns the removed pieces.
   * The caller has checked the range.
   */
  splice(pos: number, removeLength: number, insert: (sink: PieceSink) => void): { removed: PieceList; inserted: number } {
    const removed = new PieceList();
    const end = pos + removeLength;
    if (this.blocks.length === 0) {
      const builder = this.build(insert);
      this.blocks = builder.finish();
      this.total = builder.bytes;
      this.startsValid = false;
      this.firstBases = undefined;
      return { removed, inserted: builder.bytes };
    }
    this.ensureStarts();
    let first = this.blockAt(pos);
    const last = removeLength > 0 ? this.blockAt(end - 1) : first;
    // Absorb a small left neighbour so repeated edits do not leave a trail of tiny blocks.
    const small = this.blockPieces / 4;
    if (first > 0 && this.blocks[first].count < small && this.blocks[first - 1].count < small) first--;

    const builder = new BlockBuilder(this.blockPieces);
    let inserted = 0;
    let insertedYet = false;
    const doInsert = (): void => {
      insertedYet = true;
      const before = builder.bytes;
      insert(builder);
      inserted = builder.bytes - before;
    };
    let d = this.blockStarts[first];
    const c = new PieceCursor();
    for (let b = first; b <= last; b++) {
      c.reset(this.blocks[b].data);
      while (c.next()) {
        const s = c.start;
        const l = c.length;
        const pieceEnd = d + l;
        // The part before pos.
        if (d < pos) builder.push(s, Math.min(pieceEnd, pos) - d);
        // The first piece reaching past pos holds it: the new pieces go right after its prefix.
        if (!insertedYet && pieceEnd > pos) doInsert();
        // The removed part.
        const a = Math.max(d, pos);
        const z = Math.min(pieceEnd, end);
        if (z > a) removed.push(advanceStart(s, a - d), z - a);
        // The part after end.
        if (pieceEnd > end) {
          const from = Math.max(d, end);
          builder.push(advanceStart(s, from - d), pieceEnd - from);
        }
        d = pieceEnd;
      }
    }
    if (!insertedYet) doInsert(); // pos is the end of the document
    const rebuilt = builder.finish();
    let oldBytes = 0;
    for (let b = first; b <= last; b++) oldBytes += this.blocks[b].bytes;
    // concat, not splice(...rebuilt): a replace-all can rebuild more blocks than a call may take arguments.
    this.blocks = this.blocks.slice(0, first).concat(rebuilt, this.blocks.slice(last + 1));
    this.total += builder.bytes - oldBytes;
    this.startsValid = false;
    this.firstBases = undefined;
    return { removed: removed.trim(), inserted };
  }

  /** Copies the pieces of [start, end) into a new list (clipped at the ends). */
  slice(start: number, end: number): PieceList {
    const out = new PieceList();
    this.visit(start, end, (_d, s, l) => out.push(s, l));
    return out.trim();
  }

  /** Calls `visitor` for each piece overlapping [start, end), clipped to it, in document order. */
  visit(start: number, end: number, visitor: PieceVisitor): void {
    end = Math.min(end, this.total);
    if (start >= end) return;
    this.ensureStarts();
    let b = this.blockAt(start);
    let d = this.blockStarts[b];
    // Its own cursor: a visitor may read the table again.
    const c = new PieceCursor();
    for (; b < this.blocks.length && d < end; b++) {
      const { data, bytes } = this.blocks[b];
      if (d + bytes <= start) {
        d += bytes;
        continue;
      }
      c.reset(data);
      while (d < end && c.next()) {
        const l = c.length;
        if (d + l > start) {
          const a = Math.max(d, start);
          const z = Math.min(d + l, end);
          visitor(a, advanceStart(c.start, a - d), z - a);
        }
        d += l;
      }
    }
  }

  /** The pieces overlapping [start, end), clipped, as [docOffset, start, length] (lazily, for generators). */
  *pieces(start = 0, end = this.total): Generator<[docOffset: number, start: number, length: number]> {
    end = Math.min(end, this.total);
    if (start >= end) return;
    this.ensureStarts();
    let b = this.blockAt(start);
    let d = this.blockStarts[b];
    const c = new PieceCursor();
    for (; b < this.blocks.length && d < end; b++) {
      c.reset(this.blocks[b].data);
      while (d < end && c.next()) {
        const l = c.length;
        if (d + l > start) {
          const a = Math.max(d, start);
          const z = Math.min(d + l, end);
          yield [a, advanceStart(c.start, a - d), z - a];
        }
        d += l;
      }
    }
  }

  /**
   * The blocks as they are now, with each one's document offset (for line summaries,
   * extension/lines/). An edit replaces the array, so its identity tells whether the table changed.
   */
  blockView(): { readonly blocks: readonly Block[]; readonly starts: Float64Array } {
    this.ensureStarts();
    return { blocks: this.blocks, starts: this.blockStarts };
  }

  /**
   * The blocks as they are now, for the engine's search of the document (engine.ts
   * DocumentPieces): their packed bytes, which edits never change (they replace blocks), and the
   * document bytes each covers. O(blocks); no piece is decoded or copied.
   */
  packedBlocks(): { blocks: Uint8Array[]; blockBytes: Float64Array } {
    const blockBytes = new Float64Array(this.blocks.length);
    for (let b = 0; b < this.blocks.length; b++) blockBytes[b] = this.blocks[b].bytes;
    return { blocks: this.blocks.map((b) => b.data), blockBytes };
  }

  /**
   * Bytes the pieces take from the add buffer (edits), summed per block and cached on the
   * immutable blocks: after the first count, an edit costs the blocks it rebuilt plus a pass over
   * the block list (a Replace All of millions leaves ~10,000 blocks, not millions of pieces).
   */
  addedByteCount(): number {
    let n = 0;
    const c = new PieceCursor();
    for (const block of this.blocks) {
      let added = ADDED_BYTES.get(block);
      if (added === undefined) {
        added = 0;
        c.reset(block.data);
        while (c.next()) if (c.start < 0) added += c.length;
        ADDED_BYTES.set(block, added);
      }
      n += added;
    }
    return n;
  }

  /** A cursor over every piece, unclipped, in document order. */
  cursor(): TableCursor {
    return new TableCursor(this.blocks);
  }

  /** Every piece, unclipped, in document order (for whole-document passes). */
  forEach(visitor: PieceVisitor): void {
    for (const c = this.cursor(); c.next(); ) visitor(c.docOffset, c.start, c.length);
  }

  /**
   * Calls `visitor` for each base piece holding bytes of base range [baseStart, baseEnd), clipped
   * to it, in order: where those base bytes are in the document now. Base pieces always appear
   * in increasing base order (edits never move base bytes), so this is a binary search over the
   * blocks and a walk, O(log blocks + the pieces visited): a rewrite save re-points its undo
   * history through it.
   */
  visitBase(baseStart: number, baseEnd: number, visitor: PieceVisitor): void {
    if (baseStart >= baseEnd || this.blocks.length === 0) return;
    this.ensureStarts();
    const firsts = this.ensureFirstBases();
    // The last block whose first base piece starts at or before baseStart holds the piece that contains it.
    let lo = 0;
    let hi = firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= baseStart) lo = mid;
      else hi = mid - 1;
    }
    // Blocks without base pieces carry the value of the block before: start at the one that owns it.
    while (lo > 0 && firsts[lo - 1] === firsts[lo]) lo--;
    const c = new PieceCursor();
    for (let b = lo; b < this.blocks.length; b++) {
      if (firsts[b] >= baseEnd) return;
      let d = this.blockStarts[b];
      c.reset(this.blocks[b].data);
      while (c.next()) {
        const s = c.start;
        const l = c.length;
        if (s >= 0) {
          if (s >= baseEnd) return;
          const a = Math.max(s, baseStart);
          const z = Math.min(s + l, baseEnd);
          if (z > a) visitor(d + (a - s), a, z - a);
        }
        d += l;
      }
    }
  }

  /** Per block, the base start of its first base piece, carried forward over blocks without one (non-decreasing). */
  private firstBases: Float64Array | undefined;

  private ensureFirstBases(): Float64Array {
    if (this.firstBases) return this.firstBases;
    const firsts = new Float64Array(this.blocks.length);
    const c = new PieceCursor();
    let carry = -Infinity;
    for (let b = 0; b < this.blocks.length; b++) {
      c.reset(this.blocks[b].data);
      while (c.next()) {
        if (c.start >= 0) {
          carry = c.start;
          break;
        }
      }
      firsts[b] = carry;
    }
    this.firstBases = firsts;
    return firsts;
  }

  private build(fill: (sink: PieceSink) => void): BlockBuilder {
    const builder = new BlockBuilder(this.blockPieces);
    fill(builder);
    return builder;
  }

  private ensureStarts(): void {
    if (this.startsValid) return;
    const starts = new Float64Array(this.blocks.length);
    let d = 0;
    for (let b = 0; b < this.blocks.length; b++) {
      starts[b] = d;
      d += this.blocks[b].bytes;
    }
    this.blockStarts = starts;
    this.startsValid = true;
  }

  /** Index of the block holding document offset `pos` (the last block for pos === size). */
  private blockAt(pos: number): number {
    const starts = this.blockStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
