// One spelling for each encoding wherever the user reads it — the toolbar's list, the status bar,
// the Change Text Encoding picker, messages — as VS Code's own status bar names them ("UTF-8",
// "UTF-16 LE"). Settings, commands and the protocol carry the WHATWG label ('utf-16le'), which
// is what TextDecoder and the engine take; this file is the one table between the two.

/** The encodings offered in the toolbar and the picker, in that order. */
export const COMMON_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'iso-8859-1',
  'windows-1252',
  'iso-8859-15',
  'windows-1251',
  'koi8-r',
  'shift_jis',
  'euc-jp',
  'gbk',
  'gb18030',
  'big5',
  'euc-kr',
] as const;

const NAMES: Readonly<Record<string, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'iso-8859-1': 'ISO 8859-1',
  'windows-1252': 'Windows 1252',
  'iso-8859-15': 'ISO 8859-15',
  'windows-1251': 'Windows 1251',
  'koi8-r': 'KOI8-R',
  shift_jis: 'Shift JIS',
  'euc-jp': 'EUC-JP',
  gbk: 'GBK',
  gb18030: 'GB 18030',
  big5: 'Big5',
  'euc-kr': 'EUC-KR',
};

/** Other spellings of the labels above (TextDecoder's own names among them). */
const ALIASES: Readonly<Record<string, string>> = {
  utf8: 'utf-8',
  'utf-16': 'utf-16le',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  cp1252: 'windows-1252',
  sjis: 'shift_jis',
  'shift-jis': 'shift_jis',
};

/** The label settings and messages carry for any spelling of an encoding ('UTF-16 LE' → 'utf-16le'). */
export function encodingLabel(spelling: string): string {
  const s = spelling.trim().toLowerCase();
  if (s in NAMES) return s;
  if (s in ALIASES) return ALIASES[s];
  const byName = Object.keys(NAMES).find((k) => NAMES[k].toLowerCase() === s);
  return byName ?? s;
}

/** What the user reads for an encoding label: 'UTF-16 LE'; a label without a name here is shown upper-cased. */
export function encodingName(label: string): string {
  return NAMES[encodingLabel(label)] ?? label.toUpperCase();
}
