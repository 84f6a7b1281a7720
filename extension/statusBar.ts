// Status bar entries for the active Large File Editor: position, selection, size, encoding, mode.
import * as vscode from 'vscode';
import type { LargeFileDocument } from './largeFileDocument';
import type { OpenMode, ViewStatus } from '../shared/protocol';
import { timeStatus } from './time/timeStatus';
import { num } from './l10n/locale';
import { modeLabel } from './modes/modeTransitions';
import { encodingName } from '../shared/encodingNames';

const MODE_ICON = { read: 'lock', write: 'edit', copy: 'copy' } as const;

/** What the mode does, after its name in the tooltip. */
function modeTooltip(mode: OpenMode): string {
  switch (mode) {
    case 'read':
      return vscode.l10n.t('inspect only; nothing is ever written.');
    case 'write':
      return vscode.l10n.t('edits stay in memory until you save (Ctrl+S).');
    case 'copy':
      return vscode.l10n.t('a scratch copy; the file is never written, Save writes a new file.');
  }
}

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
    this.position.name = vscode.l10n.t('Large File: Position');
    this.position.command = 'largeFile.goTo';
    this.position.tooltip = vscode.l10n.t('Go to offset (Ctrl+G)');
    this.selection.name = vscode.l10n.t('Large File: Selection');
    this.size.name = vscode.l10n.t('Large File: Size');
    this.encoding.name = vscode.l10n.t('Large File: Encoding');
    this.encoding.command = 'largeFile.changeEncoding';
    this.encoding.tooltip = vscode.l10n.t('Change the text encoding');
    this.eol.name = vscode.l10n.t('Large File: End of Line Sequence');
    this.mode.name = vscode.l10n.t('Large File: Mode');
    this.mode.tooltip = vscode.l10n.t('How this file is open: click to change');
    this.mode.command = 'largeFile.changeMode';
    this.typing.name = vscode.l10n.t('Large File: Overwrite / Insert');
    this.typing.command = 'largeFile.toggleTypingMode';
    this.time.name = vscode.l10n.t('Large File: Time of the Line');
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
    const position = line !== undefined && lineStart !== undefined ? `${vscode.l10n.t('Ln {0}, Byte {1}', num(line + 1), num(offset - lineStart + 1))}  ` : '';
    this.position.text = `${position}${vscode.l10n.t('Offset {0} (0x{1})', num(offset), offset.toString(16).toUpperCase())}`;
    this.selection.text = status && status.selectionLength > 0 ? vscode.l10n.t('{0} selected', num(status.selectionLength)) : '';
    this.size.text = vscode.l10n.t('{0} bytes', num(info.size));
    this.encoding.text = status?.view === 'text' ? encodingName(status.encoding) : vscode.l10n.t('Hex');
    const eol = status?.eol;
    this.eol.text = eol === 'mixed' ? vscode.l10n.t('Mixed LF/CRLF') : (eol ?? '');
    this.eol.tooltip =
      eol === 'mixed'
        ? vscode.l10n.t('The first 64 KiB has both LF and CRLF line ends; Enter types the more common one')
        : eol
          ? vscode.l10n.t('Line ends are {0} (in the first 64 KiB); Enter types {0}', eol)
          : '';
    if (eol) this.eol.show();
    else this.eol.hide();
    const unsaved = document.isDirty;
    const label = modeLabel(info.mode);
    this.mode.text = `$(${MODE_ICON[info.mode]}) ${unsaved ? vscode.l10n.t('{0} — unsaved', label) : label}`;
    const click = vscode.l10n.t('Click to change the mode.');
    this.mode.tooltip = unsaved
      ? `${vscode.l10n.t('{0}: unsaved edits, in memory only.', label)} ${info.mode === 'copy' ? vscode.l10n.t('Save writes a copy to a new file; the original is never written.') : vscode.l10n.t('The file is written only when you save it yourself (Ctrl+S); auto save does not write it.')} ${click}`
      : `${label}: ${modeTooltip(info.mode)} ${click}`;
    this.mode.backgroundColor = unsaved && info.mode === 'write' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const typing = status?.typing ?? 'overwrite';
    this.typing.text = typing === 'insert' ? vscode.l10n.t('INS') : vscode.l10n.t('OVR');
    this.typing.tooltip = typing === 'insert' ? vscode.l10n.t('Typing inserts (Insert key: overwrite)') : vscode.l10n.t("Typing overwrites, keeping the file's length (Insert key: insert)");
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
