// Open Selection in Text Editor, Edit Lines… and Open Line as JSON: a region of the active Large
// File Editor opened as a real VS Code text document (sliceFileSystem.ts), beside the big file.
// The selection comes from the webview's last status message; scripts and keybindings may pass
// the range instead ({ start, length }, "120-180", a line number). Regions above
// `largeFile.sliceMaxMB` (64 MiB) are refused: VS Code's editor holds all of a document in memory
// and turns off highlighting above 20 MB; Save Selection As writes any size to a file instead.
import * as vscode from 'vscode';
import type { EditorSession } from '../editorSession';
import type { LargeFileDocument } from '../largeFileDocument';
import type { LargeFileEditorProvider } from '../largeFileEditorProvider';
import { logError } from '../log';
import { byteRangeLabel, lineRangeLabel, parseLineRange, SliceKind } from './sliceAddress';
import type { SliceFileSystem } from './sliceFileSystem';
import { detectLanguage } from './sliceLanguage';
import { num, size } from '../l10n/locale';

/** `largeFile.sliceMaxMB` in bytes. */
export function sliceMaxBytes(): number {
  const mb = vscode.workspace.getConfiguration('largeFile').get<number>('sliceMaxMB', 64);
  return Math.max(0, Number.isFinite(mb) ? mb : 64) * 2 ** 20;
}

/** The message for a region over the cap (tests assert it word for word). */
export function sliceTooLargeMessage(what: string, length: number, max: number): string {
  return vscode.l10n.t(
    "{0} is {1} ({2} bytes): the text editor takes at most {3} (largeFile.sliceMaxMB), since VS Code's editor holds all of it in memory. Select less, or write it to a file with Save Selection As….",
    what,
    size(length),
    num(length),
    size(max),
  );
}

/** "bytes 10–20" → "Bytes 10–20", to start a sentence. */
function capitalized(label: string): string {
  return `${label[0].toUpperCase()}${label.slice(1)}`;
}

function fileNameOf(document: LargeFileDocument): string {
  return document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
}

function activeSession(provider: LargeFileEditorProvider): EditorSession | undefined {
  const session = provider.activeSession;
  if (!session) void vscode.window.showInformationMessage(vscode.l10n.t('No Large File Editor is active.'));
  return session;
}

/** A { start, length } a script passed, or undefined (a webview context menu passes other things). */
function rangeArgument(arg: unknown): { start: number; length: number } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { start, length } = arg as Record<string, unknown>;
  return Number.isSafeInteger(start) && Number.isSafeInteger(length) && (start as number) >= 0 && (length as number) >= 0
    ? { start: start as number, length: length as number }
    : undefined;
}

export function registerSliceCommands(provider: LargeFileEditorProvider, slices: SliceFileSystem): vscode.Disposable[] {
  const open = (session: EditorSession, offset: number, length: number, kind: SliceKind, label: string) =>
    openSlice(slices, session, { offset, length }, kind, label);
  return [
    vscode.commands.registerCommand('largeFile.openSelectionInTextEditor', async (arg?: unknown) => {
      const session = activeSession(provider);
      if (!session) return undefined;
      const range = rangeArgument(arg) ?? (session.status && { start: session.status.selectionStart, length: session.status.selectionLength });
      if (!range || range.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select some bytes first (shift + arrows or drag), or use Edit Lines… for a range of lines.'));
        return undefined;
      }
      return open(session, range.start, range.length, 'bytes', byteRangeLabel(range.start, range.length));
    }),
    vscode.commands.registerCommand('largeFile.editLines', async (arg?: unknown) => {
      const session = activeSession(provider);
      if (!session) return undefined;
      const lines = await pickLines(session, typeof arg === 'string' ? arg : undefined);
      if (!lines) return undefined;
      return open(session, lines.start, lines.end - lines.start, 'bytes', lineRangeLabel(lines.first, lines.last));
    }),
    vscode.commands.registerCommand('largeFile.openLineAsJson', async (arg?: unknown) => {
      const session = activeSession(provider);
      if (!session) return undefined;
      const line = lineAt(session, typeof arg === 'number' && Number.isSafeInteger(arg) && arg >= 1 ? arg : undefined);
      if (typeof line === 'string') {
        void vscode.window.showWarningMessage(line);
        return undefined;
      }
      return open(session, line.start, line.contentEnd - line.start, 'json', lineRangeLabel(line.number, line.number));
    }),
  ];
}

