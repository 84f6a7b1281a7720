// The view contract, run over every view of the view table (webview/views/viewTable.ts): the
// rows for a position, PageUp/PageDown moving the cursor with the screen, keys acting on the
// cursor where it is (and bringing it into view), the selection, reveal and the last full
// screen, word and line units. A new view added to the table is held to the same rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ViewKind } from '../../../shared/protocol';
import { Utf8Codec } from '../../../webview/textCodec';
import { DOCUMENT_START, type DocumentView, type RowModel, type ViewRow } from '../../../webview/views/documentView';
import { contains } from '../../../webview/views/viewNavigator';
import { VIEW_TABLE, type ViewEntry } from '../../../webview/views/viewTable';
import { ascii, bufferCache, navigatorOver, settle } from './viewSupport';

const LINES = 200;
/** 200 lines of 17 bytes: "line 000 abc def\n". */
const TEXT = Array.from({ length: LINES }, (_, i) => `line ${String(i).padStart(3, '0')} abc def\n`).join('');
const VIEWPORT = { rows: 10, columns: 40 };

function setup(kind: ViewKind, text = TEXT) {
  const bytes = ascii(text);
  const fake = bufferCache(bytes);
  const entry: ViewEntry<RowModel<ViewRow>, DocumentView> = VIEW_TABLE[kind];
  const model = entry.model({ cache: fake.cache, size: bytes.length, codec: new Utf8Codec() });
  return { fake, model, size: bytes.length, ...navigatorOver(model, fake, VIEWPORT) };
}

for (const kind of Object.keys(VIEW_TABLE) as ViewKind[]) {
  test(`${kind}: rows follow each other from the top with no gap, and say what they show`, () => {
    const { fake, model } = setup(kind);
    const rows = settle(fake, () => model.rowsFrom(DOCUMENT_START, 12));
    assert.equal(rows.length, 12);
    assert.equal(rows[0].start, 0);
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i].start, rows[i - 1].end);
    assert.match(model.rowText(rows[0]), /line 000/);
  });

  test(`${kind}: PageDown moves the screen a page and the cursor with it (same row, same column); PageUp comes back`, () => {
    const { nav, selection, finish, rows } = setup(kind);
    selection.moveTo(3, false);
    nav.move('pageDown', false);
    finish();
    const after = rows();
    assert.ok(nav.top.offset > 0);
    assert.equal(after[0].start, nav.top.offset);
    assert.equal(selection.cursor, after[0].start + 3, 'the cursor keeps row 0, column 3 of the screen');
    nav.move('pageDown', false);
    finish();
    assert.equal(selection.cursor, rows()[0].start + 3);
    nav.move('pageUp', false);
    finish();
    nav.move('pageUp', false);
    finish();
    assert.equal(nav.top.offset, 0);
    assert.equal(selection.cursor, 3);
    // On the first page PageUp goes to the start, as VS Code's does.
    nav.move('pageUp', false);
    finish();
    assert.equal(selection.cursor, 0);
  });

  test(`${kind}: after a wheel scroll, ArrowDown moves the cursor from where it is and brings it into view`, () => {
    const { nav, selection, finish, rows, model, fake, userScrolls } = setup(kind);
    selection.moveTo(3, false);
    nav.scrollRows(50);
    finish();
    assert.deepEqual(userScrolls, [true]);
    assert.ok(!contains(rows(), 3, model.size), 'the cursor is off screen');
    nav.move('down', false);
    finish();
    const second = settle(fake, () => model.rowsFrom(DOCUMENT_START, 2))[1];
    assert.equal(selection.cursor, second.start + 3, 'one row down from the cursor, not a scroll');
    assert.ok(contains(rows(), selection.cursor, model.size), 'and in view');
  });

  test(`${kind}: Shift+Right once selects one byte; Shift+Left back selects nothing`, () => {
    const { nav, selection, finish } = setup(kind);
    selection.moveTo(3, false);
    nav.move('right', true);
    finish();
    assert.deepEqual(selection.range(), { start: 3, end: 4 });
    assert.equal(selection.cursor, 4);
    nav.move('left', true);
    finish();
    assert.equal(selection.range(), undefined);
    assert.equal(selection.cursor, 3);
  });

  test(`${kind}: the last screen is full: revealing the end and scrolling past it put the last row at the bottom`, () => {
    const { nav, finish, rows, size } = setup(kind);
    nav.reveal(size - 1, 'bottom');
    finish();
    let shown = rows();
    assert.equal(shown.length, VIEWPORT.rows);
    assert.equal(shown[shown.length - 1].end, size);
    const lastTop = nav.top.offset;
    nav.scrollTo(0);
    finish();
    nav.scrollRows(100000);
    finish();
    assert.equal(nav.top.offset, lastTop);
    shown = rows();
    assert.equal(shown.length, VIEWPORT.rows);
    assert.ok(nav.atEnd());
  });

  test(`${kind}: after a re-layout (the screen grew), revealing the end shows a full screen again`, () => {
    const { nav, finish, rows, size } = setup(kind);
    nav.reveal(size - 1, 'bottom');
    finish();
    nav.setViewport({ rows: 20, columns: 40 });
    nav.reveal(size - 1, 'nearest');
    finish();
    assert.equal(rows().length, 20);
    assert.equal(rows()[19].end, size);
  });

  test(`${kind}: Ctrl+End and Ctrl+Home move the cursor to the ends and keep it in view`, () => {
    const { nav, selection, finish, rows, size } = setup(kind);
    nav.move('docEnd', false);
    finish();
    assert.equal(selection.cursor, size - 1, 'a read-only document: on the last byte');
    assert.ok(contains(rows(), selection.cursor, size));
    assert.equal(rows().length, VIEWPORT.rows);
    nav.move('docStart', true);
    finish();
    assert.equal(nav.top.offset, 0);
    assert.deepEqual(selection.range(), { start: 0, end: size - 1 });
  });

  test(`${kind}: reveal 'nearest' does not move a screen that shows the byte, and brings one below in at the bottom`, () => {
    const { nav, finish, rows, size } = setup(kind);
    nav.reveal(40, 'nearest');
    finish();
    assert.equal(nav.top.offset, 0);
    nav.reveal(1000, 'nearest');
    finish();
    const shown = rows();
    assert.ok(1000 >= shown[shown.length - 1].start && 1000 < shown[shown.length - 1].end, 'on the last row');
    assert.ok(contains(shown, 1000, size));
  });

  test(`${kind}: a word and a line around a byte`, () => {
    const { model, fake } = setup(kind);
    const abc = 5 * 17 + 9; // "abc" of line 5
    assert.deepEqual(settle(fake, () => model.unitAt(abc + 1, 'word')), { start: abc, end: abc + 3 });
    const line = settle(fake, () => model.unitAt(abc, 'line'));
    assert.ok(line.start <= abc && abc < line.end);
    if (kind === 'text') assert.deepEqual(line, { start: 5 * 17, end: 6 * 17 }, 'the line and its break');
    else assert.deepEqual(line, { start: 80, end: 96 }, 'the row');
  });
}
