// The sparse index of an unlimited find-all: the count of results plus a few of them, the
// "checkpoints", from which the engine can search again to list any stretch of results. A
// checkpoint is a match's index and offset; a search started at a match's offset finds that match
// and then the same ones the full search found after it (matching is leftmost-first and
// non-overlapping, and the engine reads the context before its start for look-behind, anchors and
// whole words).
//
// A result becomes a checkpoint every SPAN_RESULTS results, and also when it lies SPAN_BYTES or
// more past the last checkpoint. So the results between two checkpoints are fewer than
// SPAN_RESULTS and start within SPAN_BYTES of the first: listing any of them means searching at
// most about SPAN_BYTES again, however rare or frequent the matches; and rare matches are all
// checkpoints, listed without searching. 16.6 million results of a word in a 10 GB log keep
// 65,000 checkpoints (1.5 MiB), where keeping every offset takes 33 MiB; the byte rule adds at
// most one checkpoint per SPAN_BYTES of file (40,000 for 10 GB).

/** Results per checkpoint, at most. */
export const SPAN_RESULTS = 256;
/** Bytes from a checkpoint within which every result up to the next checkpoint starts. */
export const SPAN_BYTES = 256 << 10;

/** The results from one checkpoint up to the next one (or to the last result known). */
export interface Span {
  /** Index, offset and length of the checkpoint, the span's first result. */
  readonly index: number;
  readonly offset: number;
  readonly length: number;
  /** Results in the span. */
  readonly count: number;
}

export class ResultCheckpoints {
  // Plain arrays: a few thousand to a few hundred thousand numbers, appended in order.
  private readonly indexes: number[] = [];
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /**
   * The next batch of results, in file order. Looks at only a few offsets per checkpoint (a
   * binary search for the first one SPAN_BYTES past the last checkpoint), not at every result:
   * this runs on the extension host's one JavaScript thread while the engine streams millions.
   */
  add(offsets: ArrayLike<number>, lengths: ArrayLike<number>): void {
    const base = this.count;
    const n = offsets.length;
    let k = 0;
    for (;;) {
      const last = this.indexes.length - 1;
      const lastIndex = last >= 0 ? this.indexes[last] : -SPAN_RESULTS;
      const farOffset = last >= 0 ? this.offsets[last] + SPAN_BYTES : -Infinity;
      // The checkpoint due by count, unless a result before it is far enough to be one.
      const byCount = Math.max(k, lastIndex + SPAN_RESULTS - base);
      const at = lowerBound(offsets, k, Math.min(n, byCount), farOffset);
      if (at >= n) break;
      this.indexes.push(base + at);
      this.offsets.push(offsets[at]);
      this.lengths.push(lengths[at]);
      k = at + 1;
    }
    this.count = base + n;
  }

  /**
   * Checkpoints the engine chose by the same rule (FindAllOptions.checkpoints with SPAN_RESULTS
   * and SPAN_BYTES), with their indexes, and the count of results so far.
   */
  addChosen(indexes: ArrayLike<number>, offsets: ArrayLike<number>, lengths: ArrayLike<number>, count: number): void {
    for (let i = 0; i < indexes.length; i++) {
      this.indexes.push(indexes[i]);
      this.offsets.push(offsets[i]);
      this.lengths.push(lengths[i]);
    }
    this.count = count;
  }

  /** The span holding result `index` (0 <= index < size). */
  spanOfIndex(index: number): Span {
    // The last checkpoint at or before `index`.
    return this.span(upperBound(this.indexes, index) - 1);
  }

  /**
   * The span where a result at `offset` would be: the one whose checkpoint is the last at or
   * before `offset`, or undefined when `offset` comes before every result.
   */
  spanOfOffset(offset: number): Span | undefined {
    const i = upperBound(this.offsets, offset) - 1;
    return i < 0 ? undefined : this.span(i);
  }

  private span(i: number): Span {
    const next = i + 1 < this.indexes.length ? this.indexes[i + 1] : this.count;
    return { index: this.indexes[i], offset: this.offsets[i], length: this.lengths[i], count: next - this.indexes[i] };
  }
}

/** First position in [from, to) whose value is >= `value` (`to` when none); values sorted. */
function lowerBound(values: ArrayLike<number>, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of values <= `value` (values sorted). */
function upperBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
