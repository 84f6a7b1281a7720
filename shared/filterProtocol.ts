// The messages of the filtered view, bookmarks and the overview ruler, between the extension host
// and the webview (part of shared/protocol.ts's HostMessage and WebviewMessage; checked here).
// The host runs everything (extension/filter/filterService.ts, extension/bookmarks/,
// extension/overview/); the webview shows rows, marks and densities and sends what the user does.
import { type MessageOf, fieldsOf, isEncoding, isIndex, isOneOf, isText, textList, validate, validators } from './validation';

/** A filter as the pane asks for it: an expression, or include / exclude lists. */
export interface FilterSpec {
  /** The expression language (extension/filter/filterExpression.ts); ignored when `lists` is given. */
  readonly expression: string;
  /** The pane's include and exclude lists: (i1 or i2 …) and not (e1 or e2 …), each entry a literal or /regex/. */
  readonly lists?: { readonly include: readonly string[]; readonly exclude: readonly string[] };
  readonly matchCase: boolean;
  readonly wholeWord: boolean;
}

/** Context lines around each matching line (grep -B / -A), a property of the view. */
export interface FilterContext {
  readonly before: number;
  readonly after: number;
}

/** One row of the filtered view. */
export interface FilterRow {
  /** Row index in the view (with context: context rows count). */
  readonly index: number;
  /** 1-based line number. */
  readonly line: number;
  readonly offset: number;
  /** The line's length in bytes without its `\n` (the bytes shown, when truncated). */
  readonly length: number;
  /** The line's text, decoded in the request's encoding (control characters as visible symbols). */
  readonly text: string;
  /** What to highlight: [start, end) in `text` (UTF-16 indexes), from the filter's positive terms. */
  readonly spans: readonly (readonly [number, number])[];
  /** false: a context line. */
  readonly match: boolean;
  /** The row before is not the line before (a gap between context groups). */
  readonly gapBefore: boolean;
  /** The line is longer than what `text` shows. */
  readonly truncated: boolean;
}

/** One link of the refine chain, for breadcrumbs. */
export interface FilterLink {
  readonly filterId: number;
  readonly label: string;
  readonly count: number;
  readonly complete: boolean;
}

export type FilterOutcome =
  | { readonly kind: 'done'; readonly count: number; readonly lines: number; readonly cancelled: boolean }
  /** A bad expression: what and where ([start, end) of the text, UTF-16 indexes). */
  | { readonly kind: 'invalid'; readonly message: string; readonly start: number; readonly end: number }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

export interface SavedFilter {
  readonly name: string;
  readonly expression: string;
  readonly matchCase?: boolean;
  readonly wholeWord?: boolean;
}

export interface BookmarkEntry {
  readonly id: number;
  readonly offset: number;
  /** 1-based, 0 while the line index has not got there. */
  readonly line: number;
  readonly label: string;
  readonly preview: string;
}

/** The ruler's lanes: find matches, filter hits, error-level lines; bookmarks are drawn across. */
export type OverviewKind = 'find' | 'filter' | 'errors' | 'bookmarks';

/** A user's highlight rule (`largeFile.highlightRules`), as the webview gets it (checked there: webview/highlight/). */
export interface HighlightRuleSetting {
  readonly pattern: string;
  /** The pattern is a regular expression (otherwise a literal). */
  readonly regex?: boolean;
  readonly matchCase?: boolean;
  /** A theme colour id (`editorError.foreground`) or a hex colour (`#e5a00d`). */
  readonly color: string;
  /** 'match' (default) colours the matched text; 'line' the whole row. */
  readonly scope?: 'match' | 'line';
}

