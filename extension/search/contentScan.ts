// Search of a document with very many edits (after a Replace All of millions of matches) by
// reading its current content chunk after chunk and matching in JavaScript. Per-edit windows
// (journalSearch.ts) would mean millions of windows built before the first result, all on the
// extension host's thread; here memory is one chunk, and the host gets a turn between chunks.
// Matching begins where the previous match ended, so results are leftmost-first across chunk
// seams; a match may reach `reach` bytes past its chunk.
import type { EditJournal } from '../edits/editJournal';
import type { FindAllOptions, FindAllResult, FindOneOptions, SearchMatch, SearchQuery, SearchTask } from '../engine';
import { toEngineError } from '../engine';
import { WindowMatcher, windowMatcher } from './windowMatcher';

const CHUNK = 4 << 20;

/** How far matches and their context reach around a chunk. */
export interface ScanReach {
  /** The longest match (a regex's documented limit). */
  reach: number;
  /** Bytes either side of a match that decide it (look-around, ^, $, \b, whole word). */
  context: number;
  /** Bytes read at a time (tests make it small, to put matches across seams). */
  chunk?: number;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class ContentScan {
  private readonly match: WindowMatcher;
  private readonly chunk: number;

  /** Throws EngineError for a query that cannot run (invalid regex, empty pattern). */
  constructor(
    private readonly journal: EditJournal,
    query: SearchQuery,
    private readonly limits: ScanReach,
  ) {
    this.chunk = Math.max(1, limits.chunk ?? CHUNK);
    try {
      this.match = windowMatcher(query);
    } catch (e) {
      throw toEngineError(e);
    }
  }

  findAll(options: FindAllOptions = {}): SearchTask<FindAllResult> {
    let cancelled = false;
    const cap = options.maxResults ?? Infinity;
    const collect = !options.onMatches && options.collect !== false;
    const done = (async (): Promise<FindAllResult> => {
      const collected: SearchMatch[] = [];
      let count = 0;
      let truncated = false;
      const outcome = await this.forward(options.start ?? 0, options.end, () => cancelled, options.onProgress, (found) => {
        const take = Math.min(found.length, cap - count);
        if (take < found.length) truncated = true;
        if (take > 0) {
          const batch = found.slice(0, take);
          count += take;
          if (options.onMatches) options.onMatches(Float64Array.from(batch, (m) => m.offset), Float64Array.from(batch, (m) => m.length));
          else if (collect) for (const m of batch) collected.push({ offset: m.offset, length: m.length });
        }
        return count < cap;
      });
      return { count, truncated, cancelled: outcome === 'cancelled', ...(collect ? { matches: collected } : {}) };
    })();
    return { done, cancel: () => (cancelled = true) };
  }

  findNext(options: FindOneOptions): SearchTask<SearchMatch | null> {
    let cancelled = false;
    const start = options.start ?? 0;
    const first = async (from: number): Promise<SearchMatch | null> => {
      let found: SearchMatch | null = null;
      // Matching starts a little before `from`, so a chain of overlapping candidates falls in
      // step with the one a search from the start sees.
      await this.forward(Math.max(start, from - this.lead), options.end, () => cancelled, options.onProgress, (batch) => {
        found = batch.find((m) => m.offset >= from) ?? null;
        return found === null;
      });
      return found;
    };
    const done = (async () => {
      const m = await first(Math.max(start, options.from));
      return m ?? (options.wrap && !cancelled ? first(start) : null);
    })();
    return { done, cancel: () => (cancelled = true) };
  }

  findPrevious(options: FindOneOptions): SearchTask<SearchMatch | null> {
    let cancelled = false;
    const done = (async () => {
      const start = options.start ?? 0;
      const end = Math.min(options.end ?? this.journal.size, this.journal.size);
      const m = await this.lastBefore(start, Math.min(options.from, end), () => cancelled);
      return m ?? (options.wrap && !cancelled ? this.lastBefore(start, end, () => cancelled) : null);
    })();
    return { done, cancel: () => (cancelled = true) };
  }

  /** How far before a point matching starts, for the leftmost-first chain to settle. */
  private get lead(): number {
    return 3 * this.limits.reach + this.limits.context;
  }

  /**
   * Matches starting in [from, end), in order, a chunk's worth at a time to `accept` (which
   * returns false to stop). Yields to the event loop between chunks.
   */
  private async forward(
    from: number,
    endOption: number | undefined,
    isCancelled: () => boolean,
    onProgress: ((scanned: number, total: number) => void) | undefined,
    accept: (matches: SearchMatch[]) => boolean,
  ): Promise<'done' | 'stopped' | 'cancelled'> {
    const end = Math.min(endOption ?? this.journal.size, this.journal.size);
    let resume = from; // where matching starts again: the end of the last match
    for (let pos = from; pos < end; pos += this.chunk) {
      if (isCancelled()) return 'cancelled';
      const chunkEnd = Math.min(end, pos + this.chunk);
      const found = this.matchesIn(Math.max(pos, resume), chunkEnd, end);
      if (found.length > 0) {
        const last = found[found.length - 1];
        resume = last.offset + last.length;
        if (!accept(found)) return 'stopped';
      }
      onProgress?.(chunkEnd - from, end - from);
      if (chunkEnd < end) await nextTurn();
    }
    return 'done';
  }

  /** The last match starting in [start, before), searching chunks from the end. */
  private async lastBefore(start: number, before: number, isCancelled: () => boolean): Promise<SearchMatch | null> {
    for (let chunkEnd = before; chunkEnd > start; chunkEnd -= this.chunk) {
      if (isCancelled()) return null;
      // From a little before the chunk, for the chain of candidates to settle (see findNext).
      const found = this.matchesIn(Math.max(start, chunkEnd - this.chunk - this.lead), chunkEnd, this.journal.size);
      if (found.length > 0) return found[found.length - 1];
      await nextTurn();
    }
    return null;
  }

  /** Leftmost-first matches starting in [from, to), reading up to `end` for their tails. */
  private matchesIn(from: number, to: number, end: number): SearchMatch[] {
    if (from >= to) return [];
    const windowStart = Math.max(0, from - this.limits.context);
    const windowEnd = Math.min(end, to + this.limits.reach + this.limits.context);
    const bytes = this.journal.read(windowStart, windowEnd - windowStart);
    const found: SearchMatch[] = this.match(bytes, from - windowStart, to - windowStart);
    for (const m of found) m.offset += windowStart; // the matcher's own objects, moved to document offsets
    return found;
  }
}
