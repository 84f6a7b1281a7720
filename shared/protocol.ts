// The one message protocol between the extension host and the webview. Both sides import this
// file, so a change to a message is a compile error on the side that forgot it.
import type { EolKind } from './contentSniff';
import { FILTER_WEBVIEW_VALIDATORS, type FilterHostMessage, type FilterWebviewMessage } from './filterProtocol';
import { type Fields, type MessageOf, fieldsOf, indexList, isEncoding, isIndex, isOneOf, isText, textList, validate, validators } from './validation';
import type { WebviewLocale } from './webviewStrings';

export type OpenMode = 'read' | 'write' | 'copy';

/** Which backend serves the document's bytes. */
export type BackendKind = 'native' | 'js';

/** The views of a document (webview/views/viewTable.ts has one class for each). */
export const VIEW_KINDS = ['hex', 'text'] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

/** How the text view wraps long lines, as VS Code's `editor.wordWrap` ('bounded': at the narrower of the width and the column). */
export type WordWrap = 'off' | 'on' | 'bounded';

export interface DocumentInfo {
  readonly fileName: string;
  readonly size: number;
  readonly mode: OpenMode;
  readonly backend: BackendKind;
  /** The user may write the file (In place is possible). */
  readonly writable: boolean;
}

export interface ViewSettings {
  /** 8, 16, 32, 64, or 0 for "fit to width". */
  readonly bytesPerRow: number;
  readonly defaultView: ViewKind;
  readonly encoding: string;
  /** Find All keeps at most this many results unless asked for all. */
  readonly maxFindResults: number;
  readonly wordWrap: WordWrap;
  /** The column 'bounded' wraps at. */
  readonly wordWrapColumn: number;
  /** Post a 'rendered' message after each draw: only when a test asked for it (the extension's API). */
  readonly reportRendered: boolean;
}

/** The webview caches the file in aligned pages of this size, and asks the host for them. */
export const PAGE_SIZE = 64 * 1024;

