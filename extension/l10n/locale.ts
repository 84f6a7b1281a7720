// The host's numbers and sizes for the user's language (vscode.env.language, which follows VS
// Code's display language and code-server's --locale), and the webview's string table translated
// for it. Sentences themselves go through vscode.l10n.t at their call site, with a literal
// template, so `npm run l10n` finds them (tools/l10n/).
import * as vscode from 'vscode';
import { numberFormatter } from '../../shared/l10nFormat';
import { binarySize } from '../../shared/sizes';
import { WEBVIEW_STRINGS, type WebviewLocale, type WebviewStringKey } from '../../shared/webviewStrings';
import { useTranslator } from '../../shared/l10nText';

let cached: { language: string; format: (n: number) => string } | undefined;

/** From activation on, the pure modules' strings (shared/l10nText.ts) translate through VS Code. */
export function installTranslator(): void {
  useTranslator((message, args) => vscode.l10n.t(message, ...args));
}

/** A number as the user's locale writes it ("1,785,705"). */
export function num(n: number): string {
  const language = vscode.env.language;
  if (cached?.language !== language) cached = { language, format: numberFormatter(language) };
  return cached.format(n);
}

/** A size in binary units for the user's locale ("2.00 GiB", "812 bytes" / "812 字节"). */
export function size(bytes: number): string {
  return binarySize(bytes, { locale: vscode.env.language, bytes: vscode.l10n.t('{0} bytes') });
}

/** The webview's strings in the user's language (English where a translation is missing). */
export function webviewLocale(): WebviewLocale {
  const strings = {} as Record<WebviewStringKey, string>;
  for (const key of Object.keys(WEBVIEW_STRINGS) as WebviewStringKey[]) {
    // The English text is the bundle's key (tools/l10n/ puts the table's texts in the bundle).
    strings[key] = vscode.l10n.t(WEBVIEW_STRINGS[key]);
  }
  return { language: vscode.env.language, strings };
}
