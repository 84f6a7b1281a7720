// The filtered view's row pages: asked once per page, answered pages kept (and far ones
// forgotten), a page of another filter or context dropped, short pages of a running scan asked
// again when the scan finds more. The oracle is a plain array of rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FilterRowCache, PAGE } from '../../../webview/filter/filterRowCache';
import type { FilterContext, FilterRow } from '../../../shared/filterProtocol';

const NONE: FilterContext = { before: 0, after: 0 };

function rowsOf(n: number): FilterRow[] {
  return Array.from({ length: n }, (_, i) => ({ index: i, line: i * 3 + 1, offset: i * 100, length: 10, text: `line ${i * 3 + 1}`, spans: [], match: true, gapBefore: false, truncated: false }));
}

function harness(all: FilterRow[]) {
  const asked: { filterId: number; start: number; count: number }[] = [];
  const cache = new FilterRowCache((filterId, start, count) => asked.push({ filterId, start, count }));
  const answer = (available = all.length) => {
    for (const a of asked.splice(0)) {
      cache.receive({ filterId: a.filterId, start: a.start, context: NONE, rowCount: available, rows: all.slice(a.start, Math.min(available, a.start + a.count)) });
    }
  };
  return { cache, asked, answer };
}

test('rows come from pages asked once each, and match the oracle', () => {
  const all = rowsOf(1000);
  const { cache, asked, answer } = harness(all);
  cache.reset(7, NONE);
  cache.grew(all.length);
  assert.equal(cache.row(250), undefined);
  assert.equal(cache.row(260), undefined);
  assert.deepEqual(asked, [{ filterId: 7, start: 200, count: PAGE }]);
  answer();
  for (let i = 200; i < 300; i++) assert.deepEqual(cache.row(i), all[i]);
  assert.equal(asked.length, 0);
  // Far pages are forgotten: the webview holds a bounded number of rows.
  for (let p = 0; p < 10; p++) {
    cache.row(p * PAGE);
    answer();
  }
  assert.equal(cache.row(999), all[999]);
});

test("a page of another filter or context is dropped; a running scan's short page is asked again", () => {
  const all = rowsOf(500);
  const { cache, asked, answer } = harness(all);
  cache.reset(1, NONE);
  cache.grew(1);
  cache.row(0);
  cache.reset(2, NONE);
  assert.equal(cache.receive({ filterId: 1, start: 0, context: NONE, rowCount: 10, rows: all.slice(0, 10) }), false);
  assert.equal(cache.receive({ filterId: 2, start: 0, context: { before: 1, after: 0 }, rowCount: 10, rows: all.slice(0, 10) }), false);
  asked.length = 0;
  cache.grew(30);
  cache.row(0);
  answer(30);
  assert.equal(cache.rowCount, 30);
  assert.deepEqual(cache.row(29), all[29]);
  assert.equal(cache.row(30), undefined, 'past the count');
  cache.grew(150);
  assert.equal(cache.row(40), undefined, 'the short page is asked again');
  answer(150);
  assert.deepEqual(cache.row(40), all[40]);
  assert.deepEqual(cache.row(120), undefined);
  answer(150);
  assert.deepEqual(cache.row(120), all[120]);
});

test('the count is the host\'s: the last page asked again at the end gives the final number of rows', () => {
  const all = rowsOf(250);
  const { cache, asked, answer } = harness(all);
  cache.reset(3, NONE);
  cache.grew(1);
  cache.row(0);
  answer(120);
  assert.equal(cache.rowCount, 120);
  cache.askLast();
  assert.deepEqual(asked.map((a) => a.start), [100]);
  answer(250);
  assert.equal(cache.rowCount, 250, 'no phantom row past the end');
  assert.deepEqual(cache.row(249), undefined);
  answer(250);
  assert.deepEqual(cache.row(249), all[249]);
  assert.equal(cache.row(250), undefined);
});
