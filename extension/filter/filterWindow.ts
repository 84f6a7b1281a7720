// A filter kept to a byte window of the file: the lines of a time range (`time >= 12:00 and time <
// 12:30` in the expression, or the timeline's dragged range), resolved to the byte offsets of the
// first line at or after each end by go-to-time (extension/time/timeRange.ts). The engine's filter
// runs over the whole file as before (a scan at rg's speed); this view of it shows, counts,
// navigates and exports only its rows whose line starts in [start, end). Rows are sorted by
// offset, so each edge is a binary search over one-row pages (about 25 reads of a row of a
// million-line result): nothing per line on the host. Context rows keep to the window too.
import type { EngineFilter, FilterOutcome, FilterRowOptions, FilterRows, FilterRunOptions, FilterStatus } from '../engine';

export interface ByteWindow {
  readonly start: number;
  readonly end: number;
}

/** The first row (of `rowCount`, with `context`) whose line starts at or after `offset`. */
function firstRowAtOrAfter(filter: EngineFilter, offset: number, rowCount: number, context: { before: number; after: number }): number {
  let lo = 0;
  let hi = rowCount;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const at = filter.rows(mid, 1, { ...context, maxBytes: 0, maxSpans: 0 }).offsets[0];
    if (at < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `filter` seen through `window`; `size` is the subject's (for the density buckets). */
export function windowFilter(filter: EngineFilter, window: ByteWindow, size: number): EngineFilter {
  const rowsOf = (before = 0, after = 0): { first: number; end: number } => {
    const context = { before, after };
    const total = filter.rowCount(before, after);
    const first = firstRowAtOrAfter(filter, window.start, total, context);
    const end = window.end >= size ? total : firstRowAtOrAfter(filter, window.end, total, context);
    return { first, end: Math.max(first, end) };
  };
  const count = (): number => {
    const r = rowsOf();
    return r.end - r.first;
  };
  const windowed: EngineFilter = {
    done: filter.done.then((o: FilterOutcome): FilterOutcome => ({ ...o, count: o.cancelled ? o.count : count() })),
    cancel: () => filter.cancel(),
    release: () => filter.release(),
    status: (): FilterStatus => ({ ...filter.status(), count: count() }),
    rowCount: (before = 0, after = 0) => {
      const r = rowsOf(before, after);
      return r.end - r.first;
    },
    rows: (start: number, n: number, options: FilterRowOptions = {}): FilterRows => {
      const r = rowsOf(options.before ?? 0, options.after ?? 0);
      const from = Math.min(r.end, r.first + start);
      return filter.rows(from, Math.max(0, Math.min(n, r.end - from)), options);
    },
    nearest: (offset: number) => {
      const r = rowsOf();
      if (r.end === r.first) return undefined;
      const hit = filter.nearest(Math.min(Math.max(offset, window.start), Math.max(window.start, window.end - 1)));
      if (!hit) return undefined;
      const index = Math.min(r.end - 1, Math.max(r.first, hit.index));
      if (index === hit.index) return { ...hit, index: index - r.first };
      const line = filter.lineNumbers(index, 1)[0];
      return { index: index - r.first, line, exact: false };
    },
    density: () => {
      const d = filter.density();
      const out = new Uint32Array(d.length);
      for (let i = 0; i < d.length; i++) {
        const from = (i * size) / d.length;
        const to = ((i + 1) * size) / d.length;
        if (to > window.start && from < window.end) out[i] = d[i];
      }
      return out;
    },
    lineNumbers: (start: number, n: number) => {
      const r = rowsOf();
      const from = Math.min(r.end, r.first + start);
      return filter.lineNumbers(from, Math.max(0, Math.min(n, r.end - from)));
    },
    memoryBytes: () => filter.memoryBytes(),
    refine: (program, options?: FilterRunOptions) => {
      // The refine's progress counts its windowed lines, known once the refine exists.
      const made: { refined?: EngineFilter } = {};
      const onProgress = options?.onProgress;
      const inner = filter.refine(program, {
        ...options,
        onProgress: onProgress && ((scanned, total) => onProgress(scanned, total, made.refined ? safeCount(made.refined) : 0)),
      });
      made.refined = windowFilter(inner, window, size);
      return made.refined;
    },
    exportLines: (path, options = {}) => {
      const before = options.before ?? 0;
      const after = options.after ?? 0;
      const r = rowsOf(before, after);
      if (r.end === r.first) return filter.exportLines(path, { ...options, firstLine: 0, endLine: 0 });
      const lines = filter.rows(r.first, 1, { before, after, maxBytes: 0, maxSpans: 0 }).lines[0];
      const last = filter.rows(r.end - 1, 1, { before, after, maxBytes: 0, maxSpans: 0 }).lines[0];
      return filter.exportLines(path, { ...options, firstLine: lines, endLine: last + 1 });
    },
  };
  return windowed;
}

/** The count of a windowed filter while it runs (0 when its rows cannot be read yet). */
export function safeCount(filter: EngineFilter): number {
  try {
    return filter.rowCount(0, 0);
  } catch {
    // Released or not started: nothing counted yet
    return 0;
  }
}
