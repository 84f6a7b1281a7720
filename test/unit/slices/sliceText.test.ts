// The text of a slice and its way back: in every encoding that can be written back, a region
// that opens editable encodes back to exactly its bytes (differential over random regions of
// text and of noise), and a region that would not survive VS Code's editor unchanged — bytes
// that are not text, mixed or lone-CR line breaks, an odd UTF-16 length — opens read-only with
// the reason; NUL characters are refused (VS Code does not open them as text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeSliceText, mixedLineBreaks, sliceText } from '../../../extension/slices/sliceText';
import { decodeExact, encodeExact, firstInvalidUtf8 } from '../../../extension/textEncoding';
import { rng } from '../../support/random';

const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'iso-8859-1', 'windows-1252'] as const;
const SAMPLE = 'Grüße, “quotes” – €5 naïve café ÿ Ž œ\tend\n';

function bytesOf(text: string, encoding: (typeof ENCODINGS)[number]): Uint8Array {
  const e = encodeExact(text, encoding === 'iso-8859-1' ? 'latin1' : encoding);
  assert.ok(e.ok, `${encoding} can encode the sample`);
  return e.bytes;
}

test('text in each encoding round-trips through the slice exactly', () => {
  for (const encoding of ENCODINGS) {
    const text = encoding === 'iso-8859-1' ? 'Grüße, naïve café ÿ\tend\n' : SAMPLE;
    const bytes = bytesOf(text.repeat(3), encoding);
    const s = sliceText(bytes, encoding);
    assert.ok(!('refused' in s), encoding);
    assert.equal(s.readOnlyReason, undefined, encoding);
    assert.equal(s.text, text.repeat(3), encoding);
    const back = encodeSliceText(s.text, encoding);
    assert.ok('bytes' in back);
    assert.deepEqual(back.bytes, bytes, encoding);
  }
});

test('windows-1252 is its own table (Node decodes the label as Latin-1)', () => {
  const d = decodeExact(Uint8Array.of(0x80, 0x93, 0x94, 0x9f, 0x81, 0xe9), 'windows-1252');
  assert.ok(d.ok);
  assert.equal(d.text, '€“”Ÿ\u0081é');
  const e = encodeExact('€“”Ÿ\u0081é', 'windows-1252');
  assert.ok(e.ok);
  assert.deepEqual([...e.bytes], [0x80, 0x93, 0x94, 0x9f, 0x81, 0xe9]);
});

test('random regions: editable ones encode back to exactly their bytes; the others say why', () => {
  const next = rng(77);
  const corpus = Buffer.from(SAMPLE.repeat(200) + 'ascii line\r\nanother\r\n', 'utf8');
  let editable = 0;
  let readOnly = 0;
  for (let i = 0; i < 3000; i++) {
    const encoding = ENCODINGS[i % ENCODINGS.length];
    const noise = next() < 0.3;
    const length = 1 + Math.floor(next() * 200);
    const start = Math.floor(next() * (corpus.length - length));
    // Noise has no zero byte, and the corpus no NUL: nothing here is refused as binary.
    const region = noise ? Uint8Array.from({ length }, () => 1 + Math.floor(next() * 255)) : new Uint8Array(corpus.subarray(start, start + length));
    const s = sliceText(region, encoding);
    assert.ok(!('refused' in s), `${encoding}: ${'refused' in s ? s.refused : ''}`);
    if (s.readOnlyReason) {
      readOnly++;
      continue;
    }
    editable++;
    const back = encodeSliceText(s.text, encoding);
    assert.ok('bytes' in back, `${encoding}: ${back && 'refused' in back ? back.refused : ''}`);
    assert.deepEqual(back.bytes, region, `${encoding}: an editable region comes back byte for byte`);
  }
  assert.ok(editable > 500 && readOnly > 200, `both kinds were tried (${editable} editable, ${readOnly} read-only)`);
});

test('what VS Code would change opens read-only, with the reason', () => {
  const invalid = sliceText(Uint8Array.of(0x61, 0xc3, 0x28, 0x62), 'utf-8');
  assert.ok(!('refused' in invalid));
  assert.equal(invalid.readOnlyReason, 'the byte at +1 (0xC3) is not valid UTF-8, so saving would change it');
  const mixed = sliceText(Buffer.from('a\r\nb\nc\r\n'), 'utf-8');
  assert.ok(!('refused' in mixed));
  assert.match(mixed.readOnlyReason ?? '', /mixes CRLF \(2\) and LF \(1\) line breaks/);
  assert.equal(mixedLineBreaks('a\rb\rc'), 'its line breaks are lone CRs');
  assert.equal(mixedLineBreaks('a\r\nb\r\n'), undefined);
  assert.equal(mixedLineBreaks('a\nb\n'), undefined);
  const odd = sliceText(Uint8Array.of(0x41, 0x00, 0x42), 'utf-16le');
  assert.ok(!('refused' in odd));
  assert.match(odd.readOnlyReason ?? '', /odd number of bytes/);
  const lone = sliceText(Uint8Array.of(0x00, 0xd8, 0x41, 0x00), 'utf-16le');
  assert.ok(!('refused' in lone));
  assert.match(lone.readOnlyReason ?? '', /unpaired surrogate/);
  const sjis = sliceText(Uint8Array.of(0x82, 0xa0), 'shift_jis');
  assert.ok(!('refused' in sjis));
  assert.equal(sjis.text, 'あ');
  assert.match(sjis.readOnlyReason ?? '', /shift_jis, which can be shown here but not written back/);
  const nul = sliceText(Uint8Array.of(0x61, 0x00, 0x62), 'utf-8');
  assert.ok('refused' in nul);
  assert.match(nul.refused, /NUL characters \(the first at character 1\)/);
});

test('a BOM stays a character both ways, and characters the encoding lacks are refused by name', () => {
  const bom = Uint8Array.of(0xef, 0xbb, 0xbf, 0x61);
  const s = sliceText(bom, 'utf-8');
  assert.ok(!('refused' in s) && s.readOnlyReason === undefined);
  assert.equal(s.text, '\ufeffa');
  assert.deepEqual((encodeSliceText(s.text, 'utf-8') as { bytes: Uint8Array }).bytes, bom);
  assert.deepEqual(encodeSliceText('€', 'iso-8859-1'), { refused: '"€" (U+20AC) has no Latin-1 encoding' });
  assert.deepEqual(encodeSliceText('a\u0100', 'windows-1252'), { refused: '"Ā" (U+0100) has no windows-1252 encoding' });
  assert.deepEqual(encodeSliceText('x', 'gbk'), { refused: 'gbk text cannot be written back' });
  assert.ok('refused' in encodeSliceText('\ud800', 'utf-8'), 'a lone surrogate has no UTF-8');
});

test('the UTF-8 check agrees with TextDecoder’s fatal mode on random bytes', () => {
  const next = rng(5);
  const fatal = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < 20000; i++) {
    const b = Uint8Array.from({ length: 1 + Math.floor(next() * 8) }, () => (next() < 0.5 ? 0x80 + Math.floor(next() * 0x80) : Math.floor(next() * 0x100)));
    let valid = true;
    try {
      fatal.decode(b);
    } catch {
      valid = false;
    }
    assert.equal(firstInvalidUtf8(b) < 0, valid, Buffer.from(b).toString('hex'));
  }
});
