// Text in the encodings whose bytes the host can both decode and write back exactly: UTF-8,
// UTF-16 LE/BE, Latin-1 and windows-1252. A region of a big file handed to VS Code's text editor
// (extension/slices/) is decoded here strictly — a byte that is not text in the encoding is an
// error naming its offset, never a U+FFFD that a save would write back over the original byte —
// and the edited text is encoded back strictly (a character the encoding lacks is an error, never
// a silent '?'). Node's TextDecoder decodes "windows-1252" as Latin-1 and Buffer has no encoder
// for it, so its 32 characters at 0x80–0x9F are this file's own table (the WHATWG index).

/** Encodings whose text can be written back byte for byte. */
export type ExactEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1' | 'windows-1252';

/** The exact encoding a text view's label stands for, or undefined (Shift_JIS, GBK…: read-only). */
export function exactEncoding(label: string): ExactEncoding | undefined {
  const e = label.toLowerCase();
  if (e === 'utf-8' || e === 'utf8') return 'utf-8';
  if (e === 'utf-16le' || e === 'utf-16be') return e;
  if (e === 'iso-8859-1' || e === 'latin1') return 'latin1';
  if (e === 'windows-1252') return 'windows-1252';
  return undefined;
}

export const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const cp1252High = new Map(CP1252_HIGH.map((cp, i) => [cp, 0x80 + i]));

/** The windows-1252 bytes of `text`, or the index of the first character it has no byte for. */
export function windows1252Bytes(text: string): Uint8Array | number {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = cp1252High.get(c) ?? (c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : -1);
    if (b < 0) return i;
    out[i] = b;
  }
  return out;
}

export type Decoded = { ok: true; text: string } | { ok: false; offset: number; message: string };
export type Encoded = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** Decodes `bytes` exactly: fails at the first byte that is not text in `encoding`. A BOM stays a U+FEFF. */
export function decodeExact(bytes: Uint8Array, encoding: ExactEncoding): Decoded {
  switch (encoding) {
    case 'utf-8': {
      try {
        return { ok: true, text: new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes) };
      } catch {
        // Invalid UTF-8 is the answer, not an error: say where.
        const bad = Math.max(0, firstInvalidUtf8(bytes));
        return { ok: false, offset: bad, message: `the byte at +${bad} (0x${hex2(bytes[bad])}) is not valid UTF-8` };
      }
    }
    case 'utf-16le':
    case 'utf-16be': {
      if (bytes.length % 2 !== 0) return { ok: false, offset: bytes.length - 1, message: 'it has an odd number of bytes, which is not UTF-16' };
      const le = encoding === 'utf-16le' ? bytes : swapPairs(bytes);
      const text = Buffer.from(le.buffer, le.byteOffset, le.byteLength).toString('utf16le');
      const lone = firstLoneSurrogate(text);
      if (lone >= 0) return { ok: false, offset: 2 * lone, message: `the code unit at +${2 * lone} is an unpaired surrogate` };
      return { ok: true, text };
    }
    case 'latin1':
      return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };
    case 'windows-1252': {
      // Latin-1, then the 32 characters where windows-1252 differs from it.
      const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      return { ok: true, text: latin1.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80])) };
    }
  }
}

/** Encodes `text` exactly: fails, naming the character, when the encoding has no bytes for it. */
export function encodeExact(text: string, encoding: ExactEncoding): Encoded {
  const name = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16', latin1: 'Latin-1', 'windows-1252': 'windows-1252' }[encoding];
  const missing = (i: number): Encoded => {
    const cp = text.codePointAt(i) ?? 0;
    return { ok: false, message: `${JSON.stringify(String.fromCodePoint(cp))} (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) has no ${name} encoding` };
  };
  switch (encoding) {
    case 'utf-8':
    case 'utf-16le':
    case 'utf-16be': {
      const lone = firstLoneSurrogate(text);
      if (lone >= 0) return missing(lone);
      if (encoding === 'utf-8') return { ok: true, bytes: plain(Buffer.from(text, 'utf8')) };
      const le = plain(Buffer.from(text, 'utf16le'));
      return { ok: true, bytes: encoding === 'utf-16le' ? le : swapPairs(le) };
    }
    case 'latin1': {
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return missing(i);
      return { ok: true, bytes: plain(Buffer.from(text, 'latin1')) };
    }
    case 'windows-1252': {
      const bytes = windows1252Bytes(text);
      return typeof bytes === 'number' ? missing(bytes) : { ok: true, bytes };
    }
  }
}

/** Index of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function firstLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1];
    out[i + 1] = bytes[i];
  }
  return out;
}

/** A Uint8Array that owns its bytes (a small Buffer shares Node's pool). */
function plain(b: Buffer): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
}

function hex2(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}
