// The text view's rows and cursor: word wrap as VS Code's (on, bounded, off with a row limit),
// a single line of 1 GB scrolling both wrapped and unwrapped while reading only what is shown,
// and the cursor keys' text rules (Home, up/down columns, line breaks of two bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Utf8Codec } from '../../../webview/textCodec';
import { DOCUMENT_START } from '../../../webview/views/documentView';
import { TextModel, UNWRAPPED_COLUMNS } from '../../../webview/views/textModel';
import { ascii, bufferCache, fakeCache, navigatorOver, settle } from './viewSupport';

function model(text: string, columns = 10, rows = 5) {
  const fake = bufferCache(ascii(text));
  const m = new TextModel(fake.cache, text.length, new Utf8Codec());
  m.setViewport({ rows, columns });
  return { fake, m };
}

const texts = (m: TextModel, fake: ReturnType<typeof bufferCache>, n = 20) => settle(fake, () => m.rowsFrom(DOCUMENT_START, n)).map((r) => m.rowText(r));

test('word wrap on: rows end at word boundaries, never inside a word (retr|y)', () => {
  const { fake, m } = model('please retry the request now', 10);
  m.setWordWrap('on');
  assert.deepEqual(texts(m, fake), ['please ', 'retry the ', 'request ', 'now']);
});

test('word wrap breaks after - / , and before an opening bracket; a word longer than the row is cut', () => {
  const { fake, m } = model('a-b/cdefgh,ij(klm) abcdefghijklmnop', 6);
  m.setWordWrap('on');
  assert.deepEqual(texts(m, fake), ['a-b/', 'cdefgh', ',ij', '(klm) ', 'abcdef', 'ghijkl', 'mnop']);
});

test('bounded wraps at the narrower of the width and the column', () => {
  const { fake, m } = model('please retry the request now', 40);
  m.setWordWrap('bounded', 10);
  assert.deepEqual(texts(m, fake), ['please ', 'retry the ', 'request ', 'now']);
  m.setViewport({ rows: 5, columns: 8 });
  assert.deepEqual(texts(m, fake), ['please ', 'retry ', 'the ', 'request ', 'now']);
});

test('wrap off: a line is one row up to the unwrapped limit, then goes on over the next rows', () => {
  const long = 'x'.repeat(UNWRAPPED_COLUMNS + 100);
  const { fake, m } = model(`short line\n${long}\nend`, 10);
  m.setWordWrap('off');
  const rows = settle(fake, () => m.rowsFrom(DOCUMENT_START, 5));
  assert.deepEqual(rows.map((r) => m.rowText(r).length), [10, UNWRAPPED_COLUMNS, 100, 3]);
  assert.deepEqual(rows.map((r) => r.lineStart), [true, true, false, true]);
});

/** A virtual 1 GB file of one line ("word " repeated), read only where asked. */
function oneGigLine() {
  const size = 1024 ** 3;
  const fake = fakeCache(size, (offset, length) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = (offset + i) % 5 === 4 ? 0x20 : 0x61 + ((offset + i) % 5);
    return out;
  });
  const m = new TextModel(fake.cache, size, new Utf8Codec());
  return { fake, m, size };
}

for (const wrap of ['on', 'off'] as const) {
  test(`a single line of 1 GB scrolls with wrap ${wrap}: to the middle, a page on, to the end, reading only what is shown`, () => {
    const { fake, m, size } = oneGigLine();
    m.setWordWrap(wrap);
    const { nav, selection, finish, rows } = navigatorOver(m, fake, { rows: 30, columns: 100 });
    nav.scrollTo(size / 2);
    finish();
    const middle = rows();
    assert.equal(middle.length, 30);
    assert.ok(Math.abs(middle[0].start - size / 2) < 2 * UNWRAPPED_COLUMNS, `near the middle: ${middle[0].start}`);
    assert.ok(middle.every((r, i) => i === 0 || r.start === middle[i - 1].end));
    assert.ok(middle.every((r) => !r.lineStart), 'all one line');
    selection.moveTo(middle[0].start, false);
    nav.move('pageDown', false);
    finish();
    assert.equal(nav.top.offset, middle[29].end, 'a page on');
    nav.move('docEnd', false);
    finish();
    const end = rows();
    assert.equal(end.length, 30, 'a full last screen');
    assert.equal(end[29].end, size);
    const read = fake.served.reduce((n, r) => n + r.length, 0);
    assert.ok(read < 16 * 1024 * 1024, `read ${read} bytes of 1 GB`);
  });
}

test('Home goes to the first character that is not a space, then to the line start', () => {
  const { fake, m } = model('    indented text\n', 40);
  m.setWordWrap('on');
  assert.equal(settle(fake, () => m.caretAfter(10, 'rowStart')), 4);
  assert.equal(settle(fake, () => m.caretAfter(4, 'rowStart')), 0);
  assert.equal(settle(fake, () => m.caretAfter(0, 'rowEnd')), 17, 'End: on the line break, after the last character');
});

test('up and down keep the column, and land on a short line’s end; left and right step over \\r\\n at once', () => {
  const text = 'abcdefgh\r\nab\r\nabcdefgh\r\n';
  const { fake, m } = model(text, 40);
  m.setWordWrap('on');
  assert.equal(settle(fake, () => m.caretAfter(6, 'down')), 12, 'column 6 of a 2-character line: its end');
  assert.equal(settle(fake, () => m.caretAfter(12, 'down')), 16, 'column 2 of the third line');
  assert.equal(settle(fake, () => m.caretAfter(16, 'up')), 12);
  assert.equal(settle(fake, () => m.caretAfter(8, 'right')), 10, 'over \\r\\n');
  assert.equal(settle(fake, () => m.caretAfter(10, 'left')), 8, 'back over \\r\\n');
});
