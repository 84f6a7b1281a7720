// A command-line door to the native engine, for scripting, benchmarks and bug reports. Each
// command prints one JSON object on stdout.
//   count [--ignore-case] [--regex] [--hex] [--word] [--utf8 | --encoding NAME] [--edits EDITS.json] <pattern> <file>
//   find  [same options] [--max N] <pattern> <file>
//   lines     [--edits EDITS.json] <file>
//   line-of   [--edits EDITS.json] <offset> <file>
//   offset-of [--edits EDITS.json] <line> <file>
//   materialize --edits EDITS.json <file> <out>
//   slice [--edits EDITS.json] <offset> <length> <file> <out>
//   filter [options] <expr> <file>, export [options] <expr> <file> <out>   (tools/filterCommands.ts)
//   time-at, goto-time, histogram: time in logs (tools/timeCli.ts); count/find --from T --to T: in a time range
// --edits: the document after unsaved edits (tools/editsFile.ts), searched and numbered as the
// editor does it; materialize writes that document out, for rg, wc and awk; slice writes a range
// of it the way Save Selection As does (extension/save/rangeContent.ts), to compare with dd.
// Bad arguments: usage on stderr, exit 2. Engine errors: {"error": code, "message": ...}, exit 1.
import { closeSync, openSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { encodeText } from '../extension/search/findQuery';
import { EngineError, EngineSearchable, LineIndex, MappedFile, SearchQuery, TextEncodingName, openMappedFile, setAddonPath, toEngineError } from '../extension/engine';
import { EditJournal } from '../extension/edits/editJournal';
import { DocumentLines } from '../extension/lines/documentLines';
import { contentRange, saveAs } from '../extension/save';
import { documentSearch } from '../extension/search/documentSearch';
import { applyEdits, readEditsFile } from './editsFile';
import { FILTER_USAGE, FilterCommand, parseFilterCommand, runFilterCommand } from './filterCommands';
import { runTimeCommand, TIME_COMMANDS, TIME_USAGE, timeRangeOffsets, TimeUsageError } from './timeCli';
import { DocumentTime } from '../extension/time/documentTime';
import { resolveFilterWindow } from '../extension/time/filterTimeWindow';

const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'latin1', 'windows-1252', 'utf-16le', 'utf-16be'];

const USAGE = `usage:
  engine count [--ignore-case|-i] [--regex|-e] [--hex] [--word|-w] [--utf8 | --encoding NAME] [--edits EDITS.json] <pattern> <file>
  engine find  [same options] [--max N] <pattern> <file>
  engine lines     [--edits EDITS.json] <file>
  engine line-of   [--edits EDITS.json] <offset> <file>
  engine offset-of [--edits EDITS.json] <line> <file>
  engine materialize --edits EDITS.json <file> <out>
  engine slice [--edits EDITS.json] <offset> <length> <file> <out>
${FILTER_USAGE}
${TIME_USAGE}
count: non-overlapping leftmost-first matches (as rg --count-matches counts);
find: their offsets; lines: newline bytes (as wc -l counts), plus line breaks (\\n, \\r\\n, lone \\r)
  (with --edits: line breaks, which is what wc -l counts where there is no lone \\r);
line-of: the 1-based line of a byte offset; offset-of: where a 1-based line starts;
--edits: over the document after the edits in EDITS.json unsaved (overwrite, insert, delete,
  replace, replaceAll, undo, redo; see tools/editsFile.ts); materialize: that document written to <out>;
slice: <length> bytes from <offset> of the document (clipped at its end, as dd) written to <out>
  through the editor's Save Selection As path;
--utf8: UTF-8 text (Unicode whole word, case folding and regex classes, as rg has them);
--encoding: ${ENCODINGS.join(', ')} (the pattern is given in UTF-8 and searched in that encoding).`;

class UsageError extends Error {}

type LineCommand = 'lines' | 'line-of' | 'offset-of';
const LINE_COMMANDS: readonly string[] = ['lines', 'line-of', 'offset-of'];

interface Parsed {
  command: 'count' | 'find' | 'materialize' | 'slice' | LineCommand;
  query?: SearchQuery;
  max?: number;
  file: string;
  edits?: string;
  /** line-of: the offset; offset-of: the 1-based line. */
  at?: number;
  /** materialize, slice: where the document (or the range) is written. */
  out?: string;
  /** slice: the range. */
  range?: { offset: number; length: number };
  /** count/find: only in this time range (TIME arguments as goto-time takes them). */
  timeRange?: { from: string; to: string };
}

/** The positional arguments and the --edits file of a command that takes no other option. */
function positionalWithEdits(rest: string[]): { positional: string[]; edits: string | undefined } {
  const positional: string[] = [];
  let edits: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--edits') {
      edits = rest[++i];
      if (edits === undefined) throw new UsageError('--edits needs a file');
    } else if (rest[i].startsWith('--')) throw new UsageError(`unknown option: ${rest[i]}`);
    else positional.push(rest[i]);
  }
  return { positional, edits };
}