/** Host → webview. */
export type FilterHostMessage =
  | { readonly type: 'filterProgress'; readonly filterId: number; readonly scanned: number; readonly total: number; readonly count: number }
  | { readonly type: 'filterDone'; readonly filterId: number; readonly outcome: FilterOutcome }
  /** Rows [start, start + rows.length) of the view with `context`. The first page comes unasked, as soon as there is one. */
  | { readonly type: 'filterRows'; readonly filterId: number; readonly start: number; readonly context: FilterContext; readonly rowCount: number; readonly rows: readonly FilterRow[] }
  /** The refine chain, root first (empty: no filter). */
  | { readonly type: 'filterChain'; readonly chain: readonly FilterLink[] }
  /** The matching line nearest to the main view's position (rowIndex: in the view with `context`). */
  | { readonly type: 'filterNearest'; readonly filterId: number; readonly offset: number; readonly index: number; readonly rowIndex: number; readonly exact: boolean }
  /** The filter's content changed under it (an edit): it runs again shortly. */
  | { readonly type: 'filterStale'; readonly filterId: number }
  | { readonly type: 'filterExportProgress'; readonly exportId: number; readonly lines: number; readonly total: number }
  | { readonly type: 'filterExportDone'; readonly exportId: number; readonly path?: string; readonly lines: number; readonly bytes: number; readonly cancelled: boolean; readonly error?: string }
  | { readonly type: 'filterPresets'; readonly history: readonly string[]; readonly saved: readonly SavedFilter[] }
  | { readonly type: 'bookmarks'; readonly items: readonly BookmarkEntry[]; readonly total: number }
  /** Where in the file the hits of `kind` are: counts[i] for rows i of `rows` equal parts of the document's `size` bytes. */
  | { readonly type: 'overview'; readonly kind: OverviewKind; readonly size: number; readonly rows: number; readonly counts: Uint32Array }
  /** The Filter command: show the filtered view and put the keyboard in its expression box. */
  | { readonly type: 'openFilter' }
  /** The highlight rules (settings `largeFile.highlightRules`, `largeFile.highlights.enabled`), on request and when they change. */
  | { readonly type: 'highlightRules'; readonly enabled: boolean; readonly rules: readonly HighlightRuleSetting[] };

export const MAX_FILTER_TEXT = 64 * 1024;
export const MAX_FILTER_LIST = 200;
export const MAX_CONTEXT_LINES = 1000;
export const MAX_FILTER_ROWS = 500;
export const MAX_LABEL = 200;
export const MAX_OVERVIEW_ROWS = 8192;

function parseSpec(v: unknown): FilterSpec | undefined {
  const s = fieldsOf(v);
  if (!s || !isText(s.expression, MAX_FILTER_TEXT) || typeof s.matchCase !== 'boolean' || typeof s.wholeWord !== 'boolean') return undefined;
  let lists: FilterSpec['lists'];
  if (s.lists !== undefined) {
    const l = fieldsOf(s.lists);
    const include = l && textList(l.include, MAX_FILTER_LIST, MAX_FILTER_TEXT);
    const exclude = l && textList(l.exclude, MAX_FILTER_LIST, MAX_FILTER_TEXT);
    if (!include || !exclude) return undefined;
    lists = { include, exclude };
  }
  return { expression: s.expression, matchCase: s.matchCase, wholeWord: s.wholeWord, ...(lists ? { lists } : {}) };
}

function parseContext(v: unknown): FilterContext | undefined {
  const c = fieldsOf(v);
  if (!c || !isIndex(c.before) || !isIndex(c.after) || c.before > MAX_CONTEXT_LINES || c.after > MAX_CONTEXT_LINES) return undefined;
  return { before: c.before, after: c.after };
}

