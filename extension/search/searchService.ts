// Runs the find widget's searches for one editor: one search at a time (a new one cancels the
// old), progress and counts streamed to the webview, find-all results kept compactly on the host
// and served to the results panel a window at a time.
import type { FindAllOptions, FindAllResult, FindOneOptions, SearchMatch, SearchQuery, SearchTask } from '../engine';
import { toEngineError } from '../engine';
import { logError } from '../log';
import type { ByteReader } from '../reader';
import { MAX_VISIBLE_MATCHES, type FindOutcome, type FindResultItem, type HostMessage, type WebviewMessage } from '../../shared/protocol';
import { toSearchQuery } from './findQuery';
import { CappedResults, FindResults, StoredResults } from './findResults';
import { RescannedResults } from './rescannedResults';
import { l10n } from '../../shared/l10nText';

/** What search needs from a document: the engine's operations over its current content. */
export interface Searchable {
  readonly size: number;
  /**
   * True when findAll honours `start`, so that a search from a match's offset finds the same
   * matches as the whole search did from there (results can then be found again on demand).
   */
  readonly rangedFindAll?: boolean;
  findAll(query: SearchQuery, options?: FindAllOptions): SearchTask<FindAllResult>;
  findNext(query: SearchQuery, options: FindOneOptions): SearchTask<SearchMatch | null>;
  findPrevious(query: SearchQuery, options: FindOneOptions): SearchTask<SearchMatch | null>;
}

export interface SearchContext extends Pick<ByteReader, 'read'> {
  /** The document's file, for the log. */
  readonly uri?: { readonly fsPath: string };
  /** The search over the current content (an unlimited find-all's rows are found again there). */
  searchable(): Searchable | undefined;
  lineOfOffset(offset: number): number | undefined;
  /** Find-all's matches per FIND_DENSITY_BUCKETS bucket of the file, counted in its own pass (the overview ruler); undefined when a new search starts. */
  onFindDensity?(counts: Uint32Array | undefined): void;
  /** A find-all the user started runs until `done` settles (background work gives way). */
  onScan?(done: Promise<unknown>): void;
}

/** Buckets of the file find-all counts its matches in, for the overview ruler. */
export const FIND_DENSITY_BUCKETS = 4096;

/** A search as the find widget asks for it (the protocol's 'find' message). */
export type FindRequest = Omit<Extract<WebviewMessage, { type: 'find' }>, 'type'>;

const PROGRESS_INTERVAL_MS = 100;
const SNIPPET_BEFORE = 24;
const SNIPPET_AFTER = 60;
const SNIPPET_MATCH = 80;

type Slot = 'all' | 'one' | 'visible';

/** The rows shown are searched with this much around them, so a match that starts above the screen and ends on it is found. */
const VISIBLE_MARGIN = 4096;

export class SearchService {
  /** One find-all and one find-next/previous may run at once: stepping must not stop the count. */
  private readonly running = new Map<Slot, { searchId: number; task: SearchTask<unknown> }>();
  private results: { searchId: number; key: string; store: FindResults; listed: () => number; encoding: string; complete: boolean } | undefined;
  /** Restricts every search to a byte range (a time range's offsets), resolved when a search starts. */
  private searchRange: (() => Promise<{ start: number; end: number } | undefined>) | undefined;

  constructor(private readonly context: SearchContext, private readonly post: (m: HostMessage) => void) {}

  /** Searches from now on run over the range the provider gives (none: the whole content). */
  setSearchRange(provider: (() => Promise<{ start: number; end: number } | undefined>) | undefined): void {
    this.searchRange = provider;
  }