function parseSlice(rest: string[]): Parsed {
  const { positional, edits } = positionalWithEdits(rest);
  if (positional.length !== 4) throw new UsageError('slice takes an offset, a length, a file and an output file');
  const [offset, length] = positional.slice(0, 2).map(Number);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new UsageError(`slice: ${positional[0]} is not a byte offset`);
  if (!Number.isSafeInteger(length) || length < 0) throw new UsageError(`slice: ${positional[1]} is not a length in bytes`);
  return { command: 'slice', file: positional[2], out: positional[3], edits, range: { offset, length } };
}

function parseLines(command: LineCommand, rest: string[]): Parsed {
  const { positional, edits } = positionalWithEdits(rest);
  if (command === 'lines') {
    if (positional.length !== 1) throw new UsageError('lines takes exactly one file');
    return { command, file: positional[0], edits };
  }
  if (positional.length !== 2) throw new UsageError(`${command} takes a number and a file`);
  const at = Number(positional[0]);
  if (!Number.isSafeInteger(at) || at < (command === 'offset-of' ? 1 : 0)) throw new UsageError(`${command}: ${positional[0]} is not a ${command === 'offset-of' ? 'line number (from 1)' : 'byte offset'}`);
  return { command, file: positional[1], edits, at };
}

function parse(argv: string[]): Parsed | FilterCommand {
  const [command, ...rest] = argv;
  if (command === 'filter' || command === 'export') return parseFilterCommand(command, rest, (message) => new UsageError(message));
  if (LINE_COMMANDS.includes(command)) return parseLines(command as LineCommand, rest);
  if (command === 'slice') return parseSlice(rest);
  if (command !== 'count' && command !== 'find' && command !== 'materialize') throw new UsageError(`unknown command: ${command ?? '(none)'}`);
  const positional: string[] = [];
  const query: SearchQuery = { pattern: '' };
  let max: number | undefined;
  let edits: string | undefined;
  let from: string | undefined;
  let to: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    if (a === '--edits') {
      edits = rest[++i];
      if (!edits) throw new UsageError('--edits needs a file');
    } else if (a === '--ignore-case' || a === '-i') query.ignoreCase = true;
    else if (a === '--regex' || a === '-e') query.kind = 'regex';
    else if (a === '--hex') query.kind = 'hex';
    else if (a === '--word' || a === '-w') query.wholeWord = true;
    else if (a === '--utf8') query.encoding = 'utf-8';
    else if (a === '--encoding') {
      const name = rest[++i] as TextEncodingName;
      if (!ENCODINGS.includes(name)) throw new UsageError(`--encoding takes one of ${ENCODINGS.join(', ')}, got ${rest[i]}`);
      query.encoding = name;
    } else if ((a === '--from' || a === '--to') && command !== 'materialize') {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a time`);
      if (a === '--from') from = v;
      else to = v;
    } else if (a === '--max' && command === 'find') {
      const n = Number(rest[++i]);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--max needs a positive integer, got ${rest[i]}`);
      max = n;
    } else throw new UsageError(`unknown option: ${a}`);
  }
  if (command === 'materialize') {
    if (!edits || positional.length !== 2) throw new UsageError('materialize takes --edits EDITS.json, a file and an output file');
    return { command, edits, file: positional[0], out: positional[1] };
  }
  if (positional.length !== 2) throw new UsageError(`${command} takes a pattern and a file`);
  if (positional[0] === '') throw new UsageError('the pattern is empty');
  query.pattern = query.kind === undefined ? encodePattern(positional[0], query.encoding) : positional[0];
  if ((from === undefined) !== (to === undefined)) throw new UsageError('--from and --to go together');
  return { command, query, max, edits, file: positional[1], ...(from !== undefined ? { timeRange: { from, to: to! } } : {}) };
}

/** A literal's bytes in the text's encoding, as the find widget sends them (extension/search/findQuery.ts). */
function encodePattern(text: string, encoding: TextEncodingName | undefined): string | Uint8Array {
  if (encoding === undefined || encoding === 'utf-8') return text;
  return encodeText(text, encoding === 'latin1' ? 'iso-8859-1' : encoding);
}

function isFilterCommand(p: Parsed | FilterCommand): p is FilterCommand {
  return p.command === 'filter' || p.command === 'export';
}