/** Host → webview. */
export type HostMessage =
  | {
      readonly type: 'init';
      readonly document: DocumentInfo;
      readonly settings: ViewSettings;
      /** The webview's strings in VS Code's display language, and the locale for numbers. */
      readonly locale: WebviewLocale;
      /** The page at offset 0, sent unasked so the first screen needs no request. */
      readonly firstPage?: { readonly offset: number; readonly data: Uint8Array };
    }
  /** The file cannot be shown: the webview says why (and, when a test asked, reports the notice: 'noticeShown'). */
  | { readonly type: 'openFailed'; readonly code: string; readonly message: string; readonly reportRendered?: boolean }
  | { readonly type: 'page'; readonly requestId: number; readonly offset: number; readonly data: Uint8Array }
  | { readonly type: 'pageFailed'; readonly requestId: number; readonly code: string; readonly message: string }
  | { readonly type: 'goto'; readonly input: string }
  | { readonly type: 'toggleView' }
  /** The Insert key's command: typing switches between overwriting and inserting. */
  | { readonly type: 'toggleTypingMode' }
  | { readonly type: 'setEncoding'; readonly encoding: string }
  | { readonly type: 'setBytesPerRow'; readonly bytesPerRow: number }
  /** The wrap setting changed, or the toggle command (Alt+Z) ran. */
  | { readonly type: 'setWordWrap'; readonly wrap: WordWrap | 'toggle'; readonly column?: number }
  /** A test wants (or no longer wants) a 'rendered' message after each draw. */
  | { readonly type: 'reportRendered'; readonly on: boolean }
  | { readonly type: 'lineIndex'; readonly progress: LineIndexProgress }
  | { readonly type: 'lineNumbers'; readonly requestId: number; readonly offsets: readonly number[]; readonly lines: readonly number[] }
  | { readonly type: 'reveal'; readonly offset: number; readonly length?: number }
  /** Go to's box changed (Ctrl+G): the view moves there for now; 'gotoCancel' brings it back, 'goto' keeps it. */
  | { readonly type: 'gotoPreview'; readonly input: string }
  | { readonly type: 'gotoCancel' }
  /** Select Between Offsets: select [start, end) and bring its start into view. */
  | { readonly type: 'select'; readonly start: number; readonly end: number }
  | { readonly type: 'openFind'; readonly replace: boolean; readonly query?: FindQuery }
  | { readonly type: 'fileChanged'; readonly change: DiskChangeNotice }
  | { readonly type: 'setFollow'; readonly on: boolean | 'toggle' }
  /** `grewFrom`: only bytes at the end were added (a log grew); everything before it is as it was. */
  | { readonly type: 'contentChanged'; readonly size: number; readonly dirty: boolean; readonly grewFrom?: number }
  | { readonly type: 'modeChanged'; readonly mode: OpenMode }
  | {
      readonly type: 'editRefused';
      readonly message: string;
      /** Why: 'readOnly' makes the webview offer the switch to In place or Copy. */
      readonly reason: EditRefusalReason;
      /** Refused because a save is running: the notice can go once the document is saved. */
      readonly untilSaved?: boolean;
    }
  /** VS Code asked for a save nobody made (auto save): the document stays unsaved, and says how to save. */
  | { readonly type: 'saveHeld' }
  | { readonly type: 'replaced'; readonly count: number; readonly message: string }
  | { readonly type: 'findProgress'; readonly searchId: number; readonly scanned: number; readonly total: number; readonly count: number }
  | { readonly type: 'findDone'; readonly searchId: number; readonly result: FindOutcome }
  | { readonly type: 'findResults'; readonly searchId: number; readonly start: number; readonly items: readonly FindResultItem[] }
  /** The matches in the rows shown ('findVisible'): offsets and lengths in file order, at most MAX_VISIBLE_MATCHES. */
  | { readonly type: 'visibleMatches'; readonly requestId: number; readonly offsets: readonly number[]; readonly lengths: readonly number[] }
  /** The bytes changed since the last save in the rows shown ('editedRanges'): [start, end) pairs, flattened. */
  | { readonly type: 'editedRanges'; readonly requestId: number; readonly ranges: readonly number[] }
  // The filtered view, bookmarks and the overview ruler (shared/filterProtocol.ts).
  | FilterHostMessage
  // Time in logs (issue #16):
  /** Go to a time did not work (not a time, no timestamps): the webview says why. */
  | { readonly type: 'gotoFailed'; readonly message: string }
  /** A timeline (the engine's histogram) as it fills in, then once done. */
  | { readonly type: 'timeline'; readonly timeline: TimelineData }
  /** The time range that restricts Find (and the filter) changed; null: none. */
  | { readonly type: 'timeRange'; readonly range: TimeRangeInfo | null }
  /** Show, hide or toggle the timeline panel (the command largeFile.toggleTimeline). */
  | { readonly type: 'showTimeline'; readonly on: boolean | 'toggle' };

// ---- Time in logs (issue #16) ----------------------------------------------------------------
// Times are microseconds since the epoch, UTC (a stamp without a zone is read as UTC).

/** What the timeline's second series counts: entries matching the find's query, error-level entries, or nothing. */
export type TimelineSeries = 'none' | 'errors' | 'find';

/** A time range [from, to) in µs. */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** A time range as the host resolved it: the byte offsets it covers (start of `from`'s line, start of `to`'s). */
export interface TimeRangeInfo extends TimeRange {
  readonly start: number;
  readonly end: number;
}

