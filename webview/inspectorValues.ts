// What the bytes at the selection's start mean as numbers, times, characters and GUIDs: the rows
// of Microsoft's Hex Editor (binary, octal, 8- to 64-bit integers with 24, LEB128, float16/32/64,
// a character in UTF-8, UTF-16, GB18030, Big5 and Shift-JIS) and a few more. Pure: unit-tested
// against Node's Buffer readers and TextDecoder. Words in values (invalid, incomplete) go through
// t(): English in unit tests, the user's language in the webview.
import { t } from './l10n';

export interface InspectorRow {
  readonly label: string;
  /** Undefined when there are not enough bytes left in the file for this type. */
  readonly value: string | undefined;
}

export function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

export function bfloat16(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits << 16);
  return view.getFloat32(0);
}

function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Infinity' : '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

/** A Unix time in seconds as ISO 8601 UTC, or a note when it is outside JavaScript's dates. */
function formatUnixTime(seconds: bigint | number): string {
  const ms = Number(seconds) * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return 'out of range';
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Microsoft's GUID layout: the first three groups little-endian, the rest as stored. */
function formatGuid(b: Uint8Array): string {
  const hex = (i: number) => b[i].toString(16).padStart(2, '0');
  const group = (idx: number[]) => idx.map(hex).join('');
  return `{${group([3, 2, 1, 0])}-${group([5, 4])}-${group([7, 6])}-${group([8, 9])}-${group([10, 11, 12, 13, 14, 15])}}`.toUpperCase();
}

/** A character as the inspector shows it: the character itself (unless a control) and its code point(s). */
function describeChar(text: string): string {
  const points = Array.from(text).map((c) => c.codePointAt(0)!);
  const visible = points.every((cp) => cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0));
  const codes = points.map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
  return visible ? `'${text}' ${codes}` : codes;
}

function utf8Char(b: Uint8Array): string | undefined {
  if (b.length === 0) return undefined;
  const lead = b[0];
  const len = lead < 0x80 ? 1 : lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead < 0xe0 ? 2 : 0;
  if (len === 0 || b.length < len) return t('inspector.invalid');
  try {
    return describeChar(new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, len)));
  } catch {
    return t('inspector.invalid');
  }
}

/** One UTF-16 code unit, or a surrogate pair, in the byte order chosen. */
function utf16Char(b: Uint8Array, littleEndian: boolean): string | undefined {
  if (b.length < 2) return undefined;
  const unit = (i: number) => (littleEndian ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
  const first = unit(0);
  const pair = first >= 0xd800 && first < 0xdc00;
  if (pair && b.length < 4) return undefined;
  try {
    return describeChar(new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(b.subarray(0, pair ? 4 : 2)));
  } catch {
    return t('inspector.invalid');
  }
}

/**
 * The first character of a multi-byte encoding (GB18030: 1, 2 or 4 bytes; Big5, Shift-JIS: 1 or
 * 2): the shortest prefix the strict decoder reads as whole characters.
 */
function legacyChar(b: Uint8Array, encoding: string, maxBytes: number): string | undefined {
  if (b.length === 0) return undefined;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    // A runtime without this encoding's tables (a Node built with small ICU): nothing to show.
    return t('inspector.notAvailable');
  }
  for (let n = 1; n <= Math.min(maxBytes, b.length); n++) {
    try {
      const text = decoder.decode(b.subarray(0, n));
      if (text !== '') return describeChar(text);
    } catch {
      // Not a whole character yet (or never): try one byte more.
    }
  }
  return t('inspector.invalid');
}

/** A LEB128 number (DWARF, WebAssembly, protobuf varints): its value and its length, or undefined when it does not end in `b`. */
export function readLeb128(b: Uint8Array, signed: boolean): { value: bigint; bytes: number } | undefined {
  let value = 0n;
  let shift = 0n;
  for (let i = 0; i < b.length && i < 10; i++) {
    const byte = b[i];
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) {
      if (signed && byte & 0x40) value -= 1n << shift;
      return { value, bytes: i + 1 };
    }
  }
  return undefined;
}

function leb128(b: Uint8Array, signed: boolean): string | undefined {
  const r = readLeb128(b, signed);
  return r ? t(r.bytes === 1 ? 'inspector.lebByte' : 'inspector.lebBytes', r.value.toString(), r.bytes) : b.length === 0 ? undefined : t('inspector.incomplete');
}

/** The inspector's rows for `bytes` (the bytes from the selection's start on, up to 16). */
export function inspect(bytes: Uint8Array, littleEndian: boolean): InspectorRow[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number) => bytes.length >= n;
  const num = (n: number, read: () => number | bigint) => (has(n) ? String(read()) : undefined);
  const le = littleEndian;
  const uint24 = () => (le ? bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) : (bytes[0] << 16) | (bytes[1] << 8) | bytes[2]);
  return [
    { label: 'binary', value: has(1) ? bytes[0].toString(2).padStart(8, '0') : undefined },
    { label: 'octal', value: has(1) ? bytes[0].toString(8).padStart(3, '0') : undefined },
    { label: 'int8', value: num(1, () => view.getInt8(0)) },
    { label: 'uint8', value: num(1, () => view.getUint8(0)) },
    { label: 'int16', value: num(2, () => view.getInt16(0, le)) },
    { label: 'uint16', value: num(2, () => view.getUint16(0, le)) },
    { label: 'int24', value: num(3, () => (uint24() << 8) >> 8) },
    { label: 'uint24', value: num(3, uint24) },
    { label: 'int32', value: num(4, () => view.getInt32(0, le)) },
    { label: 'uint32', value: num(4, () => view.getUint32(0, le)) },
    { label: 'int64', value: num(8, () => view.getBigInt64(0, le)) },
    { label: 'uint64', value: num(8, () => view.getBigUint64(0, le)) },
    { label: 'ULEB128', value: leb128(bytes, false) },
    { label: 'SLEB128', value: leb128(bytes, true) },
    { label: 'float16', value: has(2) ? formatFloat(float16(view.getUint16(0, le))) : undefined },
    { label: 'bfloat16', value: has(2) ? formatFloat(bfloat16(view.getUint16(0, le))) : undefined },
    { label: 'float32', value: has(4) ? formatFloat(view.getFloat32(0, le)) : undefined },
    { label: 'float64', value: has(8) ? formatFloat(view.getFloat64(0, le)) : undefined },
    { label: 'UTF-8', value: utf8Char(bytes.subarray(0, 4)) },
    { label: 'UTF-16', value: utf16Char(bytes.subarray(0, 4), le) },
    { label: 'GB18030', value: legacyChar(bytes, 'gb18030', 4) },
    { label: 'Big5', value: legacyChar(bytes, 'big5', 2) },
    { label: 'Shift-JIS', value: legacyChar(bytes, 'shift_jis', 2) },
    { label: 'time32', value: has(4) ? formatUnixTime(view.getUint32(0, le)) : undefined },
    { label: 'time64', value: has(8) ? formatUnixTime(view.getBigInt64(0, le)) : undefined },
    { label: 'GUID', value: has(16) ? formatGuid(bytes) : undefined },
  ];
}
