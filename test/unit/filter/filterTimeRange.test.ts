// A filter kept to a time range — `time >= A and time < B` in the expression, the editor's range
// (the timeline's drag), or both — over generated logs whose every line's time the generator
// records (lines out of order within blocks, untimed continuation lines): its count, rows, rows
// with context, nearest hit, refine and export are those of the lines whose start lies in
// [first line at or after A, first line at or after B), the oracle's linear scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openMappedFile, type MappedFile } from '../../../extension/engine';
import { FilterService } from '../../../extension/filter/filterService';
import { DocumentTime } from '../../../extension/time/documentTime';
import { resolveFilterWindow } from '../../../extension/time/filterTimeWindow';
import type { TimeRange } from '../../../shared/protocol';
import type { FilterHostMessage } from '../../../shared/filterProtocol';
import { firstAtOrAfter, generateLog, GeneratedLine } from '../../support/timeLogs';
import { repoRoot, tempDir } from '../native/support';
import { execFileSync } from 'node:child_process';

const dir = tempDir('lfe-filter-time-');
const spec = (expression: string) => ({ expression, matchCase: true, wholeWord: false });

function setup(seed: number, range?: TimeRange) {
  const log = generateLog('iso-z', { lines: 3000, startMs: Date.UTC(2026, 2, 1, 11, 0), gapMs: 1500, jitterBlock: 5, continuation: 0.12, header: 2, seed, errorRate: 0.1 });
  const file = path.join(dir, `log-${seed}.log`);
  fs.writeFileSync(file, log.bytes);
  const mapped: MappedFile = openMappedFile(file, 'read');
  const time = new DocumentTime({ uri: { scheme: 'file', fsPath: file }, editGeneration: 0, searchable: () => mapped });
  const posted: FilterHostMessage[] = [];
  const exportTo = path.join(dir, `export-${seed}-${Math.random().toString(36).slice(2)}.txt`);
  const s = new FilterService(
    {
      filterable: () => mapped,
      exportTarget: async () => exportTo,
      withExportProgress: (task) => task(() => undefined, new AbortController().signal),
      openExported: async () => undefined,
    },
    (m) => posted.push(m),
  );
  s.setTimeWindow((terms) => resolveFilterWindow(time, range, terms, mapped.size));
  return { log, mapped, s, exportTo, posted };
}

/** The oracle: lines whose start is in the bytes of [from, to) (first line at or after each). */
function linesIn(lines: readonly GeneratedLine[], from: number, to: number, size: number): GeneratedLine[] {
  const start = firstAtOrAfter(lines, from) ?? size;
  const end = firstAtOrAfter(lines, to) ?? size;
  return lines.filter((l) => l.start >= start && l.start < end);
}

const at = (h: number, m: number) => Date.UTC(2026, 2, 1, h, m) * 1000;

test('time >= A and time < B: the lines of that stretch, with a term or alone', async () => {
  const { log, mapped, s } = setup(3);
  const expected = linesIn(log.lines, at(11, 20), at(11, 35), mapped.size);
  const errors = expected.filter((l) => l.text.includes('ERROR'));
  assert.ok(errors.length > 10 && errors.length < log.lines.filter((l) => l.text.includes('ERROR')).length, 'the range holds some, not all, of the errors');

  const withTerm = await s.start(1, spec('ERROR and time >= 11:20 and time < 11:35'), false, 'utf-8');
  assert.equal(withTerm.kind, 'done');
  assert.equal(withTerm.kind === 'done' && withTerm.count, errors.length, 'ERROR lines in the range');
  const f = s.current()!;
  assert.deepEqual([...f.rows(0, 10_000, { maxBytes: 0 }).offsets], errors.map((l) => l.start), 'the rows are those lines');

  const alone = await s.start(2, spec('time >= "2026-03-01 11:20" and time < 2026-03-01 11:35'), false, 'utf-8');
  assert.equal(alone.kind === 'done' && alone.count, expected.length, 'every line of the range');
  assert.deepEqual([...s.current()!.rows(0, 10_000, { maxBytes: 0 }).offsets], expected.map((l) => l.start));

  // One bound: from A to the end.
  const open = await s.start(3, spec('ERROR and time >= 11:50'), false, 'utf-8');
  const tail = linesIn(log.lines, at(11, 50), Infinity, mapped.size).filter((l) => l.text.includes('ERROR'));
  assert.equal(open.kind === 'done' && open.count, tail.length);
  s.dispose();
  mapped.close();
});

