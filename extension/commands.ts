// Commands contributed in package.json.
import * as vscode from 'vscode';
import { VIEW_TYPE } from './largeFileEditorProvider';

export function registerCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('largeFile.openFile', async (uri?: vscode.Uri) => {
      const target =
        uri ??
        (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Open in Large File Editor' }))?.[0];
      if (target) await vscode.commands.executeCommand('vscode.openWith', target, VIEW_TYPE);
    }),
    vscode.commands.registerCommand('largeFile.openWith', async (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (target) await vscode.commands.executeCommand('vscode.openWith', target, VIEW_TYPE);
    }),
  ];
}
