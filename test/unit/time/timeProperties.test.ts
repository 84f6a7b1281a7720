// Time in logs against an oracle that knows every line's time (test/support/timeLogs.ts): for
// generated logs in each format — lines out of order within blocks, untimed continuation lines
// (one longer than a scan window), header lines, day and year rollovers, lines in several zones —
// the engine detects the format, its go-to-time lands where a linear scan finds the first line at
// or after the time, and its histogram equals counting entries per bucket (with the entries
// holding ERROR in any of their lines), whatever its threads, segments and windows. The same over
// an edited document (lines deleted and inserted, unsaved), against the edited lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EditJournal } from '../../../extension/edits/editJournal';
import { EngineDocument, EngineTime, MappedFile, openMappedFile, SearchQuery, TimeFormatDescriptor, timeOf, TimeRun } from '../../../extension/engine';
import { documentSearch } from '../../../extension/search/documentSearch';
import { countPerBucket, firstAtOrAfter, GeneratedLine, generateLog, LogFormat, LogOptions } from '../../support/timeLogs';
import { rng, tempDir } from '../native/support';

const dir = tempDir('lfe-time-');

interface Case {
  readonly format: LogFormat;
  readonly options: LogOptions;
  readonly what: string;
}

const base = (o: Partial<LogOptions>): LogOptions => ({
  lines: 2500,
  startMs: Date.UTC(2026, 2, 1, 23, 20),
  gapMs: 900,
  jitterBlock: 6,
  continuation: 0.15,
  header: 0,
  seed: 1,
  errorRate: 0.08,
  ...o,
});

const CASES: Case[] = [
  ...(['iso-z', 'iso-offsets', 'iso-space', 'log4j', 'ymd-slash', 'clf', 'ctime', 'epoch-s', 'epoch-ms', 'json'] as LogFormat[]).flatMap((format, i) => [
    { format, options: base({ seed: 10 + i }), what: 'over midnight, out of order in blocks of 6' },
    { format, options: base({ seed: 40 + i, gapMs: 75_000, jitterBlock: 1, header: 3, continuation: 0.3 }), what: 'four days, in order, a header' },
  ]),
  { format: 'syslog', options: base({ seed: 70, startMs: Date.UTC(2025, 11, 31, 22, 0), gapMs: 4_000 }), what: 'over New Year (no year in the stamps)' },
  { format: 'syslog', options: base({ seed: 71, startMs: Date.UTC(2026, 1, 27, 12, 0), gapMs: 120_000, jitterBlock: 3 }), what: 'across February into March' },
  { format: 'iso-z', options: base({ seed: 72, startMs: Date.UTC(2025, 11, 31, 23, 50), gapMs: 500 }), what: 'over New Year' },
  { format: 'iso-offsets', options: base({ seed: 73, lines: 6000, gapMs: 20, jitterBlock: 12, continuation: 0.4 }), what: 'dense, three zones, long stack traces' },
];

let files = 0;
function writeLog(bytes: Buffer, mtimeMs: number): string {
  const file = path.join(dir, `log${files++}.log`);
  fs.writeFileSync(file, bytes);
  fs.utimesSync(file, mtimeMs / 1000, mtimeMs / 1000);
  return file;
}

/** Times to go to: before, after, every kind of place in between. */
function targets(lines: readonly GeneratedLine[], random: () => number, n: number): number[] {
  const times = lines.filter((l) => l.time !== null).map((l) => l.time!);
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  const out = [lo - 3_600e6, lo, hi, hi + 1, hi + 86_400e6];
  for (let i = 0; i < n; i++) {
    const t = times[Math.floor(random() * times.length)];
    out.push(t, t - 1, t + 1, Math.floor(lo + random() * (hi - lo)));
  }
  return out;
}

async function checkGoto(time: EngineTime, format: TimeFormatDescriptor, lines: readonly GeneratedLine[], random: () => number, what: string): Promise<void> {
  let runs: readonly TimeRun[] | undefined;
  for (const [i, target] of targets(lines, random, 12).entries()) {
    // Half the searches find the runs themselves, half are given the ones found before.
    const r = await time.goto(target, format, i % 2 ? { runs } : {}).done;
    runs = r.runs;
    assert.equal(r.runs.length, 1, `${what}: one sorted run`);
    assert.equal(r.offset, firstAtOrAfter(lines, target), `${what}: go to ${new Date(target / 1000).toISOString()} (${target})`);
    assert.ok(r.pagesTouched < 200, `${what}: ${r.pagesTouched} pages`);
  }
}

