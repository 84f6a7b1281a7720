// Decoding one character at a time, so every character on screen knows its byte offset: the
// text view starts anywhere in a file and maps clicks and selections back to bytes.

export interface DecodedChar {
  /** What to draw; may be several UTF-16 units (astral characters). */
  readonly text: string;
  /** Bytes consumed (at least 1). */
  readonly length: number;
  /** True for bytes that are not valid in this encoding. */
  readonly invalid: boolean;
}

export interface TextCodec {
  readonly label: string;
  /** Decodes the character at bytes[i]; `undefined` if more bytes are needed to tell. */
  decode(bytes: Uint8Array, i: number): DecodedChar | undefined;
  /** Moves `offset` back to a character boundary, given up to 4 bytes before it. */
  align(before: Uint8Array, offset: number): number;
  /** Bytes of a newline character ('\n'), used to find line starts. */
  readonly newline: Uint8Array;
  readonly carriageReturn: Uint8Array;
  /** The bytes of one typed character, or undefined if the encoding cannot represent it. */
  encode(ch: string): Uint8Array | undefined;
}

const invalidByte = (): DecodedChar => ({ text: '\ufffd', length: 1, invalid: true });

export class Utf8Codec implements TextCodec {
  readonly label = 'utf-8';
  readonly newline = Uint8Array.of(0x0a);
  readonly carriageReturn = Uint8Array.of(0x0d);

  encode(ch: string): Uint8Array {
    return new TextEncoder().encode(ch);
  }

  /**
   * The WHATWG UTF-8 decoder's rules, one character at a time: an ill-formed sequence becomes one
   * U+FFFD covering its maximal valid prefix, exactly as TextDecoder does.
   */
  decode(b: Uint8Array, i: number): DecodedChar | undefined {
    const c = b[i];
    if (c < 0x80) return { text: String.fromCharCode(c), length: 1, invalid: false };
    let need: number;
    let cp: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) [need, cp] = [1, c & 0x1f];
    else if (c >= 0xe0 && c <= 0xef) {
      [need, cp] = [2, c & 0x0f];
      if (c === 0xe0) lower = 0xa0;
      if (c === 0xed) upper = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      [need, cp] = [3, c & 0x07];
      if (c === 0xf0) lower = 0x90;
      if (c === 0xf4) upper = 0x8f;
    } else return invalidByte();
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined) return undefined;
      if (cc < lower || cc > upper) return { text: '\ufffd', length: k, invalid: true };
      lower = 0x80;
      upper = 0xbf;
      cp = (cp << 6) | (cc & 0x3f);
    }
    return { text: String.fromCodePoint(cp), length: need + 1, invalid: false };
  }

  /** Steps back over at most three continuation bytes to the lead byte. */
  align(before: Uint8Array, offset: number): number {
    let back = 0;
    for (let k = before.length - 1; k >= 0 && back < 3; k--) {
      const c = before[k];
      if ((c & 0xc0) !== 0x80) {
        // A lead byte whose sequence reaches the offset: the offset is inside it.
        const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        return len > back + 1 ? offset - back - 1 : offset;
      }
      back++;
    }
    return offset;
  }
}

export class Utf16Codec implements TextCodec {
  readonly label: string;
  readonly newline: Uint8Array;
  readonly carriageReturn: Uint8Array;

  constructor(private readonly littleEndian: boolean) {
    this.label = littleEndian ? 'utf-16le' : 'utf-16be';
    this.newline = littleEndian ? Uint8Array.of(0x0a, 0) : Uint8Array.of(0, 0x0a);
    this.carriageReturn = littleEndian ? Uint8Array.of(0x0d, 0) : Uint8Array.of(0, 0x0d);
  }

  encode(ch: string): Uint8Array {
    const out = new Uint8Array(ch.length * 2);
    for (let i = 0; i < ch.length; i++) {
      const u = ch.charCodeAt(i);
      out[2 * i] = this.littleEndian ? u & 0xff : u >> 8;
      out[2 * i + 1] = this.littleEndian ? u >> 8 : u & 0xff;
    }
    return out;
  }

  private unit(b: Uint8Array, i: number): number {
    return this.littleEndian ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1];
  }

  decode(b: Uint8Array, i: number): DecodedChar | undefined {
    if (i + 1 >= b.length) return undefined;
    const u = this.unit(b, i);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= b.length) return undefined;
      const lo = this.unit(b, i + 2);
      if (lo >= 0xdc00 && lo <= 0xdfff) return { text: String.fromCharCode(u, lo), length: 4, invalid: false };
      return { text: '\ufffd', length: 2, invalid: true };
    }
    if (u >= 0xdc00 && u <= 0xdfff) return { text: '\ufffd', length: 2, invalid: true };
    return { text: String.fromCharCode(u), length: 2, invalid: false };
  }

  /** Even offsets, and not between the halves of a surrogate pair. */
  align(before: Uint8Array, offset: number): number {
    let aligned = offset - (offset % 2);
    const k = before.length - (offset - aligned);
    if (k >= 2) {
      const u = this.unit(before, k - 2);
      if (u >= 0xd800 && u <= 0xdbff) aligned -= 2;
    }
    return aligned;
  }
}

