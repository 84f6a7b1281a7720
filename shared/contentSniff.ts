// What the first bytes of a file say about it, read by both sides from the same sample (the first
// 64 KiB page): the encoding a byte-order mark announces, UTF-16 without one (the NUL pattern of
// Latin text, or CJK text that is not UTF-8), whether it is text at all (the view it opens in),
// and its line ends (LF, CRLF or mixed, for the status bar and for Enter).
//
// UTF-16 without a BOM: text in Latin scripts has a NUL in every other byte (the high byte of
// ASCII), CJK text has hardly any NULs. Neither is enough alone: arrays of 16-bit integers have
// the NUL pattern too, and any binary decodes as *some* UTF-16. So a candidate byte order must
// also decode to text: at most 1% of its units control characters, NULs or lone surrogates, and
// at least 90% of them in the blocks text is written in (ASCII, Latin, Greek, Cyrillic, Hebrew,
// Arabic, CJK, kana, Hangul, punctuation). Random bytes land in those blocks about half the
// time; a sample that is valid UTF-8 is never taken for UTF-16.

export type SniffedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** How the sample's lines end; 'mixed' when it has both (a lone CR counts as neither). */
export type EolKind = 'LF' | 'CRLF' | 'mixed';

/** The encoding a byte-order mark announces, if any, and the mark's length. */
export function detectBom(head: Uint8Array): { label: SniffedEncoding; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { label: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { label: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { label: 'utf-16be', length: 2 };
  return undefined;
}

/** Units looked at for UTF-16: 16 KiB of a sample is plenty to tell. */
const UTF16_SAMPLE_BYTES = 16 * 1024;

/** UTF-16 LE or BE for a sample without a BOM that reads as UTF-16 text; undefined otherwise. */
export function detectUtf16(sample: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(sample.length, UTF16_SAMPLE_BYTES) & ~1;
  if (n < 8) return undefined;
  const bytes = sample.subarray(0, n);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  // No NULs and valid UTF-8 (a character cut at the sample's end allowed): UTF-8, not UTF-16.
  if (zeroEven + zeroOdd === 0 && validUtf8Prefix(bytes)) return undefined;
  const le = utf16Score(bytes, true);
  const be = utf16Score(bytes, false);
  const ok = (s: Utf16Score) => s.bad * 100 <= s.units && s.common * 10 >= s.units * 9;
  if (ok(le) && (!ok(be) || le.common > be.common || (le.common === be.common && zeroOdd > zeroEven))) return 'utf-16le';
  if (ok(be)) return 'utf-16be';
  return undefined;
}

interface Utf16Score {
  readonly units: number;
  /** Controls (other than tab, line ends, form feed, escape), NULs, non-characters, lone surrogates. */
  readonly bad: number;
  /** Units in the blocks text is written in (a surrogate pair counts as two). */
  readonly common: number;
}

function utf16Score(b: Uint8Array, littleEndian: boolean): Utf16Score {
  const units = b.length >> 1;
  const at = (k: number) => (littleEndian ? b[2 * k] | (b[2 * k + 1] << 8) : (b[2 * k] << 8) | b[2 * k + 1]);
  let bad = 0;
  let common = 0;
  for (let k = 0; k < units; k++) {
    const u = at(k);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (k + 1 < units) {
        const lo = at(k + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          common += 2;
          k++;
          continue;
        }
      } else continue; // cut at the sample's end
      bad++;
    } else if (u >= 0xdc00 && u <= 0xdfff) bad++;
    else if (u < 0x20) {
      if (u === 0x09 || u === 0x0a || u === 0x0d || u === 0x0c || u === 0x1b) common++;
      else bad++;
    } else if ((u >= 0x7f && u <= 0x9f) || u === 0xfffe || u === 0xffff) bad++;
    else if (isCommonTextUnit(u)) common++;
  }
  return { units, bad, common };
}

/** Blocks most text is written in: ASCII to Arabic, Indic, Thai, punctuation and symbols, CJK, kana, Hangul, full-width forms. */
function isCommonTextUnit(u: number): boolean {
  return (
    u < 0x0700 || // ASCII, Latin, IPA, Greek, Cyrillic, Armenian, Hebrew, Arabic
    (u >= 0x0900 && u <= 0x0e7f) || // Indic scripts, Thai
    (u >= 0x1e00 && u <= 0x1fff) || // Latin Extended Additional, Greek Extended
    (u >= 0x2000 && u <= 0x27bf) || // punctuation, symbols, arrows, box drawing
    (u >= 0x3000 && u <= 0x30ff) || // CJK punctuation, Hiragana, Katakana
    (u >= 0x3400 && u <= 0x4dbf) || // CJK Extension A
    (u >= 0x4e00 && u <= 0x9fff) || // CJK Unified Ideographs
    (u >= 0xac00 && u <= 0xd7a3) || // Hangul syllables
    (u >= 0xfe30 && u <= 0xfe4f) || // CJK compatibility forms
    (u >= 0xff00 && u <= 0xffef) || // half- and full-width forms
    u === 0xfeff
  );
}

/** Whether `b` is valid UTF-8, a sequence cut off at its end allowed. */
function validUtf8Prefix(b: Uint8Array): boolean {
  const n = b.length;
  for (let i = 0; i < n; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return true;
      if ((b[i + k] & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}

/** The encoding the sample says it is in: its BOM's, UTF-16 by the heuristic above, or undefined (the setting decides). */
export function sniffEncoding(sample: Uint8Array): { label: SniffedEncoding; bomLength: number } | undefined {
  const bom = detectBom(sample);
  if (bom) return { label: bom.label, bomLength: bom.length };
  const utf16 = detectUtf16(sample);
  return utf16 ? { label: utf16, bomLength: 0 } : undefined;
}

/**
 * Whether a file whose first bytes are `sample` is text (it opens in the text view) rather than
 * binary (the hex view): text has a BOM or reads as UTF-16, or else has no NUL byte and at most
 * 2% control bytes other than tab, line ends, form feed, backspace and escape (ANSI colours in
 * logs). Git and VS Code look for a NUL in the first 8 KB; the control bytes catch the rest. An
 * empty file is text (a log that will grow).
 */
export function looksLikeText(sample: Uint8Array): boolean {
  if (sample.length === 0) return true;
  if (sniffEncoding(sample)) return true;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample[i];
    if (c === 0) return false;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x08 && c !== 0x1b) || c === 0x7f) controls++;
  }
  return controls * 50 <= sample.length;
}

/** Line ends in `sample`, counted in units of `unitBytes` (1, or 2 in UTF-16), `newline` and `carriageReturn` as the codec writes them. */
export function countLineEnds(sample: Uint8Array, newline: Uint8Array, carriageReturn: Uint8Array): { lf: number; crlf: number } {
  const step = newline.length;
  const is = (i: number, unit: Uint8Array) => unit.every((b, k) => sample[i + k] === b);
  let lf = 0;
  let crlf = 0;
  for (let i = 0; i + step <= sample.length; i += step) {
    if (!is(i, newline)) continue;
    if (i >= step && is(i - step, carriageReturn)) crlf++;
    else lf++;
  }
  return { lf, crlf };
}

/** What the status bar says of the line ends; undefined when the sample has none. */
export function eolKind(counts: { lf: number; crlf: number }): EolKind | undefined {
  if (counts.crlf > 0 && counts.lf > 0) return 'mixed';
  if (counts.crlf > 0) return 'CRLF';
  if (counts.lf > 0) return 'LF';
  return undefined;
}
