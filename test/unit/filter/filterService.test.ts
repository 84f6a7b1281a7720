// The host's filter service, driven by the pane's messages over a real mapped file: what it
// posts (the chain, the first page of rows unasked, progress, the outcome), rows decoded with
// their highlights as text indexes, context rows, the nearest hit, refine and pop, errors with
// positions, export then open, the rerun after an edit, history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openMappedFile, type EngineFilterable, type MappedFile } from '../../../extension/engine';
import { FilterHistory, savedFilters, withSavedFilter } from '../../../extension/filter/filterHistory';
import { FilterService } from '../../../extension/filter/filterService';
import type { FilterHostMessage } from '../../../shared/filterProtocol';
import { parseFilterWebviewMessage } from '../../../shared/filterProtocol';
import { tempDir, writeTemp } from '../native/support';

const dir = tempDir();
const spec = (expression: string, matchCase = true) => ({ expression, matchCase, wholeWord: false });

class Memento {
  private readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.data.set(key, value);
    return Promise.resolve();
  }
}

function service(file: () => EngineFilterable | undefined, memento = new Memento()) {
  const posted: FilterHostMessage[] = [];
  const opened: string[] = [];
  const exportTo = path.join(dir, `export-${Math.random().toString(36).slice(2)}.txt`);
  const s = new FilterService(
    {
      filterable: file,
      exportTarget: async () => exportTo,
      withExportProgress: (task) => task(() => undefined, new AbortController().signal),
      openExported: async (p) => {
        opened.push(p);
      },
      history: new FilterHistory(memento),
    },
    (m) => posted.push(m),
  );
  const of = <T extends FilterHostMessage['type']>(type: T) => posted.filter((m): m is Extract<FilterHostMessage, { type: T }> => m.type === type);
  return { s, posted, of, opened, exportTo, memento };
}

const LOG = [
  '2026 INFO start',
  'é ERROR disk full',
  '2026 WARN slow',
  '2026 ERROR timeout',
  '',
  '2026 ERROR again ERROR',
  'tail',
].join('\n');

function open(content: string): MappedFile {
  return openMappedFile(writeTemp(dir, `log-${Math.random().toString(36).slice(2)}.log`, content), 'read');
}

test('a filter posts its chain, its first rows unasked (decoded, highlights as text indexes) and its outcome', async () => {
  const f = open(LOG);
  const { s, of, memento } = service(() => f);
  const outcome = await s.start(1, spec('ERROR and not timeout'), false, 'utf-8');
  assert.deepEqual(outcome, { kind: 'done', count: 2, lines: 7, cancelled: false });
  assert.deepEqual(of('filterChain').at(-1)!.chain, [{ filterId: 1, label: 'ERROR and not timeout', count: 2, complete: true }]);
  const rows = of('filterRows');
  assert.equal(rows.length, 1, 'the first page, once');
  assert.equal(rows[0].rowCount, 2);
  assert.deepEqual(
    rows[0].rows.map((r) => [r.index, r.line, r.offset, r.text, r.spans, r.match]),
    [
      [0, 2, 16, 'é ERROR disk full', [[2, 7]], true],
      [1, 6, 70, '2026 ERROR again ERROR', [[5, 10], [17, 22]], true],
    ],
  );
  assert.deepEqual(of('filterDone').at(-1)!.outcome, outcome);
  assert.deepEqual(new FilterHistory(memento).list(), ['ERROR and not timeout']);
  s.dispose();
  f.close();
});

test('rows with context, the nearest hit, refine and pop through the pane\'s messages', async () => {
  const f = open(LOG);
  const { s, of } = service(() => f);
  await s.start(1, spec('ERROR'), false, 'utf-8');
  s.handle(parseFilterWebviewMessage({ type: 'filterRows', filterId: 1, start: 0, count: 50, context: { before: 1, after: 0 }, encoding: 'utf-8' }) as never);
  const page = of('filterRows').at(-1)!;
  assert.deepEqual(page.context, { before: 1, after: 0 });
  assert.deepEqual(page.rows.map((r) => [r.line, r.match, r.gapBefore]), [
    [1, false, false], [2, true, false], [3, false, false], [4, true, false], [5, false, false], [6, true, false],
  ]);
  s.handle({ type: 'filterNearest', filterId: 1, offset: 40, context: { before: 1, after: 0 } });
  assert.deepEqual(of('filterNearest').at(-1), { type: 'filterNearest', filterId: 1, offset: 40, index: 0, rowIndex: 1, exact: false });
  const refined = await s.start(2, spec('not disk'), true, 'utf-8');
  assert.deepEqual(refined, { kind: 'done', count: 2, lines: 7, cancelled: false });
  assert.deepEqual(s.links().map((l) => [l.filterId, l.label, l.count]), [[1, 'ERROR', 3], [2, 'not disk', 2]]);
  s.pop(false);
  assert.deepEqual(s.links().map((l) => l.filterId), [1]);
  s.pop(true);
  assert.deepEqual(of('filterChain').at(-1)!.chain, []);
  s.dispose();
  f.close();
});

