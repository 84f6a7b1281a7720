// The one placeholder syntax of every localized string, the host's and the webview's: `{0}`,
// `{1}`… as vscode.l10n.t fills them, so a translator sees the same syntax in package.nls.*.json,
// l10n/bundle.l10n.*.json and the webview's table, and the key test compares them.

/** Fills `{0}`, `{1}`… with `args` (a missing argument leaves its placeholder, as vscode.l10n.t does). */
export function fillPlaceholders(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole);
}

/** The placeholders a string uses, sorted: a translation must use the same ones. */
export function placeholdersOf(template: string): string[] {
  return [...new Set(template.match(/\{\d+\}/g) ?? [])].sort();
}

/** Numbers as the locale writes them (1,785,705 in English and Chinese; 1.785.705 in German). */
export function numberFormatter(locale: string): (n: number) => string {
  const format = new Intl.NumberFormat(usableLocale(locale));
  return (n) => format.format(n);
}

/** `locale` if Intl knows the tag, else 'en' (a malformed tag would make Intl throw). */
export function usableLocale(locale: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en';
  } catch {
    return 'en';
  }
}
