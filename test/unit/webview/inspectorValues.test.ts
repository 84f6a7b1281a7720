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
