// The one message protocol between the extension host and the webview. Both sides import this
// file, so a change to a message is a compile error on the side that forgot it.
import type { EolKind } from './contentSniff';
import { type FilterHostMessage, type FilterWebviewMessage, parseFilterWebviewMessage } from './filterProtocol';

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
      /** The page at offset 0, sent unasked so the first screen needs no request. */
      readonly firstPage?: { readonly offset: number; readonly data: Uint8Array };
    }
  | { readonly type: 'openFailed'; readonly code: string; readonly message: string }
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
  | { readonly type: 'openFind'; readonly replace: boolean; readonly query?: FindQuery }
  | { readonly type: 'fileChanged'; readonly change: DiskChangeNotice }
  | { readonly type: 'setFollow'; readonly on: boolean | 'toggle' }
  | { readonly type: 'contentChanged'; readonly size: number; readonly dirty: boolean }
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
  // The filtered view, bookmarks and the overview ruler (shared/filterProtocol.ts).
  | FilterHostMessage
  // Time in logs (issue #16):
  /** Go to a time did not work (not a time, no timestamps): the webview says why. */
  | { readonly type: 'gotoFailed'; readonly message: string }
  /** A timeline (the engine's histogram) as it fills in, then once done. */
  | { readonly type: 'timeline'; readonly timeline: TimelineData }
  /** The time range that restricts Find (and the filter) changed; null: none. */
  | { readonly type: 'timeRange'; readonly range: TimeRangeInfo | null };

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
  readonly series: TimelineSeries;
  /** series 'find': the query (with the text's encoding). */
  readonly query?: FindQuery;
  readonly encoding?: string;
  /** Only this time range of the file. */
  readonly range?: TimeRange;
}

function parseTimeRange(v: unknown): TimeRange | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  const isTime = (t: unknown): t is number => typeof t === 'number' && Number.isSafeInteger(t);
  if (!isTime(r.from) || !isTime(r.to) || r.to <= r.from) return undefined;
  return { from: r.from, to: r.to };
}

function parseTimelineRequest(m: Record<string, unknown>): TimelineRequest | undefined {
  if (m.series !== 'none' && m.series !== 'errors' && m.series !== 'find') return undefined;
  if (m.bucketSeconds !== undefined && (typeof m.bucketSeconds !== 'number' || !(m.bucketSeconds >= 0) || m.bucketSeconds > 366 * 86400)) return undefined;
  const query = m.query === undefined ? undefined : parseFindQuery(m.query);
  if (m.query !== undefined && !query) return undefined;
  if (m.series === 'find' && !query) return undefined;
  if (m.encoding !== undefined && (typeof m.encoding !== 'string' || m.encoding.length > 64)) return undefined;
  const range = m.range === undefined ? undefined : parseTimeRange(m.range);
  if (m.range !== undefined && !range) return undefined;
  return {
    series: m.series,
    ...(m.bucketSeconds !== undefined ? { bucketSeconds: m.bucketSeconds as number } : {}),
    ...(query ? { query } : {}),
    ...(m.encoding !== undefined ? { encoding: m.encoding as string } : {}),
    ...(range ? { range } : {}),
  };
}

