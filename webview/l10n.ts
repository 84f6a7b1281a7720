// The webview's one door to its strings: `t(key, ...args)` looks the key up in the table the host
// sent with 'init' (translated there with vscode.l10n.t, shared/webviewStrings.ts), and writes
// number arguments as the locale does ('1,785,705'). Until 'init' arrives — and in unit tests —
// it speaks the English defaults.
import { fillPlaceholders, numberFormatter } from '../shared/l10nFormat';
import { binarySize } from '../shared/sizes';
import { WEBVIEW_STRINGS, type WebviewLocale, type WebviewStringKey, type WebviewStrings } from '../shared/webviewStrings';

let strings: WebviewStrings = WEBVIEW_STRINGS;
let language = 'en';
let formatNumber = numberFormatter(language);

/** Takes the host's table (a key it lacks keeps its English text). */
export function useLocale(locale: WebviewLocale | undefined): void {
  if (!locale) return;
  strings = { ...WEBVIEW_STRINGS, ...locale.strings };
  language = locale.language;
  formatNumber = numberFormatter(language);
}

/** The string under `key`, `{0}`, `{1}`… filled with `args` (numbers written for the locale). */
export function t(key: WebviewStringKey, ...args: readonly (string | number)[]): string {
  return fillPlaceholders(strings[key], args.map((a) => (typeof a === 'number' ? formatNumber(a) : a)));
}

/** A number as the locale writes it. */
export function num(n: number): string {
  return formatNumber(n);
}

/** A size in binary units, for the locale ("2.00 GiB", "812 bytes"). */
export function size(bytes: number): string {
  return binarySize(bytes, { locale: language, bytes: strings['size.bytes'] });
}
