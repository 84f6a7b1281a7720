// What the bytes at the cursor mean as numbers, times, characters and GUIDs. Pure: unit-tested
// against Node's Buffer readers.

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

function utf8Char(b: Uint8Array): string | undefined {
  if (b.length === 0) return undefined;
  const lead = b[0];
  const len = lead < 0x80 ? 1 : lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead < 0xe0 ? 2 : 0;
  if (len === 0 || b.length < len) return 'invalid';
  try {
    const s = new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, len));
    const cp = s.codePointAt(0)!;
    const shown = cp < 0x20 || cp === 0x7f ? '' : `'${s}' `;
    return `${shown}U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  } catch {
    return 'invalid';
  }
}

/** The inspector's rows for `bytes` (the bytes from the cursor on, up to 16). */
export function inspect(bytes: Uint8Array, littleEndian: boolean): InspectorRow[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number) => bytes.length >= n;
  const num = (n: number, read: () => number | bigint) => (has(n) ? String(read()) : undefined);
  const le = littleEndian;
  return [
    { label: 'binary', value: has(1) ? bytes[0].toString(2).padStart(8, '0') : undefined },
    { label: 'int8', value: num(1, () => view.getInt8(0)) },
    { label: 'uint8', value: num(1, () => view.getUint8(0)) },
    { label: 'int16', value: num(2, () => view.getInt16(0, le)) },
    { label: 'uint16', value: num(2, () => view.getUint16(0, le)) },
    { label: 'int32', value: num(4, () => view.getInt32(0, le)) },
    { label: 'uint32', value: num(4, () => view.getUint32(0, le)) },
    { label: 'int64', value: num(8, () => view.getBigInt64(0, le)) },
    { label: 'uint64', value: num(8, () => view.getBigUint64(0, le)) },
    { label: 'float16', value: has(2) ? formatFloat(float16(view.getUint16(0, le))) : undefined },
    { label: 'bfloat16', value: has(2) ? formatFloat(bfloat16(view.getUint16(0, le))) : undefined },
    { label: 'float32', value: has(4) ? formatFloat(view.getFloat32(0, le)) : undefined },
    { label: 'float64', value: has(8) ? formatFloat(view.getFloat64(0, le)) : undefined },
    { label: 'UTF-8', value: utf8Char(bytes.subarray(0, 4)) },
    { label: 'time32', value: has(4) ? formatUnixTime(view.getUint32(0, le)) : undefined },
    { label: 'time64', value: has(8) ? formatUnixTime(view.getBigInt64(0, le)) : undefined },
    { label: 'GUID', value: has(16) ? formatGuid(bytes) : undefined },
  ];
}
