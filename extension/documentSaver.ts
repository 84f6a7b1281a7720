// Save, Save As, Revert and hot-exit backups of a document, with progress and cancellation, on
// top of the crash-safe save paths in save/. A failure leaves the file as it was and the
// document dirty, and names the cause.
import * as vscode from 'vscode';
import { openByteSource } from './byteSource';
import { toEngineError } from './engine';
import type { LargeFileDocument } from './largeFileDocument';
import { restoreBackup, saveAs, saveInPlaceAsync, saveRewrite, writeBackup } from './save';
import type { EditJournal } from './edits/editJournal';

/** Runs `work` under a cancellable progress notification. */
async function withProgress<T>(
  title: string,
  token: vscode.CancellationToken,
  work: (report: (done: number, total: number) => void, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, progressToken) => {
      const abort = new AbortController();
      const cancel = () => abort.abort();
      const subscriptions = [token.onCancellationRequested(cancel), progressToken.onCancellationRequested(cancel)];
      let last = 0;
      try {
        return await work((done, total) => {
          const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
          if (percent > last) {
            progress.report({ increment: percent - last, message: `${percent}%` });
            last = percent;
          }
        }, abort.signal);
      } finally {
        for (const s of subscriptions) s.dispose();
      }
    },
  );
}

/** Turns a save failure into an error VS Code shows, naming the file and the cause. */
function saveFailure(document: LargeFileDocument, e: unknown): Error {
  const err = toEngineError(e);
  return new Error(`Could not save ${document.uri.fsPath}: ${err.message} (${err.code}). The file on disk is unchanged.`);
}

/**
 * Saves the document over its file: in place through the mapping when every edit keeps the
 * length (cost proportional to the changed bytes), else a rewrite via a temp file in the same
 * folder and an atomic rename. In copy mode the file is never written: Save means Save As.
 */
export async function saveDocument(document: LargeFileDocument, token: vscode.CancellationToken): Promise<void> {
  if (document.mode === 'copy') {
    const target = await vscode.window.showSaveDialog({
      title: 'Save the scratch copy as (the original file is never written in Copy mode)',
      defaultUri: document.uri.with({ path: `${document.uri.path}.copy` }),
    });
    if (!target) throw new Error('Save cancelled: in Copy mode the scratch copy is saved to a new file.');
    await saveDocumentAs(document, target, token);
    document.markSaved();
    return;
  }
  if (document.mode === 'read') throw new Error('This file is open read-only; nothing to save.');
  const file = document.uri.fsPath;
  try {
    await document.whileSaving(async () => {
      const journal = document.journal;
      if (journal.lengthPreserving) {
        // Between its batches the extension host serves everyone else; the status bar shows it.
        const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Saving ${basename(document)}` }, (progress) => {
          let last = 0;
          return saveInPlaceAsync(file, journal, {
            expected: document.expected,
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
      const result = await withProgress(`Saving ${basename(document)}`, token, (report, signal) =>
        saveRewrite(file, journal, {
          expected: document.expected,
          onProgress: report,
          signal,
          beforeReplace: () => document.releaseMapping(),
        }),
      );
      document.expected = result.fingerprint;
      // The file is a new one now: map it and start a fresh journal over it.
      document.replaceJournal(await openByteSource(document.uri, 'read'));
    });
  } catch (e) {
    throw saveFailure(document, e);
  }
}

/** Writes the current content to another file, with progress; the document keeps its own file. */
export async function saveDocumentAs(document: LargeFileDocument, target: vscode.Uri, token: vscode.CancellationToken): Promise<void> {
  if (target.scheme !== 'file') throw new Error('Save As writes to files on disk only.');
  try {
    await withProgress(`Saving ${target.fsPath}`, token, (report, signal) =>
      saveAs(document.journal, target.fsPath, { onProgress: report, signal }),
    );
  } catch (e) {
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
    if (document.expected) await writeBackup(context.destination.fsPath, document.journal, document.expected, abort.signal, document.uri.toString());
  } finally {
    subscription.dispose();
  }
  return {
    id: context.destination.toString(),
    delete: () => void vscode.workspace.fs.delete(context.destination).then(undefined, () => undefined),
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
): Promise<EditJournal | undefined> {
  const backup = vscode.Uri.parse(backupId).fsPath;
  const result = restoreBackup(backup, base, current);
  if (result.status === 'restored') return result.journal;
  if (result.status === 'invalid') {
    void vscode.window.showWarningMessage(`The unsaved edits of ${fileUri.fsPath} could not be restored: ${result.reason}`);
    return undefined;
  }
  const apply = 'Apply my edits anyway';
  const choice = await vscode.window.showWarningMessage(
    `${fileUri.fsPath} changed since your unsaved edits were backed up (${result.reason}).`,
    { modal: true },
    apply,
    'Discard my edits',
  );
  if (choice !== apply) return undefined;
  const forced = restoreBackup(backup, base, current, { force: true });
  return forced.status === 'restored' ? forced.journal : undefined;
}

function basename(document: LargeFileDocument): string {
  return document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
}
