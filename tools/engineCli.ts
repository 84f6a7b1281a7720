// A command-line door to the native engine, for scripting, benchmarks and bug reports. Each
// command prints one JSON object on stdout.
//   count [--ignore-case] [--regex] [--hex] [--word] [--utf8] [--edits EDITS.json] <pattern> <file>
//   find  [same options] [--max N] <pattern> <file>
//   lines <file>
//   materialize --edits EDITS.json <file> <out>
// With --edits, the search runs over the file with those unsaved edits (tools/editsFile.ts), as
// the editor searches a document with edits; materialize writes that document out, for rg.
// Bad arguments: usage on stderr, exit 2. Engine errors: {"error": code, "message": ...}, exit 1.
import { closeSync, openSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { EngineError, EngineSearchable, SearchQuery, openMappedFile, setAddonPath, toEngineError } from '../extension/engine';
import { documentSearch } from '../extension/search/documentSearch';
import { applyEdits, readEditsFile } from './editsFile';

const USAGE = `usage:
  engine count [--ignore-case|-i] [--regex|-e] [--hex] [--word|-w] [--utf8] [--edits EDITS.json] <pattern> <file>
  engine find  [same options] [--max N] <pattern> <file>
  engine lines <file>
  engine materialize --edits EDITS.json <file> <out>
count: non-overlapping leftmost-first matches (as rg --count-matches counts);
find: their offsets; lines: newline bytes (as wc -l counts), plus line breaks (\\n, \\r\\n, lone \\r);
--edits: over the file with the edits of EDITS.json unsaved (overwrite, insert, delete, replace,
replaceAll, undo, redo; see tools/editsFile.ts); materialize: that document written to <out>.`;

class UsageError extends Error {}

interface Parsed {
  command: 'count' | 'find' | 'lines' | 'materialize';
  query?: SearchQuery;
  max?: number;
  edits?: string;
  file: string;
  out?: string;
}

function parse(argv: string[]): Parsed {
  const [command, ...rest] = argv;
  if (command !== 'count' && command !== 'find' && command !== 'lines' && command !== 'materialize') throw new UsageError(`unknown command: ${command ?? '(none)'}`);
  const positional: string[] = [];
  const query: SearchQuery = { pattern: '' };
  let max: number | undefined;
  let edits: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (command === 'lines' || !a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    if (a === '--edits') {
      edits = rest[++i];
      if (!edits) throw new UsageError('--edits needs a file');
    } else if (command === 'materialize') throw new UsageError(`unknown option: ${a}`);
    else if (a === '--ignore-case' || a === '-i') query.ignoreCase = true;
    else if (a === '--regex' || a === '-e') query.kind = 'regex';
    else if (a === '--hex') query.kind = 'hex';
    else if (a === '--word' || a === '-w') query.wholeWord = true;
    else if (a === '--utf8') query.utf8 = true;
    else if (a === '--max' && command === 'find') {
      const n = Number(rest[++i]);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--max needs a positive integer, got ${rest[i]}`);
      max = n;
    } else throw new UsageError(`unknown option: ${a}`);
  }
  if (command === 'lines') {
    if (positional.length !== 1) throw new UsageError('lines takes exactly one file');
    return { command, file: positional[0] };
  }
  if (command === 'materialize') {
    if (!edits || positional.length !== 2) throw new UsageError('materialize takes --edits EDITS.json, a file and an output file');
    return { command, edits, file: positional[0], out: positional[1] };
  }
  if (positional.length !== 2) throw new UsageError(`${command} takes a pattern and a file`);
  query.pattern = positional[0];
  if (query.pattern === '') throw new UsageError('the pattern is empty');
  return { command, query, max, edits, file: positional[1] };
}

async function run(p: Parsed): Promise<Record<string, unknown>> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const f = openMappedFile(p.file, 'read');
  try {
    if (p.command === 'lines') {
      const r = await f.indexLines().done;
      return { lines: r.newlines, lineBreaks: r.breaks, bytes: f.size, seconds: seconds() };
    }
    const operations = p.edits ? readEditsFile(p.edits) : undefined;
    const journal = operations ? await applyEdits(f, operations) : undefined;
    const edited = journal ? { edits: operations!.length, pieces: journal.pieceCount, editSeconds: seconds() } : {};
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
    if (p.command === 'count') {
      const r = await target.findAll(p.query!, { collect: false }).done;
      return { count: r.count, bytes: target.size, ...edited, seconds: seconds() };
    }
    const r = await target.findAll(p.query!, { maxResults: p.max });
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

async function main(): Promise<number> {
  if (!process.env.LFE_ADDON_PATH) setAddonPath(path.resolve(__dirname, '..', '..', 'dist', 'lfe.node'));
  let parsed: Parsed;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`engine: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  try {
    process.stdout.write(JSON.stringify(await run(parsed)) + '\n');
    return 0;
  } catch (e) {
    const err: EngineError = toEngineError(e);
    process.stdout.write(JSON.stringify({ error: err.code, message: err.message }) + '\n');
    process.stderr.write(`engine: ${err.code}: ${err.message}\n`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