async function checkHistogram(time: EngineTime, format: TimeFormatDescriptor, lines: readonly GeneratedLine[], random: () => number, what: string): Promise<void> {
  const bucket = [10e6, 60e6, 900e6, 86_400e6][Math.floor(random() * 4)];
  const threads = 1 + Math.floor(random() * 3);
  const segment = [0, 3000, 20_000, 100_000][Math.floor(random() * 4)];
  const window = [4096, 9000, 65536][Math.floor(random() * 3)];
  // A literal, a regex, or two queries at once (an entry matches when either does).
  const series: { name: string; query: SearchQuery | SearchQuery[]; test: (t: string) => boolean }[] = [
    { name: 'ERROR', query: { pattern: 'ERROR' }, test: (t) => t.includes('ERROR') },
    { name: '/ER+OR [a-z]+|ERROR\\./', query: { kind: 'regex', pattern: 'ER+OR [a-z]+|ERROR\\.' }, test: (t) => /ERROR [a-z]+|ERROR\./.test(t) },
    { name: 'ERROR or pool', query: [{ pattern: 'ERROR' }, { pattern: 'pool', wholeWord: true }], test: (t) => t.includes('ERROR') || /\bpool\b/.test(t) },
  ];
  const s = series[Math.floor(random() * series.length)];
  let updates = 0;
  const h = await time.histogram(format, { bucket, query: s.query, threads, segment, window, onUpdate: () => updates++ }).done;
  const how = `${what}: bucket ${bucket / 1e6} s, ${threads} threads, segment ${segment}, window ${window}, matching ${s.name}`;
  assert.equal(h.bucket, bucket);
  const oracle = countPerBucket(lines, h.origin, bucket, s.test);
  const counts = new Map<number, number>();
  const matches = new Map<number, number>();
  for (let i = 0; i < h.counts.length; i++) {
    const key = h.origin + (h.first + i) * bucket;
    if (h.counts[i] > 0) counts.set(key, h.counts[i]);
    if (h.matches[i] > 0) matches.set(key, h.matches[i]);
  }
  assert.deepEqual(counts, oracle.counts, `${how}: entries per bucket`);
  assert.deepEqual(matches, oracle.matches, `${how}: matching entries per bucket`);
  assert.equal(h.untimed, oracle.untimed, `${how}: lines before the first stamp`);
  assert.equal(h.continuation, oracle.continuation, `${how}: continuation lines`);
  assert.equal(h.outside, 0);
  assert.equal(h.entries, lines.filter((l) => l.time !== null).length);
  assert.ok([...oracle.matches.values()].reduce((a, b) => a + b, 0) > 0, `${how}: some entries match`);
  assert.ok(updates > 0, `${what}: the histogram reported as it went`);
}

for (const c of CASES) {
  test(`${c.format}, ${c.what}: detected; go to time = linear scan; histogram = counting per bucket`, async () => {
    const log = generateLog(c.format, c.options);
    const file = writeLog(log.bytes, log.mtimeMs);
    const f = openMappedFile(file, 'read');
    try {
      const time = timeOf(f);
      const format = time.detect({ referenceTime: log.mtimeMs });
      assert.ok(format, 'a format is detected');
      assert.equal(format.name, log.formatName);
      const random = rng(c.options.seed * 7 + 1);
      await checkGoto(time, format, log.lines, random, c.format);
      await checkHistogram(time, format, log.lines, random, c.format);
      await checkHistogram(time, format, log.lines, random, c.format);
      // The time of a line, and of a continuation line (its entry's).
      for (let i = 0; i < 40; i++) {
        const k = Math.floor(random() * log.lines.length);
        const l = log.lines[k];
        let entry = k;
        while (entry >= 0 && log.lines[entry].time === null) entry--;
        const at = time.at(l.start + Math.floor(random() * (l.end - l.start)), format);
        if (entry < 0) assert.equal(at, null, 'a header line has no time');
        else {
          assert.ok(at, `line ${k} has a time`);
          assert.deepEqual([at.lineStart, at.entryStart, at.time, at.own], [l.start, log.lines[entry].start, log.lines[entry].time, entry === k], `time of line ${k}`);
        }
      }
    } finally {
      f.close();
    }
  });
}

