// The one message protocol between the extension host and the webview. Both sides import this
// file, so a change to a message is a compile error on the side that forgot it.

export type OpenMode = 'read' | 'write' | 'copy';

/** Which backend serves the document's bytes. */
export type BackendKind = 'native' | 'js';

export interface DocumentInfo {
  readonly fileName: string;
  readonly size: number;
  readonly mode: OpenMode;
  readonly backend: BackendKind;
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'init'; readonly document: DocumentInfo; readonly bytesPerRow: number }
  | { readonly type: 'openFailed'; readonly code: string; readonly message: string }
  | { readonly type: 'page'; readonly requestId: number; readonly offset: number; readonly data: Uint8Array }
  | { readonly type: 'pageFailed'; readonly requestId: number; readonly code: string; readonly message: string };

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'readPage'; readonly requestId: number; readonly offset: number; readonly length: number }
  | { readonly type: 'rendered'; readonly firstOffset: number; readonly rows: readonly string[] };

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
    case 'rendered':
      if (!isIndex(m.firstOffset) || !Array.isArray(m.rows) || m.rows.length > 1000) return undefined;
      if (!m.rows.every((r): r is string => typeof r === 'string' && r.length <= 4096)) return undefined;
      return { type: 'rendered', firstOffset: m.firstOffset, rows: m.rows };
    default:
      return undefined;
  }
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
