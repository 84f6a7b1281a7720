// The content sniff (shared/contentSniff.ts) on real-looking samples: UTF-16 without a BOM in
// Latin, Cyrillic and CJK scripts is found in the right byte order; binaries (random and
// compressed bytes, 16- and 32-bit integer arrays, an executable's header, a PNG) and UTF-8 or
// Latin-1 text are not taken for UTF-16; the text/binary call that picks the view; line ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, gzipSync } from 'node:zlib';
import { countLineEnds, detectUtf16, eolKind, looksLikeText, sniffEncoding } from '../../../shared/contentSniff';
import { codecFor } from '../../../webview/textCodec';
import { layoutRows } from '../../../webview/textLayout';
import { rng } from '../../support/random';

const le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const be = (s: string) => {
  const b = Buffer.from(s, 'utf16le');
  b.swap16();
  return new Uint8Array(b);
};
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

const LOG = Array.from({ length: 400 }, (_, i) => `2026-03-01T00:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i} served in ${i % 97} ms\n`).join('');
const GERMAN = 'Größenänderung der Datei: Überprüfung läuft… Straße, Maße, Fuß.\n'.repeat(60);
const RUSSIAN = 'Журнал событий: запрос обработан, ошибок нет.\n'.repeat(60);
const CHINESE = '日志文件很大，编辑器只读取屏幕上的行。搜索在引擎中运行，速度很快。\n'.repeat(60);
const JAPANESE = '大きなファイルを開きます。検索はエンジンで実行されます、2026年3月1日。\r\n'.repeat(60);
/** CJK with no ASCII at all (not one NUL byte in its UTF-16). */
const CJK_ONLY = '编辑器只读取屏幕上的行搜索在引擎中运行速度很快日志文件很大'.repeat(80);

test('UTF-16 LE and BE without a BOM: Latin, Cyrillic and CJK text in the right byte order', () => {
  for (const [name, text] of Object.entries({ LOG, GERMAN, RUSSIAN, CHINESE, JAPANESE, CJK_ONLY })) {
    assert.equal(detectUtf16(le(text)), 'utf-16le', `${name} LE`);
    assert.equal(detectUtf16(be(text)), 'utf-16be', `${name} BE`);
    assert.deepEqual(sniffEncoding(le(text)), { label: 'utf-16le', bomLength: 0 }, name);
    assert.equal(looksLikeText(be(text)), true, `${name} BE is text`);
  }
  // A sample cut at an odd byte or inside a surrogate pair is still UTF-16.
  assert.equal(detectUtf16(le(LOG + '😀').subarray(0, 16 * 1024 + 1)), 'utf-16le');
  assert.equal(detectUtf16(le('emoji 😀 and text\n'.repeat(50))), 'utf-16le');
});

test('UTF-8 and Latin-1 text are not UTF-16', () => {
  for (const [name, text] of Object.entries({ LOG, GERMAN, RUSSIAN, CHINESE, JAPANESE, CJK_ONLY })) {
    assert.equal(detectUtf16(utf8(text)), undefined, `${name} in UTF-8`);
    // Cut inside a character, as the first 64 KiB page of a bigger file is.
    assert.equal(detectUtf16(utf8(text).subarray(0, utf8(text).length - 1)), undefined, `${name} in UTF-8, cut`);
    assert.equal(looksLikeText(utf8(text)), true, `${name} in UTF-8 is text`);
  }
  const latin1 = new Uint8Array(Buffer.from(GERMAN, 'latin1'));
  assert.equal(detectUtf16(latin1), undefined);
  assert.equal(looksLikeText(latin1), true);
});

/** Binaries, each as the first 64 KiB of such a file looks. */
function binaries(): Record<string, Uint8Array> {
  const random = rng(7);
  const noise = Uint8Array.from({ length: 65536 }, () => Math.floor(random() * 256));
  const pcm = new Int16Array(32768);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(12000 * Math.sin(i / 9) + 3000 * Math.sin(i / 2.3));
  const quietPcm = new Int16Array(32768);
  for (let i = 0; i < quietPcm.length; i++) quietPcm[i] = Math.round(90 * Math.sin(i / 7));
  const counters = Uint32Array.from({ length: 16384 }, (_, i) => i * 3 + 1);
  const elf = new Uint8Array(65536);
  elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  for (let i = 64; i < elf.length; i += 8) elf.set([Math.floor(random() * 256), 0x48, 0x89, 0xe5, 0, 0, (i >> 8) & 0xff, 0], i);
  const png = new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), deflateSync(Buffer.from(noise.subarray(0, 30000)))]));
  return {
    random: noise,
    gzip: new Uint8Array(gzipSync(Buffer.from(LOG.repeat(20)))),
    deflatedCjk: new Uint8Array(deflateSync(Buffer.from(CHINESE.repeat(40), 'utf16le'))),
    pcm16: new Uint8Array(pcm.buffer),
    quietPcm16: new Uint8Array(quietPcm.buffer),
    counters32: new Uint8Array(counters.buffer),
    elf,
    png,
  };
}

