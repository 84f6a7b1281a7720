// The custom editor: one document per file (shared by all its editors), one session per webview.
import * as vscode from 'vscode';
import { LargeFileDocument } from './largeFileDocument';
import { EditorSession, RenderedRows } from './editorSession';
import { StatusBar } from './statusBar';
import { copySelection } from './copySelection';
import type { HostMessage } from '../shared/protocol';

export const VIEW_TYPE = 'largeFile.editor';

export class LargeFileEditorProvider implements vscode.CustomReadonlyEditorProvider<LargeFileDocument>, vscode.Disposable {
  private readonly sessions = new Set<EditorSession>();
  private active: EditorSession | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidRender = this.renderedEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly statusBar: StatusBar) {}

  /** What the most recently rendering webview of `uri` shows; for tests and diagnostics. */
  lastRendered(uri: vscode.Uri): RenderedRows | undefined {
    let latest: RenderedRows | undefined;
    for (const s of this.sessions) if (s.document.uri.toString() === uri.toString() && s.rendered) latest = s.rendered;
    return latest;
  }

  get activeSession(): EditorSession | undefined {
    return this.active;
  }

  /** Sends a message to the webview of the active Large File Editor; false if there is none. */
  postToActive(message: HostMessage): boolean {
    if (!this.active) return false;
    this.active.post(message);
    return true;
  }

  openCustomDocument(uri: vscode.Uri): Promise<LargeFileDocument> {
    return LargeFileDocument.open(uri, 'read');
  }

  resolveCustomEditor(document: LargeFileDocument, panel: vscode.WebviewPanel): void {
    const session = new EditorSession(document, panel, this.extensionUri, {
      onStatus: (s) => s === this.active && this.statusBar.show(s.document, s.status),
      onRendered: (s) => this.renderedEmitter.fire(s.document.uri),
      onActive: (s, isActive) => {
        if (isActive) {
          this.active = s;
          this.statusBar.show(s.document, s.status);
        } else if (this.active === s) {
          this.active = undefined;
          this.statusBar.hide();
        }
      },
      onGotoFailed: (message) => void vscode.window.showWarningMessage(message),
      onCopy: (s, format, range) => void copySelection(s, format, range),
    });
    this.sessions.add(session);
    if (panel.active) this.active = session;
    panel.onDidDispose(() => {
      this.sessions.delete(session);
      if (this.active === session) {
        this.active = undefined;
        this.statusBar.hide();
      }
      session.dispose();
    });
  }

  dispose(): void {
    for (const s of this.sessions) s.dispose();
    this.sessions.clear();
    this.renderedEmitter.dispose();
  }
}
