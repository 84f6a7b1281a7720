import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bfloat16, float16, inspect } from '../../../webview/inspectorValues';

const value = (bytes: Uint8Array, label: string, le = true) => inspect(bytes, le).find((r) => r.label === label)?.value;

test('integers of every width and both byte orders match Buffer readers', () => {
  const random = Buffer.alloc(16);
  for (let round = 0; round < 200; round++) {
    for (let i = 0; i < 16; i++) random[i] = (round * 31 + i * 17 + (round >> 2)) & 0xff;
    const b = new Uint8Array(random);
    assert.equal(value(b, 'int8'), String(random.readInt8(0)));
    assert.equal(value(b, 'uint8'), String(random.readUInt8(0)));
    assert.equal(value(b, 'int16'), String(random.readInt16LE(0)));
    assert.equal(value(b, 'uint16', false), String(random.readUInt16BE(0)));
    assert.equal(value(b, 'int32', false), String(random.readInt32BE(0)));
    assert.equal(value(b, 'uint32'), String(random.readUInt32LE(0)));
    assert.equal(value(b, 'int64'), String(random.readBigInt64LE(0)));
    assert.equal(value(b, 'uint64', false), String(random.readBigUInt64BE(0)));
    assert.equal(value(b, 'float32'), String(random.readFloatLE(0)).replace('Infinity', '+Infinity').replace('-+', '-'));
  }
});

test('float16 and bfloat16 decode known values', () => {
  assert.equal(float16(0x3c00), 1);
  assert.equal(float16(0xc000), -2);
  assert.equal(float16(0x7bff), 65504);
  assert.equal(float16(0x0001), 2 ** -24);
  assert.equal(float16(0x7c00), Infinity);
  assert.ok(Number.isNaN(float16(0x7e00)));
  assert.equal(bfloat16(0x3f80), 1);
  assert.equal(bfloat16(0xc049), -3.140625);
});

test('types that need more bytes than remain show no value', () => {
  const rows = inspect(Uint8Array.of(1, 2, 3), true);
  assert.equal(rows.find((r) => r.label === 'uint16')?.value, '513');
  assert.equal(rows.find((r) => r.label === 'uint32')?.value, undefined);
  assert.equal(rows.find((r) => r.label === 'GUID')?.value, undefined);
});

test('UTF-8 character, Unix times and GUID', () => {
  assert.equal(value(new Uint8Array(Buffer.from('€abc')), 'UTF-8'), "'€' U+20AC");
  assert.equal(value(Uint8Array.of(0xff, 0x41), 'UTF-8'), 'invalid');
  const t = Buffer.alloc(8);
  t.writeUInt32LE(1_700_000_000, 0);
  assert.equal(value(new Uint8Array(t), 'time32'), '2023-11-14T22:13:20Z');
  t.writeBigInt64BE(1_700_000_000n, 0);
  assert.equal(value(new Uint8Array(t), 'time64', false), '2023-11-14T22:13:20Z');
  const guid = Uint8Array.from([0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]);
  assert.equal(value(guid, 'GUID'), '{00112233-4455-6677-8899-AABBCCDDEEFF}');
});

test('binary, octal and 24-bit integers in both byte orders match Buffer readers', () => {
  const buf = Buffer.alloc(16);
  for (let round = 0; round < 300; round++) {
    for (let i = 0; i < 16; i++) buf[i] = (round * 97 + i * 53 + (round >> 3)) & 0xff;
    const b = new Uint8Array(buf);
    assert.equal(value(b, 'binary'), buf[0].toString(2).padStart(8, '0'));
    assert.equal(value(b, 'octal'), buf[0].toString(8).padStart(3, '0'));
    assert.equal(value(b, 'int24'), String(buf.readIntLE(0, 3)));
    assert.equal(value(b, 'int24', false), String(buf.readIntBE(0, 3)));
    assert.equal(value(b, 'uint24'), String(buf.readUIntLE(0, 3)));
    assert.equal(value(b, 'uint24', false), String(buf.readUIntBE(0, 3)));
    assert.equal(value(b, 'float64', false), formatted(buf.readDoubleBE(0)));
    assert.equal(value(b, 'float32', false), formatted(buf.readFloatBE(0)));
  }
});

/** Buffer's number as the inspector writes it (signed infinities, -0). */
function formatted(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Infinity' : '-Infinity';
  return Object.is(v, -0) ? '-0' : String(v);
}