export interface TimelineData {
  readonly timelineId: number;
  readonly state: 'running' | 'done' | 'cancelled' | 'error';
  /** Bucket i of `counts` starts at origin + (first + i) * bucket (µs). */
  readonly origin: number;
  readonly bucket: number;
  readonly first: number;
  /** Entries (timed lines with their continuation lines) per bucket, and of them those the series matches. */
  readonly counts: Float64Array;
  readonly matches: Float64Array;
  readonly series: TimelineSeries;
  readonly scanned: number;
  readonly total: number;
  /** The file's clock (its first stamp's zone offset in minutes; null: no zone), for labels. */
  readonly zoneMinutes: number | null;
  /** The timestamp format (iso8601, syslog, …). */
  readonly format: string;
  /** Once done: entries counted, matching, lines before the first stamp, timed lines outside the span. */
  readonly entries?: number;
  readonly matched?: number;
  readonly untimed?: number;
  readonly outside?: number;
  readonly error?: { readonly code: string; readonly message: string };
}

/** A timeline asked for (the command largeFile.timeline, or the webview's chart). */
export interface TimelineRequest {
  /** Bucket length in seconds (0 or absent: chosen for the span, second … week). */
  readonly bucketSeconds?: number;
  /** Without bucketSeconds: at most about this many buckets (a chart: its width over the narrowest bar). */
  readonly targetBuckets?: number;
  readonly series: TimelineSeries;
  /** series 'find': the query (with the text's encoding). */
  readonly query?: FindQuery;
  readonly encoding?: string;
  /** Only this time range of the file. */
  readonly range?: TimeRange;
}

function parseTimeRange(v: unknown): TimeRange | undefined {
  const r = fieldsOf(v);
  if (!r) return undefined;
  const isTime = (t: unknown): t is number => typeof t === 'number' && Number.isSafeInteger(t);
  if (!isTime(r.from) || !isTime(r.to) || r.to <= r.from) return undefined;
  return { from: r.from, to: r.to };
}

function parseTimelineRequest(m: Fields): TimelineRequest | undefined {
  if (m.series !== 'none' && m.series !== 'errors' && m.series !== 'find') return undefined;
  if (m.bucketSeconds !== undefined && (typeof m.bucketSeconds !== 'number' || !(m.bucketSeconds >= 0) || m.bucketSeconds > 366 * 86400)) return undefined;
  const query = m.query === undefined ? undefined : parseFindQuery(m.query);
  if (m.query !== undefined && !query) return undefined;
  if (m.series === 'find' && !query) return undefined;
  if (m.encoding !== undefined && !isEncoding(m.encoding)) return undefined;
  if (m.targetBuckets !== undefined && (typeof m.targetBuckets !== 'number' || !Number.isSafeInteger(m.targetBuckets) || m.targetBuckets < 1 || m.targetBuckets > 100_000)) return undefined;
  const range = m.range === undefined ? undefined : parseTimeRange(m.range);
  if (m.range !== undefined && !range) return undefined;
  return {
    series: m.series,
    ...(m.bucketSeconds !== undefined ? { bucketSeconds: m.bucketSeconds } : {}),
    ...(m.targetBuckets !== undefined ? { targetBuckets: m.targetBuckets } : {}),
    ...(query ? { query } : {}),
    ...(m.encoding !== undefined ? { encoding: m.encoding } : {}),
    ...(range ? { range } : {}),
  };
}

/** Webview → host: the time messages (extension/time/sessionTime.ts), each type with its check. */
export const TIME_VALIDATORS = validators({
  /** Go to input the webview does not read itself (a time): `from` is the cursor. */
  gotoTime: (m) => (isText(m.input, 200) && isIndex(m.from) ? { type: 'gotoTime', input: m.input, from: m.from } : undefined),
  timeline: (m) => {
    const request = fieldsOf(m.request);
    const parsed = request && parseTimelineRequest(request);
    return parsed && isIndex(m.timelineId) ? { type: 'timeline', timelineId: m.timelineId, request: parsed } : undefined;
  },
  cancelTimeline: (m) => (isIndex(m.timelineId) ? { type: 'cancelTimeline', timelineId: m.timelineId } : undefined),
  setTimeRange: (m) => {
    if (m.range === null) return { type: 'setTimeRange', range: null };
    const range = parseTimeRange(m.range);
    return range ? { type: 'setTimeRange', range } : undefined;
  },
});
export type TimeWebviewMessage = MessageOf<typeof TIME_VALIDATORS>;
// ---- end of time in logs ---------------------------------------------------------------------