test('a bad expression or regex is an inline error with its position', async () => {
  const f = open(LOG);
  const { s } = service(() => f);
  assert.deepEqual(await s.start(1, spec('ERROR and'), false, 'utf-8'), { kind: 'invalid', message: '“and” needs something after it', start: 6, end: 9 });
  const bad = await s.start(2, spec('ERROR or /(x/'), false, 'utf-8');
  assert.equal(bad.kind, 'invalid');
  assert.deepEqual(bad.kind === 'invalid' ? [bad.start, bad.end] : [], [9, 13]);
  assert.match(bad.kind === 'invalid' ? bad.message : '', /missing closing parenthesis/);
  assert.deepEqual(await s.start(3, { ...spec(''), lists: { include: [], exclude: [] } }, false, 'utf-8'), { kind: 'invalid', message: 'Add a line to include or to exclude', start: 0, end: 0 });
  const none = service(() => undefined);
  assert.deepEqual(await none.s.start(1, spec('x'), false, 'utf-8'), { kind: 'error', code: 'ENOSEARCH', message: 'Filtering needs the native engine, which is not in use for this file' });
  s.dispose();
  f.close();
});

test('include and exclude lists, export then open, lines to bookmark', async () => {
  const f = open(LOG);
  const { s, of, opened, exportTo } = service(() => f);
  const r = await s.start(1, { ...spec(''), lists: { include: ['ERROR', 'WARN'], exclude: ['/time(out)?/'] } }, false, 'utf-8');
  assert.deepEqual(r, { kind: 'done', count: 3, lines: 7, cancelled: false });
  await s.exportLines(1, 9, { before: 0, after: 0 }, true);
  assert.equal(fs.readFileSync(exportTo, 'utf8'), 'é ERROR disk full\n2026 WARN slow\n2026 ERROR again ERROR\n');
  assert.deepEqual(opened, [exportTo]);
  assert.deepEqual(of('filterExportDone').at(-1), { type: 'filterExportDone', exportId: 9, lines: 3, bytes: 57, cancelled: false, path: exportTo });
  assert.deepEqual([...(s.lineStarts(1, 10) as Float64Array)], [16, 35, 70]);
  assert.match(s.lineStarts(1, 2) as string, /The filter has 3 lines; at most 2 can be bookmarked/);
  s.dispose();
  f.close();
});

test('an edit makes the chain stale and runs it again over the new content', async () => {
  let f = open(LOG);
  const { s, of } = service(() => f);
  await s.start(1, spec('ERROR'), false, 'utf-8');
  await s.start(2, spec('again'), true, 'utf-8');
  const next = open(`${LOG}\nmore ERROR again`);
  const old = f;
  f = next;
  s.contentChanged();
  assert.deepEqual(of('filterStale').at(-1), { type: 'filterStale', filterId: 2 });
  await new Promise((resolve) => setTimeout(resolve, 800));
  assert.deepEqual(s.links().map((l) => [l.filterId, l.count, l.complete]), [[1, 4, true], [2, 2, true]]);
  s.dispose();
  old.close();
  next.close();
});

test('saved filters from the settings; the webview\'s messages are checked', () => {
  assert.deepEqual(savedFilters([{ name: 'Errors', expression: 'ERROR or FATAL' }, { name: 1 }, { name: 'x', expression: ' ' }, 'y']), [{ name: 'Errors', expression: 'ERROR or FATAL' }]);
  assert.deepEqual(withSavedFilter([{ name: 'a', expression: 'x' }], { name: 'a', expression: 'y', matchCase: true }), [{ name: 'a', expression: 'y', matchCase: true }]);
  assert.equal(parseFilterWebviewMessage({ type: 'filterRows', filterId: 1, start: 0, count: 5000, context: { before: 0, after: 0 }, encoding: 'utf-8' }), undefined, 'too many rows');
  assert.equal(parseFilterWebviewMessage({ type: 'filter', filterId: 1, spec: { expression: 1, matchCase: true, wholeWord: false }, refine: false, encoding: 'utf-8' }), undefined);
  assert.equal(parseFilterWebviewMessage({ type: 'bookmarkToggle', offset: -1 }), undefined);
  assert.equal(parseFilterWebviewMessage({ type: 'overviewRows', rows: 0 }), undefined);
  assert.deepEqual(parseFilterWebviewMessage({ type: 'bookmarkGo', offset: 5, direction: 'next', extra: 1 }), { type: 'bookmarkGo', offset: 5, direction: 'next' });
});