  /** Starts a search; its outcome is posted as 'findDone'. Resolves when it has ended. */
  async find(request: FindRequest): Promise<FindOutcome> {
    const slot: Slot = request.op === 'all' ? 'all' : 'one';
    this.cancelSlot(slot);
    const done = (result: FindOutcome) => {
      this.post({ type: 'findDone', searchId: request.searchId, result });
      return result;
    };
    let range: { start: number; end: number } | undefined;
    try {
      range = await this.searchRange?.();
    } catch (e) {
      const err = toEngineError(e);
      return done({ kind: 'error', code: err.code, message: l10n.t('The time range could not be found: {0}', err.message) });
    }
    const searchable = this.context.searchable();
    if (!searchable) return done({ kind: 'error', code: 'ENOSEARCH', message: l10n.t('Search needs the native engine, which is not in use for this file') });
    const q = toSearchQuery(request.query, request.encoding);
    if (!q.ok) return done({ kind: 'error', code: 'EINVAL', message: q.message });
    const within = range ? { start: range.start, end: range.end } : {};

    let lastProgress = 0;
    // The live count: the find-all's results so far (a find-next has none).
    let counted = (): number => 0;
    const onProgress = (scanned: number, total: number) => {
      const now = Date.now();
      if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      this.post({ type: 'findProgress', searchId: request.searchId, scanned, total, count: counted() });
    };
    try {
      if (request.op === 'all') {
        // The count is of every match; the cap (largeFile.maxFindResults) limits only what the
        // results panel lists. With a ranged engine nothing per result is kept anyway
        // (checkpoints, found again on demand); otherwise the first `cap` results are kept.
        const cap = request.maxResults > 0 ? request.maxResults : Infinity;
        const store: FindResults = searchable.rangedFindAll
          ? new RescannedResults(() => this.context.searchable() ?? searchable, q.query)
          : new CappedResults(new StoredResults(), cap);
        counted = () => (store instanceof CappedResults ? store.counted : store.size);
        const listed = () => Math.min(store.size, cap);
        const results = { searchId: request.searchId, key: queryKey(request), store, listed, encoding: request.encoding, complete: false };
        this.results = results;
        this.context.onFindDensity?.(undefined);
        const onFindDensity = this.context.onFindDensity?.bind(this.context);
        const task = searchable.findAll(q.query, {
          ...within,
          onProgress,
          onMatches: (offsets, lengths) => store.add(offsets, lengths),
          ...(onFindDensity ? { density: { buckets: FIND_DENSITY_BUCKETS, onDensity: onFindDensity } } : {}),
          ...(store instanceof RescannedResults ? { checkpoints: store.engineCheckpoints() } : {}),
        });
        this.running.set(slot, { searchId: request.searchId, task });
        this.context.onScan?.(task.done);
        const r = await task.done;
        results.complete = !r.cancelled;
        // Where the cursor sits among the results: a nicety that must not fail the count.
        const first = await store.locate(request.from).catch((e: unknown) => {
          logError(`Finding where the cursor sits among the results in ${where(this.context)}`, e);
          return { index: 0 };
        });
        const count = counted();
        return done({
          kind: 'all',
          count,
          truncated: count > listed(),
          listed: listed(),
          cancelled: r.cancelled,
          indexAtFrom: first.index,
        });
      }
      const from = range ? Math.max(range.start, Math.min(request.from, range.end)) : Math.min(request.from, searchable.size);
      const options: FindOneOptions = { from, wrap: true, ...within, onProgress };
      const task = request.op === 'next' ? searchable.findNext(q.query, options) : searchable.findPrevious(q.query, options);
      this.running.set(slot, { searchId: request.searchId, task });
      const match = await task.done;
      if (!match) return done({ kind: 'noMatch' });
      const wrapped = request.op === 'next' ? match.offset < options.from : match.offset >= options.from;
      return done({ kind: 'match', offset: match.offset, length: match.length, wrapped, index: await this.indexOf(request, match.offset) });
    } catch (e) {
      const err = toEngineError(e);
      return done({ kind: 'error', code: err.code, message: err.message });
    } finally {
      if (this.running.get(slot)?.searchId === request.searchId) this.running.delete(slot);
    }
  }

  /**
   * Every match in the rows on screen, for the views' highlights: a ranged find-all over a screen
   * (a few KiB, under a millisecond), never a list of the file's matches. A newer request
   * cancels the one still running; a failed one highlights nothing (the widget's own search
   * reports the error).
   */
  async findVisible(request: Omit<Extract<WebviewMessage, { type: 'findVisible' }>, 'type'>): Promise<void> {
    this.cancelSlot('visible');
    const searchable = this.context.searchable();
    const q = toSearchQuery(request.query, request.encoding);
    const offsets: number[] = [];
    const lengths: number[] = [];
    const answer = () => this.post({ type: 'visibleMatches', requestId: request.requestId, offsets, lengths });
    if (!searchable || !q.ok || request.end <= request.start) return answer();
    const start = Math.max(0, request.start - VISIBLE_MARGIN);
    const end = Math.min(searchable.size, request.end + VISIBLE_MARGIN);
    let task: SearchTask<FindAllResult> | undefined;
    try {
      task = searchable.findAll(q.query, {
        start,
        end,
        threads: 1,
        segment: Math.max(1 << 16, end - start),
        onMatches: (o, l) => {
          for (let i = 0; i < o.length; i++) {
            // Only those on screen: a match ending above it or starting below it is not drawn.
            if (o[i] + l[i] <= request.start || o[i] >= request.end || offsets.length >= MAX_VISIBLE_MATCHES) continue;
            offsets.push(o[i]);
            lengths.push(l[i]);
          }
        },
      });
      this.running.set('visible', { searchId: request.requestId, task });
      if ((await task.done).cancelled) return;
    } catch (e) {
      // The widget's own search reports a bad pattern; anything else is logged, and nothing is highlighted.
      if (toEngineError(e).code !== 'EINVAL') logError(`Finding the matches on screen in ${where(this.context)}`, e);
      offsets.length = 0;
      lengths.length = 0;
    } finally {
      if (task && this.running.get('visible')?.task === task) this.running.delete('visible');
    }
    answer();
  }

