// "Large File: Find in File…": a pattern from an input box, results in a QuickPick, the chosen
// one revealed in the editor. For keyboard users and automation.
import * as vscode from 'vscode';
import type { EditorSession } from '../editorSession';
import { toEngineError } from '../engine';
import { toSearchQuery } from './findQuery';
import { describeMatch } from './searchService';
import type { FindQuery } from '../../shared/protocol';
import { num } from '../l10n/locale';

/** The QuickPick lists at most this many results. */
const MAX_PICKS = 1000;

export async function findInFile(session: EditorSession, pattern?: string, options: Partial<FindQuery> = {}): Promise<number | undefined> {
  const text =
    pattern ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Find in File'),
      prompt: vscode.l10n.t('Text to find (prefix with re: for a regular expression, hex: for bytes such as hex: DE AD ?? EF)'),
    }));
  if (!text) return undefined;
  const find: FindQuery = {
    pattern: text.replace(/^(re|hex):\s*/, ''),
    mode: options.mode ?? (text.startsWith('re:') ? 'regex' : text.startsWith('hex:') ? 'hex' : 'text'),
    matchCase: options.matchCase ?? false,
    wholeWord: options.wholeWord ?? false,
  };
  const encoding = session.status?.encoding ?? 'utf-8';
  const q = toSearchQuery(find, encoding);
  const searchable = session.document.searchable();
  if (!q.ok || !searchable) {
    void vscode.window.showErrorMessage(q.ok ? vscode.l10n.t('Search needs the native engine, which is not in use for this file') : q.message);
    return undefined;
  }
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { offset: number; length: number }>();
  pick.title = vscode.l10n.t('Find “{0}”', find.pattern);
  pick.placeholder = vscode.l10n.t('Searching…');
  pick.busy = true;
  pick.matchOnDescription = true;
  pick.show();
  try {
    // Within the editor's time range, if one is set (time/sessionTime.ts), as the find widget.
    const range = session.time.timeRange ? await session.time.resolveRange(session.time.timeRange) : undefined;
    // An invalid regex throws here, before anything runs.
    const task = searchable.findAll(q.query, {
      maxResults: MAX_PICKS,
      ...(range ? { start: range.start, end: range.end } : {}),
      onProgress: (scanned, total) => (pick.placeholder = vscode.l10n.t('Searching… {0}%', String(Math.floor((100 * scanned) / Math.max(1, total))))),
    });
    pick.onDidHide(() => task.cancel());
    const result = await task.done;
    const matches = result.matches ?? [];
    pick.items = matches.map((m) => {
      const d = describeMatch(session.document, m.offset, m.length, encoding);
      return {
        label: `${d.before}${d.match}${d.after}`.trim() || vscode.l10n.t('(binary)'),
        description: `${d.line ? `${vscode.l10n.t('Ln {0}', num(d.line))} · ` : ''}${vscode.l10n.t('offset {0} (0x{1})', num(m.offset), m.offset.toString(16).toUpperCase())}`,
        offset: m.offset,
        length: m.length,
      };
    });
    pick.placeholder = result.truncated ? vscode.l10n.t('First {0} results', num(MAX_PICKS)) : vscode.l10n.t('{0} results', num(matches.length));
    pick.busy = false;
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      if (chosen) session.post({ type: 'reveal', offset: chosen.offset, length: chosen.length });
      pick.hide();
    });
    return matches.length;
  } catch (e) {
    pick.hide();
    void vscode.window.showErrorMessage(vscode.l10n.t('Find failed: {0}', toEngineError(e).message));
    return undefined;
  }
}