/** Why an edit was not applied. */
export type EditRefusalReason = 'readOnly' | 'saving' | 'closed' | 'declined' | 'invalid';

/** Commands the webview's buttons may run in the host (and no others). */
export const WEBVIEW_COMMANDS = ['largeFile.changeMode', 'largeFile.save'] as const;
export type WebviewCommand = (typeof WEBVIEW_COMMANDS)[number];

/** An edit typed in the webview. */
export type EditOp =
  | {
      readonly kind: 'overwrite' | 'insert';
      readonly offset: number;
      readonly bytes: Uint8Array;
      /** Completes the byte the previous edit started (a hex nibble pair): one undo step, not two. */
      readonly amend?: boolean;
    }
  | { readonly kind: 'delete'; readonly offset: number; readonly length: number }
  | { readonly kind: 'replace'; readonly offset: number; readonly length: number; readonly bytes: Uint8Array };

/** Largest edit accepted in one message (a paste goes through the host's clipboard instead). */
export const MAX_EDIT_BYTES = 16 * 1024 * 1024;

/** The file changed on disk, and what the editor did about it. */
export type DiskChangeNotice =
  /** Sent after the 'contentChanged' of the new content (which says whether the file only grew). */
  | { readonly kind: 'reloaded'; readonly document: DocumentInfo; readonly previousSize: number }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'reloadFailed'; readonly message: string };

/** What the user typed in the find widget, with its toggles. */
export interface FindQuery {
  readonly pattern: string;
  readonly mode: 'text' | 'regex' | 'hex';
  readonly matchCase: boolean;
  readonly wholeWord: boolean;
}

export type FindOp = 'next' | 'previous' | 'all';

/** How a search ended. */
export type FindOutcome =
  | {
      readonly kind: 'match';
      readonly offset: number;
      readonly length: number;
      readonly wrapped: boolean;
      /** 0-based position among the last find-all's results of the same query, when known. */
      readonly index?: number;
    }
  | { readonly kind: 'noMatch' }
  | {
      readonly kind: 'all';
      /** Every match (the cap never limits the count). */
      readonly count: number;
      /** The results panel lists only the first `listed` of them (largeFile.maxFindResults). */
      readonly truncated: boolean;
      /** Results the panel can list: `count`, or the cap when `truncated`. */
      readonly listed: number;
      readonly cancelled: boolean;
      /** Index of the first result at or after the request's `from`. */
      readonly indexAtFrom: number;
    }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

/** One row of the results panel. */
export interface FindResultItem {
  readonly offset: number;
  readonly length: number;
  /** 1-based, or 0 when the line index has not got there. */
  readonly line: number;
  /** Text around the match, and where the match sits in it. */
  readonly before: string;
  readonly match: string;
  readonly after: string;
}

/** How far the host's line index has got. Line numbers are exact for offsets below `indexed`. */
export interface LineIndexProgress {
  readonly indexed: number;
  readonly size: number;
  /** Lines seen so far (the total once complete). */
  readonly lines: number;
  readonly complete: boolean;
}

/** Where the user is, for the status bar. */
export interface ViewStatus {
  readonly view: ViewKind;
  readonly offset: number;
  /** First selected byte (the cursor when nothing is selected). */
  readonly selectionStart: number;
  readonly selectionLength: number;
  readonly encoding: string;
  /** The line ends of the file's first 64 KiB, in that encoding (the status bar's LF / CRLF); undefined: none there. */
  readonly eol?: EolKind;
  readonly topOffset: number;
  /** Typing overwrites (the default) or inserts (the Insert key toggles). */
  readonly typing: TypingMode;
}

