// The results of an unlimited find-all, kept as their count plus checkpoints (resultCheckpoints.ts)
// instead of every offset: millions of results cost the extension host, which every extension
// shares, about a MiB instead of tens, and taking in a batch from the engine touches a few of its
// offsets instead of all. A page of results for the panel is found again by the engine, from the
// checkpoint before it: a search of at most a few hundred KiB, well under a millisecond at its
// speed (a result that is a checkpoint needs none).
//
// The search runs again over the document's current content, in the engine like the find-all
// itself (edits or not): until the next edit the rows are the results that were counted (after a
// save, which replaces the mapping, the file holds that same content).
import type { FindAllOptions, SearchMatch, SearchQuery } from '../engine';
import type { FindResults } from './findResults';
import { ResultCheckpoints, SPAN_BYTES, SPAN_RESULTS } from './resultCheckpoints';
import type { Searchable } from './searchService';

/** How far past a checkpoint one search goes on to list the spans after it. */
const RESCAN_BYTES = 4 << 20;

export class RescannedResults implements FindResults {
  private readonly checkpoints = new ResultCheckpoints();

  /** `source`: the search over the document as it is now (a save may replace the mapping). */
  constructor(private readonly source: () => Searchable, private readonly query: SearchQuery) {}

  get size(): number {
    return this.checkpoints.size;
  }

  add(offsets: Float64Array, lengths: Float64Array): void {
    this.checkpoints.add(offsets, lengths);
  }

  /** Asks the engine to choose the checkpoints itself: then only they cross into JavaScript. */
  engineCheckpoints(): NonNullable<FindAllOptions['checkpoints']> {
    return {
      every: SPAN_RESULTS,
      gap: SPAN_BYTES,
      onCheckpoints: (indexes, offsets, lengths, count) => this.checkpoints.addChosen(indexes, offsets, lengths, count),
    };
  }

  async slice(start: number, count: number): Promise<SearchMatch[]> {
    const end = Math.min(this.size, start + count);
    const out: SearchMatch[] = [];
    for (let i = Math.max(0, start); i < end; ) {
      const span = this.checkpoints.spanOfIndex(i);
      let through = Math.min(end, span.index + span.count);
      if (through - span.index === 1) {
        // Only the checkpoint itself is wanted (rare matches are all checkpoints): no search.
        out.push({ offset: span.offset, length: span.length });
        i = through;
        continue;
      }
      // One search also lists the following spans that start close by: a search costs a thread
      // start, more than scanning a few MiB.
      while (through < end) {
        const next = this.checkpoints.spanOfIndex(through);
        if (next.offset - span.offset > RESCAN_BYTES) break;
        through = Math.min(end, next.index + next.count);
      }
      const wanted = through - span.index;
      const found = await this.search(span.offset, wanted);
      out.push(...found.slice(i - span.index, wanted));
      // Fewer than counted: the file changed under us. Rows past here stay unknown.
      if (found.length < wanted) break;
      i = through;
    }
    return out;
  }

  async locate(offset: number): Promise<{ index: number; offset?: number }> {
    const span = this.checkpoints.spanOfOffset(offset);
    // A checkpoint is a result, and a span of one holds nothing else: no need to search then.
    if (span && span.offset !== offset && span.count > 1) {
      const found = await this.search(span.offset, span.count);
      const j = found.findIndex((m) => m.offset >= offset);
      if (j >= 0) return { index: span.index + j, offset: found[j].offset };
    }
    // At a checkpoint, before the first result, or past the last of its span: the answer is a
    // checkpoint.
    const index = !span ? 0 : span.offset === offset ? span.index : span.index + span.count;
    return index < this.size ? { index, offset: this.checkpoints.spanOfIndex(index).offset } : { index };
  }

  /** The first `max` results from `offset`, which is a result's offset. */
  private async search(offset: number, max: number): Promise<SearchMatch[]> {
    const found: SearchMatch[] = [];
    const task = this.source().findAll(this.query, {
      start: offset,
      maxResults: max,
      // One thread, with segments about as long as one search reads: the engine stops at the last
      // result wanted, instead of scanning 32 MiB segments ahead on every core.
      threads: 1,
      segment: RESCAN_BYTES,
      onMatches: (offsets, lengths) => {
        for (let i = 0; i < offsets.length; i++) found.push({ offset: offsets[i], length: lengths[i] });
      },
    });
    await task.done;
    return found;
  }
}
