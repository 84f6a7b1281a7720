// Save, Save As, Revert and hot-exit backups of a document, with progress and cancellation, on
// top of the crash-safe save paths in save/. A failure leaves the file as it was and the
// document dirty, and names the cause.
import * as vscode from 'vscode';
import { openByteSource } from './byteSource';
import { toEngineError } from './engine';
import { codeOf } from './engineError';
import type { LargeFileDocument } from './largeFileDocument';
import { restoreBackup, saveAs, saveInPlaceAsync, saveRewrite, writeBackup } from './save';
import type { EditJournal } from './edits/editJournal';
import type { RewriteSpeed } from './save/rewriteSpeed';
import { decideSave, isAutoSaveOn } from './save/savePolicy';
import { logError, logInfo } from './log';
import { withCancellableProgress } from './progress';
import type { OpenMode } from '../shared/protocol';
import { size } from './l10n/locale';

/** Turns a save failure into an error VS Code shows, naming the file and the cause. */
function saveFailure(document: LargeFileDocument, e: unknown): Error {
  const err = toEngineError(e);
  return new Error(`Could not save ${document.uri.fsPath}: ${err.message} (${err.code}). The file on disk is unchanged.`);
}

/** What a save needs from the extension around it. */
export interface SaveContext {
  /** How fast rewrite saves run here (recorded after each one). */
  readonly rewriteSpeed?: RewriteSpeed;
}

/** Bytes of old content kept in memory for undo past a rewrite save before the user is asked. */
const UNDO_COPY_ASK_BYTES = 256 * 2 ** 20;

/** `files.autoSave` in every scope that may apply to the document (its working copy has a URI of its own). */
function autoSaveValues(uri: vscode.Uri): string[] {
  const values = [vscode.workspace.getConfiguration('files').get<string>('autoSave', 'off')];
  try {
    values.push(vscode.workspace.getConfiguration('files', uri).get<string>('autoSave', 'off'));
  } catch {
    // Expected for a URI without a workspace scope (VS Code throws for it): the window's value is all there is.
  }
  return values;
}

/**
 * Whether a held save came when `files.autoSave: afterDelay` would have made it: its delay after
 * the last change (with room for a loaded machine). Only decides whether to say more than the
 * editor's own note (a notification with Save); never whether to write.
 */
function looksLikeAutoSave(document: LargeFileDocument): boolean {
  const files = vscode.workspace.getConfiguration('files');
  if (files.get<string>('autoSave') !== 'afterDelay') return false;
  const delay = files.get<number>('autoSaveDelay', 1000);
  const since = Date.now() - document.lastChangeAt;
  return since >= delay - 250 && since <= delay + 3000;
}

/** Whether auto save is on for `uri` in any scope that may apply. */
export function autoSaveIsOn(uri: vscode.Uri): boolean {
  return isAutoSaveOn(autoSaveValues(uri));
}

/**
 * Saves the document over its file, when the user asked for it (savePolicy.ts): in place through
 * the mapping when every edit keeps the length (cost proportional to the changed bytes), else a
 * rewrite via a temp file in the same folder and an atomic rename; either way the undo history
 * survives. In Copy mode the file is never written: Save means Save As. A save nobody asked for
 * (auto save) and a cancelled Save As throw a CancellationError: VS Code then keeps the document
 * unsaved and shows no error.
 */
export async function saveDocument(document: LargeFileDocument, _token: vscode.CancellationToken, context: SaveContext = {}): Promise<void> {
  const decision = decideSave({
    mode: document.mode,
    deliberate: document.takeDeliberateSave(),
    autoSave: autoSaveValues(document.uri),
    allowAutoSave: vscode.workspace.getConfiguration('largeFile').get<boolean>('allowAutoSave', false),
  });
  logInfo(`${document.uri.fsPath}: save asked for in ${document.mode} mode → ${decision.kind}`);
  if (decision.kind === 'nothing') return;
  if (decision.kind === 'hold') {
    // VS Code starts a new save over one still running and forgets the first: an auto save that
    // comes while the user's own save is on its way (a Save As dialog open, a big save writing)
    // stands for it, and succeeds when it does.
    const running = document.runningSave;
    if (running) {
      const saved = await running.then(
        () => true,
        () => false,
      );
      if (saved && !document.isDirty) return;
    }
    document.saveHeld(looksLikeAutoSave(document));
    throw new vscode.CancellationError();
  }
  // VS Code cancels its token when another save of the document is asked for (an auto save timer
  // going off while the Save As dialog is open, or while a big save writes): that save is held and
  // waits for this one, so this one goes on. The user cancels with the progress notification.
  const work = decision.kind === 'saveAs' ? saveCopyAs(document) : writeInPlaceOrRewrite(document, context);
  document.runningSave = work;
  try {
    await work;
  } finally {
    if (document.runningSave === work) document.runningSave = undefined;
  }
}

/** Copy mode's Save: where to write the copy, then the copy. A cancelled dialog leaves it unsaved, quietly. */
async function saveCopyAs(document: LargeFileDocument): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save the scratch copy as (the original file is never written in Copy mode)'),
    defaultUri: document.uri.with({ path: `${document.uri.path}.copy` }),
  });
  if (!target) throw new vscode.CancellationError();
  await saveDocumentAs(document, target);
  document.markSaved();
}

