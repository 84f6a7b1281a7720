// The classes a byte is drawn with: every view draws its rows' marks from markClass, so what the
// user sees of a match, the current match, a changed byte and a half-typed one is decided here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Highlight } from '../../../webview/views/documentView';
import { markClass, marksTouch, type RowMarks } from '../../../webview/views/rowsView';

const marks = (highlights: Highlight[], extra: Partial<RowMarks> = {}): RowMarks => ({ cursor: -1, selection: undefined, highlights, showCursor: true, ...extra });

test('a match is "hl", the current one "hl-current" whichever comes first, a changed byte "edited" beside them', () => {
  const m = marks([
    { start: 0, end: 5, kind: 'match' },
    { start: 3, end: 8, kind: 'edited' },
    { start: 10, end: 15, kind: 'match' },
    { start: 10, end: 15, kind: 'current' },
  ]);
  assert.equal(markClass(m, 0), 'hl');
  assert.equal(markClass(m, 4), 'hl edited');
  assert.equal(markClass(m, 6), 'edited');
  assert.equal(markClass(m, 8), '');
  assert.equal(markClass(m, 12), 'hl-current');
});

test('cursor, selection and a pending hex digit combine with the highlights', () => {
  const m = marks([{ start: 2, end: 4, kind: 'current' }], { cursor: 3, selection: { start: 2, end: 4 }, pending: { offset: 3, digit: 'A' } });
  assert.equal(markClass(m, 2), 'sel hl-current');
  assert.equal(markClass(m, 3), 'cur sel hl-current pending');
  assert.equal(marksTouch(marks([], { pending: { offset: 7, digit: 'B' } }), 0, 8), true);
  assert.equal(marksTouch(marks([], { pending: { offset: 8, digit: 'B' } }), 0, 8), false);
  assert.equal(marksTouch(marks([{ start: 8, end: 9, kind: 'edited' }]), 0, 8), false);
});
