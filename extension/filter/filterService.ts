// The filtered view of one editor, on the host: the chain of filters (a filter, then refines of
// it, each over the lines of the one before — klogg #409 — popped like breadcrumbs), streamed as
// the engine finds lines (count and progress, the first page of rows as soon as there is one),
// pages of rows for the pane's virtualized list (decoded, with their match spans), the hit nearest
// to where the main view is, export to a file, filters per bucket of the file for the overview
// ruler, and the history of filters run.
//
// The lines are the engine's (native/src/filter/): about a bit per line of the file at most, and
// nothing per line on the extension host's heap. The chain runs over the document as it is,
// unsaved edits included; when the content changes (an edit, a save) it runs again.
// No VS Code here: dialogs, progress and opening files come through FilterServiceContext.
// A time range (`time >= 12:00 and time < 12:30`, or the timeline's dragged range) keeps the
// chain to the lines of that stretch of the file (filterWindow.ts); the host resolves it.
import { type EngineFilter, type EngineFilterable, type FilterProgram, toEngineError } from '../engine';
import type { FilterContext, FilterHostMessage, FilterLink, FilterOutcome, FilterServiceMessage, FilterSpec } from '../../shared/filterProtocol';
import { unhandledMessage } from '../../shared/protocol';
import { filterFromLists, type FilterAst, type FilterTimeTerm, formatFilter, parseFilter } from './filterExpression';
import { type CompiledFilter, compileTimedFilter, termErrorRange } from './filterProgram';
import { safeCount, windowFilter } from './filterWindow';
import type { FilterHistory } from './filterHistory';
import { toFilterRows } from './filterRows';

