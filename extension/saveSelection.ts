// Save Selection As…: the selected bytes of any size written to a new file, as the document shows
// them (unsaved edits included), streamed from a snapshot of the edit journal in 4 MiB chunks by
// the crash-safe Save As path (save/rangeContent.ts, save/rewriteSave.ts), under a notification
// with a percentage and Cancel. A cancelled or failed save leaves the target as it was (the temp
// file goes). The big document's own saves wait while it runs (they may rewrite what it reads).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EditorSession } from './editorSession';
import { toEngineError } from './engine';
import { logError, logInfo } from './log';
import { withCancellableProgress } from './progress';
import { contentRange, saveAs } from './save';
import { byteRangeLabel } from './slices/sliceAddress';
import { size } from './l10n/locale';

/** A range (and a target path) a script passed, or undefined. */
function scriptedArgument(arg: unknown): { start: number; length: number; target?: string } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { start, length, target } = arg as Record<string, unknown>;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(length) || (start as number) < 0 || (length as number) < 0) return undefined;
  return { start: start as number, length: length as number, target: typeof target === 'string' ? target : undefined };
}

/** Writes the selection (or the range a script passed) to a file the user picks; resolves whether it was written. */
export async function saveSelectionAs(session: EditorSession, arg?: unknown): Promise<boolean> {
  const document = session.document;
  const scripted = scriptedArgument(arg);
  const range = scripted ?? (session.status && { start: session.status.selectionStart, length: session.status.selectionLength });
  if (!range || range.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select some bytes first (shift + arrows or drag).'));
    return false;
  }
  const name = path.posix.basename(document.uri.path);
  const label = byteRangeLabel(range.start, range.length);
  const target =
    (scripted?.target !== undefined ? vscode.Uri.file(scripted.target) : undefined) ??
    (await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save {0} of {1} as', label, name),
      saveLabel: vscode.l10n.t('Save Selection'),
      defaultUri: vscode.Uri.joinPath(document.uri, '..', defaultName(name, label)),
    }));
  if (!target) return false;
  if (target.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Save Selection As writes to files on disk only.'));
    return false;
  }
  if (document.uri.scheme === 'file' && path.resolve(target.fsPath) === path.resolve(document.uri.fsPath)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('That is {0} itself: choose another file for the selection.', name));
    return false;
  }
  const where = path.basename(target.fsPath);
  try {
    const result = await document.whileReading(() =>
      withCancellableProgress(vscode.l10n.t('Saving {0} of {1} to {2}', label, name, where), undefined, (report, signal) =>
        saveAs(contentRange(document.journal, range.start, range.length), target.fsPath, { onProgress: report, signal }),
      ),
    );
    logInfo(`${document.uri.fsPath}: ${label} saved to ${target.fsPath}`);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Saved {0} ({1}) to {2}', size(result.bytesWritten), label, where), 5000);
    return true;
  } catch (e) {
    const err = toEngineError(e);
    if (err.code === 'ECANCELED') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Save Selection As cancelled: {0} was not written.', where));
      return false;
    }
    logError(`Saving ${label} of ${document.uri.fsPath} to ${target.fsPath}`, e);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not save {0} of {1} to {2}: {3}', label, name, target.fsPath, err.message));
    return false;
  }
}

/** "app (bytes 1,024–2,047).log" → a file name without spaces and commas: "app.bytes-1024-2047.log". */
function defaultName(fileName: string, label: string): string {
  const dot = fileName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  return `${stem}.${label.replace(/,/g, '').replace(/[\s–]+/g, '-')}${ext}`;
}
