// Line numbers of the document as the user sees it, unsaved edits included, the way VS Code's
// piece tree and xi's rope carry line counts on their nodes: every block of the piece table gets
// a summary of its line breaks (lineBreaks.ts), cached by the block's identity (blocks are never
// modified, an edit replaces the few it touches), and a prefix of those summaries locates any
// offset or line in O(log blocks), then one block's pieces are walked.
//
// Base pieces are counted by the native line index (countBreaks: many ranges in one call; a
// block of ranges that nearly tile the file costs the bytes between them plus two 64 KiB block
// edges, not their length), added bytes in JavaScript. So an edit costs the blocks it rebuilt,
// whatever the file's size; a Replace All of 3.3 M matches, which rebuilds every block, costs
// one pass over the gaps between its matches. While the base index is still being built, only
// the part of the document before the first base byte not indexed yet is answered.
import type { Block, PieceTable } from '../edits/pieceTable';
import { PieceCursor } from '../edits/pieceCodec';
import { decodeAddStart, isBasePiece } from '../edits/pieces';
import type { LineIndex } from '../engine';
import type { ByteReader } from '../reader';
import type { LineIndexProgress } from '../../shared/protocol';
import { countRun, EMPTY, ENDS_CR, findBreakInRun, joinFlags, runFlags, seamBreak, STARTS_LF } from './lineBreaks';

/** What the document's line numbers read: the edit journal fits. */
export interface LineContent extends Pick<ByteReader, 'size' | 'read'> {
  readonly pieceTable: PieceTable;
  viewAdded(addOffset: number, length: number): Uint8Array;
}

/** The base file's line index (the engine's). */
export type BaseLineIndex = Pick<LineIndex, 'status' | 'countBreaks' | 'lineOfOffset' | 'offsetOfLine'>;

interface Summary {
  count: number;
  flags: number;
}

/** One block's pieces with each one's summary, for walking inside the block. */
interface BlockDetail {
  /** Offset of each piece from the block's start (blocks move when edits before them change lengths), and of its end. */
  docStarts: Float64Array;
  starts: Float64Array;
  counts: Float64Array;
  flags: Uint8Array;
}

/**
 * Whether the table is one piece covering a base of `baseSize` bytes (the document as opened):
 * then the base's own index answers. O(1); a document whose edits were undone may fail it and
 * still be answered right, by DocumentLines.
 */
export function isWholeBase(table: PieceTable, baseSize: number): boolean {
  const { blocks } = table.blockView();
  if (table.size !== baseSize || blocks.length !== 1 || blocks[0].count !== 1) return false;
  const c = new PieceCursor().reset(blocks[0].data);
  return c.next() && c.start === 0;
}

/** Blocks whose per-piece detail is kept (the gutter asks about one or two blocks at a time). */
const DETAILS_KEPT = 8;
const LF = 0x0a;

export class DocumentLines {
  private readonly summaries = new WeakMap<Block, Summary>();
  private readonly details = new Map<Block, BlockDetail>();
  private blocks: readonly Block[] | undefined;
  private starts: Float64Array = new Float64Array(0);
  /** before[b] and beforeFlags[b] summarise blocks [0, b); valid for b <= known. */
  private before: Float64Array = new Float64Array(1);
  private beforeFlags: Uint8Array = new Uint8Array([EMPTY]);
  private known = 0;
  private scratch = { starts: new Float64Array(0), lengths: new Float64Array(0), flags: new Uint8Array(0), pieceFlags: new Uint8Array(0), pieces: new Int32Array(0) };
  private readonly one = { starts: new Float64Array(1), lengths: new Float64Array(1), flags: new Uint8Array(1), counts: new Float64Array(1) };
  /** The last added run summarised: a Replace All's pieces share one replacement. */
  private lastAdd = { start: 0, length: -1, count: 0, flags: 0 };
  private readonly cursor = new PieceCursor();

  constructor(
    private readonly content: LineContent,
    private readonly base: BaseLineIndex | undefined,
  ) {}

