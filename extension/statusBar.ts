// Status bar entries for the active Large File Editor: position, selection, size, encoding, mode.
import * as vscode from 'vscode';
import type { LargeFileDocument } from './largeFileDocument';
import type { ViewStatus } from '../shared/protocol';

const MODE_LABEL = { read: 'Read-only', write: 'In place', copy: 'Copy' } as const;

export class StatusBar implements vscode.Disposable {
  private readonly position = vscode.window.createStatusBarItem('largeFile.position', vscode.StatusBarAlignment.Right, 100);
  private readonly selection = vscode.window.createStatusBarItem('largeFile.selection', vscode.StatusBarAlignment.Right, 99);
  private readonly size = vscode.window.createStatusBarItem('largeFile.size', vscode.StatusBarAlignment.Right, 98);
  private readonly encoding = vscode.window.createStatusBarItem('largeFile.encoding', vscode.StatusBarAlignment.Right, 97);
  private readonly mode = vscode.window.createStatusBarItem('largeFile.mode', vscode.StatusBarAlignment.Right, 96);

  constructor() {
    this.position.name = 'Large File: Position';
    this.position.command = 'largeFile.goTo';
    this.position.tooltip = 'Go to offset (Ctrl+G)';
    this.selection.name = 'Large File: Selection';
    this.size.name = 'Large File: Size';
    this.encoding.name = 'Large File: Encoding';
    this.encoding.command = 'largeFile.changeEncoding';
    this.encoding.tooltip = 'Change the text encoding';
    this.mode.name = 'Large File: Mode';
    this.mode.tooltip = 'How this file is open: click to change';
    this.mode.command = 'largeFile.changeMode';
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
    this.encoding.text = status?.view === 'text' ? status.encoding.toUpperCase() : 'Hex';
    this.mode.text = MODE_LABEL[info.mode];
    for (const item of [this.position, this.size, this.encoding, this.mode]) item.show();
    if (this.selection.text) this.selection.show();
    else this.selection.hide();
  }

  hide(): void {
    for (const item of [this.position, this.selection, this.size, this.encoding, this.mode]) item.hide();
  }

  dispose(): void {
    for (const item of [this.position, this.selection, this.size, this.encoding, this.mode]) item.dispose();
  }
}