export interface FilterServiceContext {
  /** The engine's filter over the document's current content (undefined without the native engine). */
  filterable(): EngineFilterable | undefined;
  /** Where to export to (undefined: the user cancelled). */
  exportTarget(): Promise<string | undefined>;
  /** Runs an export with a progress report the user can cancel. */
  withExportProgress<T>(task: (report: (lines: number, total: number) => void, signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Opens an exported file in the editor. */
  openExported(path: string): Promise<void>;
  readonly history?: FilterHistory;
  /** The filter's hits per bucket changed (overview ruler). */
  onDensity?(density: Uint32Array | undefined): void;
  /** A filter or refine the user started runs until `done` settles (background work gives way). */
  onScan?(done: Promise<unknown>): void;
}

/**
 * The bytes the filter keeps to: the expression's time terms with the editor's time range, as
 * the host resolves them (undefined: the whole file; error: a term that is not a time, by index).
 */
export type FilterTimeWindow = (times: readonly FilterTimeTerm[]) => Promise<{ start: number; end: number; size: number } | { error: string; term?: number } | undefined> | undefined;

/** Buckets of the file the engine counts hits in (the ruler's rows are made from them). */
export const FILTER_DENSITY_BUCKETS = 4096;
/** Rows sent unasked as soon as the filter has them. */
const FIRST_PAGE = 100;
const PROGRESS_INTERVAL_MS = 100;
/** An edit runs the chain again once the content has been still this long. */
const RERUN_DELAY_MS = 500;
const ROW_BYTES = 2048;

interface Link {
  readonly filterId: number;
  readonly spec: FilterSpec;
  readonly encoding: string;
  readonly label: string;
  readonly compiled: CompiledFilter;
  filter: EngineFilter;
  count: number;
  complete: boolean;
  /** Progress of its run, as the engine reports it. */
  filterProgress?: (scanned: number, total: number, count: number) => void;
}

export class FilterService {
  private chain: Link[] = [];
  private readonly exports = new Map<number, AbortController>();
  private rerunTimer: ReturnType<typeof setTimeout> | undefined;
  /** The context the pane last asked rows with (the first page uses it). */
  private viewContext: FilterContext = { before: 0, after: 0 };
  private disposed = false;
  private timeWindow: FilterTimeWindow | undefined;
  /** The engine's filters kept to a time range, and the view of each that keeps to it. */
  private readonly windows = new WeakMap<EngineFilter, EngineFilter>();

  constructor(private readonly context: FilterServiceContext, private readonly post: (m: FilterHostMessage) => void) {}

  /** Handles one of the pane's messages (other kinds are not this service's). */
  handle(m: FilterServiceMessage): void {
    switch (m.type) {
      case 'filter':
        void this.start(m.filterId, m.spec, m.refine, m.encoding);
        break;
      case 'cancelFilter':
        this.chain.find((l) => l.filterId === m.filterId)?.filter.cancel();
        break;
      case 'filterRows':
        this.sendRows(m.filterId, m.start, m.count, m.context, m.encoding);
        break;
      case 'popFilter':
        this.pop(m.clear);
        break;
      case 'filterNearest':
        this.sendNearest(m.filterId, m.offset, m.context);
        break;
      case 'exportFilter':
        void this.exportLines(m.filterId, m.exportId, m.context, m.separators);
        break;
      case 'cancelExport':
        this.exports.get(m.exportId)?.abort();
        break;
      default:
        unhandledMessage(m);
    }
  }

  /** How the time terms and the editor's time range become bytes (the editor's SessionTime). */
  setTimeWindow(resolve: FilterTimeWindow | undefined): void {
    this.timeWindow = resolve;
  }

  /** The editor's time range changed: the chain runs again within the new one. */
  timeRangeChanged(): void {
    this.contentChanged();
  }

  /** The chain's links, root first. */
  links(): FilterLink[] {
    return this.chain.map((l) => ({ filterId: l.filterId, label: l.label, count: l.count, complete: l.complete }));
  }

  /** The last filter of the chain (what the pane shows). */
  current(): EngineFilter | undefined {
    return this.chain[this.chain.length - 1]?.filter;
  }

  /** Starts a filter (a new chain), or refines the last one. Resolves when it has run. */
  async start(filterId: number, spec: FilterSpec, refine: boolean, encoding: string): Promise<FilterOutcome> {
    const done = (outcome: FilterOutcome): FilterOutcome => {
      this.post({ type: 'filterDone', filterId, outcome });
      return outcome;
    };
    const parsed = this.parse(spec);
    if (!parsed.ok) return done({ kind: 'invalid', ...parsed.error });
    const compiled = compileTimedFilter(parsed.ast, spec, encoding);
    if (!compiled.ok) return done({ kind: 'invalid', ...compiled.error });
    const split = compiled;
    const parent = refine ? this.chain[this.chain.length - 1] : undefined;
    if (refine && !parent?.complete) return done({ kind: 'error', code: 'EINVAL', message: 'Refine a filter once it has run to its end' });
    // The root keeps to the editor's range too; a refine is within its parent's already.
    // Nothing to resolve (no terms, no range): no await, the chain changes at once as before.
    const pending = split.times.length > 0 || !refine ? this.timeWindow?.(split.times) : undefined;
    const window = pending ? await pending : undefined;
    if (window && 'error' in window) {
      const at = window.term === undefined ? undefined : split.times[window.term];
      return done(at ? { kind: 'invalid', message: window.error, start: at.start, end: at.end } : { kind: 'error', code: 'ENOTIMESTAMPS', message: window.error });
    }
    if (!refine) this.releaseChain();
    let filter: EngineFilter;
    try {
      filter = this.run(compiled.filter.program, parent?.filter);
      if (window) filter = this.windowed(filter, window);
    } catch (e) {
      return done(this.failure(e, compiled.filter));
    }
    const link: Link = { filterId, spec, encoding, label: formatFilter(parsed.ast), compiled: compiled.filter, filter, count: 0, complete: false };
    this.chain.push(link);
    this.postChain();
    if (!refine && spec.lists === undefined) void this.context.history?.add(spec.expression);
    return this.follow(link, done);
  }

  /** Runs a link's filter to its end: progress, the first page, the outcome. */
  private async follow(link: Link, done: (o: FilterOutcome) => FilterOutcome): Promise<FilterOutcome> {
    let firstPage = false;
    const sendFirstPage = () => {
      if (firstPage || this.current() !== link.filter) return;
      firstPage = true;
      this.sendRows(link.filterId, 0, FIRST_PAGE, this.viewContext, link.encoding);
    };
    let last = 0;
    link.filterProgress = (scanned: number, total: number, count: number) => {
      link.count = count;
      if (count >= FIRST_PAGE) sendFirstPage();
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS && count < FIRST_PAGE) return;
      last = now;
      this.post({ type: 'filterProgress', filterId: link.filterId, scanned, total, count });
      this.context.onDensity?.(this.density());
    };
    try {
      const r = await link.filter.done;
      if (!this.chain.includes(link)) return { kind: 'done', count: r.count, lines: r.lines, cancelled: true };
      link.count = r.count;
      link.complete = !r.cancelled;
      sendFirstPage();
      this.postChain();
      this.context.onDensity?.(this.density());
      return done({ kind: 'done', count: r.count, lines: r.lines, cancelled: r.cancelled });
    } catch (e) {
      return done(this.failure(e, link.compiled));
    }
  }

  private parse(spec: FilterSpec): { ok: true; ast: FilterAst } | { ok: false; error: { message: string; start: number; end: number } } {
    if (spec.lists) {
      const ast = filterFromLists(spec.lists.include, spec.lists.exclude);
      return ast ? { ok: true, ast } : { ok: false, error: { message: 'Add a line to include or to exclude', start: 0, end: 0 } };
    }
    return parseFilter(spec.expression);
  }

  private run(program: FilterProgram, parent: EngineFilter | undefined): EngineFilter {
    const options = {
      densityBuckets: FILTER_DENSITY_BUCKETS,
      onProgress: (scanned: number, total: number, count: number) => {
        // A filter kept to a time range counts its own lines.
        const kept = this.windows.get(filter);
        this.progressOf(kept ?? filter)?.(scanned, total, kept ? safeCount(kept) : count);
      },
    };
    let filter: EngineFilter;
    if (parent) filter = parent.refine(program, options);
    else {
      const target = this.context.filterable();
      if (!target) throw Object.assign(new Error('Filtering needs the native engine, which is not in use for this file'), { code: 'ENOSEARCH' });
      filter = target.filter(program, options);
    }
    this.context.onScan?.(filter.done);
    return filter;
  }

  /** `filter` kept to `window`: its progress counts the lines in the window. */
  private windowed(filter: EngineFilter, window: { start: number; end: number; size: number }): EngineFilter {
    const inner = filter;
    const kept = windowFilter(inner, window, window.size);
    this.windows.set(inner, kept);
    return kept;
  }

  private progressOf(filter: EngineFilter): ((scanned: number, total: number, count: number) => void) | undefined {
    return this.chain.find((l) => l.filter === filter)?.filterProgress;
  }

  /** An engine error as an outcome: a bad regex points at its term. */
  private failure(e: unknown, compiled: CompiledFilter): FilterOutcome {
    const err = toEngineError(e);
    const term = (e as { term?: unknown })?.term;
    const at = termErrorRange(compiled, typeof term === 'number' ? term : undefined);
    if (at && err.code === 'EBADREGEX') return { kind: 'invalid', message: err.message, ...at };
    return { kind: 'error', code: err.code, message: err.message };
  }

  private sendRows(filterId: number, start: number, count: number, context: FilterContext, encoding: string): void {
    const link = this.chain.find((l) => l.filterId === filterId);
    if (!link) return;
    this.viewContext = context;
    try {
      const rowCount = link.filter.rowCount(context.before, context.after);
      const rows = link.filter.rows(start, Math.max(0, Math.min(count, rowCount - start)), { ...context, maxBytes: ROW_BYTES });
      this.post({ type: 'filterRows', filterId, start, context, rowCount, rows: toFilterRows(rows, start, encoding) });
    } catch {
      // The file went away or changed under the filter: it runs again, the rows stay unknown.
    }
  }

  private sendNearest(filterId: number, offset: number, context: FilterContext): void {
    const link = this.chain.find((l) => l.filterId === filterId);
    if (!link) return;
    try {
      const hit = link.filter.nearest(offset);
      if (!hit) return;
      // The hit's row in the view with context: the rows before its line, counted by a one-row page.
      const rowIndex = context.before > 0 || context.after > 0 ? this.rowOfLine(link.filter, hit.line, context) : hit.index;
      this.post({ type: 'filterNearest', filterId, offset, index: hit.index, rowIndex, exact: hit.exact });
    } catch {
      // as above
    }
  }

  /** The row of `line` in the view with context (binary search over its rows). */
  private rowOfLine(filter: EngineFilter, line: number, context: FilterContext): number {
    let lo = 0;
    let hi = filter.rowCount(context.before, context.after);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = filter.rows(mid, 1, { ...context, maxBytes: 0, maxSpans: 0 }).lines[0];
      if (at < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops the last refine, or with `clear` every filter. */
  pop(clear: boolean): void {
    const dropped = clear ? this.chain.splice(0) : this.chain.splice(-1);
    for (const l of dropped) l.filter.release();
    this.postChain();
    this.context.onDensity?.(this.density());
  }

  /** The lines of filter `filterId` as line starts (to bookmark them); a message when there are more than `max`. */
  lineStarts(filterId: number, max: number): Float64Array | string {
    const link = this.chain.find((l) => l.filterId === filterId);
    if (!link || !link.complete) return 'The filter has not run to its end yet';
    if (link.count > max) return `The filter has ${link.count.toLocaleString('en-US')} lines; at most ${max.toLocaleString('en-US')} can be bookmarked`;
    const out = new Float64Array(link.count);
    for (let at = 0; at < link.count; at += 10_000) {
      const page = link.filter.rows(at, Math.min(10_000, link.count - at), { maxBytes: 0, maxSpans: 0 });
      out.set(page.offsets, at);
    }
    return out;
  }

  /** Hits of the shown filter per FILTER_DENSITY_BUCKETS bucket of the file. */
  density(): Uint32Array | undefined {
    try {
      return this.current()?.density();
    } catch {
      // The document closed or the shown filter was cancelled: the ruler shows no filter marks.
      return undefined;
    }
  }

  async exportLines(filterId: number, exportId: number, context: FilterContext, separators: boolean): Promise<void> {
    const link = this.chain.find((l) => l.filterId === filterId);
    const finish = (r: { path?: string; lines?: number; bytes?: number; cancelled?: boolean; error?: string }) =>
      this.post({ type: 'filterExportDone', exportId, lines: r.lines ?? 0, bytes: r.bytes ?? 0, cancelled: r.cancelled ?? false, ...(r.path ? { path: r.path } : {}), ...(r.error ? { error: r.error } : {}) });
    if (!link?.complete) return finish({ error: 'Export a filter once it has run to its end' });
    const path = await this.context.exportTarget();
    if (!path) return finish({ cancelled: true });
    const abort = new AbortController();
    this.exports.set(exportId, abort);
    try {
      const r = await this.context.withExportProgress(async (report, signal) => {
        signal.addEventListener('abort', () => abort.abort());
        const task = link.filter.exportLines(path, {
          ...context,
          separators,
          onProgress: (lines, total) => {
            report(lines, total);
            this.post({ type: 'filterExportProgress', exportId, lines, total });
          },
        });
        abort.signal.addEventListener('abort', () => task.cancel());
        return task.done;
      });
      finish({ path, lines: r.lines, bytes: r.bytes, cancelled: r.cancelled });
      if (!r.cancelled) await this.context.openExported(path);
    } catch (e) {
      finish({ path, error: toEngineError(e).message });
    } finally {
      this.exports.delete(exportId);
    }
  }

  /** The document's content changed: the chain is stale and runs again once edits pause. */
  contentChanged(): void {
    if (this.chain.length === 0 || this.disposed) return;
    this.post({ type: 'filterStale', filterId: this.chain[this.chain.length - 1].filterId });
    if (this.rerunTimer) clearTimeout(this.rerunTimer);
    this.rerunTimer = setTimeout(() => void this.rerun(), RERUN_DELAY_MS);
  }

  /** Runs the whole chain again over the current content, keeping its filter ids. */
  private async rerun(): Promise<void> {
    this.rerunTimer = undefined;
    const links = this.chain;
    this.chain = [];
    for (const l of links) l.filter.release();
    for (const [i, l] of links.entries()) {
      const outcome = await this.start(l.filterId, l.spec, i > 0, l.encoding);
      if (outcome.kind !== 'done' || outcome.cancelled || this.disposed) return;
    }
  }

  private postChain(): void {
    this.post({ type: 'filterChain', chain: this.links() });
  }

  private releaseChain(): void {
    for (const l of this.chain) l.filter.release();
    this.chain = [];
  }

  dispose(): void {
    this.disposed = true;
    if (this.rerunTimer) clearTimeout(this.rerunTimer);
    for (const a of this.exports.values()) a.abort();
    this.releaseChain();
  }
}
