// Activation: registers the custom editor and the commands. Never throws — the extension host is
// shared by every extension, and a failed addon load is reported inside the editor instead.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AutoOpen } from './autoOpen';
import { registerCommands } from './commands';
import { LargeFileEditorProvider, VIEW_TYPE } from './largeFileEditorProvider';
import { configureLineIndexStore, LineIndexStore } from './lines/lineIndexStore';
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
import { NO_API, testApi, type LargeFileEditorApi } from './testApi';
import { testHooksEnabled } from './testHooks';
import { installTranslator } from './l10n/locale';

export type { LargeFileEditorApi } from './testApi';

export function activate(context: vscode.ExtensionContext): LargeFileEditorApi | typeof NO_API {
  installTranslator();
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
  // The API is the tests' door into the editors (type as if in a webview, read what it drew): it
  // exists only when the test harness asks for it, never for the other extensions of a user.
  return testHooksEnabled() ? testApi(provider, slices) : NO_API;
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
