// The engine's time commands on the command line (tools/engineCli.ts dispatches here), so what
// Go to time and the timeline compute can be checked against awk:
//   time-at   [options] OFFSET FILE     {"time": ISO, "format": name, "lineStart", "entryStart", "own", …}
//   goto-time [options] [--line] [--at OFFSET] TIME FILE
//                                       {"offset": N|null, "line": N|null, "time": ISO, "pagesTouched": N, …}
//   histogram [options] [--bucket SECONDS] [--match PATTERN [-i] [--regex] [--word] | --errors]
//             [--from TIME --to TIME] [--threads N] FILE
//                                       {"buckets": [{"start": ISO, "count": N, "matches": N}, …], …}
// options: --edits EDITS.json (over the document after unsaved edits), --time-format FORMAT,
// --time-pattern REGEX (largeFile.timestampFormat / timestampPattern). TIME is what Go to takes:
// 2026-03-01T12:00:00Z, "2026-03-01 12:00", 12:00, +10m (from --at, default the first line),
// start, end, or any timestamp format the engine reads. Times out are ISO 8601 in UTC.
import { statSync } from 'node:fs';
import { EngineDocument, EngineError, EngineTime, MappedFile, SearchQuery, TimeFormatDescriptor, TimeSettings, timeOf } from '../extension/engine';
import { DocumentLines } from '../extension/lines/documentLines';
import { documentSearch } from '../extension/search/documentSearch';
import { ERROR_LEVEL_QUERIES } from '../extension/time/errorLevel';
import { lastLineStart } from '../extension/time/gotoTime';
import { parseTimeInput, TimeInputContext } from '../extension/time/timeInput';
import { isoTime, zoneText } from '../extension/time/timeText';
import { applyEdits, readEditsFile } from './editsFile';

export const TIME_COMMANDS: readonly string[] = ['time-at', 'goto-time', 'histogram'];

export const TIME_USAGE = `  engine time-at   [TIME OPTIONS] <offset> <file>
  engine goto-time [TIME OPTIONS] [--line] [--at OFFSET] <time> <file>
  engine histogram [TIME OPTIONS] [--bucket SECONDS] [--match PATTERN [-i] [--regex] [--word] | --errors] [--from TIME --to TIME] [--threads N] <file>
  TIME OPTIONS: --edits EDITS.json, --time-format FORMAT (strftime-like), --time-pattern REGEX
time-at: the timestamp of the line holding a byte offset (or of its entry); goto-time: the first line at or
  after a time (binary search, no line index; --line adds its line number, which indexes the lines);
  histogram: timed lines per bucket (a bucket chosen for the span without --bucket), with --match/--errors
  the entries matching too; --from/--to count only that time range (as Find restricted to it);
  count … --from TIME --to TIME: matches in that time range.`;

export class TimeUsageError extends Error {}

interface TimeArgs {
  readonly command: string;
  readonly positional: string[];
  readonly edits?: string;
  readonly settings: TimeSettings;
  readonly line: boolean;
  readonly at?: number;
  readonly bucket?: number;
  readonly query?: SearchQuery | readonly SearchQuery[];
  readonly from?: string;
  readonly to?: string;
  readonly threads?: number;
}