/** The encoders the LEB128 rows are checked against (DWARF's algorithm, written out). */
function uleb(v: bigint): number[] {
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

function sleb(v: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

test('ULEB128 and SLEB128 read back what an encoder wrote, with their lengths', () => {
  // The examples of the DWARF standard and Wikipedia.
  assert.equal(value(Uint8Array.of(0xe5, 0x8e, 0x26, 0xff), 'ULEB128'), '624485 (3 bytes)');
  assert.equal(value(Uint8Array.of(0xc0, 0xbb, 0x78), 'SLEB128'), '-123456 (3 bytes)');
  assert.equal(value(Uint8Array.of(0x7f), 'SLEB128'), '-1 (1 byte)');
  assert.equal(value(Uint8Array.of(0x7f), 'ULEB128'), '127 (1 byte)');
  for (let i = 0; i < 500; i++) {
    const v = BigInt(Math.floor(Math.sin(i + 1) * 2 ** 52)) * BigInt(i % 7 === 0 ? 1 : 1 + (i % 5));
    const u = v < 0n ? -v : v;
    const ub = uleb(u);
    const sb = sleb(v);
    if (ub.length <= 10) assert.equal(value(Uint8Array.from([...ub, 0x55]), 'ULEB128'), `${u} (${ub.length} byte${ub.length === 1 ? '' : 's'})`);
    if (sb.length <= 10) assert.equal(value(Uint8Array.from([...sb, 0x55]), 'SLEB128'), `${v} (${sb.length} byte${sb.length === 1 ? '' : 's'})`);
  }
  // Every byte has its continuation bit: the number does not end within the bytes there are.
  assert.equal(value(Uint8Array.of(0x80, 0x80), 'ULEB128'), 'incomplete');
});

test('a character in UTF-16 (either order, surrogate pairs), GB18030, Big5 and Shift-JIS', () => {
  const euro = Buffer.from('€A', 'utf16le');
  assert.equal(value(new Uint8Array(euro), 'UTF-16'), "'€' U+20AC");
  assert.equal(value(new Uint8Array(Buffer.from(euro).swap16()), 'UTF-16', false), "'€' U+20AC");
  assert.equal(value(new Uint8Array(Buffer.from('😀', 'utf16le')), 'UTF-16'), "'😀' U+1F600");
  assert.equal(value(Uint8Array.of(0x00, 0xdc), 'UTF-16'), 'invalid'); // a lone low surrogate
  // Oracle: TextDecoder's own reading of the character's bytes (Node has the full ICU tables).
  const cases: [string, number[], string][] = [
    ['GB18030', [0xd6, 0xd0, 0x41], '中'],
    ['GB18030', [0x81, 0x30, 0x81, 0x30], '\u0080'],
    ['GB18030', [0x41, 0xd6], 'A'],
    ['Big5', [0xa4, 0xa4, 0x41], '中'],
    ['Shift-JIS', [0x93, 0xfa, 0x41], '日'],
    ['Shift-JIS', [0xb1], 'ｱ'],
  ];
  const labels: Record<string, string> = { GB18030: 'gb18030', Big5: 'big5', 'Shift-JIS': 'shift_jis' };
  for (const [label, bytes, ch] of cases) {
    const len = Buffer.from(ch).length > 0 ? bytes.length : 0;
    assert.ok(len > 0);
    assert.equal(new TextDecoder(labels[label]).decode(Uint8Array.from(bytes)).startsWith(ch), true, `${label} oracle`);
    const cp = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    const shown = ch.codePointAt(0)! < 0xa0 && ch.codePointAt(0)! >= 0x80 ? `U+${cp}` : `'${ch}' U+${cp}`;
    assert.equal(value(Uint8Array.from(bytes), label), shown, `${label} ${bytes.map((b) => b.toString(16)).join(' ')}`);
  }
});

test('every row of Microsoft Hex Editor’s inspector is there, in order', () => {
  const labels = inspect(new Uint8Array(16), true).map((r) => r.label);
  for (const wanted of ['binary', 'octal', 'int8', 'uint8', 'int16', 'uint16', 'int24', 'uint24', 'int32', 'uint32', 'int64', 'uint64', 'ULEB128', 'SLEB128', 'float16', 'float32', 'float64', 'UTF-8', 'UTF-16', 'GB18030', 'Big5', 'Shift-JIS']) {
    assert.ok(labels.includes(wanted), wanted);
  }
});
