import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codecFor, detectBom, TextCodec, Utf16Codec, Utf8Codec } from '../../../webview/textCodec';

/** Decodes a whole buffer char by char, as the text view does. */
function decodeAll(codec: TextCodec, bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const ch = codec.decode(bytes, i) ?? { text: '\ufffd', length: bytes.length - i };
    out += ch.text;
    i += ch.length;
  }
  return out;
}

function rng(seed: number) {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

test('UTF-8 decoding matches TextDecoder on random valid and invalid bytes', () => {
  const random = rng(42);
  const pieces = ['a', 'é', '€', '𝄞', '\n', '\t', '\u0000'];
  for (let round = 0; round < 300; round++) {
    let s = '';
    for (let k = 0; k < 40; k++) s += pieces[Math.floor(random() * pieces.length)];
    const bytes = new Uint8Array(Buffer.from(s, 'utf8'));
    // Corrupt a few bytes so invalid sequences are exercised too.
    for (let k = 0; k < 3 && round % 2; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    assert.equal(decodeAll(new Utf8Codec(), bytes), new TextDecoder('utf-8').decode(bytes), `round ${round}`);
  }
});

test('UTF-8: starting mid-character steps back to the lead byte', () => {
  const bytes = new Uint8Array(Buffer.from('a€b𝄞c', 'utf8')); // a(0) €(1..3) b(4) 𝄞(5..8) c(9)
  const codec = new Utf8Codec();
  const alignAt = (offset: number) => codec.align(bytes.subarray(Math.max(0, offset - 4), offset), offset);
  assert.equal(alignAt(1), 1);
  assert.equal(alignAt(2), 1);
  assert.equal(alignAt(3), 1);
  assert.equal(alignAt(4), 4);
  assert.equal(alignAt(6), 5);
  assert.equal(alignAt(8), 5);
  assert.equal(alignAt(9), 9);
});

test('UTF-16 LE and BE decode surrogate pairs and align to pairs', () => {
  const text = 'x𝄞y\n';
  const le = new Uint8Array(Buffer.from(text, 'utf16le'));
  const be = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
  assert.equal(decodeAll(new Utf16Codec(true), le), text);
  assert.equal(decodeAll(new Utf16Codec(false), be), text);
  const codec = new Utf16Codec(true);
  // Offset 4 is between the two halves of 𝄞 (bytes 2..5): step back to 2. Odd offsets round down.
  assert.equal(codec.align(le.subarray(0, 4), 4), 2);
  assert.equal(codec.align(le.subarray(0, 3), 3), 2);
  assert.equal(codec.align(le.subarray(0, 6), 6), 6);
});

test('single-byte encodings: Latin-1 is byte = code point, others go through a table', () => {
  const bytes = Uint8Array.of(0x41, 0x80, 0xe9, 0xa4);
  assert.equal(decodeAll(codecFor('iso-8859-1')!, bytes), 'A\u0080é¤');
  assert.equal(decodeAll(codecFor('iso-8859-15')!, bytes), 'A\u0080é€');
  assert.equal(decodeAll(codecFor('windows-1251')!, bytes), 'AЂй¤');
  assert.equal(codecFor('windows-1251')!.label, 'windows-1251');
  assert.equal(codecFor('no-such-encoding'), undefined);
});

test('multi-byte legacy encodings decode through the browser decoder', () => {
  const sjis = Uint8Array.of(0x82, 0xa0, 0x41); // "あA" in Shift_JIS
  assert.equal(decodeAll(codecFor('shift_jis')!, sjis), 'あA');
});

test('byte-order marks are detected', () => {
  assert.deepEqual(detectBom(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41)), { label: 'utf-8', length: 3 });
  assert.deepEqual(detectBom(Uint8Array.of(0xff, 0xfe, 0x41, 0)), { label: 'utf-16le', length: 2 });
  assert.deepEqual(detectBom(Uint8Array.of(0xfe, 0xff, 0, 0x41)), { label: 'utf-16be', length: 2 });
  assert.equal(detectBom(Uint8Array.of(0x41, 0x42)), undefined);
});