async function writeInPlaceOrRewrite(document: LargeFileDocument, context: SaveContext): Promise<void> {
  const file = document.uri.fsPath;
  if (!document.journal.lengthPreserving) {
    // The undo history keeps what the new file will not have (deleted or overwritten bytes).
    const keep = document.journal.historyBytesMissingFromContent();
    if (keep > UNDO_COPY_ASK_BYTES) {
      const withUndo = vscode.l10n.t('Save and Keep Undo');
      const withoutUndo = vscode.l10n.t('Save without Undo');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Undo after saving {0} needs {1} of its old content kept in memory.', basename(document), size(keep)),
        { modal: true, detail: vscode.l10n.t('Saving without undo frees that memory; the edits cannot be undone after the save.') },
        withUndo,
        withoutUndo,
      );
      if (!choice) throw new vscode.CancellationError();
      if (choice === withoutUndo) document.journal.clearHistory();
    }
  }
  try {
    await document.whileSaving(async () => {
      const journal = document.journal;
      if (journal.lengthPreserving) {
        // Between its batches the extension host serves everyone else; the status bar shows it.
        const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Saving {0}', basename(document)) }, (progress) => {
          let last = 0;
          return saveInPlaceAsync(file, journal, {
            expected: document.expected,
            documentMode: document.mode,
            onProgress: (done, total) => {
              const percent = Math.floor((100 * done) / Math.max(1, total));
              if (percent > last) progress.report({ increment: percent - last, message: `${percent}%` });
              last = Math.max(last, percent);
            },
          });
        });
        document.expected = result.fingerprint;
        document.markSaved();
        return;
      }
      const started = Date.now();
      const result = await withCancellableProgress(vscode.l10n.t('Saving {0}', basename(document)), undefined, (report, signal) =>
        saveRewrite(file, journal, {
          expected: document.expected,
          documentMode: document.mode,
          onProgress: report,
          signal,
          beforeReplace: () => {
            // The old file is still whole here: copy what undo will need of it.
            journal.preserveHistoryForRewrite();
            document.releaseMapping();
          },
        }),
      );
      context.rewriteSpeed?.record(result.bytesWritten, Date.now() - started);
      document.expected = result.fingerprint;
      // The file is a new one now: map it, and move the journal (and its undo history) onto it.
      document.rebase(await openByteSource(document.uri));
    });
  } catch (e) {
    logError(`Saving ${file}`, e);
    if (toEngineError(e).code === 'ECANCELED') throw new vscode.CancellationError(); // the user cancelled it: no error toast
    throw saveFailure(document, e);
  }
  logInfo(`${file}: saved`);
}


/** Writes the current content to another file, with progress; the document keeps its own file. */
export async function saveDocumentAs(document: LargeFileDocument, target: vscode.Uri, token?: vscode.CancellationToken): Promise<void> {
  if (target.scheme !== 'file') throw new Error('Save As writes to files on disk only.');
  try {
    await withCancellableProgress(vscode.l10n.t('Saving {0}', target.fsPath), token, (report, signal) =>
      saveAs(document.journal, target.fsPath, { onProgress: report, signal }),
    );
  } catch (e) {
    logError(`Saving ${document.uri.fsPath} as ${target.fsPath}`, e);
    throw saveFailure(document, e);
  }
}

/** Drops every unsaved edit: the document shows the file as it is on disk. */
export async function revertDocument(document: LargeFileDocument): Promise<void> {
  try {
    await document.whileSaving(() => document.revert());
  } catch (e) {
    throw new Error(`Could not revert ${document.uri.fsPath}: ${toEngineError(e).message}`);
  }
}

/** Hot exit: the edit journal and the file's fingerprint, never a copy of the file. */
export async function backupDocument(
  document: LargeFileDocument,
  context: vscode.CustomDocumentBackupContext,
  token: vscode.CancellationToken,
): Promise<vscode.CustomDocumentBackup> {
  const abort = new AbortController();
  const subscription = token.onCancellationRequested(() => abort.abort());
  try {
    const mode = document.mode === 'read' ? undefined : document.mode;
    if (document.expected) await writeBackup(context.destination.fsPath, document.journal, document.expected, abort.signal, document.uri.toString(), mode);
  } finally {
    subscription.dispose();
  }
  return {
    id: context.destination.toString(),
    // Gone already is fine (VS Code removes its backup folder); anything else leaves a stale file.
    delete: () =>
      void vscode.workspace.fs.delete(context.destination).then(undefined, (e: unknown) => {
        if (codeOf(e) !== 'FileNotFound') logError(`Deleting the backup ${context.destination.fsPath}`, e);
      }),
  };
}

/**
 * Restores a hot-exit backup onto `base`. If the file changed since the backup, asks instead of
 * applying edits to content they were not made for.
 */
export async function restoreFromBackup(
  backupId: string,
  fileUri: vscode.Uri,
  base: Parameters<typeof restoreBackup>[1],
  current: Parameters<typeof restoreBackup>[2],
): Promise<{ journal: EditJournal; mode?: OpenMode } | undefined> {
  const backup = vscode.Uri.parse(backupId).fsPath;
  const result = restoreBackup(backup, base, current);
  const modeOf = (header: { mode?: unknown }): OpenMode | undefined => (header.mode === 'write' || header.mode === 'copy' ? header.mode : undefined);
  if (result.status === 'restored') return { journal: result.journal, mode: modeOf(result.header) };
  if (result.status === 'invalid') {
    void vscode.window.showWarningMessage(vscode.l10n.t('The unsaved edits of {0} could not be restored: {1}', fileUri.fsPath, result.reason));
    return undefined;
  }
  const apply = vscode.l10n.t('Apply my edits anyway');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} changed since your unsaved edits were backed up ({1}).', fileUri.fsPath, result.reason),
    { modal: true },
    apply,
    vscode.l10n.t('Discard my edits'),
  );
  if (choice !== apply) return undefined;
  const forced = restoreBackup(backup, base, current, { force: true });
  return forced.status === 'restored' ? { journal: forced.journal, mode: modeOf(forced.header) } : undefined;
}

function basename(document: LargeFileDocument): string {
  return document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
}