test('an edited document (lines deleted, timed and untimed lines inserted, unsaved): go to time and histogram follow the edits', async () => {
  const log = generateLog('iso-z', base({ seed: 90, lines: 4000, gapMs: 600 }));
  const file = writeLog(log.bytes, log.mtimeMs);
  const f: MappedFile = openMappedFile(file, 'read');
  try {
    const journal = new EditJournal(f);
    const lines = log.lines.map((l) => ({ text: l.text, time: l.time }));
    const random = rng(91);
    // Each edit both to the journal (bytes) and to the oracle's lines.
    const startOf = (k: number) => lines.slice(0, k).reduce((n, l) => n + l.text.length + 1, 0);
    for (let e = 0; e < 30; e++) {
      const k = 1 + Math.floor(random() * (lines.length - 50));
      if (e % 3 === 0) {
        const n = 1 + Math.floor(random() * 40);
        const bytes = lines.slice(k, k + n).reduce((s, l) => s + l.text.length + 1, 0);
        journal.delete(startOf(k), bytes);
        lines.splice(k, n);
      } else {
        // A new entry between its neighbours' times (or a stack trace line, untimed).
        const before = lines.slice(0, k).reverse().find((l) => l.time !== null)?.time ?? 0;
        const time = e % 3 === 1 ? before : null;
        const text = time === null ? '\tat com.example.Inserted.line(ERROR.java:1)' : `${new Date(time / 1000).toISOString()} WARN inserted ERROR line ${e}`;
        journal.insert(startOf(k), Buffer.from(`${text}\n`));
        lines.splice(k, 0, { text, time: time === null ? null : Math.floor(time / 1000) * 1000 });
      }
    }
    let offset = 0;
    const edited: GeneratedLine[] = lines.map((l) => {
      const g = { start: offset, end: offset + l.text.length + 1, time: l.time, text: l.text };
      offset = g.end;
      return g;
    });
    assert.equal(journal.size, offset, 'the oracle and the journal agree on the size');
    const document: EngineDocument = documentSearch(journal, f);
    const time = timeOf(document);
    const format = time.detect({ referenceTime: log.mtimeMs });
    assert.equal(format?.name, 'iso8601');
    await checkGoto(time, format, edited, random, 'edited');
    await checkHistogram(time, format, edited, random, 'edited');
  } finally {
    f.close();
  }
});

test('a file that is several logs one after another: go to time answers in the first run that reaches the time', async () => {
  const a = generateLog('iso-z', base({ seed: 100, lines: 3000, gapMs: 800, startMs: Date.UTC(2026, 2, 1) }));
  const b = generateLog('iso-z', base({ seed: 101, lines: 2000, gapMs: 800, startMs: Date.UTC(2026, 2, 1, 0, 20) }));
  const file = writeLog(Buffer.concat([a.bytes, a.bytes, b.bytes]), a.mtimeMs);
  const f = openMappedFile(file, 'read');
  try {
    const time = timeOf(f);
    const format = time.detect()!;
    const copies: (readonly GeneratedLine[])[] = [a.lines, a.lines.map((l) => ({ ...l, start: l.start + a.bytes.length, end: l.end + a.bytes.length })), b.lines.map((l) => ({ ...l, start: l.start + 2 * a.bytes.length, end: l.end + 2 * a.bytes.length }))];
    const mid = a.lines.slice(1500).find((l) => l.time !== null)!.time!;
    const first = await time.goto(mid, format).done;
    assert.equal(first.runs.length, 3, 'three runs');
    assert.deepEqual(first.runs.map((r) => r.begin), [0, a.bytes.length, 2 * a.bytes.length]);
    assert.equal(first.offset, firstAtOrAfter(copies[0], mid), 'in the first copy');
    // After the first copy's end but within the third part: the third part.
    const lastOfA = Math.max(...a.lines.filter((l) => l.time !== null).map((l) => l.time!));
    const late = lastOfA + 60e6;
    const inB = await time.goto(late, format, { runs: first.runs }).done;
    assert.equal(inB.run, 2);
    assert.equal(inB.offset, firstAtOrAfter(copies[2], late));
    // The histogram counts every copy.
    const h = await time.histogram(format, { bucket: 60e6, runs: first.runs }).done;
    assert.equal(h.entries, 2 * a.lines.filter((l) => l.time !== null).length + b.lines.filter((l) => l.time !== null).length);
  } finally {
    f.close();
  }
});

test('a banner longer than the first 64 KiB does not hide the format: it is re-checked further in', async () => {
  const log = generateLog('log4j', base({ seed: 110, lines: 4000 }));
  const banner = Buffer.from(Array.from({ length: 1200 }, (_, i) => `banner line ${i}: ${'='.repeat(60)}\n`).join(''));
  const file = writeLog(Buffer.concat([banner, log.bytes]), log.mtimeMs);
  const f = openMappedFile(file, 'read');
  try {
    const time = timeOf(f);
    const format = time.detect();
    assert.equal(format?.name, 'log4j');
    const target = log.lines.slice(2000).find((l) => l.time !== null)!.time!;
    const r = await time.goto(target, format).done;
    assert.equal(r.offset, banner.length + firstAtOrAfter(log.lines, target)!);
  } finally {
    f.close();
  }
});
