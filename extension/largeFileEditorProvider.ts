// The custom editor: one document per file (shared by all its editors), one session per webview.
import * as vscode from 'vscode';
import { LargeFileDocument } from './largeFileDocument';
import { EditorSession, RenderedRows, wordWrapSettings } from './editorSession';
import { StatusBar } from './statusBar';
import { copySelection } from './copySelection';
import { autoSaveIsOn, backupDocument, restoreFromBackup, revertDocument, saveDocument, saveDocumentAs } from './documentSaver';
import { pickMode, switchMode, type ModeSwitchHost } from './modes/modeSwitcher';
import { modeDescription } from './modes/modeTransitions';
import { discardRollbackJournal, findBackupFor, fingerprintFile, recoverFile } from './save';
import { RewriteSpeed } from './save/rewriteSpeed';
import { ViewMemory } from './viewChoice';
import { logError, logFailure, logInfo } from './log';
import { testHooksEnabled } from './testHooks';
import type { HostMessage, OpenMode } from '../shared/protocol';

/** What the provider keeps between sessions. */
export interface ProviderStorage {
  /** Where VS Code has the extension write hot-exit backups (the workspace storage). */
  readonly backupFolder?: vscode.Uri;
  /** Per workspace: notes shown once. */
  readonly workspaceState?: vscode.Memento;
  /** Across workspaces: the measured rewrite speed. */
  readonly globalState?: vscode.Memento;
}

/** Workspace-state key: the auto-save note was shown in this workspace. */
const AUTO_SAVE_NOTE_SHOWN = 'largeFile.autoSaveNoteShown';

export const VIEW_TYPE = 'largeFile.editor';

export class LargeFileEditorProvider implements vscode.CustomEditorProvider<LargeFileDocument>, vscode.Disposable {
  private readonly sessions = new Set<EditorSession>();
  private readonly editEmitter = new vscode.EventEmitter<vscode.CustomDocumentEditEvent<LargeFileDocument>>();
  /** Every recorded edit, with its undo and redo, for VS Code's undo stack and dirty state. */
  readonly onDidChangeCustomDocument = this.editEmitter.event;
  private active: EditorSession | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidRender = this.renderedEmitter.event;

