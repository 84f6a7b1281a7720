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
import { disposeLog } from './log';
import { registerTimeCommands } from './time/timeCommands';
import type { EditOp, FindQuery, OpenMode, ViewStatus } from '../shared/protocol';

/** What the extension exports; the integration tests use it to see what the webview rendered. */
export interface LargeFileEditorApi {
  readonly engine: () => { loaded: boolean; error?: string };
  readonly lastRendered: (uri: vscode.Uri) => RenderedRows | undefined;
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
}

export function activate(context: vscode.ExtensionContext): LargeFileEditorApi {
  context.subscriptions.push(startLineIndexStore(context));
  const statusBar = new StatusBar();
  const provider = new LargeFileEditorProvider(context.extensionUri, statusBar, {
    backupFolder: context.storageUri,
    workspaceState: context.workspaceState,
    globalState: context.globalState,
  });
  const autoOpen = new AutoOpen();
  context.subscriptions.push(
    statusBar,
    provider,
    autoOpen,
    vscode.window.registerCustomEditorProvider(VIEW_TYPE, provider, {
      supportsMultipleEditorsPerDocument: true,
    }),
    ...registerCommands(provider, autoOpen),
    ...registerTimeCommands(provider),
  );
  return {
    engine: () => {
      const s = engineStatus();
      return s.loaded ? { loaded: true } : { loaded: false, error: s.error.message };
    },
    lastRendered: (uri) => provider.lastRendered(uri),
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
