// The extension's exports, for the integration tests only (extension/testHooks.ts: they exist when
// the harness sets LFE_TEST_HOOKS=1). They drive the editors as a user would, without a webview
// in the loop: type an edit, replace, filter, and read what the webview drew.
import type * as vscode from 'vscode';
import { engineStatus } from './engine';
import type { RenderedRows } from './editorSession';
import type { LargeFileEditorProvider } from './largeFileEditorProvider';
import type { SliceFileSystem } from './slices/sliceFileSystem';
import { sharedLineIndexStore } from './lines/lineIndexStore';
import type { EditOp, FindQuery, OpenMode, ViewStatus } from '../shared/protocol';
import type { BookmarkEntry, FilterOutcome, FilterRow } from '../shared/filterProtocol';

/** What the extension exports; for the integration tests only (LFE_TEST_HOOKS=1). */
export interface LargeFileEditorApi {
  readonly engine: () => { loaded: boolean; error?: string };
  /** What the webview of `uri` last drew; webviews report it only after `reportRendered(true)`. */
  readonly lastRendered: (uri: vscode.Uri) => RenderedRows | undefined;
  /** Tests: have every webview report the rows it draws (off by default: no per-frame message). */
  readonly reportRendered: (on: boolean) => void;
  /** The notice the webview of `uri` shows instead of rows (a file it cannot open), once it reported it. */
  readonly lastNotice: (uri: vscode.Uri) => { code: string; text: string } | undefined;
  readonly onDidRender: vscode.Event<vscode.Uri>;
  readonly activeStatus: () => ViewStatus | undefined;
  /** Applies an edit to the active editor's document as if typed in its webview. */
  readonly editActive: (edit: EditOp) => void;
  /** Replace / Replace All in the active editor, as the find widget does. */
  readonly replaceActive: (op: 'one' | 'all', query: FindQuery, replacement: string, offset?: number, length?: number) => Promise<void>;
  readonly documentState: (uri: vscode.Uri) => { dirty: boolean; size: number; mode: OpenMode; saving: boolean } | undefined;
  /** The document's line count as the webviews are told it (unsaved edits included). */
  readonly lineCount: (uri: vscode.Uri) => { lines: number; complete: boolean } | undefined;
  /** Where line indexes are stored across sessions (lines/lineIndexStore.ts). */
  readonly lineIndexStoreDir: () => string | undefined;
  /** The big file a slice (largefile-slice: URI) belongs to, and where its bytes are now (undefined: detached). */
  readonly sliceOf: (uri: vscode.Uri) => { file: vscode.Uri; current: { offset: number; length: number } | undefined } | undefined;
  /** Filters the active editor's document as its filter pane does (a new chain, or a refine of the last filter). */
  readonly filterActive: (expression: string, options?: { refine?: boolean; matchCase?: boolean }) => Promise<FilterOutcome | undefined>;
  /** Rows of the active editor's shown filter. */
  readonly filterRowsActive: (start: number, count: number) => FilterRow[];
  /** The bookmarks of the active editor's document. */
  readonly bookmarksActive: () => BookmarkEntry[];
}

/** What the extension exports to everyone else: nothing. */
export const NO_API: Readonly<Record<string, never>> = Object.freeze({});

export function testApi(provider: LargeFileEditorProvider, slices: SliceFileSystem): LargeFileEditorApi {
  return {
    engine: () => {
      const s = engineStatus();
      return s.loaded ? { loaded: true } : { loaded: false, error: s.error.message };
    },
    lastRendered: (uri) => provider.lastRendered(uri),
    reportRendered: (on) => provider.setReportRendered(on),
    lastNotice: (uri) => provider.lastNotice(uri),
    onDidRender: provider.onDidRender,
    activeStatus: () => provider.activeSession?.status,
    editActive: (edit) => provider.activeSession?.typed(edit),
    replaceActive: async (op, query, replacement, offset = 0, length = 0) => {
      await provider.activeSession?.replace({ op, query, replacement, encoding: 'utf-8', offset, length });
    },
    documentState: (uri) => {
      const document = provider.documentOf(uri);
      const info = document?.info;
      return document && info ? { dirty: document.isDirty, size: info.size, mode: info.mode, saving: document.isSaving } : undefined;
    },
    lineCount: (uri) => {
      const p = provider.documentOf(uri)?.lineProgress();
      return p ? { lines: p.lines, complete: p.complete } : undefined;
    },
    lineIndexStoreDir: () => sharedLineIndexStore()?.dir,
    sliceOf: (uri) => slices.sliceOf(uri),
    filterActive: async (expression, options = {}) =>
      provider.activeSession?.filterPane.filters.start(Date.now(), { expression, matchCase: options.matchCase ?? true, wholeWord: false }, !!options.refine, provider.activeSession.status?.encoding ?? 'utf-8'),
    filterRowsActive: (start, count) => provider.activeSession?.filterPane.rowsOfShownFilter(start, count) ?? [],
    bookmarksActive: () => provider.activeSession?.filterPane.bookmarks?.list(provider.activeSession.status?.encoding ?? 'utf-8') ?? [],
  };
}