/** The time messages of the webview (a part of parseWebviewMessage). */
function parseTimeMessage(m: Record<string, unknown>): WebviewMessage | undefined {
  switch (m.type) {
    case 'gotoTime':
      if (typeof m.input !== 'string' || m.input.length > 200 || !isIndex(m.from)) return undefined;
      return { type: 'gotoTime', input: m.input, from: m.from };
    case 'timeline': {
      if (!isIndex(m.timelineId) || typeof m.request !== 'object' || m.request === null) return undefined;
      const request = parseTimelineRequest(m.request as Record<string, unknown>);
      return request ? { type: 'timeline', timelineId: m.timelineId, request } : undefined;
    }
    case 'cancelTimeline':
      return isIndex(m.timelineId) ? { type: 'cancelTimeline', timelineId: m.timelineId } : undefined;
    case 'setTimeRange': {
      if (m.range === null) return { type: 'setTimeRange', range: null };
      const range = parseTimeRange(m.range);
      return range ? { type: 'setTimeRange', range } : undefined;
    }
    default:
      return undefined;
  }
}
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
      readonly count: number;
      readonly truncated: boolean;
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

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'readPage'; readonly requestId: number; readonly offset: number; readonly length: number }
  | { readonly type: 'cancel'; readonly requestIds: readonly number[] }
  | { readonly type: 'rendered'; readonly view: ViewKind; readonly firstOffset: number; readonly rows: readonly string[] }
  | { readonly type: 'status'; readonly status: ViewStatus }
  | { readonly type: 'gotoFailed'; readonly message: string }
  | { readonly type: 'lineNumbers'; readonly requestId: number; readonly offsets: readonly number[] }
  | { readonly type: 'gotoLine'; readonly line: number }
  | {
      readonly type: 'find';
      readonly searchId: number;
      readonly query: FindQuery;
      readonly op: FindOp;
      readonly from: number;
      /** find-all: stop after this many results (0: no limit). */
      readonly maxResults: number;
      readonly encoding: string;
    }
  | { readonly type: 'cancelFind'; readonly searchId: number }
  | { readonly type: 'edit'; readonly edit: EditOp }
  | { readonly type: 'runCommand'; readonly command: WebviewCommand }
  /** The read-only prompt's answer: switch to this mode (the host asks what the rules say to ask). */
  | { readonly type: 'requestMode'; readonly mode: OpenMode }
  /** The user switched this file's view (the host remembers it for the next time the file opens). */
  | { readonly type: 'viewChosen'; readonly view: ViewKind }
  | { readonly type: 'paste'; readonly offset: number; readonly replaceLength: number; readonly insert: boolean; readonly asHex: boolean; readonly encoding: string }
  | {
      readonly type: 'replace';
      readonly op: 'one' | 'all';
      readonly query: FindQuery;
      readonly replacement: string;
      readonly encoding: string;
      /** op 'one': the match to replace (the current one). */
      readonly offset: number;
      readonly length: number;
    }
  | { readonly type: 'findResults'; readonly searchId: number; readonly start: number; readonly count: number }
  | { readonly type: 'copy'; readonly format: CopyFormatName; readonly selection: CopyRange }
  // The filtered view, bookmarks and the overview ruler (shared/filterProtocol.ts).
  | FilterWebviewMessage
  // Time in logs (issue #16):
  /** Go to input the webview does not read itself (a time): `from` is the cursor. */
  | { readonly type: 'gotoTime'; readonly input: string; readonly from: number }
  | { readonly type: 'timeline'; readonly timelineId: number; readonly request: TimelineRequest }
  | { readonly type: 'cancelTimeline'; readonly timelineId: number }
  | { readonly type: 'setTimeRange'; readonly range: TimeRange | null };

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

/** Largest page the host will serve in one message. */
export const MAX_PAGE_BYTES = 1 << 20;

