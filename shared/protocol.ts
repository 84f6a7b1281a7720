// The one message protocol between the extension host and the webview. Both sides import this
// file, so a change to a message is a compile error on the side that forgot it.

export type OpenMode = 'read' | 'write' | 'copy';

/** Which backend serves the document's bytes. */
export type BackendKind = 'native' | 'js';

export type ViewKind = 'hex' | 'text';

export interface DocumentInfo {
  readonly fileName: string;
  readonly size: number;
  readonly mode: OpenMode;
  readonly backend: BackendKind;
}

export interface ViewSettings {
  /** 8, 16, 32, 64, or 0 for "fit to width". */
  readonly bytesPerRow: number;
  readonly defaultView: ViewKind;
  readonly encoding: string;
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'init'; readonly document: DocumentInfo; readonly settings: ViewSettings }
  | { readonly type: 'openFailed'; readonly code: string; readonly message: string }
  | { readonly type: 'page'; readonly requestId: number; readonly offset: number; readonly data: Uint8Array }
  | { readonly type: 'pageFailed'; readonly requestId: number; readonly code: string; readonly message: string }
  | { readonly type: 'goto'; readonly input: string }
  | { readonly type: 'toggleView' }
  | { readonly type: 'setEncoding'; readonly encoding: string }
  | { readonly type: 'setBytesPerRow'; readonly bytesPerRow: number }
  | { readonly type: 'lineIndex'; readonly progress: LineIndexProgress }
  | { readonly type: 'lineNumbers'; readonly requestId: number; readonly offsets: readonly number[]; readonly lines: readonly number[] }
  | { readonly type: 'reveal'; readonly offset: number };

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
  readonly topOffset: number;
}

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
  | { readonly type: 'copy'; readonly format: CopyFormatName; readonly selection: CopyRange };

/** The bytes to copy, as the webview sees its selection at the moment of the copy. */
export interface CopyRange {
  readonly start: number;
  readonly length: number;
  readonly encoding: string;
}

export type CopyFormatName = 'text' | 'hex' | 'c' | 'base64';

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
      return {
        type: 'status',
        status: {
          view: s.view,
          offset: s.offset,
          selectionStart: s.selectionStart,
          selectionLength: s.selectionLength,
          encoding: s.encoding,
          topOffset: s.topOffset,
        },
      };
    }
    case 'copy':
      if (m.format !== 'text' && m.format !== 'hex' && m.format !== 'c' && m.format !== 'base64') return undefined;
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
    case 'gotoFailed':
      if (typeof m.message !== 'string' || m.message.length > 500) return undefined;
      return { type: 'gotoFailed', message: m.message };
    default:
      return undefined;
  }
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isView(v: unknown): v is ViewKind {
  return v === 'hex' || v === 'text';
}
