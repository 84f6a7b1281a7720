// Find-all results kept compactly in the extension host, which every extension shares: a find
// all of a frequent word in a 10 GB log has 16 million results. They arrive in file order, so
// each offset is kept as its gap from the one before — two bytes when under 64 KiB, the usual
// case when there are many results; a larger gap is kept aside — and each block's lengths once
// when they are all equal (always, for a literal search). About 2 bytes a result instead of the
// 16 of two float arrays. A read decodes at most one block's gaps.
import type { MatchRuns } from '../edits/editJournal';

/** Results per block: a block starts from an absolute offset, so a read adds up at most this many gaps. */
const BLOCK = 256;
/** Gap arrays grow this many results at a time. */
const CHUNK = 256 * BLOCK;
/** A gap that does not fit in 16 bits: the real one is in `bigGaps`. */
const ESCAPE = 0xffff;

export class ResultStore implements MatchRuns {
  private readonly gaps: Uint16Array[] = [];
  private readonly bigGaps = new Map<number, number>();
  /** Offset of each block's first result. */
  private readonly blockStarts: number[] = [];
  /** Each block's length when all its results have it; -1 when they differ (see `blockLengths`). */
  private readonly blockLength: number[] = [];
  private readonly blockLengths = new Map<number, Float64Array>();
  private count = 0;
  private last = 0;

  get size(): number {
    return this.count;
  }

  add(offsets: ArrayLike<number>, lengths: ArrayLike<number>): void {
    // Runs on the extension host's one JavaScript thread for every match: kept tight.
    let i = this.count;
    let last = this.last;
    let gaps = this.gaps[this.gaps.length - 1];
    for (let k = 0; k < offsets.length; k++, i++) {
      const offset = offsets[k];
      const length = lengths[k];
      const slot = i % CHUNK;
      if (slot === 0) {
        gaps = new Uint16Array(CHUNK);
        this.gaps.push(gaps);
      }
      if (i % BLOCK === 0) {
        this.blockStarts.push(offset);
        this.blockLength.push(length);
      } else {
        const gap = offset - last;
        // Out of order or fractional cannot come from the engine, but must still read back right.
        if (gap >= 0 && gap < ESCAPE && Number.isInteger(gap)) gaps[slot] = gap;
        else {
          gaps[slot] = ESCAPE;
          this.bigGaps.set(i, gap);
        }
        const block = this.blockLength.length - 1;
        const uniform = this.blockLength[block];
        if (uniform !== length) {
          if (uniform !== -1) this.splitLengths(block, i);
          this.blockLengths.get(block)![i % BLOCK] = length;
        }
      }
      last = offset;
    }
    this.count = i;
    this.last = last;
  }

  get(index: number): { offset: number; length: number } | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const block = Math.floor(index / BLOCK);
    let offset = this.blockStarts[block];
    for (let i = block * BLOCK + 1; i <= index; i++) offset += this.gap(i);
    const uniform = this.blockLength[block];
    return { offset, length: uniform !== -1 ? uniform : this.blockLengths.get(block)![index % BLOCK] };
  }

  /** Every result in order, decoding each block once (a Replace All walks millions this way). */
  forEach(visit: (offset: number, length: number, index: number) => void): void {
    for (let block = 0; block < this.blockStarts.length; block++) {
      const first = block * BLOCK;
      const end = Math.min(this.count, first + BLOCK);
      const uniform = this.blockLength[block];
      const lengths = uniform === -1 ? this.blockLengths.get(block)! : undefined;
      let offset = this.blockStarts[block];
      for (let i = first; i < end; i++) {
        if (i > first) offset += this.gap(i);
        visit(offset, lengths ? lengths[i - first] : uniform, i);
      }
    }
  }

  /** Index of the first result at or after `offset` (results are in file order). */
  indexAtOrAfter(offset: number): number {
    // The last block starting before `offset` holds the answer, or it is the next block's start.
    let lo = 0;
    let hi = this.blockStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.blockStarts[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const block = lo - 1;
    let at = this.blockStarts[block];
    const end = Math.min(this.count, (block + 1) * BLOCK);
    for (let i = block * BLOCK + 1; i < end; i++) {
      at += this.gap(i);
      if (at >= offset) return i;
    }
    return end;
  }

  /** Bytes held, for memory accounting. */
  get bytes(): number {
    return (
      this.gaps.length * CHUNK * 2 +
      this.blockStarts.length * 16 +
      this.blockLengths.size * BLOCK * 8 +
      this.bigGaps.size * 32
    );
  }

  private gap(i: number): number {
    const g = this.gaps[Math.floor(i / CHUNK)][i % CHUNK];
    return g === ESCAPE ? this.bigGaps.get(i)! : g;
  }

  /** The block's results stop sharing one length at `index`: keep a length per result. */
  private splitLengths(block: number, index: number): void {
    const lengths = new Float64Array(BLOCK);
    lengths.fill(this.blockLength[block], 0, index % BLOCK);
    this.blockLengths.set(block, lengths);
    this.blockLength[block] = -1;
  }
}
