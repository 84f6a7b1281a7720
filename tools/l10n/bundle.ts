// l10n/bundle.l10n.json, the English bundle VS Code's l10n tooling expects beside the
// translations: every template the host passes to vscode.l10n.t (in extension/, and l10n.t in
// shared/ modules the host uses), and every text of the webview's
// table (shared/webviewStrings.ts), each its own key. Generated: `npm run l10n` writes it, and a
// unit test fails while it is out of date.
import { WEBVIEW_STRINGS } from '../../shared/webviewStrings';
import { l10nTemplates, sourcesBelow } from './sources';

/** The only file whose vscode.l10n.t calls may take a variable: it translates the webview's table. */
export const TABLE_TRANSLATOR = 'extension/l10n/locale.ts';

export interface EnglishBundle {
  readonly bundle: Record<string, string>;
  /** vscode.l10n.t calls with a template that is not a literal, outside TABLE_TRANSLATOR. */
  readonly dynamic: string[];
}

export function englishBundle(root: string): EnglishBundle {
  const host = l10nTemplates([...sourcesBelow(root, 'extension'), ...sourcesBelow(root, 'shared')]);
  const all = new Set([...host.templates, ...Object.values(WEBVIEW_STRINGS)]);
  const bundle: Record<string, string> = {};
  for (const s of [...all].sort()) bundle[s] = s;
  return { bundle, dynamic: host.dynamic.filter((w) => !w.startsWith(`${TABLE_TRANSLATOR}:`)) };
}

/** The file's text: two-space JSON and a final newline, as the repository's other JSON. */
export function bundleText(bundle: Record<string, string>): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
