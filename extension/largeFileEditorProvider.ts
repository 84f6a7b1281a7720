// The custom editor: one document per file (shared by all its editors), one session per webview.
import * as vscode from 'vscode';
import { LargeFileDocument } from './largeFileDocument';
import { EditorSession, RenderedRows } from './editorSession';
import { StatusBar } from './statusBar';
import { copySelection } from './copySelection';
import { backupDocument, restoreFromBackup, revertDocument, saveDocument, saveDocumentAs } from './documentSaver';
import { discardRollbackJournal, findBackupFor, fingerprintFile, recoverFile } from './save';
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

  /** `backupFolder`: where VS Code has the extension write hot-exit backups (the workspace storage). */
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly statusBar: StatusBar,
    private readonly backupFolder?: vscode.Uri,
  ) {}

  /** Documents restored from a backup VS Code did not hand back, until their editor exists. */
  private readonly restoredUnclaimed = new WeakSet<LargeFileDocument>();

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
    const unclaimed = context.backupId ? undefined : this.unclaimedBackup(uri);
    const backupId = context.backupId ?? unclaimed;
    const document = await LargeFileDocument.open(uri, mode, backupId && uri.scheme === 'file'
      ? async (base) => restoreFromBackup(backupId, uri, base, fingerprintFile(uri.fsPath))
      : undefined);
    if (unclaimed && document.isDirty) this.restoredUnclaimed.add(document);
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

  /**
   * A backup of `uri`'s unsaved edits that VS Code did not hand back. code-server, reloading a
   * window under load, can reopen a dirty document without its backup id (the tab comes back
   * dirty, the edits would not); the backup is still on disk. Only a backup made against the
   * file exactly as it is now is taken; VS Code deletes backups it no longer needs (after a save,
   * a revert, or closing without saving).
   */
  private unclaimedBackup(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file' || this.backupFolder?.scheme !== 'file') return undefined;
    try {
      const found = findBackupFor(this.backupFolder.fsPath, uri.toString(), () => fingerprintFile(uri.fsPath));
      return found ? vscode.Uri.file(found).toString() : undefined;
    } catch {
      return undefined; // the file cannot be read: opening it will say why
    }
  }

  /**
   * VS Code did not know these edits came back: an undoable edit tells it, so the tab shows
   * them unsaved and Save, Revert and closing treat them as such. Undo shows the file without
   * them; redo brings them back.
   */
  private announceRestoredEdits(document: LargeFileDocument): void {
    const restored = document.journal;
    this.editEmitter.fire({
      document,
      label: 'Restore unsaved edits',
      undo: () => document.replaceJournal(undefined),
      redo: () => document.replaceJournal(undefined, restored),
    });
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
    if (this.restoredUnclaimed.delete(document)) this.announceRestoredEdits(document);
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
