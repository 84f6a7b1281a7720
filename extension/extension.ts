// Activation: registers the custom editor and the commands. Never throws — the extension host is
// shared by every extension, and a failed addon load is reported inside the editor instead.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { engineStatus } from './engine';
import { LargeFileEditorProvider, RenderedRows, VIEW_TYPE } from './largeFileEditorProvider';

/** What the extension exports; the integration tests use it to see what the webview rendered. */
export interface LargeFileEditorApi {
  readonly engine: () => { loaded: boolean; error?: string };
  readonly lastRendered: (uri: vscode.Uri) => RenderedRows | undefined;
  readonly onDidRender: vscode.Event<vscode.Uri>;
}

export function activate(context: vscode.ExtensionContext): LargeFileEditorApi {
  const provider = new LargeFileEditorProvider(context.extensionUri);
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(VIEW_TYPE, provider, {
      supportsMultipleEditorsPerDocument: true,
    }),
    ...registerCommands(),
  );
  return {
    engine: () => {
      const s = engineStatus();
      return s.loaded ? { loaded: true } : { loaded: false, error: s.error.message };
    },
    lastRendered: (uri) => provider.lastRendered(uri),
    onDidRender: provider.onDidRender,
  };
}

export function deactivate(): void {}