/** Latin-1 proper: byte n is U+00nn (TextDecoder's "latin1" label means windows-1252). */
export class Latin1Codec implements TextCodec {
  readonly label = 'iso-8859-1';
  readonly newline = Uint8Array.of(0x0a);
  readonly carriageReturn = Uint8Array.of(0x0d);
  decode(b: Uint8Array, i: number): DecodedChar {
    return { text: String.fromCharCode(b[i]), length: 1, invalid: false };
  }
  encode(ch: string): Uint8Array | undefined {
    const c = ch.charCodeAt(0);
    return ch.length === 1 && c <= 0xff ? Uint8Array.of(c) : undefined;
  }
  align(_before: Uint8Array, offset: number): number {
    return offset;
  }
}

/** Any single-byte encoding the browser's TextDecoder knows, through a 256-entry table. */
export class TableCodec implements TextCodec {
  readonly newline = Uint8Array.of(0x0a);
  readonly carriageReturn = Uint8Array.of(0x0d);
  private constructor(readonly label: string, private readonly table: string[]) {}

  /** Undefined when the label is unknown or the encoding is not single-byte. */
  static create(label: string): TableCodec | undefined {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(label);
    } catch {
      return undefined;
    }
    // A multi-byte encoding pairs some of these bytes up and yields fewer than 256 characters.
    const all = decoder.decode(Uint8Array.from({ length: 256 }, (_, b) => b));
    if (all.length !== 256) return undefined;
    const table: string[] = [];
    for (let b = 0; b < 256; b++) {
      const s = decoder.decode(Uint8Array.of(b));
      if ([...s].length !== 1) return undefined;
      table.push(s);
    }
    return new TableCodec(decoder.encoding, table);
  }

  decode(b: Uint8Array, i: number): DecodedChar {
    const text = this.table[b[i]];
    return { text, length: 1, invalid: text === '\ufffd' };
  }
  encode(ch: string): Uint8Array | undefined {
    const b = this.table.indexOf(ch);
    return b >= 0 && ch !== '\ufffd' ? Uint8Array.of(b) : undefined;
  }
  align(_before: Uint8Array, offset: number): number {
    return offset;
  }
}

/**
 * Multi-byte legacy encodings (Shift_JIS, GBK, EUC-KR, Big5, ...): tries 1 to 4 bytes with a
 * strict decoder. Slower, but only a screenful is ever decoded.
 */
export class ProbingCodec implements TextCodec {
  readonly newline = Uint8Array.of(0x0a);
  readonly carriageReturn = Uint8Array.of(0x0d);
  private readonly decoder: TextDecoder;
  readonly label: string;

  constructor(label: string) {
    this.decoder = new TextDecoder(label, { fatal: true });
    this.label = this.decoder.encoding;
  }

  decode(b: Uint8Array, i: number): DecodedChar | undefined {
    for (let len = 1; len <= 4; len++) {
      if (i + len > b.length) return undefined;
      try {
        const text = this.decoder.decode(b.subarray(i, i + len));
        if (text.length > 0) return { text, length: len, invalid: false };
      } catch {
        // Not a whole character yet, or invalid: try one more byte.
      }
    }
    return invalidByte();
  }

  align(_before: Uint8Array, offset: number): number {
    return offset;
  }

  /** Browsers decode these encodings but cannot encode them: only ASCII can be typed. */
  encode(ch: string): Uint8Array | undefined {
    return ch.length === 1 && ch.charCodeAt(0) < 0x80 ? Uint8Array.of(ch.charCodeAt(0)) : undefined;
  }
}

export { COMMON_ENCODINGS } from '../shared/encodingNames';

/** A codec for an encoding label; undefined if the webview's TextDecoder does not know it. */
export function codecFor(label: string): TextCodec | undefined {
  const l = label.trim().toLowerCase();
  if (l === 'utf-8' || l === 'utf8') return new Utf8Codec();
  if (l === 'utf-16le' || l === 'utf-16') return new Utf16Codec(true);
  if (l === 'utf-16be') return new Utf16Codec(false);
  if (l === 'iso-8859-1' || l === 'latin-1' || l === 'latin1') return new Latin1Codec();
  const table = TableCodec.create(l);
  if (table) return table;
  try {
    return new ProbingCodec(l);
  } catch {
    return undefined;
  }
}

export { detectBom } from '../shared/contentSniff';

/** The text of whole characters in `bytes` (a cut-off character at the end is left out). */
export function decodeText(bytes: Uint8Array, codec: TextCodec): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const ch = codec.decode(bytes, i);
    if (!ch) break;
    out += ch.text;
    i += ch.length;
  }
  return out;
}
