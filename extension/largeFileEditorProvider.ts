// The custom editor: one document per file (shared by all its editors), one session per webview.
import * as vscode from 'vscode';
import { LargeFileDocument } from './largeFileDocument';
import { EditorSession, RenderedRows } from './editorSession';
import { StatusBar } from './statusBar';
import { copySelection } from './copySelection';
import { backupDocument, restoreFromBackup, revertDocument, saveDocument, saveDocumentAs } from './documentSaver';
import { fingerprintFile, recoverFile, discardRollbackJournal } from './save';
import type { HostMessage, OpenMode } from '../shared/protocol';

export const VIEW_TYPE = 'largeFile.editor';

export class LargeFileEditorProvider implements vscode.CustomEditorProvider<LargeFileDocument>, vscode.Disposable {
  private readonly sessions = new Set<EditorSession>();
  private readonly editEmitter = new vscode.EventEmitter<vscode.CustomDocumentEditEvent<LargeFileDocument>>();
  /** Every recorded edit, with its undo and redo, for VS Code's undo stack and dirty state. */
  readonly onDidChangeCustomDocument = this.editEmitter.event;
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

  /** The open document of `uri`, if an editor shows it. */
  documentOf(uri: vscode.Uri): LargeFileDocument | undefined {
    for (const s of this.sessions) if (s.document.uri.toString() === uri.toString()) return s.document;
    return undefined;
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

  async openCustomDocument(uri: vscode.Uri, context: vscode.CustomDocumentOpenContext): Promise<LargeFileDocument> {
    if (uri.scheme === 'file') await this.recover(uri);
    const mode = vscode.workspace.getConfiguration('largeFile').get<OpenMode>('defaultMode', 'write');
    const backupId = context.backupId;
    const document = await LargeFileDocument.open(uri, mode, backupId && uri.scheme === 'file'
      ? async (base) => restoreFromBackup(backupId, uri, base, fingerprintFile(uri.fsPath))
      : undefined);
    document.onDidRecordEdit(({ label, generation }) =>
      this.editEmitter.fire({
        document,
        label,
        undo: () => document.step(generation, 'undo'),
        redo: () => document.step(generation, 'redo'),
      }),
    );
    return document;
  }

  /** Finishes a save that was interrupted (a crash mid-way), before the file is mapped. */
  private async recover(uri: vscode.Uri): Promise<void> {
    const report = recoverFile(uri.fsPath);
    const outcome = report.outcome;
    if (outcome.status === 'restored') {
      void vscode.window.showWarningMessage(
        `A save of ${uri.fsPath} was interrupted; the file was restored to its content from before that save.`,
      );
    } else if (outcome.status === 'mismatch') {
      const discard = 'Keep the file as it is';
      const choice = await vscode.window.showWarningMessage(
        `${uri.fsPath} has the journal of an interrupted save, but the file changed since (${outcome.reason}). It was not applied.`,
        discard,
      );
      if (choice === discard) discardRollbackJournal(uri.fsPath);
    } else if (outcome.status === 'failed') {
      void vscode.window.showErrorMessage(`An interrupted save of ${uri.fsPath} could not be rolled back: ${outcome.error.message}`);
    }
  }

  saveCustomDocument(document: LargeFileDocument, token: vscode.CancellationToken): Promise<void> {
    return saveDocument(document, token);
  }

  saveCustomDocumentAs(document: LargeFileDocument, destination: vscode.Uri, token: vscode.CancellationToken): Promise<void> {
    return saveDocumentAs(document, destination, token);
  }

  revertCustomDocument(document: LargeFileDocument): Promise<void> {
    return revertDocument(document);
  }

  backupCustomDocument(
    document: LargeFileDocument,
    context: vscode.CustomDocumentBackupContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CustomDocumentBackup> {
    return backupDocument(document, context, token);
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
    this.editEmitter.dispose();
  }
}
