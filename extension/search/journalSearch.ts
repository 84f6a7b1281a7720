// Search over an edited document, so find sees what the user sees. Unchanged runs are searched
// by the engine in the mapped file (at memory speed) and mapped to document offsets; around every
// edited range a small window of the current content is searched in JavaScript. Windows reach
// one match length either side of an edit (regexes: REGEX_REACH bytes), so a match touching an
// edit is found; a match wholly inside unchanged bytes comes from the engine.
import type { EditJournal } from '../edits/editJournal';
import type { FindAllOptions, FindAllResult, FindOneOptions, SearchMatch, SearchQuery, SearchTask } from '../engine';
import { toEngineError } from '../engine';
import { ContentScan } from './contentScan';
import type { Searchable } from './searchService';
import { maxMatchLength, WindowMatch, windowMatcher } from './windowMatcher';

/** How far a regex match may reach across an edit (documented limit of search in edited documents). */
export const REGEX_REACH = 4096;

interface Range {
  start: number;
  end: number;
}

/** Bytes around a match whose change can change whether it matches (anchors, \b, whole word). */
function contextOf(query: SearchQuery): number {
  return query.kind === 'regex' ? 256 : 1;
}

/** Whether an offset falls in one of the sorted zones (binary search). */
function startsIn(zones: readonly Range[]): (offset: number) => boolean {
  return (offset) => {
    let lo = 0;
    let hi = zones.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (zones[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < zones.length && zones[lo].start <= offset;
  };
}

/**
 * Above this many pieces (a Replace All of tens of thousands of matches and more) the edits are
 * too many for per-edit windows: the current content is scanned instead (contentScan.ts).
 */
export const DENSE_PIECES = 100_000;

export class JournalSearch implements Searchable {
  constructor(private readonly journal: EditJournal, private readonly base: Searchable) {}

  /** The content scan, when the document has too many edits for windows. */
  private dense(query: SearchQuery): ContentScan | undefined {
    if (this.journal.pieceCount <= DENSE_PIECES) return undefined;
    return new ContentScan(this.journal, query, { reach: maxMatchLength(query) ?? REGEX_REACH, context: contextOf(query) });
  }

  get size(): number {
    return this.journal.size;
  }

  findAll(query: SearchQuery, options: FindAllOptions = {}): SearchTask<FindAllResult> {
    const scan = this.dense(query);
    if (scan) return scan.findAll(options);
    const zones = this.zones(query);
    const inZone = startsIn(zones);
    const windowMatches = this.searchWindows(query, zones);
    const cap = options.maxResults ?? Infinity;
    const collected: SearchMatch[] = [];
    let count = 0;
    let truncated = false;
    let w = 0;
    // Emits matches in document order, merging the windows' into the engine's stream.
    const emit = (batch: SearchMatch[]) => {
      const offsets: number[] = [];
      const lengths: number[] = [];
      for (const m of batch) {
        if (count >= cap) {
          truncated = true;
          break;
        }
        count++;
        offsets.push(m.offset);
        lengths.push(m.length);
      }
      if (offsets.length === 0) return;
      if (options.onMatches) options.onMatches(Float64Array.from(offsets), Float64Array.from(lengths));
      else if (options.collect !== false) offsets.forEach((o, i) => collected.push({ offset: o, length: lengths[i] }));
    };
    let lastEnd = 0;
    const merge = (upTo: number, engine: SearchMatch[]) => {
      const out: SearchMatch[] = [];
      let e = 0;
      while (w < windowMatches.length || e < engine.length) {
        const fromWindow = w < windowMatches.length && windowMatches[w].offset < upTo &&
          (e >= engine.length || windowMatches[w].offset <= engine[e].offset);
        const m = fromWindow ? windowMatches[w++] : e < engine.length ? engine[e++] : undefined;
        if (!m) break;
        // Leftmost first: a match overlapping the previous one is dropped.
        if (m.offset < lastEnd) continue;
        out.push(m);
        lastEnd = m.offset + m.length;
      }
      emit(out);
    };

    const task = this.base.findAll(query, {
      threads: options.threads,
      onProgress: options.onProgress,
      onMatches: (baseOffsets, lengths) => {
        const mapped = this.journal.mapBaseRanges(baseOffsets, lengths);
        const engine: SearchMatch[] = [];
        for (let i = 0; i < mapped.length; i++) {
          // Near an edit the windows decide: the neighbours changed (^, $, \b, whole word), and
          // a base match overlapping the edit may have hidden the ones after it.
          if (mapped[i] >= 0 && !inZone(mapped[i])) engine.push({ offset: mapped[i], length: lengths[i] });
        }
        const upTo = engine.length ? engine[engine.length - 1].offset : 0;
        merge(upTo, engine);
        if (count >= cap) task.cancel();
      },
    });
    const done = task.done.then((r) => {
      merge(Infinity, []);
      return {
        count,
        truncated: truncated || (r.cancelled && count >= cap),
        cancelled: r.cancelled && count < cap,
        ...(options.onMatches || options.collect === false ? {} : { matches: collected }),
      };
    });
    return { done, cancel: () => task.cancel() };
  }

  findNext(query: SearchQuery, options: FindOneOptions): SearchTask<SearchMatch | null> {
    return this.dense(query)?.findNext(options) ?? this.findOne(query, options, 'next');
  }

  findPrevious(query: SearchQuery, options: FindOneOptions): SearchTask<SearchMatch | null> {
    return this.dense(query)?.findPrevious(options) ?? this.findOne(query, options, 'previous');
  }

  /** Next/previous through a full find-all: edited documents are the rare case, and stay correct. */
  private findOne(query: SearchQuery, options: FindOneOptions, direction: 'next' | 'previous'): SearchTask<SearchMatch | null> {
    const all = this.findAll(query, { onProgress: options.onProgress });
    const done = all.done.then((r) => {
      const matches = r.matches ?? [];
      if (matches.length === 0) return null;
      if (direction === 'next') {
        const m = matches.find((x) => x.offset >= options.from);
        return m ?? (options.wrap ? matches[0] : null);
      }
      const before = matches.filter((x) => x.offset < options.from);
      return before.length ? before[before.length - 1] : options.wrap ? matches[matches.length - 1] : null;
    });
    return { done, cancel: () => all.cancel() };
  }

  /**
   * The document ranges the windows search: every edit, widened by a match length and context on
   * the left, and on the right by enough for leftmost-first matching to fall back in step with the
   * engine's matches in the unchanged bytes (two match lengths; a chain of overlapping candidates
   * longer than that, like a long run of one letter, may differ — a documented limit).
   */
  private zones(query: SearchQuery): Range[] {
    const context = contextOf(query);
    const length = maxMatchLength(query) ?? REGEX_REACH;
    const left = length - 1 + context;
    const right = 3 * length + context;
    const size = this.journal.size;
    const out: Range[] = [];
    for (const d of this.dirtyRanges()) {
      const start = Math.max(0, d.start - left);
      const end = Math.min(size, d.end + right);
      const last = out[out.length - 1];
      if (last && start <= last.end) last.end = Math.max(last.end, end);
      else out.push({ start, end });
    }
    return out;
  }

  /** Matches starting in the zones, found in the current content, in order. */
  private searchWindows(query: SearchQuery, zones: readonly Range[]): WindowMatch[] {
    let matcher: (bytes: Uint8Array) => WindowMatch[];
    try {
      matcher = windowMatcher(query);
    } catch (e) {
      throw toEngineError(e);
    }
    const context = contextOf(query);
    const size = this.journal.size;
    const out: WindowMatch[] = [];
    for (const zone of zones) {
      // Context either side, so ^, $, \b and whole word see the real neighbours; a match starting
      // in the zone may end past it.
      const from = Math.max(0, zone.start - context);
      const to = Math.min(size, zone.end + (maxMatchLength(query) ?? REGEX_REACH) + context);
      const bytes = this.journal.read(from, to - from);
      for (const m of matcher(bytes)) {
        const offset = from + m.offset;
        if (offset >= zone.start && offset < zone.end) out.push({ offset, length: m.length });
      }
    }
    return out;
  }

  /** Document ranges not backed by unchanged base bytes; a deletion is an empty range at its place. */
  private dirtyRanges(): Range[] {
    const out: Range[] = [];
    let pos = 0;
    let baseNext = 0;
    for (const seg of this.journal.baseSegments()) {
      if (seg.offset > pos || seg.baseOffset !== baseNext) out.push({ start: pos, end: seg.offset });
      pos = seg.offset + seg.length;
      baseNext = seg.baseOffset + seg.length;
    }
    if (pos < this.journal.size || baseNext !== this.base.size) out.push({ start: pos, end: this.journal.size });
    return out;
  }
}