/** filter and export: over the file, or with --edits over the edited document. */
async function runFilter(p: FilterCommand): Promise<Record<string, unknown>> {
  const started = process.hrtime.bigint();
  const f = openMappedFile(p.file, 'read');
  try {
    const journal = p.edits ? await applyEdits(f, readEditsFile(p.edits)) : undefined;
    const target = journal ? documentSearch(journal, f) : f;
    const size = journal ? journal.size : f.size;
    const time = new DocumentTime({ uri: { scheme: 'file', fsPath: p.file }, editGeneration: 0, searchable: () => target });
    const result = await runFilterCommand(p, target, (terms) => resolveFilterWindow(time, undefined, terms, size));
    return { ...result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    f.close();
  }
}

async function run(p: Parsed): Promise<Record<string, unknown>> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const f = openMappedFile(p.file, 'read');
  try {
    if (p.command === 'lines' || p.command === 'line-of' || p.command === 'offset-of') return { ...(await lineQuery(p, f)), seconds: seconds() };
    const operations = p.edits ? readEditsFile(p.edits) : undefined;
    const journal = operations ? await applyEdits(f, operations) : undefined;
    const edited = journal ? { edits: operations!.length, pieces: journal.pieceCount, editSeconds: seconds() } : {};
    if (p.command === 'slice') {
      const { offset, length } = p.range!;
      const written = await saveAs(contentRange(journal ?? new EditJournal(f), offset, length), p.out!);
      return { offset, bytes: written.bytesWritten, out: p.out, ...edited, seconds: seconds() };
    }
    if (p.command === 'materialize') {
      const fd = openSync(p.out!, 'w');
      try {
        for (const chunk of journal!.chunks()) writeSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
      return { bytes: journal!.size, out: p.out, ...edited, seconds: seconds() };
    }
    const target: EngineSearchable = journal ? documentSearch(journal, f) : f;
    const range = p.timeRange ? await timeRangeOffsets(f, p.file, p.edits, p.timeRange.from, p.timeRange.to) : undefined;
    const within = range ? { start: range.start, end: range.end } : {};
    if (p.command === 'count') {
      const r = await target.findAll(p.query!, { collect: false, ...within }).done;
      return { count: r.count, bytes: target.size, ...within, ...edited, seconds: seconds() };
    }
    const r = target.findAll(p.query!, { maxResults: p.max, ...within });
    const done = await r.done;
    return {
      count: done.count,
      truncated: done.truncated,
      offsets: done.matches!.map((m) => m.offset),
      lengths: done.matches!.map((m) => m.length),
      seconds: seconds(),
    };
  } finally {
    f.close();
  }
}

/** The line commands: over the file's index, or with --edits over the edited document as the editor numbers it. */
async function lineQuery(p: Parsed, f: MappedFile): Promise<Record<string, unknown>> {
  const index: LineIndex = f.indexLines();
  const done = await index.done;
  if (!p.edits) {
    if (p.command === 'lines') return { lines: done.newlines, lineBreaks: done.breaks, bytes: f.size };
    return lineAnswer(p, { lineOfOffset: (o) => index.lineOfOffset(o), offsetOfLine: (l) => index.offsetOfLine(l), lines: done.lines, size: f.size });
  }
  const operations = readEditsFile(p.edits);
  const steps = operations.length;
  const journal = await applyEdits(f, operations);
  const lines = new DocumentLines(journal, index);
  const total = lines.progress().lines;
  if (p.command === 'lines') return { lines: total - 1, lineBreaks: total - 1, bytes: journal.size, edits: steps };
  return { ...lineAnswer(p, { lineOfOffset: (o) => lines.lineOfOffset(o), offsetOfLine: (l) => lines.offsetOfLine(l), lines: total, size: journal.size }), edits: steps };
}

function lineAnswer(
  p: Parsed,
  doc: { lineOfOffset(o: number): number | undefined; offsetOfLine(l: number): number | undefined; lines: number; size: number },
): Record<string, unknown> {
  const at = p.at!;
  if (p.command === 'line-of') {
    if (at > doc.size) throw new EngineError('EINVAL', `offset ${at} is past the end (${doc.size} bytes)`);
    const line = doc.lineOfOffset(at)!;
    return { offset: at, line: line + 1, lineStart: doc.offsetOfLine(line) };
  }
  const offset = doc.offsetOfLine(at - 1);
  if (offset === undefined) throw new EngineError('EINVAL', `line ${at} is past the end: there are ${doc.lines} lines`);
  return { line: at, offset };
}

async function main(): Promise<number> {
  if (!process.env.LFE_ADDON_PATH) setAddonPath(path.resolve(__dirname, '..', '..', 'dist', 'lfe.node'));
  const argv = process.argv.slice(2);
  if (TIME_COMMANDS.includes(argv[0])) return runTime(argv);
  let parsed: Parsed | FilterCommand;
  try {
    parsed = parse(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`engine: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const result = isFilterCommand(parsed) ? await runFilter(parsed) : await run(parsed);
    process.stdout.write(JSON.stringify(result) + '\n');
    return 0;
  } catch (e) {
    const err: EngineError = toEngineError(e);
    process.stdout.write(JSON.stringify({ error: err.code, message: err.message }) + '\n');
    process.stderr.write(`engine: ${err.code}: ${err.message}\n`);
    return 1;
  }
}

/** The time commands (tools/timeCli.ts): the same exits as the others. */
async function runTime(argv: string[]): Promise<number> {
  try {
    process.stdout.write(JSON.stringify(await runTimeCommand(argv, (file) => openMappedFile(file, 'read'))) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof TimeUsageError) {
      process.stderr.write(`engine: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    const err: EngineError = toEngineError(e);
    process.stdout.write(JSON.stringify({ error: err.code, message: err.message }) + '\n');
    process.stderr.write(`engine: ${err.code}: ${err.message}\n`);
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // main reports what it expects as one JSON object; anything else still says what went wrong.
    process.stderr.write(`engine: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
