// The engine command line's filter commands (tools/engineCli.ts dispatches to them):
//   filter [options] EXPR FILE        {"lines": matching lines, "fileLines": lines of FILE, ...}
//   export [options] EXPR FILE OUT    the matching lines (with context) written to OUT, as `rg EXPR FILE > OUT` writes them
// options: --ignore-case|-i, --word|-w, --encoding NAME (default utf-8, as the editor and rg;
// "bytes" for none), --edits EDITS.json (over the document after those unsaved edits),
// --refine EXPR (again and again: each refines the result before it, over its lines only),
// --list (filter: the 1-based line numbers, as rg -n numbers them), -B N, -A N, -C N (context
// lines), --no-separators (export: no "--" between groups), --threads N.
// EXPR is the filtered view's language (extension/filter/filterExpression.ts), time terms
// included (`ERROR and time >= 12:00 and time < 12:30`: the lines of that stretch of the file).
import { parseFilter, type FilterTimeTerm } from '../extension/filter/filterExpression';
import { compileTimedFilter } from '../extension/filter/filterProgram';
import { windowFilter } from '../extension/filter/filterWindow';
import type { FilterWindowAnswer } from '../extension/time/filterTimeWindow';
import { EngineError, EngineFilter, EngineFilterable, FilterProgram } from '../extension/engine';

export const FILTER_USAGE = `  engine filter [--ignore-case|-i] [--word|-w] [--encoding NAME] [--edits EDITS.json] [--refine EXPR]... [--list] [-B N] [-A N] [-C N] <expr> <file>
  engine export [same options] [--no-separators] <expr> <file> <out>
filter: lines matching EXPR (a bare word or "quoted text" is a literal, /regex/ a PCRE2 regex, combined
  with and, or, not and parentheses; time >= T, time < T… keep to a time range), split at \\n, a last
  line without one counted; as rg -c counts them;
  --list: their 1-based numbers (with context: every line shown); --refine: filter those lines again;
export: those lines (with context: and the lines around them, "--" between groups) written to <out>,
  each with its \\n, as rg EXPR FILE > OUT writes them; --encoding: utf-8 (default), latin1,
  windows-1252, utf-16le, utf-16be or bytes.`;

export interface FilterCommand {
  command: 'filter' | 'export';
  expression: string;
  refine: string[];
  matchCase: boolean;
  wholeWord: boolean;
  encoding: string;
  list: boolean;
  before: number;
  after: number;
  separators: boolean;
  threads?: number;
  edits?: string;
  file: string;
  out?: string;
}

const ENCODINGS = ['utf-8', 'latin1', 'windows-1252', 'utf-16le', 'utf-16be', 'bytes'];

/** Parses the arguments after `filter` or `export`; throws `usage(message)`'s error on bad ones. */
export function parseFilterCommand(command: 'filter' | 'export', rest: string[], usage: (message: string) => Error): FilterCommand {
  const p: FilterCommand = { command, expression: '', refine: [], matchCase: true, wholeWord: false, encoding: 'utf-8', list: false, before: 0, after: 0, separators: true, file: '' };
  const positional: string[] = [];
  const count = (name: string, value: string | undefined): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 0) throw usage(`${name} needs a number of lines, got ${value}`);
    return n;
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') positional.push(a);
    else if (a === '--ignore-case' || a === '-i') p.matchCase = false;
    else if (a === '--word' || a === '-w') p.wholeWord = true;
    else if (a === '--list' && command === 'filter') p.list = true;
    else if (a === '--no-separators' && command === 'export') p.separators = false;
    else if (a === '--refine') {
      const e = rest[++i];
      if (e === undefined) throw usage('--refine needs an expression');
      p.refine.push(e);
    } else if (a === '--edits') {
      p.edits = rest[++i];
      if (!p.edits) throw usage('--edits needs a file');
    } else if (a === '--encoding') {
      const name = rest[++i];
      if (!ENCODINGS.includes(name)) throw usage(`--encoding takes one of ${ENCODINGS.join(', ')}, got ${name}`);
      p.encoding = name;
    } else if (a === '-B') p.before = count(a, rest[++i]);
    else if (a === '-A') p.after = count(a, rest[++i]);
    else if (a === '-C') p.before = p.after = count(a, rest[++i]);
    else if (a === '--threads') p.threads = count(a, rest[++i]) || undefined;
    else throw usage(`unknown option: ${a}`);
  }
  const wanted = command === 'filter' ? 2 : 3;
  if (positional.length !== wanted) throw usage(command === 'filter' ? 'filter takes an expression and a file' : 'export takes an expression, a file and an output file');
  [p.expression, p.file, p.out] = positional;
  return p;
}

