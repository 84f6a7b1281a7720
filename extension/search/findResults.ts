// The results of the last find-all, as the search service serves them to the results panel and to
// the "N of M" count: kept in full when they are few (a capped find), or as a count plus
// checkpoints searched again on demand when they may be millions (see rescannedResults.ts).
import type { SearchMatch } from '../engine';
import { ResultStore } from './resultStore';

export interface FindResults {
  /** Results received so far (all of them once the search is done). */
  readonly size: number;
  /** The next batch from the engine, in file order. */
  add(offsets: Float64Array, lengths: Float64Array): void;
  /** Results [start, start + count), clipped to those received. */
  slice(start: number, count: number): Promise<SearchMatch[]>;
  /** The index of the first result at or after `offset` and its offset (`size` and none when there is none). */
  locate(offset: number): Promise<{ index: number; offset?: number }>;
}

/** Every result kept, about 2 bytes each (resultStore.ts): answers without searching again. */
export class StoredResults implements FindResults {
  private readonly store = new ResultStore();

  get size(): number {
    return this.store.size;
  }

  add(offsets: Float64Array, lengths: Float64Array): void {
    this.store.add(offsets, lengths);
  }

  async slice(start: number, count: number): Promise<SearchMatch[]> {
    const out: SearchMatch[] = [];
    for (let i = Math.max(0, start); i < Math.min(this.store.size, start + count); i++) out.push(this.store.get(i)!);
    return out;
  }

  async locate(offset: number): Promise<{ index: number; offset?: number }> {
    const index = this.store.indexAtOrAfter(offset);
    return { index, offset: this.store.get(index)?.offset };
  }
}

/**
 * The first `cap` results kept (the results panel's limit), every one counted: the count the
 * find widget shows is never capped.
 */
export class CappedResults implements FindResults {
  private seen = 0;

  constructor(private readonly kept: FindResults, private readonly cap: number) {}

  /** Every result received, kept or not. */
  get counted(): number {
    return this.seen;
  }

  get size(): number {
    return this.kept.size;
  }

  add(offsets: Float64Array, lengths: Float64Array): void {
    this.seen += offsets.length;
    const room = this.cap - this.kept.size;
    if (room <= 0) return;
    if (offsets.length <= room) this.kept.add(offsets, lengths);
    else this.kept.add(offsets.subarray(0, room), lengths.subarray(0, room));
  }

  slice(start: number, count: number): Promise<SearchMatch[]> {
    return this.kept.slice(start, count);
  }

  /** Past the last result kept, the index is unknown: `counted` (no offset) says so. */
  async locate(offset: number): Promise<{ index: number; offset?: number }> {
    const found = await this.kept.locate(offset);
    return found.offset === undefined && this.seen > this.kept.size ? { index: this.seen } : found;
  }
}
