// Sizes as people read them, the same in the host's messages and the webview's toolbar: binary
// units (a 2,147,483,648-byte file is "2.00 GiB"), two digits below 10 and one above. The number
// is written for the locale (a comma is a decimal point in German), the unit symbols are the
// same in every language (KiB, MiB), and the word "bytes" comes translated from the caller.
import { fillPlaceholders, numberFormatter, usableLocale } from './l10nFormat';

export interface SizeWords {
  /** The locale the numbers are written for ('en', 'zh-cn': vscode.env.language). */
  readonly locale: string;
  /** A whole number of bytes: '{0} bytes' ('{0} 字节'). */
  readonly bytes: string;
}

export const ENGLISH_SIZES: SizeWords = { locale: 'en', bytes: '{0} bytes' };

/** "2.00 GiB", "70.0 MiB", "812 bytes". */
export function binarySize(bytes: number, words: SizeWords = ENGLISH_SIZES): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return fillPlaceholders(words.bytes, [numberFormatter(words.locale)(bytes)]);
  const digits = v < 10 ? 2 : 1;
  const number = new Intl.NumberFormat(usableLocale(words.locale), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
  return `${number.format(v)} ${units[u]}`;
}
