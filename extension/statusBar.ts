// Status bar entries for the active Large File Editor: position, selection, size, encoding, mode.
import * as vscode from 'vscode';
import type { LargeFileDocument } from './largeFileDocument';
import type { ViewStatus } from '../shared/protocol';
import { timeStatus } from './time/timeStatus';
import { encodingName } from '../shared/encodingNames';

const MODE_LABEL = { read: 'Read-only', write: 'In place', copy: 'Copy' } as const;
const MODE_ICON = { read: 'lock', write: 'edit', copy: 'copy' } as const;
const MODE_TOOLTIP = {
  read: 'inspect only; nothing is ever written.',
  write: 'edits stay in memory until you save (Ctrl+S).',
  copy: 'a scratch copy; the file is never written, Save writes a new file.',
} as const;

export class StatusBar implements vscode.Disposable {
  private readonly position = vscode.window.createStatusBarItem('largeFile.position', vscode.StatusBarAlignment.Right, 100);
  private readonly selection = vscode.window.createStatusBarItem('largeFile.selection', vscode.StatusBarAlignment.Right, 99);
  private readonly size = vscode.window.createStatusBarItem('largeFile.size', vscode.StatusBarAlignment.Right, 98);
  private readonly encoding = vscode.window.createStatusBarItem('largeFile.encoding', vscode.StatusBarAlignment.Right, 97);
  /** LF, CRLF or mixed line ends, as VS Code's status bar shows them. */
  private readonly eol = vscode.window.createStatusBarItem('largeFile.eol', vscode.StatusBarAlignment.Right, 97.5);
  private readonly mode = vscode.window.createStatusBarItem('largeFile.mode', vscode.StatusBarAlignment.Right, 96);
  private readonly typing = vscode.window.createStatusBarItem('largeFile.typing', vscode.StatusBarAlignment.Right, 95);
  /** The timestamp of the cursor's line, in logs (time/timeStatus.ts). */
  private readonly time = vscode.window.createStatusBarItem('largeFile.time', vscode.StatusBarAlignment.Right, 101);

  constructor() {
    this.position.name = 'Large File: Position';
    this.position.command = 'largeFile.goTo';
    this.position.tooltip = 'Go to offset (Ctrl+G)';
    this.selection.name = 'Large File: Selection';
    this.size.name = 'Large File: Size';
    this.encoding.name = 'Large File: Encoding';
    this.encoding.command = 'largeFile.changeEncoding';
    this.encoding.tooltip = 'Change the text encoding';
    this.eol.name = 'Large File: End of Line Sequence';
    this.mode.name = 'Large File: Mode';
    this.mode.tooltip = 'How this file is open: click to change';
    this.mode.command = 'largeFile.changeMode';
    this.typing.name = 'Large File: Overwrite / Insert';
    this.typing.command = 'largeFile.toggleTypingMode';
    this.time.name = 'Large File: Time of the Line';
    this.time.command = 'largeFile.goTo';
  }

  show(document: LargeFileDocument, status: ViewStatus | undefined): void {
    const info = document.info;
    if (!info) {
      this.hide();
      return;
    }
    const offset = status?.offset ?? 0;
    const line = status?.view === 'text' ? document.lineOfOffset(offset) : undefined;
    const lineStart = line !== undefined ? document.offsetOfLine(line) : undefined;
    const position = line !== undefined && lineStart !== undefined ? `Ln ${(line + 1).toLocaleString('en-US')}, Byte ${(offset - lineStart + 1).toLocaleString('en-US')}  ` : '';
    this.position.text = `${position}Offset ${offset.toLocaleString('en-US')} (0x${offset.toString(16).toUpperCase()})`;
    this.selection.text = status && status.selectionLength > 0 ? `${status.selectionLength.toLocaleString('en-US')} selected` : '';
    this.size.text = `${info.size.toLocaleString('en-US')} bytes`;
    this.encoding.text = status?.view === 'text' ? encodingName(status.encoding) : 'Hex';
    const eol = status?.eol;
    this.eol.text = eol === 'mixed' ? 'Mixed LF/CRLF' : (eol ?? '');
    this.eol.tooltip =
      eol === 'mixed'
        ? 'The first 64 KiB has both LF and CRLF line ends; Enter types the more common one'
        : eol
          ? `Line ends are ${eol} (in the first 64 KiB); Enter types ${eol}`
          : '';
    if (eol) this.eol.show();
    else this.eol.hide();
    const unsaved = document.isDirty;
    this.mode.text = `$(${MODE_ICON[info.mode]}) ${MODE_LABEL[info.mode]}${unsaved ? ' — unsaved' : ''}`;
    this.mode.tooltip = unsaved
      ? `${MODE_LABEL[info.mode]}: unsaved edits, in memory only. ${info.mode === 'copy' ? 'Save writes a copy to a new file; the original is never written.' : 'The file is written only when you save it yourself (Ctrl+S); auto save does not write it.'} Click to change the mode.`
      : `${MODE_LABEL[info.mode]}: ${MODE_TOOLTIP[info.mode]} Click to change the mode.`;
    this.mode.backgroundColor = unsaved && info.mode === 'write' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const typing = status?.typing ?? 'overwrite';
    this.typing.text = typing === 'insert' ? 'INS' : 'OVR';
    this.typing.tooltip = typing === 'insert' ? 'Typing inserts (Insert key: overwrite)' : 'Typing overwrites, keeping the file\'s length (Insert key: insert)';
    for (const item of [this.position, this.size, this.encoding, this.mode]) item.show();
    if (info.mode === 'read') this.typing.hide();
    else this.typing.show();
    if (this.selection.text) this.selection.show();
    else this.selection.hide();
    const time = status ? timeStatus(document, offset) : undefined;
    if (time) {
      this.time.text = time.text;
      this.time.tooltip = time.tooltip;
      this.time.show();
    } else this.time.hide();
  }

  hide(): void {
    for (const item of [this.position, this.selection, this.size, this.encoding, this.eol, this.mode, this.typing, this.time]) item.hide();
  }

  dispose(): void {
    for (const item of [this.position, this.selection, this.size, this.encoding, this.eol, this.mode, this.typing, this.time]) item.dispose();
  }
}