  /** 0-based line of the byte at `offset` (offset === size: the position after the last byte); undefined where not indexed yet. */
  lineOfOffset(offset: number): number | undefined {
    const size = this.content.size;
    if (!Number.isInteger(offset) || offset < 0 || offset > size) return undefined;
    this.sync();
    const blocks = this.blocks!;
    if (blocks.length === 0) return 0;
    const b = this.blockAt(offset);
    if (!this.extendTo(b)) return undefined;
    let count = this.before[b];
    let flags = this.beforeFlags[b];
    const visit = (docStart: number, start: number, length: number, summary: Summary | undefined): boolean => {
      if (docStart >= offset) return false;
      const s = docStart + length <= offset ? (summary ?? this.pieceSummary(start, length)) : this.pieceSummary(start, offset - docStart);
      if (!s) {
        count = NaN;
        return false;
      }
      count += seamBreak(flags, s.flags) + s.count;
      flags = joinFlags(flags, s.flags);
      return true;
    };
    this.walk(b, visit);
    if (Number.isNaN(count)) return undefined;
    // A `\r` just before `offset` ends a line unless a `\n` follows it.
    if (flags & ENDS_CR && !(flags & EMPTY) && (offset === size || this.content.read(offset, 1)[0] !== LF)) count++;
    return count;
  }