export type TypingMode = 'overwrite' | 'insert';

/** The bytes to copy, as the webview sees its selection at the moment of the copy. */
export interface CopyRange {
  readonly start: number;
  readonly length: number;
  readonly encoding: string;
}

/** Every format Copy Selection As knows (extension/copyFormats.ts). */
export const COPY_FORMAT_NAMES = ['text', 'hex', 'hexdump', 'base64', 'c', 'csharp', 'java', 'go', 'rust', 'python', 'javascript'] as const;
export type CopyFormatName = (typeof COPY_FORMAT_NAMES)[number];

export function isCopyFormatName(v: unknown): v is CopyFormatName {
  return COPY_FORMAT_NAMES.includes(v as CopyFormatName);
}

/** Widest range of bytes on screen a 'findVisible' or 'editedRanges' may ask about (a screen of 16 KiB-long unwrapped lines). */
export const MAX_VISIBLE_BYTES = 64 << 20;
/** Matches highlighted on one screen at most (a denser screen highlights the first ones). */
export const MAX_VISIBLE_MATCHES = 20_000;
/** Edited ranges reported for one screen at most. */
export const MAX_EDITED_RANGES = 10_000;

/** Largest page the host will serve in one message. */
export const MAX_PAGE_BYTES = 1 << 20;

/** Longest pattern accepted from the find widget. */
export const MAX_PATTERN_LENGTH = 64 * 1024;

