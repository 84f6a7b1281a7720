// The filtered view's commands: open it (and put the keyboard in its expression box) and turn
// the highlight rules on or off (a setting, so every editor follows and it survives a reload).
import * as vscode from 'vscode';
import type { LargeFileEditorProvider } from '../largeFileEditorProvider';

export function registerFilterCommands(provider: LargeFileEditorProvider): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('largeFile.filter', () => {
      if (!provider.postToActive({ type: 'openFilter' })) void vscode.window.showInformationMessage(vscode.l10n.t('No Large File Editor is active.'));
    }),
    vscode.commands.registerCommand('largeFile.toggleHighlights', async () => {
      const config = vscode.workspace.getConfiguration('largeFile');
      await config.update('highlights.enabled', !config.get<boolean>('highlights.enabled', true), vscode.ConfigurationTarget.Global);
    }),
  ];
}