  /** Offset where 0-based `line` starts; undefined past the last line or where not indexed yet. */
  offsetOfLine(line: number): number | undefined {
    if (!Number.isInteger(line) || line < 0) return undefined;
    if (line === 0) return 0;
    this.sync();
    const blocks = this.blocks!;
    while (this.known < blocks.length && this.before[this.known] < line && this.extend());
    let b: number;
    const k = this.known;
    if (this.before[k] < line) {
      // The last break may be a `\r` ending the document.
      if (k === blocks.length) return line === this.before[k] + 1 && this.beforeFlags[k] & ENDS_CR && !(this.beforeFlags[k] & EMPTY) ? this.content.size : undefined;
      b = k; // a block the base index does not cover whole yet: its indexed part may hold the line
    } else {
      // The first block after which `line` breaks have been seen.
      let lo = 1;
      let hi = k;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.before[mid] >= line) hi = mid;
        else lo = mid + 1;
      }
      b = lo - 1;
    }
    let count = this.before[b];
    let flags = this.beforeFlags[b];
    let found: number | undefined;
    this.walk(b, (docStart, start, length, summary) => {
      let s = summary ?? this.pieceSummary(start, length);
      // A base piece reaching past the indexed part: only that part can be searched.
      const partial = !s;
      if (!s) {
        const part = isBasePiece(start) && this.base ? Math.min(length, this.base.status().indexed - start) : 0;
        s = part > 0 ? this.pieceSummary(start, part) : undefined;
        if (!s) return false;
      }
      const seam = seamBreak(flags, s.flags);
      if (seam && count + 1 === line) {
        found = docStart; // the `\r` ending the previous piece was the break
        return false;
      }
      count += seam;
      if (count + s.count >= line) {
        const at = this.findInPiece(start, length, line - count);
        if (at !== undefined) found = docStart + at + 1;
        return false;
      }
      count += s.count;
      flags = joinFlags(flags, s.flags);
      return !partial;
    });
    return found;
  }

  /** How far the numbers reach, and the line count there (the total once complete). */
  progress(): LineIndexProgress {
    const size = this.content.size;
    this.sync();
    const blocks = this.blocks!;
    while (this.known < blocks.length && this.extend());
    const k = this.known;
    if (k === blocks.length) {
      const lines = this.before[k] + (this.beforeFlags[k] & ENDS_CR && !(this.beforeFlags[k] & EMPTY) ? 1 : 0) + 1;
      return { indexed: size, size, lines, complete: true };
    }
    const indexed = this.indexedWithin(k);
    return { indexed, size, lines: (this.lineOfOffset(indexed) ?? this.before[k]) + 1, complete: false };
  }

  /** Picks up the table's current blocks; an edit replaced them, so the prefix starts over (lazily). */
  private sync(): void {
    const view = this.content.pieceTable.blockView();
    if (view.blocks === this.blocks) return;
    this.blocks = view.blocks;
    this.starts = view.starts;
    const n = view.blocks.length + 1;
    if (this.before.length < n) {
      const capacity = Math.max(n, Math.ceil(this.before.length * 1.5));
      this.before = new Float64Array(capacity);
      this.beforeFlags = new Uint8Array(capacity);
    }
    this.before[0] = 0;
    this.beforeFlags[0] = EMPTY;
    this.known = 0;
  }

  /** Extends the prefix to cover blocks [0, b); false if a block before b cannot be counted yet. */
  private extendTo(b: number): boolean {
    while (this.known < b) if (!this.extend()) return false;
    return true;
  }

  private extend(): boolean {
    const k = this.known;
    const s = this.blockSummary(this.blocks![k]);
    if (!s) return false;
    this.before[k + 1] = this.before[k] + seamBreak(this.beforeFlags[k], s.flags) + s.count;
    this.beforeFlags[k + 1] = joinFlags(this.beforeFlags[k], s.flags);
    this.known = k + 1;
    return true;
  }

  /** Index of the block holding `offset` (the last block for offset === size). */
  private blockAt(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = this.blocks!.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Calls `visit(docStart, start, length, summary)` for the pieces of block b in order until it
   * returns false; `summary` is known when the block's detail could be computed.
   */
  private walk(b: number, visit: (docStart: number, start: number, length: number, summary: Summary | undefined) => boolean): void {
    const block = this.blocks![b];
    const detail = this.detail(block);
    const piece: Summary = { count: 0, flags: 0 };
    const blockStart = this.starts[b];
    if (detail) {
      for (let i = 0; i < detail.counts.length; i++) {
        piece.count = detail.counts[i];
        piece.flags = detail.flags[i];
        if (!visit(blockStart + detail.docStarts[i], detail.starts[i], detail.docStarts[i + 1] - detail.docStarts[i], piece)) return;
      }
      return;
    }
    const c = new PieceCursor().reset(block.data);
    for (let d = blockStart; c.next(); d += c.length) if (!visit(d, c.start, c.length, undefined)) return;
  }

  /** Document offset, inside block k (which cannot be counted whole), up to which its pieces can be. */
  private indexedWithin(k: number): number {
    const baseIndexed = this.base?.status().indexed ?? 0;
    let indexed = this.starts[k];
    const c = this.cursor.reset(this.blocks![k].data);
    for (let d = this.starts[k]; c.next(); d += c.length) {
      if (isBasePiece(c.start) && c.start + c.length > baseIndexed) return d + Math.max(0, baseIndexed - c.start);
      indexed = d + c.length;
    }
    return indexed;
  }

  /** The summary of a whole block: its base pieces counted in one native call. */
  private blockSummary(block: Block): Summary | undefined {
    const cached = this.summaries.get(block);
    if (cached) return cached;
    const n = block.count;
    const pieceFlags = this.scratchFor(n).pieceFlags;
    const gathered = this.gather(block, pieceFlags);
    if (!gathered) return undefined;
    let count = gathered.addCount;
    if (gathered.bases > 0) {
      const sum = this.countGathered(gathered.bases, pieceFlags, undefined);
      if (sum === undefined) return undefined;
      count += sum;
    }
    for (let p = 1; p < n; p++) count += seamBreak(pieceFlags[p - 1], pieceFlags[p]);
    const summary = { count, flags: n > 0 ? joinFlags(pieceFlags[0], pieceFlags[n - 1]) : EMPTY };
    this.summaries.set(block, summary);
    return summary;
  }

  /** Every piece of a block with its summary (kept for a few blocks), or undefined where not indexed yet. */
  private detail(block: Block): BlockDetail | undefined {
    const kept = this.details.get(block);
    if (kept) {
      this.details.delete(block); // most recently used goes last
      this.details.set(block, kept);
      return kept;
    }
    const n = block.count;
    const detail: BlockDetail = { docStarts: new Float64Array(n + 1), starts: new Float64Array(n), counts: new Float64Array(n), flags: new Uint8Array(n) };
    const gathered = this.gather(block, detail.flags, detail);
    if (!gathered || (gathered.bases > 0 && this.countGathered(gathered.bases, detail.flags, detail.counts) === undefined)) return undefined;
    this.details.set(block, detail);
    if (this.details.size > DETAILS_KEPT) this.details.delete(this.details.keys().next().value as Block);
    return detail;
  }

  /**
   * Walks a block's pieces: added ones are summarised at once (flags, and counts into `detail`,
   * at the piece's index), base ones gathered into the scratch arrays for one native call.
   * Undefined when there are base pieces but no base index.
   */
  private gather(block: Block, flags: Uint8Array, detail?: BlockDetail): { bases: number; addCount: number } | undefined {
    const scratch = this.scratchFor(block.count);
    let bases = 0;
    let addCount = 0;
    let i = 0;
    let d = 0;
    let previous = 0;
    for (const c = this.cursor.reset(block.data); c.next(); i++, d += c.length) {
      if (detail) {
        detail.docStarts[i] = d;
        detail.starts[i] = c.start;
      }
      if (isBasePiece(c.start)) {
        if (!this.base) return undefined;
        scratch.starts[bases] = c.start;
        scratch.lengths[bases] = c.length;
        // Whether it starts with `\n` matters only after a `\r`: asked unless an added piece before it ends otherwise.
        scratch.flags[bases] = i > 0 && !isBasePiece(previous) && !(flags[i - 1] & ENDS_CR) ? 0 : STARTS_LF;
        scratch.pieces[bases++] = i;
      } else {
        const s = this.addSummary(c.start, c.length);
        addCount += s.count;
        flags[i] = s.flags;
        if (detail) detail.counts[i] = s.count;
      }
      previous = c.start;
    }
    if (detail) detail.docStarts[i] = d;
    return { bases, addCount };
  }

  /**
   * Counts the base pieces `gather` collected: their flags (and counts, when given) land at their
   * pieces' indexes. Returns their sum, or undefined where the base is not indexed yet.
   */
  private countGathered(bases: number, flags: Uint8Array, counts: Float64Array | undefined): number | undefined {
    const scratch = this.scratch;
    const out = counts ? new Float64Array(bases) : undefined;
    const sum = this.base!.countBreaks(scratch.starts.subarray(0, bases), scratch.lengths.subarray(0, bases), scratch.flags.subarray(0, bases), out);
    if (sum === undefined) return undefined;
    for (let j = 0; j < bases; j++) {
      flags[scratch.pieces[j]] = scratch.flags[j];
      if (out) counts![scratch.pieces[j]] = out[j];
    }
    return sum;
  }

  /** The summary of one piece, or of its first `length` bytes. */
  private pieceSummary(start: number, length: number): Summary | undefined {
    if (!isBasePiece(start)) return this.addSummary(start, length);
    if (!this.base) return undefined;
    const one = this.one;
    one.starts[0] = start;
    one.lengths[0] = length;
    one.flags[0] = STARTS_LF;
    const count = this.base.countBreaks(one.starts, one.lengths, one.flags, one.counts);
    return count === undefined ? undefined : { count, flags: one.flags[0] };
  }

  private addSummary(start: number, length: number): Summary {
    const last = this.lastAdd;
    if (last.start === start && last.length === length) return last;
    const bytes = this.content.viewAdded(decodeAddStart(start), length);
    const summary = { start, length, count: countRun(bytes, 0, length), flags: runFlags(bytes, 0, length) };
    this.lastAdd = summary;
    return summary;
  }

  /** Position inside the piece of its k-th break (1-based, k <= its count). */
  private findInPiece(start: number, length: number, k: number): number | undefined {
    if (!isBasePiece(start)) {
      const at = findBreakInRun(this.content.viewAdded(decodeAddStart(start), length), 0, length, k);
      return at < 0 ? undefined : at;
    }
    const before = this.base?.lineOfOffset(start);
    if (before === undefined) return undefined;
    const next = this.base!.offsetOfLine(before + k);
    return next === undefined ? undefined : next - 1 - start;
  }

  private scratchFor(n: number): DocumentLines['scratch'] {
    if (this.scratch.starts.length < n) {
      this.scratch = { starts: new Float64Array(n), lengths: new Float64Array(n), flags: new Uint8Array(n), pieceFlags: new Uint8Array(n), pieces: new Int32Array(n) };
    }
    return this.scratch;
  }
}