test('binaries are neither UTF-16 nor text: they open in the hex view', () => {
  for (const [name, bytes] of Object.entries(binaries())) {
    assert.equal(detectUtf16(bytes), undefined, `${name} taken for UTF-16`);
    assert.equal(sniffEncoding(bytes), undefined, name);
    assert.equal(looksLikeText(bytes), false, `${name} taken for text`);
  }
});

test('text or binary: BOMs, ANSI colours and tabs are text; NULs and control bytes are not; an empty file is text', () => {
  assert.equal(looksLikeText(new Uint8Array(0)), true);
  assert.equal(looksLikeText(utf8('\x1b[31mERROR\x1b[0m\tdisk full\r\n'.repeat(100))), true);
  assert.equal(looksLikeText(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41)), true);
  assert.equal(looksLikeText(Uint8Array.of(0xff, 0xfe, 0x41, 0)), true);
  assert.equal(looksLikeText(utf8(`${LOG}\0${LOG}`)), false, 'one NUL in UTF-8 text');
  const controls = utf8(LOG.slice(0, 2000));
  for (let i = 0; i < controls.length; i += 30) controls[i] = 0x01;
  assert.equal(looksLikeText(controls), false, 'control bytes every 30 bytes');
});

test('line ends: LF, CRLF, mixed, none; in UTF-16 counted per unit', () => {
  const u8 = codecFor('utf-8')!;
  const count = (s: string) => countLineEnds(utf8(s), u8.newline, u8.carriageReturn);
  assert.deepEqual(count('a\nb\nc'), { lf: 2, crlf: 0 });
  assert.equal(eolKind(count('a\nb\n')), 'LF');
  assert.equal(eolKind(count('a\r\nb\r\n')), 'CRLF');
  assert.equal(eolKind(count('a\r\nb\nc\r\n')), 'mixed');
  assert.equal(eolKind(count('no line end')), undefined);
  assert.equal(eolKind(count('lone\rcarriage\rreturns')), undefined);
  const u16 = codecFor('utf-16le')!;
  assert.deepEqual(countLineEnds(le(JAPANESE), u16.newline, u16.carriageReturn), { lf: 0, crlf: 60 });
  // Read as UTF-16, the bytes 0D 0A of one unit 0x0A0D are no line end.
  assert.deepEqual(countLineEnds(Uint8Array.of(0x41, 0x0d, 0x0a, 0x42), u16.newline, u16.carriageReturn), { lf: 0, crlf: 0 });
});

test('a byte-order mark takes no column on line 1, and the offsets of the characters after it stay right', () => {
  for (const [label, bytes, bom] of [
    ['utf-8', utf8('\ufeffGrüße\nzwei'), 3],
    ['utf-16le', Uint8Array.of(0xff, 0xfe, ...le('Grüße\nzwei')), 2],
    ['utf-16be', Uint8Array.of(0xfe, 0xff, ...be('Grüße\nzwei')), 2],
  ] as const) {
    const codec = codecFor(label)!;
    const rows = layoutRows(bytes, 0, codec, { wrapColumns: 80, tabSize: 4, maxRows: 10, atEnd: true, firstIsLineStart: true });
    const text = rows.map((r) => r.cells.map((c) => c.text).join(''));
    assert.deepEqual(text, ['Grüße', 'zwei'], label);
    const visible = rows[0].cells.filter((c) => c.text !== '');
    assert.equal(visible[0].start, bom, `${label}: 'G' is at the byte after the mark`);
    assert.equal(rows[0].start, 0);
    assert.equal(rows[1].start, bytes.length - (label === 'utf-8' ? 4 : 8), `${label}: line 2 starts where its bytes do`);
    // A BOM-like character later in the file is a character (a zero-width no-break space), not skipped.
    const later = layoutRows(bytes, 1000, codec, { wrapColumns: 80, tabSize: 4, maxRows: 10, atEnd: true, firstIsLineStart: true });
    assert.equal(later[0].cells[0].kind, '', `${label}: U+FEFF away from offset 0 is text`);
  }
});