test('context rows, the nearest hit, refine and export keep to the range', async () => {
  const { log, mapped, s, exportTo } = setup(7);
  await s.start(1, spec('ERROR and time >= 11:10 and time < 11:40'), false, 'utf-8');
  const inRange = linesIn(log.lines, at(11, 10), at(11, 40), mapped.size);
  const startByte = inRange[0].start;
  const endByte = inRange[inRange.length - 1].end;
  const errors = inRange.filter((l) => l.text.includes('ERROR'));
  const f = s.current()!;

  // Context: each hit with the line before it, never outside the range's lines.
  const rows = f.rows(0, f.rowCount(1, 0), { before: 1, after: 0, maxBytes: 0 });
  const index = new Map(log.lines.map((l, i) => [l.start, i]));
  // The whole file's context rows (a hit just past the range has its line before inside it).
  const allErrors = log.lines.filter((l) => l.text.includes('ERROR'));
  const expectedRows = [...new Set(allErrors.flatMap((l) => [index.get(l.start)! - 1, index.get(l.start)!]))]
    .sort((a, b) => a - b)
    .map((i) => log.lines[i].start)
    .filter((o) => o >= startByte && o < endByte);
  assert.deepEqual([...rows.offsets], expectedRows);

  // The nearest hit to an offset before the range is its first.
  assert.equal(f.nearest(0)?.index, 0);
  assert.equal(f.nearest(mapped.size - 1)?.index, errors.length - 1);

  // A refine stays within the range.
  const refined = await s.start(2, spec('not handler'), true, 'utf-8');
  const expectedRefined = errors.filter((l) => !l.text.includes('handler'));
  assert.equal(refined.kind === 'done' && refined.count, expectedRefined.length);

  // Export writes just those lines.
  s.pop(false);
  await s.exportLines(1, 1, { before: 0, after: 0 }, false);
  assert.equal(fs.readFileSync(exportTo, 'utf8'), errors.map((l) => `${l.text}\n`).join(''));
  s.dispose();
  mapped.close();
});

test("the editor's time range restricts a filter without time terms, and meets the terms'", async () => {
  const range = { from: at(11, 15), to: at(11, 45) };
  const { log, mapped, s } = setup(11, range);
  const r1 = await s.start(1, spec('ERROR'), false, 'utf-8');
  assert.equal(r1.kind === 'done' && r1.count, linesIn(log.lines, range.from, range.to, mapped.size).filter((l) => l.text.includes('ERROR')).length);
  const r2 = await s.start(2, spec('ERROR and time >= 11:30'), false, 'utf-8');
  assert.equal(r2.kind === 'done' && r2.count, linesIn(log.lines, at(11, 30), range.to, mapped.size).filter((l) => l.text.includes('ERROR')).length);
  const none = await s.start(3, spec('ERROR and time >= 12:30'), false, 'utf-8');
  assert.equal(none.kind === 'done' && none.count, 0, 'past the range: nothing');
  s.dispose();
  mapped.close();
});

test('a time term that is no time, or under or/not, is an error at its place', async () => {
  const { mapped, s, posted } = setup(13);
  const bad = await s.start(1, spec('ERROR and time >= soonish'), false, 'utf-8');
  assert.equal(bad.kind, 'invalid');
  assert.deepEqual(bad.kind === 'invalid' && [bad.start, bad.end], [10, 25]);
  const nested = await s.start(2, spec('ERROR or time >= 11:00'), false, 'utf-8');
  assert.equal(nested.kind, 'invalid');
  assert.match(nested.kind === 'invalid' ? nested.message : '', /with “and” at the top/);
  assert.ok(posted.some((m) => m.type === 'filterDone' && m.filterId === 2));
  s.dispose();
  mapped.close();
});

test('the command line: filter and export take time terms too', () => {
  const { log, mapped } = setup(17);
  const file = path.join(dir, 'log-17.log');
  const cli = (...args: string[]) => JSON.parse(execFileSync(process.execPath, [path.join(repoRoot, 'out', 'tools', 'engine-cli.js'), ...args], { encoding: 'utf8' }));
  const expected = linesIn(log.lines, at(11, 20), at(11, 35), mapped.size).filter((l) => l.text.includes('ERROR'));
  assert.equal(cli('filter', 'ERROR and time >= 11:20 and time < 2026-03-01 11:35', file).lines, expected.length);
  const out = path.join(dir, 'cli-export.txt');
  assert.equal(cli('export', 'ERROR and time >= 11:20 and time < 11:35', file, out).lines, expected.length);
  assert.equal(fs.readFileSync(out, 'utf8'), expected.map((l) => `${l.text}\n`).join(''));
  mapped.close();
});