/**
 * Checks a message from the webview before the host acts on it: the webview renders file
 * content, so the host treats what it sends as untrusted.
 */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'readPage':
      if (!isIndex(m.requestId) || !isIndex(m.offset) || !isIndex(m.length) || m.length > MAX_PAGE_BYTES) {
        return undefined;
      }
      return { type: 'readPage', requestId: m.requestId, offset: m.offset, length: m.length };
    case 'cancel':
      if (!Array.isArray(m.requestIds) || m.requestIds.length > 10000 || !m.requestIds.every(isIndex)) return undefined;
      return { type: 'cancel', requestIds: m.requestIds };
    case 'rendered':
      if (!isView(m.view) || !isIndex(m.firstOffset) || !Array.isArray(m.rows) || m.rows.length > 1000) return undefined;
      if (!m.rows.every((r): r is string => typeof r === 'string' && r.length <= 4096)) return undefined;
      return { type: 'rendered', view: m.view, firstOffset: m.firstOffset, rows: m.rows };
    case 'status': {
      const s = m.status as Record<string, unknown> | null;
      if (typeof s !== 'object' || s === null) return undefined;
      if (!isView(s.view) || !isIndex(s.offset) || !isIndex(s.selectionLength) || !isIndex(s.topOffset)) return undefined;
      if (!isIndex(s.selectionStart)) return undefined;
      if (typeof s.encoding !== 'string' || s.encoding.length > 64) return undefined;
      if (s.typing !== 'overwrite' && s.typing !== 'insert') return undefined;
      if (s.eol !== undefined && s.eol !== 'LF' && s.eol !== 'CRLF' && s.eol !== 'mixed') return undefined;
      return {
        type: 'status',
        status: {
          view: s.view,
          offset: s.offset,
          selectionStart: s.selectionStart,
          selectionLength: s.selectionLength,
          encoding: s.encoding,
          eol: s.eol,
          topOffset: s.topOffset,
          typing: s.typing,
        },
      };
    }
    case 'copy':
      if (!isCopyFormatName(m.format)) return undefined;
      {
        const r = m.selection as Record<string, unknown> | null;
        if (typeof r !== 'object' || r === null || !isIndex(r.start) || !isIndex(r.length)) return undefined;
        if (typeof r.encoding !== 'string' || r.encoding.length > 64) return undefined;
        return { type: 'copy', format: m.format, selection: { start: r.start, length: r.length, encoding: r.encoding } };
      }
    case 'lineNumbers':
      if (!isIndex(m.requestId) || !Array.isArray(m.offsets) || m.offsets.length > 1000 || !m.offsets.every(isIndex)) return undefined;
      return { type: 'lineNumbers', requestId: m.requestId, offsets: m.offsets };
    case 'gotoLine':
      if (!isIndex(m.line) || m.line < 1) return undefined;
      return { type: 'gotoLine', line: m.line };
    case 'find': {
      const q = parseFindQuery(m.query);
      if (!q || !isIndex(m.searchId) || !isIndex(m.from) || !isIndex(m.maxResults)) return undefined;
      if (m.op !== 'next' && m.op !== 'previous' && m.op !== 'all') return undefined;
      if (typeof m.encoding !== 'string' || m.encoding.length > 64) return undefined;
      return { type: 'find', searchId: m.searchId, query: q, op: m.op, from: m.from, maxResults: m.maxResults, encoding: m.encoding };
    }
    case 'edit': {
      const e = parseEdit(m.edit);
      return e ? { type: 'edit', edit: e } : undefined;
    }
    case 'runCommand':
      return WEBVIEW_COMMANDS.includes(m.command as WebviewCommand) ? { type: 'runCommand', command: m.command as WebviewCommand } : undefined;
    case 'viewChosen':
      return isView(m.view) ? { type: 'viewChosen', view: m.view } : undefined;
    case 'requestMode':
      return m.mode === 'read' || m.mode === 'write' || m.mode === 'copy' ? { type: 'requestMode', mode: m.mode } : undefined;
    case 'paste':
      if (!isIndex(m.offset) || !isIndex(m.replaceLength) || typeof m.insert !== 'boolean' || typeof m.asHex !== 'boolean') return undefined;
      if (typeof m.encoding !== 'string' || m.encoding.length > 64) return undefined;
      return { type: 'paste', offset: m.offset, replaceLength: m.replaceLength, insert: m.insert, asHex: m.asHex, encoding: m.encoding };
    case 'replace': {
      const q = parseFindQuery(m.query);
      if (!q || (m.op !== 'one' && m.op !== 'all') || typeof m.replacement !== 'string' || m.replacement.length > MAX_PATTERN_LENGTH) return undefined;
      if (typeof m.encoding !== 'string' || m.encoding.length > 64 || !isIndex(m.offset) || !isIndex(m.length)) return undefined;
      return { type: 'replace', op: m.op, query: q, replacement: m.replacement, encoding: m.encoding, offset: m.offset, length: m.length };
    }
    case 'cancelFind':
      if (!isIndex(m.searchId)) return undefined;
      return { type: 'cancelFind', searchId: m.searchId };
    case 'findResults':
      if (!isIndex(m.searchId) || !isIndex(m.start) || !isIndex(m.count) || m.count > 500) return undefined;
      return { type: 'findResults', searchId: m.searchId, start: m.start, count: m.count };
    case 'gotoFailed':
      if (typeof m.message !== 'string' || m.message.length > 500) return undefined;
      return { type: 'gotoFailed', message: m.message };
    default:
      return parseFilterWebviewMessage(m) ?? parseTimeMessage(m);
  }
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isView(v: unknown): v is ViewKind {
  return (VIEW_KINDS as readonly unknown[]).includes(v);
}

/** Longest pattern accepted from the find widget. */
export const MAX_PATTERN_LENGTH = 64 * 1024;

function parseFindQuery(v: unknown): FindQuery | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const q = v as Record<string, unknown>;
  if (typeof q.pattern !== 'string' || q.pattern.length > MAX_PATTERN_LENGTH) return undefined;
  if (q.mode !== 'text' && q.mode !== 'regex' && q.mode !== 'hex') return undefined;
  if (typeof q.matchCase !== 'boolean' || typeof q.wholeWord !== 'boolean') return undefined;
  return { pattern: q.pattern, mode: q.mode, matchCase: q.matchCase, wholeWord: q.wholeWord };
}

function toBytes(v: unknown): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v.length <= MAX_EDIT_BYTES ? v : undefined;
  if (Array.isArray(v) && v.length <= MAX_EDIT_BYTES && v.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    return Uint8Array.from(v as number[]);
  }
  return undefined;
}

function parseEdit(v: unknown): EditOp | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const e = v as Record<string, unknown>;
  if (!isIndex(e.offset)) return undefined;
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