/** Webview → host: the editor's own messages (extension/editorSession.ts), each type with its check. */
export const SESSION_VALIDATORS = validators({
  ready: () => ({ type: 'ready' }),
  readPage: (m) => {
    if (!isIndex(m.requestId) || !isIndex(m.offset) || !isIndex(m.length) || m.length > MAX_PAGE_BYTES) return undefined;
    return { type: 'readPage', requestId: m.requestId, offset: m.offset, length: m.length };
  },
  cancel: (m) => {
    const requestIds = indexList(m.requestIds, 10000);
    return requestIds ? { type: 'cancel', requestIds } : undefined;
  },
  /** What the view drew (only while a test asked for it: ViewSettings.reportRendered). */
  rendered: (m) => {
    const rows = textList(m.rows, 1000, 4096);
    if (!isView(m.view) || !isIndex(m.firstOffset) || !rows) return undefined;
    return { type: 'rendered', view: m.view, firstOffset: m.firstOffset, rows };
  },
  /** The notice the webview shows instead of rows (only while a test asked for it, as 'rendered'). */
  noticeShown: (m) => (isText(m.code, 64) && isText(m.text, 2000) ? { type: 'noticeShown', code: m.code, text: m.text } : undefined),
  status: (m) => {
    const status = parseStatus(m.status);
    return status ? { type: 'status', status } : undefined;
  },
  gotoFailed: (m) => (isText(m.message, 500) ? { type: 'gotoFailed', message: m.message } : undefined),
  lineNumbers: (m) => {
    const offsets = indexList(m.offsets, 1000);
    return offsets && isIndex(m.requestId) ? { type: 'lineNumbers', requestId: m.requestId, offsets } : undefined;
  },
  /** `preview`: Go to is still being typed; a line that is not there yet is no error then. */
  gotoLine: (m) => {
    if (!isIndex(m.line) || m.line < 1 || (m.preview !== undefined && typeof m.preview !== 'boolean')) return undefined;
    return { type: 'gotoLine', line: m.line, ...(m.preview === true ? { preview: true as const } : {}) };
  },
  /** Every match of `query` in [start, end) (the rows on screen), for highlighting: answered by 'visibleMatches'. */
  findVisible: (m) => {
    const query = parseFindQuery(m.query);
    if (!query || !isIndex(m.requestId) || !isIndex(m.start) || !isIndex(m.end) || m.end < m.start || m.end - m.start > MAX_VISIBLE_BYTES) return undefined;
    if (!isEncoding(m.encoding)) return undefined;
    return { type: 'findVisible', requestId: m.requestId, query, encoding: m.encoding, start: m.start, end: m.end };
  },
  /** The bytes edited since the last save in [start, end): answered by 'editedRanges'. */
  editedRanges: (m) => {
    if (!isIndex(m.requestId) || !isIndex(m.start) || !isIndex(m.end) || m.end < m.start || m.end - m.start > MAX_VISIBLE_BYTES) return undefined;
    return { type: 'editedRanges', requestId: m.requestId, start: m.start, end: m.end };
  },
  find: (m) => {
    const query = parseFindQuery(m.query);
    if (!query || !isIndex(m.searchId) || !isIndex(m.from) || !isIndex(m.maxResults) || !isEncoding(m.encoding)) return undefined;
    if (!isOneOf<FindOp>(m.op, ['next', 'previous', 'all'])) return undefined;
    // maxResults: find-all stops after this many results (0: no limit).
    return { type: 'find', searchId: m.searchId, query, op: m.op, from: m.from, maxResults: m.maxResults, encoding: m.encoding };
  },
  cancelFind: (m) => (isIndex(m.searchId) ? { type: 'cancelFind', searchId: m.searchId } : undefined),
  edit: (m) => {
    const edit = parseEdit(m.edit);
    return edit ? { type: 'edit', edit } : undefined;
  },
  runCommand: (m) => (isWebviewCommand(m.command) ? { type: 'runCommand', command: m.command } : undefined),
  /** The user switched this file's view (the host remembers it for the next time the file opens). */
  viewChosen: (m) => (isView(m.view) ? { type: 'viewChosen', view: m.view } : undefined),
  /** The read-only prompt's answer: switch to this mode (the host asks what the rules say to ask). */
  requestMode: (m) => (isOneOf<OpenMode>(m.mode, ['read', 'write', 'copy']) ? { type: 'requestMode', mode: m.mode } : undefined),
  paste: (m) => {
    if (!isIndex(m.offset) || !isIndex(m.replaceLength) || typeof m.insert !== 'boolean' || typeof m.asHex !== 'boolean' || !isEncoding(m.encoding)) return undefined;
    return { type: 'paste', offset: m.offset, replaceLength: m.replaceLength, insert: m.insert, asHex: m.asHex, encoding: m.encoding };
  },
  /** op 'one': offset and length are the match to replace (the current one). */
  replace: (m) => {
    const query = parseFindQuery(m.query);
    if (!query || !isOneOf(m.op, ['one', 'all'] as const) || !isText(m.replacement, MAX_PATTERN_LENGTH)) return undefined;
    if (!isEncoding(m.encoding) || !isIndex(m.offset) || !isIndex(m.length)) return undefined;
    return { type: 'replace', op: m.op, query, replacement: m.replacement, encoding: m.encoding, offset: m.offset, length: m.length };
  },
  findResults: (m) => {
    if (!isIndex(m.searchId) || !isIndex(m.start) || !isIndex(m.count) || m.count > 500) return undefined;
    return { type: 'findResults', searchId: m.searchId, start: m.start, count: m.count };
  },
  copy: (m) => {
    const r = fieldsOf(m.selection);
    if (!isCopyFormatName(m.format) || !r || !isIndex(r.start) || !isIndex(r.length) || !isEncoding(r.encoding)) return undefined;
    return { type: 'copy', format: m.format, selection: { start: r.start, length: r.length, encoding: r.encoding } };
  },
});
export type SessionWebviewMessage = MessageOf<typeof SESSION_VALIDATORS>;

/** Every message the webview may send, by type: the one definition of each message and its check. */
export const WEBVIEW_VALIDATORS = { ...SESSION_VALIDATORS, ...FILTER_WEBVIEW_VALIDATORS, ...TIME_VALIDATORS };