  private readonly backupFolder: vscode.Uri | undefined;
  readonly rewriteSpeed: RewriteSpeed;
  private readonly viewMemory: ViewMemory;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly statusBar: StatusBar,
    private readonly storage: ProviderStorage = {},
  ) {
    this.backupFolder = storage.backupFolder;
    this.rewriteSpeed = new RewriteSpeed(storage.globalState);
    this.viewMemory = new ViewMemory(storage.workspaceState);
  }

  /** Documents restored from a backup VS Code did not hand back, until their editor exists. */
  private readonly restoredUnclaimed = new WeakSet<LargeFileDocument>();

  private reportRendered = false;

  /**
   * Whether webviews report the rows they draw (a message after each draw): off unless a test
   * turns it on (LargeFileEditorApi.reportRendered), so no editor pays for it otherwise.
   */
  setReportRendered(on: boolean): void {
    if (!testHooksEnabled()) return; // Not a test: webviews never report what they draw.
    this.reportRendered = on;
    for (const s of this.sessions) s.post({ type: 'reportRendered', on });
  }

  /** The word-wrap settings changed: every editor hears it (one whose wrap was toggled keeps it). */
  wordWrapChanged(): void {
    const { wordWrap, wordWrapColumn } = wordWrapSettings();
    for (const s of this.sessions) s.post({ type: 'setWordWrap', wrap: wordWrap, column: wordWrapColumn });
  }

  /** What the most recently rendering webview of `uri` shows; for tests (see setReportRendered). */
  lastRendered(uri: vscode.Uri): RenderedRows | undefined {
    let latest: RenderedRows | undefined;
    for (const s of this.sessions) if (s.document.uri.toString() === uri.toString() && s.rendered) latest = s.rendered;
    return latest;
  }

  /** The notice an editor of `uri` reported showing instead of rows; for tests (see setReportRendered). */
  lastNotice(uri: vscode.Uri): { code: string; text: string } | undefined {
    let latest: { code: string; text: string } | undefined;
    for (const s of this.sessions) if (s.document.uri.toString() === uri.toString() && s.notice) latest = s.notice;
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
    const mode = vscode.workspace.getConfiguration('largeFile').get<OpenMode>('defaultMode', 'read');
    const unclaimed = context.backupId ? undefined : this.unclaimedBackup(uri);
    const backupId = context.backupId ?? unclaimed;
    const workspaceFolders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const document = await LargeFileDocument.open(
      uri,
      mode === 'write' || mode === 'copy' ? mode : 'read',
      backupId && uri.scheme === 'file' ? async (base) => restoreFromBackup(backupId, uri, base, fingerprintFile(uri.fsPath)) : undefined,
      workspaceFolders,
    );
    if (unclaimed && document.isDirty) this.restoredUnclaimed.add(document);
    document.onDidHoldSave(({ looksAutomatic }) => this.saveWasHeld(document, looksAutomatic));
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
    } catch (e) {
      // The file cannot be read: opening it will say why.
      logError(`Looking for an unclaimed backup of ${uri.fsPath}`, e);
      return undefined;
    }
  }

  /**
   * VS Code did not know these edits came back: an undoable edit tells it, so the tab shows
   * them unsaved and Save, Revert and closing treat them as such. Undo shows the file without
   * them; redo brings them back.
   */
  private announceRestoredEdits(document: LargeFileDocument, label = 'Restore unsaved edits'): void {
    const restored = document.journal;
    this.editEmitter.fire({
      document,
      label,
      undo: () => document.replaceJournal(undefined),
      redo: () => document.replaceJournal(undefined, restored),
    });
  }

  /** The session showing `document`, the active one first. */
  private sessionOf(document: LargeFileDocument): EditorSession | undefined {
    if (this.active?.document === document) return this.active;
    for (const s of this.sessions) if (s.document === document) return s;
    return undefined;
  }

  /** Makes `document`'s editor the active one, so VS Code's save and revert commands act on it. */
  private async activate(document: LargeFileDocument): Promise<void> {
    const session = this.sessionOf(document);
    if (session && !session.panel.active) {
      session.panel.reveal(session.panel.viewColumn, false);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * A save the user asked for (the editor's Save command, Ctrl+S in it, the toolbar's Save, a
   * mode change that saves first): marked deliberate, then run through VS Code's own save so its
   * dirty state follows. Resolves whether the document is saved afterwards.
   */
  async saveDeliberately(document: LargeFileDocument): Promise<boolean> {
    await this.activate(document);
    const disarm = document.armDeliberateSave();
    try {
      await vscode.commands.executeCommand('workbench.action.files.save');
      // VS Code lets go of a save that another save request overtook (an auto save timer); the
      // save itself goes on here, and is what counts.
      // Its failure is not lost here: the save itself logged it and VS Code showed it.
      await document.runningSave?.catch(() => undefined);
    } finally {
      disarm();
    }
    logInfo(`${document.uri.fsPath}: deliberate save ${document.isDirty ? 'did not complete' : 'done'}`);
    return !document.isDirty;
  }

  /** Drops every edit of `document`, through VS Code's revert when VS Code counts it as unsaved. */
  async discardEdits(document: LargeFileDocument): Promise<void> {
    if (document.isDirty) {
      await this.activate(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    // A Copy mode document whose copy was saved: VS Code sees nothing to revert.
    if (document.hasEditsOverFile) await revertDocument(document);
  }

  private readonly modeHost: ModeSwitchHost = {
    save: (document) => this.saveDeliberately(document),
    discard: (document) => this.discardEdits(document),
    markUnsaved: (document) => {
      document.markUnsaved();
      this.announceRestoredEdits(document, 'Keep the edits made in Copy mode');
    },
    afterInPlace: (document) => this.noteAutoSave(document),
  };

  /** Changes the mode of `document` (asking first where the rules say so); `to` undefined: the picker. */
  async changeMode(document: LargeFileDocument, to?: OpenMode): Promise<boolean> {
    const autoSave = autoSaveIsOn(document.uri);
    const mode = to ?? (await pickMode(document, (m) => modeDescription(m, autoSave)));
    if (!mode) return false;
    const from = document.mode;
    try {
      const changed = await switchMode(document, mode, this.modeHost);
      logInfo(`${document.uri.fsPath}: mode ${from} → ${mode} ${changed ? 'done' : 'not changed'}`);
      return changed;
    } catch (e) {
      logError(`Switching ${document.uri.fsPath} from ${from} to ${mode}`, e);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not switch {0} to {1}: {2}', document.uri.fsPath, mode, e instanceof Error ? e.message : String(e)));
      return false;
    }
  }

  private heldNoticeAt = new WeakMap<LargeFileDocument, number>();

  /**
   * A save VS Code asked for was held (auto save is on, and the save did not come from the
   * editor's own Save). The editor's note says so; when it did not look like auto save — File >
   * Save, the Save button of a close prompt, a focus change under `onFocusChange` — a notification
   * offers the save the user may have meant (at most every 20 s per document).
   */
  private saveWasHeld(document: LargeFileDocument, looksAutomatic: boolean): void {
    if (looksAutomatic || !document.isDirty) return;
    const now = Date.now();
    if (now - (this.heldNoticeAt.get(document) ?? 0) < 20_000) return;
    this.heldNoticeAt.set(document, now);
    const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
    const save = vscode.l10n.t('Save to File');
    const discard = vscode.l10n.t('Discard Edits');
    const what = document.mode === 'copy' ? vscode.l10n.t('The copy of {0} was not saved', name) : vscode.l10n.t('{0} was not saved', name);
    void vscode.window
      .showWarningMessage(vscode.l10n.t('{0}: with auto save on, the Large File Editor writes only when you save from the editor (Ctrl+S in it).', what), save, discard)
      .then((choice) => {
        if (choice === save) logFailure(`Saving ${document.uri.fsPath}`, this.saveDeliberately(document));
        else if (choice === discard) logFailure(`Discarding the edits of ${document.uri.fsPath}`, this.discardEdits(document));
      });
  }

  /**
   * Once per workspace, when a file is first switched to In place while auto save is on: this
   * editor does not let auto save write it (savePolicy.ts), and says how to save.
   */
  private noteAutoSave(document: LargeFileDocument): void {
    const state = this.storage.workspaceState;
    if (!autoSaveIsOn(document.uri) || vscode.workspace.getConfiguration('largeFile').get<boolean>('allowAutoSave', false)) return;
    if (state?.get<boolean>(AUTO_SAVE_NOTE_SHOWN)) return;
    void state?.update(AUTO_SAVE_NOTE_SHOWN, true);
    const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Auto save is on, but the Large File Editor writes {0} only when you save it yourself: Ctrl+S, or Save in its toolbar.', name),
    );
  }

  /** Finishes a save that was interrupted (a crash mid-way), before the file is mapped. */
  private async recover(uri: vscode.Uri): Promise<void> {
    const report = recoverFile(uri.fsPath);
    const outcome = report.outcome;
    if (outcome.status === 'restored') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('A save of {0} was interrupted; the file was restored to its content from before that save.', uri.fsPath),
      );
    } else if (outcome.status === 'mismatch') {
      const discard = vscode.l10n.t('Keep the file as it is');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} has the journal of an interrupted save, but the file changed since ({1}). It was not applied.', uri.fsPath, outcome.reason),
        discard,
      );
      if (choice === discard) discardRollbackJournal(uri.fsPath);
    } else if (outcome.status === 'failed') {
      logError(`Rolling back the interrupted save of ${uri.fsPath} (its journal is kept for the next open)`, outcome.error);
      void vscode.window.showErrorMessage(vscode.l10n.t('An interrupted save of {0} could not be rolled back: {1}', uri.fsPath, outcome.error.message));
    }
  }

  saveCustomDocument(document: LargeFileDocument, token: vscode.CancellationToken): Promise<void> {
    return saveDocument(document, token, { rewriteSpeed: this.rewriteSpeed });
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
      onRequestMode: (s, mode) => logFailure(`Switching ${s.document.uri.fsPath} to ${mode}`, this.changeMode(s.document, mode)),
      rewriteSpeed: this.rewriteSpeed,
      viewMemory: this.viewMemory,
    }, () => this.reportRendered);
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
