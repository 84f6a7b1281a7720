import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clampTopRow,
  maxTopRow,
  MIN_THUMB_PX,
  rowCount,
  rowOfOffset,
  ScrollGeometry,
  thumbPx,
  thumbTopPx,
  topRowAtThumb,
} from '../../../webview/layout';

const TIB = 2 ** 40;

test('rows and offsets stay exact at 2^40 bytes', () => {
  for (const bpr of [8, 16, 32, 64]) {
    const rows = rowCount(TIB + 3, bpr);
    assert.equal(rows, TIB / bpr + 1);
    assert.equal(rowOfOffset(TIB + 2, bpr), TIB / bpr);
    assert.equal(rowOfOffset(TIB - 1, bpr) * bpr, TIB - bpr);
  }
});

test('the last screen ends on the last row', () => {
  const g: ScrollGeometry = { totalRows: rowCount(TIB, 16), visibleRows: 40, trackPx: 800 };
  assert.equal(maxTopRow(g), TIB / 16 - 40);
  assert.equal(clampTopRow(Number.MAX_SAFE_INTEGER, g), TIB / 16 - 40);
  assert.equal(clampTopRow(-5, g), 0);
  assert.equal(maxTopRow({ totalRows: 10, visibleRows: 40, trackPx: 800 }), 0);
});

test('a huge file still gets a thumb the user can grab', () => {
  const g: ScrollGeometry = { totalRows: rowCount(20e9, 16), visibleRows: 40, trackPx: 800 };
  assert.equal(thumbPx(g), MIN_THUMB_PX);
  assert.equal(thumbPx({ totalRows: 80, visibleRows: 40, trackPx: 800 }), 400);
});

test('thumb position and top row map onto each other over the whole file', () => {
  const g: ScrollGeometry = { totalRows: rowCount(TIB, 16), visibleRows: 40, trackPx: 800 };
  const room = g.trackPx - thumbPx(g);
  assert.equal(thumbTopPx(0, g), 0);
  assert.equal(thumbTopPx(maxTopRow(g), g), room);
  assert.equal(topRowAtThumb(0, g), 0);
  assert.equal(topRowAtThumb(room, g), maxTopRow(g));
  assert.equal(topRowAtThumb(room * 10, g), maxTopRow(g), 'dragging past the end clamps');
  const middle = topRowAtThumb(room / 2, g);
  assert.ok(Math.abs(middle - maxTopRow(g) / 2) <= 1);
  for (const row of [1, 12345, maxTopRow(g) / 3, maxTopRow(g) - 1]) {
    const back = topRowAtThumb(thumbTopPx(row, g), g);
    // One pixel of thumb covers many rows of a 1 TiB file; the round trip lands within a pixel.
    assert.ok(Math.abs(back - row) <= maxTopRow(g) / room, `row ${row} came back as ${back}`);
  }
});