/** Webview → host. */
export type WebviewMessage = MessageOf<typeof WEBVIEW_VALIDATORS>;

/**
 * Checks a message from the webview before the host acts on it: the webview renders file
 * content, so the host treats what it sends as untrusted.
 */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  return validate(WEBVIEW_VALIDATORS, value);
}

export function isTimeMessage(m: WebviewMessage): m is TimeWebviewMessage {
  return Object.prototype.hasOwnProperty.call(TIME_VALIDATORS, m.type);
}

export function isFilterMessage(m: WebviewMessage): m is FilterWebviewMessage {
  return Object.prototype.hasOwnProperty.call(FILTER_WEBVIEW_VALIDATORS, m.type);
}

/** The `default` of an exhaustive switch over messages: a type that reaches it is a compile error. */
export function unhandledMessage(m: never): never {
  throw new Error(`Unhandled webview message ${JSON.stringify((m as { type?: unknown }).type)}`);
}

function isView(v: unknown): v is ViewKind {
  return (VIEW_KINDS as readonly unknown[]).includes(v);
}

function isWebviewCommand(v: unknown): v is WebviewCommand {
  return (WEBVIEW_COMMANDS as readonly unknown[]).includes(v);
}

function parseStatus(v: unknown): ViewStatus | undefined {
  const s = fieldsOf(v);
  if (!s || !isView(s.view) || !isIndex(s.offset) || !isIndex(s.selectionStart) || !isIndex(s.selectionLength) || !isIndex(s.topOffset)) return undefined;
  if (!isEncoding(s.encoding) || (s.typing !== 'overwrite' && s.typing !== 'insert')) return undefined;
  if (s.eol !== undefined && !isOneOf<EolKind>(s.eol, ['LF', 'CRLF', 'mixed'])) return undefined;
  const status: ViewStatus = { view: s.view, offset: s.offset, selectionStart: s.selectionStart, selectionLength: s.selectionLength, encoding: s.encoding, topOffset: s.topOffset, typing: s.typing };
  return s.eol === undefined ? status : { ...status, eol: s.eol };
}

function parseFindQuery(v: unknown): FindQuery | undefined {
  const q = fieldsOf(v);
  if (!q || !isText(q.pattern, MAX_PATTERN_LENGTH)) return undefined;
  if (q.mode !== 'text' && q.mode !== 'regex' && q.mode !== 'hex') return undefined;
  if (typeof q.matchCase !== 'boolean' || typeof q.wholeWord !== 'boolean') return undefined;
  return { pattern: q.pattern, mode: q.mode, matchCase: q.matchCase, wholeWord: q.wholeWord };
}

function toBytes(v: unknown): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v.length <= MAX_EDIT_BYTES ? v : undefined;
  if (Array.isArray(v) && v.length <= MAX_EDIT_BYTES && (v as unknown[]).every((b) => Number.isInteger(b) && (b as number) >= 0 && (b as number) <= 255)) {
    return Uint8Array.from(v as number[]);
  }
  return undefined;
}

function parseEdit(v: unknown): EditOp | undefined {
  const e = fieldsOf(v);
  if (!e || !isIndex(e.offset)) return undefined;
  if (e.kind === 'delete') return isIndex(e.length) ? { kind: 'delete', offset: e.offset, length: e.length } : undefined;
  const bytes = toBytes(e.bytes);
  if (!bytes) return undefined;
  if (e.kind === 'overwrite' || e.kind === 'insert') {
    if (e.amend !== undefined && typeof e.amend !== 'boolean') return undefined;
    return { kind: e.kind, offset: e.offset, bytes, ...(e.amend ? { amend: true } : {}) };
  }
  if (e.kind === 'replace' && isIndex(e.length)) return { kind: 'replace', offset: e.offset, length: e.length, bytes };
  return undefined;
}
