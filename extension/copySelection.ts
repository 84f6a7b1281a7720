// Copies the selected bytes of an editor to the clipboard, read straight from the document.
import * as vscode from 'vscode';
import { COPY_FORMATS, CopyFormat, copyLimit, formatForClipboard } from './copyFormats';
import type { EditorSession } from './editorSession';
import { toEngineError } from './engine';
import type { CopyRange } from '../shared/protocol';

/** Copies `range`, or the session's last reported selection. */
export async function copySelection(session: EditorSession, format: CopyFormat, range?: CopyRange): Promise<boolean> {
  const status = range ?? (session.status && {
    start: session.status.selectionStart,
    length: session.status.selectionLength,
    encoding: session.status.encoding,
  });
  if (!status || status.length === 0) {
    void vscode.window.showInformationMessage('Select some bytes first (shift + arrows or drag).');
    return false;
  }
  const limit = copyLimit(format);
  if (status.length > limit) {
    void vscode.window.showWarningMessage(
      `The selection is ${status.length.toLocaleString('en-US')} bytes; copying as ${label(format)} is limited to ` +
        `${(limit / 1024 / 1024).toFixed(0)} MiB. Select less, or copy in another format.`,
    );
    return false;
  }
  try {
    const bytes = session.document.read(status.start, status.length);
    await vscode.env.clipboard.writeText(formatForClipboard(bytes, format, status.encoding, status.start));
    vscode.window.setStatusBarMessage(`Copied ${status.length.toLocaleString('en-US')} bytes as ${label(format)}`, 3000);
    return true;
  } catch (e) {
    void vscode.window.showErrorMessage(`Copy failed: ${toEngineError(e).message}`);
    return false;
  }
}

export async function pickCopyFormat(): Promise<CopyFormat | undefined> {
  const pick = await vscode.window.showQuickPick(
    COPY_FORMATS.map((f) => ({ label: f.label, detail: f.detail, format: f.format })),
    { title: 'Copy selection as' },
  );
  return pick?.format;
}

function label(format: CopyFormat): string {
  return COPY_FORMATS.find((f) => f.format === format)?.label ?? format;
}
