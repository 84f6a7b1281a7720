// Copies the selected bytes of an editor to the clipboard, read straight from the document.
import * as vscode from 'vscode';
import { COPY_FORMATS, CopyFormat, copyLimit, formatForClipboard } from './copyFormats';
import type { EditorSession } from './editorSession';
import { toEngineError } from './engine';
import type { CopyRange } from '../shared/protocol';
import { num } from './l10n/locale';

/** Copies `range`, or the session's last reported selection. */
export async function copySelection(session: EditorSession, format: CopyFormat, range?: CopyRange): Promise<boolean> {
  const status = range ?? (session.status && {
    start: session.status.selectionStart,
    length: session.status.selectionLength,
    encoding: session.status.encoding,
  });
  if (!status || status.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select some bytes first (shift + arrows or drag).'));
    return false;
  }
  const limit = copyLimit(format);
  if (status.length > limit) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The selection is {0} bytes; copying as {1} is limited to {2} MiB. Select less, or copy in another format.', num(status.length), label(format), num(limit / 1024 / 1024)),
    );
    return false;
  }
  try {
    const bytes = session.document.read(status.start, status.length);
    await vscode.env.clipboard.writeText(formatForClipboard(bytes, format, status.encoding, status.start));
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0} bytes as {1}', num(status.length), label(format)), 3000);
    return true;
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Copy failed: {0}', toEngineError(e).message));
    return false;
  }
}

export async function pickCopyFormat(): Promise<CopyFormat | undefined> {
  const pick = await vscode.window.showQuickPick(
    COPY_FORMATS.map((f) => ({ label: label(f.format), detail: detail(f.format) ?? f.detail, format: f.format })),
    { title: vscode.l10n.t('Copy selection as') },
  );
  return pick?.format;
}

/** The format's name in the user's language (copyFormats.ts has the English, for tests without VS Code). */
function label(format: CopyFormat): string {
  switch (format) {
    case 'text':
      return vscode.l10n.t('Text');
    case 'hex':
      return vscode.l10n.t('Hex');
    case 'hexdump':
      return vscode.l10n.t('Hex dump');
    case 'c':
      return vscode.l10n.t('C array');
    case 'csharp':
      return vscode.l10n.t('C# byte array');
    case 'java':
      return vscode.l10n.t('Java byte array');
    case 'go':
      return vscode.l10n.t('Go byte slice');
    case 'rust':
      return vscode.l10n.t('Rust byte array');
    case 'python':
      return vscode.l10n.t('Python bytes');
    default:
      return COPY_FORMATS.find((f) => f.format === format)?.label ?? format;
  }
}

/** The detail line where it is prose; code examples stay as they are. */
function detail(format: CopyFormat): string | undefined {
  if (format === 'text') return vscode.l10n.t('The bytes decoded in the text view’s encoding');
  if (format === 'hex') return vscode.l10n.t('Two hex digits per byte, e.g. 48656C6C6F');
  if (format === 'hexdump') return vscode.l10n.t('Offsets, hex and ASCII, 16 bytes a line, as hexdump -C prints them');
  return undefined;
}
