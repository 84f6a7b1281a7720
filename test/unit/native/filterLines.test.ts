// The engine's line filter against a naive oracle (each line taken alone, each term found with
// indexOf or JS RegExp over the line's latin1 text), on random small files with windows,
// segments and threads so small that lines cross every seam, with and without a final newline,
// and over edited documents; and the rows, context, nearest hit, density and refine that the
// filtered view is made of.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { EngineFilter, EngineFilterable, FilterNode, FilterProgram, SearchQuery } from '../../../extension/engine';
import { FILTER_ROW_GAP, FILTER_ROW_MATCH } from '../../../extension/engine';
import { compileFilterText } from '../../../extension/filter/filterProgram';
import { documentSearch } from '../../../extension/search/documentSearch';
import { randomEdits, randomText } from '../search/editedDocument';
import { isWordByte, openTemp, rng, tempDir } from './support';

const dir = tempDir();

/** [start, end) of each line: split at \n, a last line without one counted, none after a final \n. */
export function lineSpans(data: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  while (s < data.length) {
    let e = data.indexOf(10, s);
    if (e < 0) e = data.length;
    out.push([s, e]);
    s = e + 1;
  }
  return out;
}

function termHolds(line: Buffer, q: SearchQuery): boolean {
  const source = typeof q.pattern === 'string' ? q.pattern : Buffer.from(q.pattern).toString('latin1');
  if (q.kind === 'regex') {
    const body = q.wholeWord ? `(?<![\\w\\x80-\\xff])(?:${source})(?![\\w\\x80-\\xff])` : source;
    return new RegExp(body, q.ignoreCase ? 'mi' : 'm').test(line.toString('latin1'));
  }
  if (source.includes('\n')) return false;
  const hay = q.ignoreCase ? line.toString('latin1').toLowerCase() : line.toString('latin1');
  const needle = q.ignoreCase ? source.toLowerCase() : source;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    if (!q.wholeWord || (!isWordByte(at > 0 ? line[at - 1] : undefined) && !isWordByte(line[at + needle.length]))) return true;
  }
  return false;
}

function holds(node: FilterNode, line: Buffer, terms: readonly SearchQuery[]): boolean {
  switch (node.op) {
    case 'term':
      return termHolds(line, terms[node.term]);
    case 'not':
      return !holds(node.arg, line, terms);
    case 'and':
      return node.args.every((a) => holds(a, line, terms));
    case 'or':
      return node.args.some((a) => holds(a, line, terms));
  }
}

/** The oracle: 0-based numbers of the lines `program` holds for. */
export function oracleLines(data: Uint8Array, program: FilterProgram, among?: readonly number[]): number[] {
  const spans = lineSpans(data);
  const buf = Buffer.from(data);
  const lines = among ?? spans.map((_, i) => i);
  return lines.filter((i) => holds(program.root, buf.subarray(spans[i][0], spans[i][1]), program.terms));
}

function program(text: string, matchCase = true, wholeWord = false): FilterProgram {
  const r = compileFilterText(text, { matchCase, wholeWord }, 'x-bytes');
  assert.ok(r.ok, text);
  return r.filter.program;
}

export async function engineLines(target: EngineFilterable, p: FilterProgram, options = {}): Promise<{ filter: EngineFilter; lines: number[]; total: number }> {
  const filter = target.filter(p, options);
  const done = await filter.done;
  return { filter, lines: [...filter.lineNumbers(0, done.count + 1)], total: done.lines };
}

const TERMS = ['a', 'ab', 'b_', 'A', '"a b"', '"_ a"', '/a+b/', '/^a/', '/b$/', '/(ab|ba)/', '/[AB]_/', '/a.b/', '/^$/', '/a*/', '/_ ?a/', 'aa'];

function randomExpression(random: () => number, depth = 0): string {
  const r = random();
  if (depth > 2 || r < 0.45) return TERMS[Math.floor(random() * TERMS.length)];
  if (r < 0.6) return `not ${randomExpression(random, depth + 1)}`;
  const op = r < 0.8 ? 'and' : 'or';
  return `(${randomExpression(random, depth + 1)} ${op} ${randomExpression(random, depth + 1)})`;
}

function randomTuning(random: () => number): { window: number; segment: number; threads: number } {
  return {
    window: [16, 17, 31, 64, 100, 4096, 1 << 20][Math.floor(random() * 7)],
    segment: [64 * 1024, 128 * 1024, 0][Math.floor(random() * 3)],
    threads: 1 + Math.floor(random() * 3),
  };
}

