// The bookmark commands of the active Large File Editor: toggle at the cursor's line (with or
// without a label), next / previous (wrapping), a quick pick of them all with line and preview,
// and clear. Keys: Ctrl+Alt+K, Ctrl+Alt+L, Ctrl+Alt+J (those of the popular Bookmarks extension,
// unused by VS Code's editor) in the Large File Editor only.
import * as vscode from 'vscode';
import type { EditorSession } from '../editorSession';
import { MAX_BOOKMARKS } from './bookmarkModel';
import { num } from '../l10n/locale';

interface BookmarkCommandHost {
  readonly activeSession: EditorSession | undefined;
}

function active(host: BookmarkCommandHost): { session: EditorSession; offset: number } | undefined {
  const session = host.activeSession;
  if (!session?.filterPane.bookmarks) return undefined;
  return { session, offset: session.status?.selectionStart ?? session.status?.offset ?? 0 };
}

export function registerBookmarkCommands(host: BookmarkCommandHost): vscode.Disposable[] {
  const go = (direction: 'next' | 'previous') => {
    const a = active(host);
    const b = a?.session.filterPane.bookmarks;
    if (!a || !b) return;
    const to = direction === 'next' ? b.next(a.offset) : b.previous(a.offset);
    if (!to) {
      void vscode.window.showInformationMessage(vscode.l10n.t("No bookmarks in this file: Ctrl+Alt+K sets one on the cursor's line"));
      return;
    }
    a.session.post({ type: 'reveal', offset: to.offset });
  };
  return [
    vscode.commands.registerCommand('largeFile.toggleBookmark', () => {
      const a = active(host);
      if (a && a.session.filterPane.bookmarks!.toggle(a.offset) === 'full') {
        void vscode.window.showWarningMessage(vscode.l10n.t('At most {0} bookmarks per file', num(MAX_BOOKMARKS)));
      }
    }),
    vscode.commands.registerCommand('largeFile.labelBookmark', async () => {
      const a = active(host);
      if (!a) return;
      const label = await vscode.window.showInputBox({ title: vscode.l10n.t('Bookmark this line with a label'), placeHolder: vscode.l10n.t('a label (optional)') });
      if (label === undefined) return;
      a.session.filterPane.bookmarks!.labelLine(a.offset, label);
    }),
    vscode.commands.registerCommand('largeFile.nextBookmark', () => go('next')),
    vscode.commands.registerCommand('largeFile.previousBookmark', () => go('previous')),
    vscode.commands.registerCommand('largeFile.listBookmarks', async () => {
      const a = active(host);
      if (!a) return;
      const encoding = a.session.status?.encoding ?? 'utf-8';
      const items = a.session.filterPane.bookmarks!.list(encoding).map((b) => ({
        label: `${b.line > 0 ? vscode.l10n.t('line {0}', num(b.line)) : vscode.l10n.t('offset {0}', num(b.offset))}${b.label ? ` — ${b.label}` : ''}`,
        description: b.preview,
        offset: b.offset,
      }));
      if (items.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t("No bookmarks in this file: Ctrl+Alt+K sets one on the cursor's line"));
        return;
      }
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Bookmarks'), matchOnDescription: true });
      if (picked) a.session.post({ type: 'reveal', offset: picked.offset });
    }),
    vscode.commands.registerCommand('largeFile.clearBookmarks', () => active(host)?.session.filterPane.bookmarks?.clear()),
  ];
}