function parseArgs(command: string, rest: string[]): TimeArgs {
  const positional: string[] = [];
  let edits: string | undefined;
  let format: string | undefined;
  let pattern: string | undefined;
  let line = false;
  let at: number | undefined;
  let bucket: number | undefined;
  let match: string | undefined;
  let regex = false;
  let ignoreCase = false;
  let word = false;
  let errors = false;
  let from: string | undefined;
  let to: string | undefined;
  let threads: number | undefined;
  const value = (i: number, what: string): string => {
    const v = rest[i];
    if (v === undefined) throw new TimeUsageError(`${rest[i - 1]} needs ${what}`);
    return v;
  };
  const number = (i: number, what: string): number => {
    const n = Number(value(i, what));
    if (!Number.isFinite(n) || n < 0) throw new TimeUsageError(`${rest[i - 1]} needs ${what}, got ${rest[i]}`);
    return n;
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--edits') edits = value(++i, 'a file');
    else if (a === '--time-format') format = value(++i, 'a format');
    else if (a === '--time-pattern') pattern = value(++i, 'a regex');
    else if (a === '--line' && command === 'goto-time') line = true;
    else if (a === '--at' && command === 'goto-time') at = number(++i, 'an offset');
    else if (a === '--bucket' && command === 'histogram') bucket = number(++i, 'seconds');
    else if (a === '--match' && command === 'histogram') match = value(++i, 'a pattern');
    else if ((a === '--regex' || a === '-e') && command === 'histogram') regex = true;
    else if ((a === '--ignore-case' || a === '-i') && command === 'histogram') ignoreCase = true;
    else if ((a === '--word' || a === '-w') && command === 'histogram') word = true;
    else if (a === '--errors' && command === 'histogram') errors = true;
    else if (a === '--from' && command === 'histogram') from = value(++i, 'a time');
    else if (a === '--to' && command === 'histogram') to = value(++i, 'a time');
    else if (a === '--threads' && command === 'histogram') threads = number(++i, 'a count');
    else if (a.startsWith('--')) throw new TimeUsageError(`unknown option for ${command}: ${a}`);
    else positional.push(a);
  }
  const wanted = command === 'histogram' ? 1 : 2;
  if (positional.length !== wanted) throw new TimeUsageError(command === 'histogram' ? 'histogram takes one file' : `${command} takes ${command === 'time-at' ? 'an offset' : 'a time'} and a file`);
  if ((from === undefined) !== (to === undefined)) throw new TimeUsageError('--from and --to go together');
  if (match !== undefined && errors) throw new TimeUsageError('--match or --errors, not both');
  const query: SearchQuery | readonly SearchQuery[] | undefined = errors
    ? ERROR_LEVEL_QUERIES
    : match !== undefined
      ? { kind: regex ? 'regex' : 'literal', pattern: match, ignoreCase, wholeWord: word }
      : undefined;
  const settings: TimeSettings = { ...(format ? { format } : {}), ...(pattern ? { pattern } : {}) };
  return { command, positional, edits, settings, line, at, bucket, query, from, to, threads };
}

/** The engine's time over FILE (with --edits: over the edited document), its format, and how to read typed times. */
async function open(file: MappedFile, path: string, args: { edits?: string; settings: TimeSettings }) {
  const journal = args.edits ? await applyEdits(file, readEditsFile(args.edits)) : undefined;
  const target: MappedFile | EngineDocument = journal ? documentSearch(journal, file) : file;
  const time = timeOf(target);
  const format = time.detect({ ...args.settings, referenceTime: statSync(path).mtimeMs });
  if (!format) throw new EngineError('ENOTIMESTAMPS', `No line of ${path} has a timestamp the engine reads${args.settings.format ? ` as ${args.settings.format}` : ''}`);
  const size = target.size;
  const read = (o: number, l: number) => (journal ? journal.read(o, l) : file.read(o, l));
  return { journal, target, time, format, size, read };
}

function inputContext(time: EngineTime, format: TimeFormatDescriptor): TimeInputContext {
  return { zoneMinutes: format.zoneMinutes ?? 0, firstTime: format.firstTime, parseNative: (t) => time.parse(t, format)?.time ?? null };
}

/** A TIME argument to µs (relative to `base`); EBADTIME when it is none. */
export function resolveTime(text: string, time: EngineTime, format: TimeFormatDescriptor, base: () => number): number {
  const t = parseTimeInput(text, inputContext(time, format));
  if (t.kind === 'absolute') return t.time;
  if (t.kind === 'relative') return base() + t.micros;
  if (t.kind === 'start') return Number.MIN_SAFE_INTEGER;
  if (t.kind === 'end') return Number.MAX_SAFE_INTEGER;
  throw new EngineError('EBADTIME', t.message);
}

/** [start, end) of the content for a time range given as two TIME arguments (Find restricted to it). */
export async function timeRangeOffsets(file: MappedFile, path: string, edits: string | undefined, from: string, to: string): Promise<{ start: number; end: number }> {
  const o = await open(file, path, { edits, settings: {} });
  const t0 = resolveTime(from, o.time, o.format, () => o.format.firstTime);
  const t1 = resolveTime(to, o.time, o.format, () => t0);
  const first = await o.time.goto(t0, o.format).done;
  const second = await o.time.goto(t1, o.format, { runs: first.runs }).done;
  const start = first.offset ?? o.size;
  return { start, end: Math.max(start, second.offset ?? o.size) };
}