test('random filters over random lines agree with the oracle at every seam', async () => {
  const random = rng(15);
  for (let round = 0; round < 250; round++) {
    const big = round % 25 === 0;
    const data = randomText(random, big ? 300_000 + Math.floor(random() * 100_000) : Math.floor(random() * 400), round % 3 === 0 ? 'ab\n' : 'abAB_ \n');
    if (round % 7 === 0 && data.length > 0 && data[data.length - 1] !== 10) data[data.length - 1] = 10; // ends with \n
    const text = randomExpression(random);
    const p = program(text, random() < 0.6, random() < 0.3);
    const f = openTemp(dir, data);
    const tuning = randomTuning(random);
    const { filter, lines, total } = await engineLines(f, p, tuning);
    const expected = oracleLines(data, p);
    assert.deepEqual(lines, expected, `round ${round}: ${text} ${JSON.stringify(tuning)} over ${JSON.stringify(data.length < 400 ? data.toString('latin1') : data.length)}`);
    assert.equal(total, lineSpans(data).length, 'the line count');
    filter.release();
    f.close();
  }
});

test('edge files: empty, one newline, no final newline, empty lines, a last line alone', async () => {
  const cases: [string, string, number[], number][] = [
    ['', 'not x', [], 0],
    ['\n', 'not x', [0], 1],
    ['\n', '/^$/', [0], 1],
    ['a', 'a', [0], 1],
    ['a\n', 'not b', [0], 1],
    ['a\n\nb', 'not a', [1, 2], 3],
    ['a\n\nb\n', '/^$/', [1], 3],
    ['x\ny', 'y', [1], 2],
  ];
  for (const [content, text, lines, total] of cases) {
    const f = openTemp(dir, Buffer.from(content, 'latin1'));
    const r = await engineLines(f, program(text));
    assert.deepEqual([r.lines, r.total], [lines, total], `${JSON.stringify(content)} / ${text}`);
    f.close();
  }
});

test('lines longer than the window, and than the largest window, are judged whole', async () => {
  // A 70 MiB line (past the 64 MiB window) holding the terms only near its end, between short ones.
  const long = Buffer.alloc(70 << 20, 'x'.charCodeAt(0));
  long.write('needle', long.length - 100, 'latin1');
  const data = Buffer.concat([Buffer.from('a needle\nshort\n'), long, Buffer.from('\nlast needle')]);
  const f = openTemp(dir, data);
  for (const [text, expected] of [['needle', [0, 2, 3]], ['not needle', [1]], ['needle and xxx', [2]], ['/needle$/', [0, 3]], ['/x{5}needle/', [2]]] as const) {
    const r = await engineLines(f, program(text), { threads: 2, window: 1 << 20 });
    assert.deepEqual(r.lines, expected, text);
    r.filter.release();
  }
  f.close();
});

test('rows: offsets, bytes, match spans of the positive terms; context rows with gaps; nearest; density', async () => {
  const data = Buffer.from('one ERROR a\ntwo\nthree ERROR timeout\nfour\nfive ERROR ERROR\nsix\nseven\neight ERROR', 'latin1');
  const f = openTemp(dir, data);
  const filter = f.filter(program('ERROR and not timeout'), { densityBuckets: 4 });
  const done = await filter.done;
  assert.deepEqual(done, { count: 3, lines: 8, cancelled: false });
  const rows = filter.rows(0, 10);
  assert.deepEqual([...rows.lines], [0, 4, 7]);
  assert.deepEqual([...rows.offsets], [0, 41, 68]);
  assert.deepEqual([...rows.lengths], [11, 16, 11]);
  assert.equal(Buffer.from(rows.bytes).toString('latin1'), 'one ERROR afive ERROR ERROReight ERROR');
  // Spans of ERROR (not of timeout, under not): [start, length] from each line's start.
  assert.deepEqual([...rows.spans], [4, 5, 5, 5, 11, 5, 6, 5]);
  assert.deepEqual([...rows.spanEnds], [1, 3, 4]);
  assert.deepEqual([...rows.flags], [FILTER_ROW_MATCH, FILTER_ROW_MATCH | FILTER_ROW_GAP, FILTER_ROW_MATCH | FILTER_ROW_GAP]);
  // With one line of context before and after: lines 0,1 | 3,4,5,6,7 — rows, not a rescan.
  assert.equal(filter.rowCount(1, 1), 7);
  const context = filter.rows(0, 10, { before: 1, after: 1 });
  assert.deepEqual([...context.lines], [0, 1, 3, 4, 5, 6, 7]);
  assert.deepEqual([...context.flags].map((x) => x & FILTER_ROW_MATCH), [1, 0, 0, 1, 0, 0, 1]);
  assert.deepEqual([...context.flags].map((x) => (x & FILTER_ROW_GAP) !== 0), [false, false, true, false, false, false, false]);
  assert.deepEqual([...filter.rows(3, 2, { before: 1, after: 1 }).lines], [4, 5], 'a page in the middle');
  // Nearest matching line to an offset (ties: the one before), and the line that holds it.
  assert.deepEqual(filter.nearest(14), { index: 0, line: 0, exact: false });
  assert.deepEqual(filter.nearest(45), { index: 1, line: 4, exact: true });
  assert.deepEqual(filter.nearest(58), { index: 1, line: 4, exact: false }, 'line 5 is 1 from line 4, 2 from line 7');
  assert.deepEqual(filter.nearest(62), { index: 2, line: 7, exact: false }, 'line 6 is 2 from line 4, 1 from line 7');
  assert.deepEqual(filter.nearest(data.length), { index: 2, line: 7, exact: true });
  // Density: hits per quarter of the file, by where each line starts.
  const density = [...filter.density()];
  assert.deepEqual(density, [1, 0, 1, 1]);
  assert.ok(filter.memoryBytes() > 0);
  filter.release();
  assert.throws(() => filter.rows(0, 1), { code: 'ECLOSED' });
  f.close();
});