/** Compiles one expression of the command; a syntax error is EBADFILTER with its position. */
function compile(p: FilterCommand, text: string): { program: FilterProgram; times: FilterTimeTerm[] } {
  const bad = (error: { message: string; start: number; end: number }) =>
    Object.assign(new EngineError('EBADFILTER', `${error.message} (at ${error.start}: “${text}”)`), { start: error.start, end: error.end });
  const parsed = parseFilter(text);
  if (!parsed.ok) throw bad(parsed.error);
  const r = compileTimedFilter(parsed.ast, { matchCase: p.matchCase, wholeWord: p.wholeWord }, p.encoding === 'bytes' ? 'x-bytes' : p.encoding);
  if (!r.ok) throw bad(r.error);
  return { program: r.filter.program, times: r.times };
}

/** Where the time terms keep a filter (the bytes of their range), through `resolve`. */
async function keep(filter: EngineFilter, times: FilterTimeTerm[], resolve: ((t: FilterTimeTerm[]) => Promise<FilterWindowAnswer>) | undefined): Promise<EngineFilter> {
  if (times.length === 0) return filter;
  const w = resolve ? await resolve(times) : { error: 'Time terms need the timestamps of a file' };
  if (!w) return filter;
  if ('error' in w) {
    filter.release();
    throw new EngineError('EBADFILTER', w.term === undefined ? w.error : `${w.error} (in “time ${times[w.term].op} ${times[w.term].text}”)`);
  }
  return windowFilter(filter, w, w.size);
}

/** Runs the command over `target` (the file, or the edited document). */
export async function runFilterCommand(p: FilterCommand, target: EngineFilterable, timeWindow?: (times: FilterTimeTerm[]) => Promise<FilterWindowAnswer>): Promise<Record<string, unknown>> {
  const root = compile(p, p.expression);
  const chain: EngineFilter[] = [await keep(target.filter(root.program, { threads: p.threads }), root.times, timeWindow)];
  try {
    const counts: number[] = [];
    let outcome = await chain[0].done;
    const fileLines = outcome.lines;
    counts.push(outcome.count);
    for (const text of p.refine) {
      const step = compile(p, text);
      chain.push(await keep(chain[chain.length - 1].refine(step.program, { threads: p.threads }), step.times, timeWindow));
      outcome = await chain[chain.length - 1].done;
      counts.push(outcome.count);
    }
    const last = chain[chain.length - 1];
    const refined = p.refine.length > 0 ? { chain: counts } : {};
    if (p.command === 'export') {
      const r = await last.exportLines(p.out!, { before: p.before, after: p.after, separators: p.separators, threads: p.threads }).done;
      return { lines: r.lines, bytes: r.bytes, out: p.out, matches: outcome.count, ...refined };
    }
    const result: Record<string, unknown> = { lines: outcome.count, fileLines, ...refined };
    if (p.list) {
      const rows = last.rowCount(p.before, p.after);
      const list: number[] = [];
      for (let at = 0; at < rows; at += 10000) {
        const page = last.rows(at, Math.min(10000, rows - at), { before: p.before, after: p.after, maxBytes: 0, maxSpans: 0 });
        for (const line of page.lines) list.push(line + 1);
      }
      result.list = list;
    }
    return result;
  } finally {
    for (const f of chain) f.release();
  }
}