export async function runTimeCommand(argv: string[], file: (path: string) => MappedFile): Promise<Record<string, unknown>> {
  const args = parseArgs(argv[0], argv.slice(1));
  const path = args.positional[args.positional.length - 1];
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const f = file(path);
  try {
    const o = await open(f, path, args);
    const described = { format: o.format.name, anchor: o.format.anchor, zone: o.format.zoneMinutes === null ? null : zoneText(o.format.zoneMinutes) };
    if (args.command === 'time-at') {
      const offset = Number(args.positional[0]);
      if (!Number.isSafeInteger(offset) || offset < 0 || offset > o.size) throw new EngineError('EINVAL', `${args.positional[0]} is not an offset of the file (0 – ${o.size})`);
      const t = o.time.at(offset, o.format);
      if (!t) return { offset, time: null, ...described, seconds: seconds() };
      return { offset, time: isoTime(t.time), timeMicros: t.time, lineStart: t.lineStart, entryStart: t.entryStart, own: t.own, offsetMinutes: t.offsetMinutes, ...described, seconds: seconds() };
    }
    if (args.command === 'goto-time') {
      const input = args.positional[0];
      const word = input.trim().toLowerCase();
      let offset: number | null;
      let landed: number | null = null;
      let extra: Record<string, unknown> = {};
      if (word === 'start' || word === 'end') offset = word === 'start' ? 0 : lastLineStart(o);
      else {
        const when = resolveTime(input, o.time, o.format, () => o.time.at(args.at ?? 0, o.format)?.time ?? o.format.firstTime);
        const r = await o.time.goto(when, o.format).done;
        offset = r.offset;
        landed = r.time;
        extra = { target: isoTime(when), pagesTouched: r.pagesTouched, run: r.run, runs: r.runs.length, after: r.after };
      }
      const line = args.line && offset !== null ? await lineOf(f, o.journal, offset) : null;
      return { offset, line, time: landed === null ? null : isoTime(landed), ...extra, ...described, seconds: seconds() };
    }
    let range: { start: number; end: number } | undefined;
    if (args.from !== undefined) {
      const t0 = resolveTime(args.from, o.time, o.format, () => o.format.firstTime);
      const t1 = resolveTime(args.to!, o.time, o.format, () => t0);
      const a = await o.time.goto(t0, o.format).done;
      const b = await o.time.goto(t1, o.format, { runs: a.runs }).done;
      range = { start: a.offset ?? o.size, end: Math.max(a.offset ?? o.size, b.offset ?? o.size) };
    }
    const scanStarted = process.hrtime.bigint();
    const h = await o.time.histogram(o.format, { bucket: args.bucket ? args.bucket * 1e6 : undefined, query: args.query, threads: args.threads, ...range }).done;
    const scanSeconds = Number(process.hrtime.bigint() - scanStarted) / 1e9;
    const buckets = Array.from(h.counts, (count, i) => ({
      start: isoTime(h.origin + (h.first + i) * h.bucket),
      count,
      ...(args.query ? { matches: h.matches[i] } : {}),
    }));
    const bytes = range ? range.end - range.start : o.size;
    return {
      bucketSeconds: h.bucket / 1e6,
      buckets,
      entries: h.entries,
      ...(args.query ? { matched: h.matched } : {}),
      continuation: h.continuation,
      untimed: h.untimed,
      outside: h.outside,
      runs: h.runs.length,
      ...(range ? { start: range.start, end: range.end } : {}),
      bytes,
      ...described,
      scanSeconds,
      gbPerSecond: bytes / scanSeconds / 1e9,
      seconds: seconds(),
    };
  } finally {
    f.close();
  }
}

/** The 1-based line of `offset` (indexes the file's lines: about a second for 10 GB). */
async function lineOf(file: MappedFile, journal: Awaited<ReturnType<typeof open>>['journal'], offset: number): Promise<number | null> {
  const index = file.indexLines();
  await index.done;
  const line = journal ? new DocumentLines(journal, index).lineOfOffset(offset) : index.lineOfOffset(offset);
  return line === undefined ? null : line + 1;
}
