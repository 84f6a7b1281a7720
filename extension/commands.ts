// Commands contributed in package.json.
import * as vscode from 'vscode';
import type { AutoOpen } from './autoOpen';
import { copySelection, pickCopyFormat } from './copySelection';
import { findInFile } from './search/findInFile';
import { goTo, selectRange } from './gotoCommands';
import { saveSelectionAs } from './saveSelection';
import { LargeFileEditorProvider, VIEW_TYPE } from './largeFileEditorProvider';
import { isCopyFormatName, type FindQuery } from '../shared/protocol';
import { COMMON_ENCODINGS, encodingLabel, encodingName } from '../shared/encodingNames';


/** The file a command applies to: its argument (explorer, editor title) or the active editor's. */
function targetUri(provider: LargeFileEditorProvider, arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  if (tab?.input instanceof vscode.TabInputText || tab?.input instanceof vscode.TabInputCustom) return tab.input.uri;
  return provider.activeSession?.document.uri ?? vscode.window.activeTextEditor?.document.uri;
}

export function registerCommands(provider: LargeFileEditorProvider, autoOpen: AutoOpen): vscode.Disposable[] {
  const requireEditor = (message: Parameters<LargeFileEditorProvider['postToActive']>[0]) => {
    if (!provider.postToActive(message)) void vscode.window.showInformationMessage(vscode.l10n.t('No Large File Editor is active.'));
  };
  return [
    vscode.commands.registerCommand('largeFile.openFile', async (arg?: unknown) => {
      const target =
        argumentUri(arg) ??
        (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: vscode.l10n.t('Open in Large File Editor') }))?.[0];
      if (target) await vscode.commands.executeCommand('vscode.openWith', target, VIEW_TYPE);
    }),
    vscode.commands.registerCommand('largeFile.openWith', async (arg?: unknown) => {
      const target = targetUri(provider, arg);
      if (target) await vscode.commands.executeCommand('vscode.openWith', target, VIEW_TYPE);
      else void vscode.window.showInformationMessage(vscode.l10n.t('Open a file first, or use "Large File Editor: Open File…".'));
    }),
    vscode.commands.registerCommand('largeFile.reopenInTextEditor', async (arg?: unknown) => {
      const target = targetUri(provider, arg);
      if (!target) return;
      autoOpen.exemptFromAutoOpen(target);
      await vscode.commands.executeCommand('vscode.openWith', target, 'default');
    }),
    vscode.commands.registerCommand('largeFile.goTo', (input?: unknown) => goTo(provider, input)),
    vscode.commands.registerCommand('largeFile.selectRange', (range?: unknown) => selectRange(provider, range)),
    vscode.commands.registerCommand('largeFile.copyAs', async (format?: unknown) => {
      const session = provider.activeSession;
      if (!session) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No Large File Editor is active.'));
        return false;
      }
      const chosen = isCopyFormatName(format) ? format : await pickCopyFormat();
      return chosen ? copySelection(session, chosen) : false;
    }),
    vscode.commands.registerCommand('largeFile.saveSelectionAs', async (arg?: unknown) => {
      const session = provider.activeSession;
      if (!session) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No Large File Editor is active.'));
        return false;
      }
      return saveSelectionAs(session, arg);
    }),
    vscode.commands.registerCommand('largeFile.changeMode', async (mode?: unknown) => {
      const document = provider.activeSession?.document;
      if (!document) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No Large File Editor is active.'));
        return false;
      }
      return provider.changeMode(document, mode === 'read' || mode === 'write' || mode === 'copy' ? mode : undefined);
    }),
    vscode.commands.registerCommand('largeFile.save', async () => {
      const document = provider.activeSession?.document;
      // Not in a Large File Editor (the key is bound there only, but a script may call it): VS Code's own save.
      if (!document) return vscode.commands.executeCommand('workbench.action.files.save');
      return provider.saveDeliberately(document);
    }),
    vscode.commands.registerCommand('largeFile.toggleTypingMode', () => requireEditor({ type: 'toggleTypingMode' })),
    vscode.commands.registerCommand('largeFile.find', () => requireEditor({ type: 'openFind', replace: false })),
    vscode.commands.registerCommand('largeFile.replace', () => requireEditor({ type: 'openFind', replace: true })),
    vscode.commands.registerCommand('largeFile.findInFile', async (pattern?: unknown, options?: unknown) => {
      const session = provider.activeSession;
      if (!session) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No Large File Editor is active.'));
        return undefined;
      }
      const opts = typeof options === 'object' && options !== null ? (options as Partial<FindQuery>) : {};
      return findInFile(session, typeof pattern === 'string' ? pattern : undefined, opts);
    }),
    vscode.commands.registerCommand('largeFile.toggleView', () => requireEditor({ type: 'toggleView' })),
    vscode.commands.registerCommand('largeFile.toggleWordWrap', () => requireEditor({ type: 'setWordWrap', wrap: 'toggle' })),
    vscode.commands.registerCommand('largeFile.toggleFollow', (on?: unknown) =>
      requireEditor({ type: 'setFollow', on: typeof on === 'boolean' ? on : 'toggle' }),
    ),
    vscode.commands.registerCommand('largeFile.changeEncoding', async (label?: unknown) => {
      const picked =
        typeof label === 'string'
          ? undefined
          : await vscode.window.showQuickPick(
              COMMON_ENCODINGS.map((e) => ({ label: encodingName(e), description: e, encoding: e })),
              { title: vscode.l10n.t('Text encoding'), matchOnDescription: true },
            );
      const encoding = typeof label === 'string' ? encodingLabel(label) : picked?.encoding;
      if (encoding) requireEditor({ type: 'setEncoding', encoding });
    }),
  ];
}

/**
 * A file named by a command argument: a Uri, or a string — an absolute path or a URI — since
 * keybindings (`"args"` in keybindings.json) and scripts can only pass JSON.
 */
function argumentUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg !== 'string' || arg === '') return undefined;
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(arg) ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
}