/** Webview → host: the filter service's messages (extension/filter/filterService.ts), each type with its check. */
export const FILTER_SERVICE_VALIDATORS = validators({
  /** A new filter (the chain starts over), or with `refine` a filter of the last one's lines. */
  filter: (m) => {
    const spec = parseSpec(m.spec);
    if (!spec || !isIndex(m.filterId) || typeof m.refine !== 'boolean' || !isEncoding(m.encoding)) return undefined;
    return { type: 'filter', filterId: m.filterId, spec, refine: m.refine, encoding: m.encoding };
  },
  cancelFilter: (m) => (isIndex(m.filterId) ? { type: 'cancelFilter', filterId: m.filterId } : undefined),
  filterRows: (m) => {
    const context = parseContext(m.context);
    if (!context || !isIndex(m.filterId) || !isIndex(m.start) || !isIndex(m.count) || m.count > MAX_FILTER_ROWS || !isEncoding(m.encoding)) return undefined;
    return { type: 'filterRows', filterId: m.filterId, start: m.start, count: m.count, context, encoding: m.encoding };
  },
  /** Drops the last refine (`clear`: every filter). */
  popFilter: (m) => (typeof m.clear === 'boolean' ? { type: 'popFilter', clear: m.clear } : undefined),
  filterNearest: (m) => {
    const context = parseContext(m.context);
    if (!context || !isIndex(m.filterId) || !isIndex(m.offset)) return undefined;
    return { type: 'filterNearest', filterId: m.filterId, offset: m.offset, context };
  },
  exportFilter: (m) => {
    const context = parseContext(m.context);
    if (!context || !isIndex(m.filterId) || !isIndex(m.exportId) || typeof m.separators !== 'boolean') return undefined;
    return { type: 'exportFilter', filterId: m.filterId, exportId: m.exportId, context, separators: m.separators };
  },
  cancelExport: (m) => (isIndex(m.exportId) ? { type: 'cancelExport', exportId: m.exportId } : undefined),
});

/** Webview → host: the filter pane's own messages (presets, bookmarks, the overview ruler; extension/filter/filterPane.ts). */
export const FILTER_PANE_VALIDATORS = validators({
  filterPresets: () => ({ type: 'filterPresets' }),
  saveFilter: (m) => {
    const spec = parseSpec(m.spec);
    if (!spec || !isText(m.name, MAX_LABEL) || m.name.trim().length === 0) return undefined;
    return { type: 'saveFilter', name: m.name, spec };
  },
  bookmarkToggle: (m) => {
    if (!isIndex(m.offset)) return undefined;
    if (m.label === undefined) return { type: 'bookmarkToggle', offset: m.offset };
    return isText(m.label, MAX_LABEL) ? { type: 'bookmarkToggle', offset: m.offset, label: m.label } : undefined;
  },
  bookmarkLabel: (m) => (isIndex(m.id) && isText(m.label, MAX_LABEL) ? { type: 'bookmarkLabel', id: m.id, label: m.label } : undefined),
  bookmarkRemove: (m) => (isIndex(m.id) ? { type: 'bookmarkRemove', id: m.id } : undefined),
  bookmarkGo: (m) => {
    if (!isIndex(m.offset) || !isOneOf(m.direction, ['next', 'previous'] as const)) return undefined;
    return { type: 'bookmarkGo', offset: m.offset, direction: m.direction };
  },
  bookmarks: (m) => (isEncoding(m.encoding) ? { type: 'bookmarks', encoding: m.encoding } : undefined),
  bookmarkFilter: (m) => (isIndex(m.filterId) ? { type: 'bookmarkFilter', filterId: m.filterId } : undefined),
  /** The ruler's height in pixel rows: the host answers with 'overview' of every kind, and keeps them up to date. */
  /** Asks for the highlight rules ('highlightRules'), sent again whenever the settings change. */
  highlightRules: () => ({ type: 'highlightRules' }),
  overviewRows: (m) => (isIndex(m.rows) && m.rows >= 1 && m.rows <= MAX_OVERVIEW_ROWS ? { type: 'overviewRows', rows: m.rows } : undefined),
});

export const FILTER_WEBVIEW_VALIDATORS = { ...FILTER_SERVICE_VALIDATORS, ...FILTER_PANE_VALIDATORS };

export type FilterServiceMessage = MessageOf<typeof FILTER_SERVICE_VALIDATORS>;
export type FilterPaneMessage = MessageOf<typeof FILTER_PANE_VALIDATORS>;
/** Webview → host (part of WebviewMessage). */
export type FilterWebviewMessage = FilterServiceMessage | FilterPaneMessage;

/** Checks a filter, bookmark or overview message from the (untrusted) webview; undefined if it is none or malformed. */
export function parseFilterWebviewMessage(m: unknown): FilterWebviewMessage | undefined {
  return validate(FILTER_WEBVIEW_VALIDATORS, m);
}