test('a refine is the filter with `and`, over the parent lines only; chains and errors', async () => {
  const random = rng(77);
  for (let round = 0; round < 40; round++) {
    const data = randomText(random, 2000 + Math.floor(random() * 200_000), 'abAB_ \n');
    const first = randomExpression(random);
    const second = randomExpression(random);
    const third = randomExpression(random);
    const f = openTemp(dir, data);
    const tuning = randomTuning(random);
    const root = f.filter(program(first), tuning);
    await root.done;
    const refined = root.refine(program(second), { ...tuning, segment: [1, 7, 4096, 0][round % 4] });
    const r = await refined.done;
    const both = await engineLines(f, program(`(${first}) and (${second})`), tuning);
    assert.deepEqual([...refined.lineNumbers(0, r.count + 1)], both.lines, `round ${round}: ${first} | ${second}`);
    assert.deepEqual(both.lines, oracleLines(data, program(`(${first}) and (${second})`)));
    const again = refined.refine(program(third), tuning);
    const a = await again.done;
    assert.deepEqual([...again.lineNumbers(0, a.count + 1)], oracleLines(data, program(`(${first}) and (${second}) and (${third})`)), `round ${round}: ${third}`);
    // Rows of a refine read the same lines.
    const rows = again.rows(0, 5);
    const spans = lineSpans(data);
    for (let i = 0; i < rows.lines.length; i++) assert.equal(rows.offsets[i], spans[rows.lines[i]][0]);
    for (const x of [root, refined, again, both.filter]) x.release();
    f.close();
  }
});

test('a bad regex is EBADREGEX naming its term; a refine of an unfinished filter is refused', async () => {
  const f = openTemp(dir, Buffer.from('a\nb\n'));
  assert.throws(() => f.filter(program('a or /(b/')), (e: Error & { code?: string; term?: number }) => e.code === 'EBADREGEX' && e.term === 1);
  const big = openTemp(dir, Buffer.alloc(8 << 20, 'ab\n'));
  const running = big.filter(program('a'), { threads: 1, segment: 64 * 1024 });
  running.cancel();
  const r = await running.done;
  assert.equal(r.cancelled, true);
  assert.throws(() => running.refine(program('b')), { code: 'EINVAL' });
  running.release();
  big.close();
  f.close();
});

test('filters over edited documents agree with the oracle over the edited bytes', async () => {
  const random = rng(2024);
  for (let round = 0; round < 60; round++) {
    const base = randomText(random, 200 + Math.floor(random() * 5000), 'abAB_ \n');
    const f = openTemp(dir, base);
    const { journal, model, log } = randomEdits(random, f, base, 1 + Math.floor(random() * 30));
    const text = randomExpression(random);
    const p = program(text, random() < 0.5);
    const doc = documentSearch(journal, f);
    const { filter, lines, total } = await engineLines(doc, p, randomTuning(random));
    assert.deepEqual(lines, oracleLines(model, p), `round ${round}: ${text} after ${log.join('; ')}`);
    assert.equal(total, lineSpans(model).length);
    // Rows read the edited bytes.
    const rows = filter.rows(0, 3);
    const spans = lineSpans(model);
    let at = 0;
    for (let i = 0; i < rows.lines.length; i++) {
      const [s, e] = spans[rows.lines[i]];
      assert.equal(Buffer.from(rows.bytes.subarray(at, rows.byteEnds[i])).toString('latin1'), model.toString('latin1', s, e));
      at = rows.byteEnds[i];
    }
    filter.release();
    f.close();
  }
});

export { program as filterProgram };

test('an export over the filtered file itself is refused and the file stays whole', async () => {
  const data = Buffer.from('keep me\nand me\n');
  const f = openTemp(dir, data);
  const filter = f.filter(program('me'));
  await filter.done;
  await assert.rejects(filter.exportLines(f.path).done, { code: 'EINVAL' });
  assert.ok(fs.readFileSync(f.path).equals(data));
  filter.release();
  f.close();
});
