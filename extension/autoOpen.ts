// Sends big files to this editor: VS Code's text editor loads a whole file into memory, so a
// file above `largeFile.autoOpenAboveMB` opened as text is reopened here instead.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { VIEW_TYPE } from './largeFileEditorProvider';
import { logError } from './log';

export class AutoOpen implements vscode.Disposable {
  /** Files the user explicitly asked to see in the text editor. */
  private readonly exempt = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.opened) void this.check(tab);
    });
    for (const group of vscode.window.tabGroups.all) for (const tab of group.tabs) void this.check(tab);
  }

  exemptFromAutoOpen(uri: vscode.Uri): void {
    this.exempt.add(uri.toString());
  }

  private async check(tab: vscode.Tab): Promise<void> {
    if (!(tab.input instanceof vscode.TabInputText)) return;
    const uri = tab.input.uri;
    if (uri.scheme !== 'file' || this.exempt.has(uri.toString())) return;
    const thresholdMb = vscode.workspace.getConfiguration('largeFile').get<number>('autoOpenAboveMB', 256);
    if (!(thresholdMb >= 0)) return;
    let size: number;
    try {
      const st = await fs.stat(uri.fsPath);
      if (!st.isFile()) return;
      size = st.size;
    } catch {
      // Expected for a missing or unreadable file: the text editor reports it itself.
      return;
    }
    if (size <= thresholdMb * 1024 * 1024) return;
    try {
      await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE, {
        viewColumn: tab.group.viewColumn,
        preview: tab.isPreview,
      });
      // The Tab seen at activation can be stale by now (the workbench resends its tab model at
      // startup), and closing a stale Tab does nothing: close the text tab as it is now.
      const textTab = (t: vscode.Tab) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString();
      const current = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(textTab);
      if (current) await vscode.window.tabGroups.close(current, true);
    } catch (e) {
      // The file stays open in the text editor, as the user opened it.
      logError(`Reopening ${uri.fsPath} in the Large File Editor`, e);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
