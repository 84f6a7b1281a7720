// Activation: registers the custom editor and the commands. Never throws — the extension host is
// shared by every extension, and a failed addon load is reported inside the editor instead.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AutoOpen } from './autoOpen';
import { registerCommands } from './commands';
import { engineStatus } from './engine';
import type { RenderedRows } from './editorSession';
import { LargeFileEditorProvider, VIEW_TYPE } from './largeFileEditorProvider';
import { configureLineIndexStore, LineIndexStore, sharedLineIndexStore } from './lines/lineIndexStore';
import { StatusBar } from './statusBar';
import { disposeLog, openLog } from './log';
import { SLICE_SCHEME } from './slices/sliceAddress';
import { registerSliceCommands } from './slices/sliceCommands';
import { SliceFileSystem } from './slices/sliceFileSystem';
import { configureBookmarkStore } from './bookmarks/bookmarkRegistry';
import { registerBookmarkCommands } from './bookmarks/bookmarkCommands';
import { configureFilterHistory } from './filter/filterPane';
import { registerFilterCommands } from './filter/filterCommands';
import { registerTimeCommands } from './time/timeCommands';
import type { EditOp, FindQuery, OpenMode, ViewStatus } from '../shared/protocol';
import type { BookmarkEntry, FilterOutcome, FilterRow } from '../shared/filterProtocol';

/** What the extension exports; the integration tests use it to see what the webview rendered. */
export interface LargeFileEditorApi {
  readonly engine: () => { loaded: boolean; error?: string };
  /** What the webview of `uri` last drew; webviews report it only after `reportRendered(true)`. */
  readonly lastRendered: (uri: vscode.Uri) => RenderedRows | undefined;
  /** Tests: have every webview report the rows it draws (off by default: no per-frame message). */
  readonly reportRendered: (on: boolean) => void;
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

export function activate(context: vscode.ExtensionContext): LargeFileEditorApi {
  // Made at the first message: an extension that never fails shows no channel of its own.
  openLog(() => vscode.window.createOutputChannel('Large File Editor', { log: true }));
  context.subscriptions.push(startLineIndexStore(context));
  // Bookmarks and filter history live in the workspace state (issue 15).
  configureBookmarkStore(context.workspaceState);
  configureFilterHistory(context.workspaceState);
  const statusBar = new StatusBar();
  const provider = new LargeFileEditorProvider(context.extensionUri, statusBar, {
    backupFolder: context.storageUri,
    workspaceState: context.workspaceState,
    globalState: context.globalState,
  });
  const autoOpen = new AutoOpen();
  const slices = new SliceFileSystem(provider, context.workspaceState);
  context.subscriptions.push(
    slices,
    vscode.workspace.registerFileSystemProvider(SLICE_SCHEME, slices, { isCaseSensitive: true }),
    ...registerSliceCommands(provider, slices),
  );
  context.subscriptions.push(
    statusBar,
    provider,
    autoOpen,
    vscode.window.registerCustomEditorProvider(VIEW_TYPE, provider, {
      supportsMultipleEditorsPerDocument: true,
      // A tab switched away and back keeps its webview, so it shows again at once where it was
      // (reloading it took about 1.9 s in code-server); a reload restores the position from the
      // webview's saved state.
      webviewOptions: { retainContextWhenHidden: true },
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (['largeFile.wordWrap', 'largeFile.wordWrapColumn', 'editor.wordWrap', 'editor.wordWrapColumn'].some((k) => e.affectsConfiguration(k))) provider.wordWrapChanged();
    }),
    ...registerCommands(provider, autoOpen),
    ...registerBookmarkCommands(provider),
    ...registerFilterCommands(provider),
    ...registerTimeCommands(provider),
  );
  return {
    engine: () => {
      const s = engineStatus();
      return s.loaded ? { loaded: true } : { loaded: false, error: s.error.message };
    },
    lastRendered: (uri) => provider.lastRendered(uri),
    reportRendered: (on) => provider.setReportRendered(on),
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

/** Line indexes kept across sessions, in the global storage, within `largeFile.lineIndexCacheMB`. */
function startLineIndexStore(context: vscode.ExtensionContext): vscode.Disposable {
  const limit = () => Math.max(0, vscode.workspace.getConfiguration('largeFile').get<number>('lineIndexCacheMB', 256)) * 2 ** 20;
  const store = new LineIndexStore(path.join(context.globalStorageUri.fsPath, 'line-index'), limit());
  configureLineIndexStore(store);
  const watch = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('largeFile.lineIndexCacheMB')) store.setMaxBytes(limit());
  });
  return { dispose: () => (watch.dispose(), configureLineIndexStore(undefined)) };
}

export function deactivate(): void {
  disposeLog();
}