/** Opens the slice in VS Code's editor beside the big file; returns its URI (as a string) or undefined. */
async function openSlice(
  slices: SliceFileSystem,
  session: EditorSession,
  range: { offset: number; length: number },
  kind: SliceKind,
  label: string,
): Promise<string | undefined> {
  const document = session.document;
  const name = fileNameOf(document);
  const max = sliceMaxBytes();
  if (range.length > max) {
    void vscode.window.showWarningMessage(sliceTooLargeMessage(kind === 'json' ? vscode.l10n.t('The line ({0})', label) : vscode.l10n.t('The selection ({0})', label), range.length, max));
    return undefined;
  }
  const encoding = session.status?.encoding ?? 'utf-8';
  const made = slices.create(document, range, encoding, kind, label);
  if (!('refused' in made)) {
    // Slices are handed to VS Code as UTF-8: an editor told to read them in another encoding would garble them.
    const vscodeEncoding = vscode.workspace.getConfiguration('files', made.uri).get<string>('encoding', 'utf8');
    if (vscodeEncoding !== 'utf8' && vscodeEncoding !== 'utf8bom') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} of {1} cannot be opened in the text editor: files.encoding is "{2}", and slices are handed to VS Code as UTF-8 (whatever the big file\'s encoding). Set files.encoding to utf8 for them.',
          capitalized(label),
          name,
          vscodeEncoding,
        ),
      );
      return undefined;
    }
  }
  if ('refused' in made) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} of {1} cannot be opened in the text editor: {2}.', capitalized(label), name, made.refused));
    return undefined;
  }
  try {
    const text = await vscode.workspace.openTextDocument(made.uri);
    if (kind === 'bytes' && text.languageId === 'plaintext') await setDetectedLanguage(text);
    await vscode.window.showTextDocument(text, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  } catch (e) {
    logError(`Opening ${made.uri.toString()}`, e);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not open {0} of {1} in the text editor: {2}', label, name, e instanceof Error ? e.message : String(e)));
    return undefined;
  }
  if (made.readOnlyReason) void vscode.window.showInformationMessage(vscode.l10n.t('{0} of {1} opens read-only: {2}.', capitalized(label), name, made.readOnlyReason));
  return made.uri.toString();
}

/** The language the content looks like, when VS Code found none by the name (sliceLanguage.ts). */
async function setDetectedLanguage(text: vscode.TextDocument): Promise<void> {
  const id = detectLanguage(text.getText());
  if (!id || !(await vscode.languages.getLanguages()).includes(id)) return;
  await vscode.languages.setTextDocumentLanguage(text, id);
}

interface LineRange {
  /** 1-based, inclusive. */
  readonly first: number;
  readonly last: number;
  readonly start: number;
  /** Where the line after `last` starts (the slice includes the last line's break). */
  readonly end: number;
}

/** Lines are numbered by single-byte line breaks: not in UTF-16, where they would split characters. */
function linesRefusal(session: EditorSession): string | undefined {
  const encoding = (session.status?.encoding ?? 'utf-8').toLowerCase();
  if (encoding.startsWith('utf-16')) return vscode.l10n.t('Line ranges work in files whose line breaks are single bytes, not in UTF-16: select the lines and use Open Selection in Text Editor.');
  if (!session.document.lineProgress()) return vscode.l10n.t('Line numbers are not available for this file: select the bytes and use Open Selection in Text Editor.');
  return undefined;
}

/** Asks for "first-last" (the selection's lines by default) and finds their bytes. */
async function pickLines(session: EditorSession, given: string | undefined): Promise<LineRange | undefined> {
  const refusal = linesRefusal(session);
  if (refusal) {
    void vscode.window.showWarningMessage(refusal);
    return undefined;
  }
  const document = session.document;
  const progress = document.lineProgress()!;
  const total = progress.lines;
  const status = session.status;
  const firstLine = status ? (document.lineOfOffset(status.selectionStart) ?? 0) + 1 : 1;
  const lastLine = status && status.selectionLength > 0 ? (document.lineOfOffset(status.selectionStart + status.selectionLength - 1) ?? 0) + 1 : firstLine;
  const validate = (value: string): string | undefined => {
    const r = parseLineRange(value);
    if (!r) return vscode.l10n.t('A line (120) or a range of lines (120-180)');
    if (r.last > total) return progress.complete ? vscode.l10n.t('The file has {0} lines', num(total)) : vscode.l10n.t('Only {0} lines are indexed so far', num(total));
    return undefined;
  };
  const value =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Edit lines of {0} in the text editor', fileNameOf(document)),
      prompt: progress.complete
        ? vscode.l10n.t('A line or a range of lines, e.g. 120-180 ({0} lines)', num(total))
        : vscode.l10n.t('A line or a range of lines, e.g. 120-180 (indexed so far: {0} lines)', num(total)),
      value: firstLine === lastLine ? String(firstLine) : `${firstLine}-${lastLine}`,
      validateInput: validate,
    }));
  if (value === undefined) return undefined;
  const problem = validate(value);
  if (problem) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Edit Lines: {0}.', problem));
    return undefined;
  }
  const { first, last } = parseLineRange(value)!;
  const start = document.offsetOfLine(first - 1);
  const end = last >= total ? document.journal.size : document.offsetOfLine(last);
  if (start === undefined || end === undefined) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Lines {0}–{1} are not indexed yet: try again in a moment.', String(first), String(last)));
    return undefined;
  }
  return { first, last, start, end };
}

/** The line at the cursor (or line `number`), without its line break. */
function lineAt(session: EditorSession, number: number | undefined): { number: number; start: number; contentEnd: number } | string {
  const refusal = linesRefusal(session);
  if (refusal) return refusal;
  const document = session.document;
  const line = number !== undefined ? number - 1 : document.lineOfOffset(session.status?.selectionStart ?? 0);
  if (line === undefined) return vscode.l10n.t('The line at the cursor is not indexed yet: try again in a moment.');
  const start = document.offsetOfLine(line);
  if (start === undefined) return vscode.l10n.t('Line {0} is past the end, or not indexed yet.', num(line + 1));
  const size = document.journal.size;
  let end = Math.min(document.offsetOfLine(line + 1) ?? size, size);
  if (end > start && document.read(end - 1, 1)[0] === 0x0a) end--;
  if (end > start && document.read(end - 1, 1)[0] === 0x0d) end--;
  return { number: line + 1, start, contentEnd: end };
}
