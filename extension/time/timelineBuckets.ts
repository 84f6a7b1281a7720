// A timeline's buckets as the engine's updates fill them in (engine.ts TimeHistogramUpdate: a
// stretch of buckets as they are now), kept as two arrays from the first bucket seen to the last.
// The engine merges segments in file order, so updates mostly extend the end; a log that goes
// back in time (several runs) extends the start too.
import type { TimeHistogramUpdate } from '../engine';

export class TimelineBuckets {
  first = 0;
  counts = new Float64Array(0);
  matches = new Float64Array(0);

  apply(update: Pick<TimeHistogramUpdate, 'first' | 'counts' | 'matches'>): void {
    const n = update.counts.length;
    if (n === 0) return;
    this.cover(update.first, update.first + n - 1);
    this.counts.set(update.counts, update.first - this.first);
    this.matches.set(update.matches, update.first - this.first);
  }

  /** Total of each series. */
  totals(): { entries: number; matched: number } {
    let entries = 0;
    let matched = 0;
    for (let i = 0; i < this.counts.length; i++) {
      entries += this.counts[i];
      matched += this.matches[i];
    }
    return { entries, matched };
  }

  /** The bucket with the most entries: its index and count (undefined when empty). */
  busiest(): { index: number; count: number; matches: number } | undefined {
    let best = -1;
    for (let i = 0; i < this.counts.length; i++) if (best < 0 || this.counts[i] > this.counts[best]) best = i;
    return best < 0 ? undefined : { index: this.first + best, count: this.counts[best], matches: this.matches[best] };
  }

  private cover(lo: number, hi: number): void {
    if (this.counts.length === 0) {
      this.first = lo;
      this.counts = new Float64Array(hi - lo + 1);
      this.matches = new Float64Array(hi - lo + 1);
      return;
    }
    const last = this.first + this.counts.length - 1;
    if (lo >= this.first && hi <= last) return;
    const first = Math.min(lo, this.first);
    const size = Math.max(hi, last) - first + 1;
    const counts = new Float64Array(size);
    const matches = new Float64Array(size);
    counts.set(this.counts, this.first - first);
    matches.set(this.matches, this.first - first);
    this.first = first;
    this.counts = counts;
    this.matches = matches;
  }
}