  cancel(searchId: number): void {
    for (const slot of ['all', 'one'] as const) if (this.running.get(slot)?.searchId === searchId) this.cancelSlot(slot);
  }

  /** Where `offset` sits among the results of the same query's find-all, if they reach it. */
  private async indexOf(request: FindRequest, offset: number): Promise<number | undefined> {
    const r = this.results;
    if (!r || r.key !== queryKey(request)) return undefined;
    try {
      const found = await r.store.locate(offset);
      return found.offset === offset ? found.index : undefined;
    } catch (e) {
      // The count is a nicety: the match itself stands.
      logError(`Finding the index of the match at ${offset} among the results in ${where(this.context)}`, e);
      return undefined;
    }
  }

  /** Posts rows [start, start + count) of the last find-all's results, with line and context. */
  async sendResults(searchId: number, start: number, count: number): Promise<void> {
    if (!this.results || this.results.searchId !== searchId) return;
    const { store, encoding, listed } = this.results;
    let found: SearchMatch[];
    try {
      found = await store.slice(start, Math.max(0, Math.min(count, listed() - start)));
    } catch (e) {
      // The file went away or changed under the search: the rows stay unknown.
      logError(`Listing results ${start}–${start + count} in ${where(this.context)}`, e);
      return;
    }
    // A newer find-all replaced these results meanwhile: the panel has moved on.
    if (this.results?.searchId !== searchId) return;
    const items: FindResultItem[] = found.map((r) => describeMatch(this.context, r.offset, r.length, encoding));
    this.post({ type: 'findResults', searchId, start, items });
  }

  dispose(): void {
    this.cancelSlot('all');
    this.cancelSlot('one');
    this.cancelSlot('visible');
    this.results = undefined;
  }

  private cancelSlot(slot: Slot): void {
    this.running.get(slot)?.task.cancel();
    this.running.delete(slot);
  }
}

/** A results row: the match's line and a one-line snippet around it. */
export function describeMatch(context: SearchContext, offset: number, length: number, encoding: string): FindResultItem {
  const line = context.lineOfOffset(offset);
  let before = '';
  let match = '';
  let after = '';
  try {
    const from = Math.max(0, offset - SNIPPET_BEFORE);
    const shown = Math.min(length, SNIPPET_MATCH);
    const bytes = context.read(from, offset - from + shown + SNIPPET_AFTER);
    const decode = (b: Uint8Array) => printable(safeDecode(b, encoding));
    before = decode(bytes.subarray(0, offset - from));
    // Context stops at line breaks, as in VS Code's search results.
    const lineStart = before.lastIndexOf('\u240a');
    before = lineStart >= 0 ? before.slice(lineStart + 1) : from > 0 ? `…${before}` : before;
    match = decode(bytes.subarray(offset - from, offset - from + shown)) + (length > shown ? '…' : '');
    after = decode(bytes.subarray(offset - from + shown));
    const nl = after.indexOf('\u240a');
    if (nl >= 0) after = after.slice(0, nl);
  } catch (e) {
    // The file changed under us: the row still shows its offset.
    logError(`Reading the context of the result at ${offset} in ${where(context)}`, e);
  }
  return { offset, length, line: line === undefined ? 0 : line + 1, before, match, after };
}

function where(context: SearchContext): string {
  return context.uri?.fsPath ?? 'the document';
}

function safeDecode(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    // An encoding the webview's decoder knows and Node's does not (expected; the view decodes it
    // itself): the snippet falls back to UTF-8, which is only a preview.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Control characters as their visible symbols, so a snippet is always one readable line. */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0))));
}

/** Identifies a query, so a match can be placed among the results of the same search. */
function queryKey(r: FindRequest): string {
  return JSON.stringify([r.query.pattern, r.query.mode, r.query.matchCase, r.query.wholeWord, r.encoding]);
}
