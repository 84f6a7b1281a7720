// The filter expression language of the filtered view, as the user types it:
//   ERROR                          a bare word is a literal
//   "connection reset"             quoted text is a literal too (spaces, keywords, parentheses; \" and \\ inside)
//   /timeout|retry/                a regular expression (PCRE2, as in Find)
//   ERROR and not /timeout|retry/  combined with and, or, not (any case) and parentheses;
//                                  not binds tightest, then and, then or
//   time >= 12:00 and time < 12:30 a time range of a log: time, then >=, >, <= or <, then any time
//                                  Go to takes (12:00, 2026-03-01 12:00, "Mar  1 12:00:00", +10m
//                                  from the file's first line). A range is one stretch of the
//                                  file, so time terms go with and at the top, never under or/not;
//                                  alone they keep every line of the range.
// Include and exclude lists (what the pane's lists produce) are the same thing written as
// (i1 or i2 …) and not (e1 or e2 …). A parse error says what is wrong and where (a UTF-16 range
// of the text), so the pane can underline it. Pure: no VS Code, no engine.

/** A parsed filter. Terms keep where they were typed, for error messages about them. */
export type FilterAst =
  | { readonly kind: 'literal'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'regex'; readonly source: string; readonly start: number; readonly end: number }
  | { readonly kind: 'and' | 'or'; readonly args: readonly FilterAst[] }
  | { readonly kind: 'not'; readonly arg: FilterAst }
  | { readonly kind: 'time'; readonly op: TimeOperator; readonly text: string; readonly start: number; readonly end: number };

export type TimeOperator = '>=' | '>' | '<=' | '<';
export type FilterTimeTerm = Extract<FilterAst, { kind: 'time' }>;

export type FilterTerm = Extract<FilterAst, { kind: 'literal' | 'regex' }>;

/** What is wrong, and where: [start, end) of the text (end === start: a point, such as the end). */
export interface FilterSyntaxError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export type FilterParse = { readonly ok: true; readonly ast: FilterAst } | { readonly ok: false; readonly error: FilterSyntaxError };

type Token =
  | { kind: 'word'; text: string; start: number; end: number }
  | { kind: 'quoted'; text: string; start: number; end: number }
  | { kind: 'regex'; source: string; start: number; end: number }
  | { kind: 'and' | 'or' | 'not' | '(' | ')'; start: number; end: number }
  | { kind: 'end'; start: number; end: number };

class SyntaxFailure extends Error {
  constructor(readonly error: FilterSyntaxError) {
    super(error.message);
  }
}

function fail(message: string, start: number, end = start): never {
  throw new SyntaxFailure({ message, start, end });
}

const KEYWORDS = new Set(['and', 'or', 'not']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '(' || c === ')') {
      tokens.push({ kind: c, start, end: ++i });
      continue;
    }
    if (c === '"') {
      let out = '';
      i++;
      for (;;) {
        if (i >= text.length) fail('Unterminated quoted text: add the closing "', start, text.length);
        const d = text[i];
        if (d === '"') break;
        if (d === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
          out += text[i + 1];
          i += 2;
          continue;
        }
        out += d;
        i++;
      }
      i++;
      if (out.length === 0) fail('Empty quotes: put the text to look for between them', start, i);
      tokens.push({ kind: 'quoted', text: out, start, end: i });
      continue;
    }
    if (c === '/') {
      i++;
      let escaped = false;
      for (;;) {
        if (i >= text.length) fail('Unterminated regular expression: add the closing / (or quote the text: "/path")', start, text.length);
        const d = text[i];
        if (!escaped && d === '/') break;
        escaped = !escaped && d === '\\';
        i++;
      }
      const source = text.slice(start + 1, i);
      i++;
      if (source.length === 0) fail('Empty regular expression: put a pattern between the slashes', start, i);
      tokens.push({ kind: 'regex', source, start, end: i });
      continue;
    }
    while (i < text.length && !/\s/.test(text[i]) && text[i] !== '(' && text[i] !== ')') i++;
    const word = text.slice(start, i);
    const lower = word.toLowerCase();
    if (KEYWORDS.has(lower)) tokens.push({ kind: lower as 'and' | 'or' | 'not', start, end: i });
    else tokens.push({ kind: 'word', text: word, start, end: i });
  }
  tokens.push({ kind: 'end', start: text.length, end: text.length });
  return tokens;
}

function describe(t: Token, text: string): string {
  if (t.kind === 'end') return 'the end';
  return `“${text.slice(t.start, t.end)}”`;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[], private readonly text: string) {}

  private peek(): Token {
    return this.tokens[this.at];
  }

  parse(): FilterAst {
    if (this.peek().kind === 'end') fail('Type a filter: a word, "quoted text" or /regex/, combined with and, or, not', 0, this.text.length);
    const ast = this.or();
    const t = this.peek();
    if (t.kind === ')') fail('This ) has no ( before it', t.start, t.end);
    if (t.kind !== 'end') fail(`Put “and” or “or” before ${describe(t, this.text)}`, t.start, t.end);
    return ast;
  }

  private or(): FilterAst {
    const args = [this.and()];
    while (this.peek().kind === 'or') {
      this.operatorNeedsOperand(this.tokens[this.at++]);
      args.push(this.and());
    }
    return args.length === 1 ? args[0] : { kind: 'or', args };
  }

  private and(): FilterAst {
    const args = [this.unary()];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'and') {
        this.operatorNeedsOperand(this.tokens[this.at++]);
        args.push(this.unary());
        continue;
      }
      if (t.kind === 'word' || t.kind === 'quoted' || t.kind === 'regex' || t.kind === '(' || t.kind === 'not') {
        const before = this.tokens[this.at - 1];
        const phrase = (before.kind === 'word' || before.kind === 'quoted') && t.kind === 'word' ? `${before.text} ${t.text}` : undefined;
        fail(
          `Put “and” or “or” between ${describe(before, this.text)} and ${describe(t, this.text)}` + (phrase ? ` (or quote them as one phrase: "${phrase}")` : ''),
          t.start,
          t.end,
        );
      }
      return args.length === 1 ? args[0] : { kind: 'and', args };
    }
  }

  /** `token` (and, or, not) was just read: what follows must be an operand. */
  private operatorNeedsOperand(token: Token): void {
    const n = this.peek();
    if (n.kind === 'end' || n.kind === ')' || n.kind === 'and' || n.kind === 'or') {
      fail(`“${this.text.slice(token.start, token.end)}” needs something after it`, token.start, token.end);
    }
  }

  private unary(): FilterAst {
    const t = this.peek();
    if (t.kind === 'not') {
      this.at++;
      this.operatorNeedsOperand(t);
      return { kind: 'not', arg: this.unary() };
    }
    return this.primary();
  }

  /** `time OP VALUE` (the `time` word just seen); VALUE a word, quoted text, or a date and a time of day. */
  private timeTerm(t: Token & { kind: 'word' }): FilterAst {
    const op = this.tokens[this.at + 1];
    const opText = op.kind === 'word' ? op.text : '';
    if (!['>=', '>', '<=', '<'].includes(opText)) return fail('After “time” put >=, >, <= or < and a time: time >= 12:00', t.start, op.end);
    const value = this.tokens[this.at + 2];
    if (value.kind !== 'word' && value.kind !== 'quoted') return fail(`Put a time after “time ${opText}”: 12:00, 2026-03-01 12:00, +10m`, op.start, op.end);
    this.at += 3;
    let text = value.text;
    let end = value.end;
    // `2026-03-01 12:00`: a date and a time of day, as Go to takes it, without quotes.
    const next = this.peek();
    if (value.kind === 'word' && /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/.test(text) && next.kind === 'word' && /^\d{1,2}:\d{2}/.test(next.text)) {
      text = `${text} ${next.text}`;
      end = next.end;
      this.at++;
    }
    return { kind: 'time', op: opText as TimeOperator, text, start: t.start, end };
  }

  private primary(): FilterAst {
    const t = this.tokens[this.at];
    switch (t.kind) {
      case 'word':
        if (t.text.toLowerCase() === 'time' && this.tokens[this.at + 1].kind === 'word' && /^[<>]=?$/.test((this.tokens[this.at + 1] as { text: string }).text)) return this.timeTerm(t);
        this.at++;
        return { kind: 'literal', text: t.text, start: t.start, end: t.end };
      case 'quoted':
        this.at++;
        return { kind: 'literal', text: t.text, start: t.start, end: t.end };
      case 'regex':
        this.at++;
        return { kind: 'regex', source: t.source, start: t.start, end: t.end };
      case '(': {
        this.at++;
        if (this.peek().kind === ')') fail('Empty parentheses: put a filter between them', t.start, this.peek().end);
        if (this.peek().kind === 'end') fail('This ( is not closed: add a )', t.start, t.end);
        const inner = this.or();
        if (this.peek().kind !== ')') {
          if (this.peek().kind === 'end') fail('This ( is not closed: add a )', t.start, t.end);
          fail(`Put “and” or “or” before ${describe(this.peek(), this.text)}`, this.peek().start, this.peek().end);
        }
        this.at++;
        return inner;
      }
      case ')':
        return fail('This ) has no ( before it', t.start, t.end);
      case 'and':
      case 'or':
        return fail(`“${this.text.slice(t.start, t.end)}” needs something before it`, t.start, t.end);
      default:
        return fail('Type a word, "quoted text" or /regex/ here', t.start, t.end);
    }
  }
}

/** Parses what the user typed. Never throws. */
export function parseFilter(text: string): FilterParse {
  try {
    return { ok: true, ast: new Parser(tokenize(text), text).parse() };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** One entry of an include or exclude list: `/regex/` or literal text (spaces and keywords included). */
function listTerm(entry: string): FilterTerm | undefined {
  const text = entry.trim();
  if (text.length === 0) return undefined;
  if (text.length > 2 && text.startsWith('/') && text.endsWith('/')) return { kind: 'regex', source: text.slice(1, -1), start: 0, end: 0 };
  return { kind: 'literal', text, start: 0, end: 0 };
}

/**
 * The include and exclude lists as one filter: lines with any included term and none of the
 * excluded ones. Undefined when both are empty.
 */
export function filterFromLists(include: readonly string[], exclude: readonly string[]): FilterAst | undefined {
  const any = (entries: readonly string[]): FilterAst | undefined => {
    const terms = entries.map(listTerm).filter((t): t is FilterTerm => t !== undefined);
    return terms.length === 0 ? undefined : terms.length === 1 ? terms[0] : { kind: 'or', args: terms };
  };
  const yes = any(include);
  const no = any(exclude);
  if (!no) return yes;
  const excluded: FilterAst = { kind: 'not', arg: no };
  return yes ? { kind: 'and', args: [yes, excluded] } : excluded;
}

/** The filter written back as text that parses to the same filter (for history and breadcrumbs). */
export function formatFilter(ast: FilterAst): string {
  const write = (a: FilterAst, parent: 'or' | 'and' | 'not' | 'top'): string => {
    switch (a.kind) {
      case 'literal':
        return /^[^\s()"/][^\s()]*$/.test(a.text) && !KEYWORDS.has(a.text.toLowerCase()) ? a.text : `"${a.text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
      case 'regex':
        return `/${a.source}/`;
      case 'time':
        return `time ${a.op} ${/^[^\s()"]+$/.test(a.text) || /^\d{4}[-/]\d{1,2}[-/]\d{1,2} \d{1,2}:\S+$/.test(a.text) ? a.text : `"${a.text.replace(/[\\"]/g, (c) => `\\${c}`)}"`}`;
      case 'not':
        return `not ${write(a.arg, 'not')}`;
      case 'and':
      case 'or': {
        const inner = a.args.map((x) => write(x, a.kind)).join(` ${a.kind} `);
        const wrap = parent === 'not' || (parent === 'and' && a.kind === 'or');
        return wrap ? `(${inner})` : inner;
      }
    }
  };
  return write(ast, 'top');
}

/** Every term, in the order typed. */
export function filterTerms(ast: FilterAst): FilterTerm[] {
  switch (ast.kind) {
    case 'literal':
    case 'regex':
      return [ast];
    case 'time':
      return [];
    case 'not':
      return filterTerms(ast.arg);
    case 'and':
    case 'or':
      return ast.args.flatMap(filterTerms);
  }
}

/**
 * The time terms of a filter apart from the rest: `rest` is the filter without them (undefined:
 * there were only time terms, every line of the range). A time term under `or` or `not` is an
 * error (a range is one stretch of the file; lines are not filtered by their own stamps).
 */
export function splitTimeTerms(ast: FilterAst): { ok: true; rest: FilterAst | undefined; times: FilterTimeTerm[] } | { ok: false; error: FilterSyntaxError } {
  const top = ast.kind === 'and' ? ast.args : [ast];
  const times: FilterTimeTerm[] = [];
  const rest: FilterAst[] = [];
  for (const a of top) {
    if (a.kind === 'time') times.push(a);
    else rest.push(a);
  }
  const nested = rest.map(findTime).find((t) => t !== undefined);
  if (nested) return { ok: false, error: { message: 'A time range goes with “and” at the top of the filter (not under or / not): ERROR and time >= 12:00', start: nested.start, end: nested.end } };
  return { ok: true, rest: rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : { kind: 'and', args: rest }, times };
}

function findTime(a: FilterAst): FilterTimeTerm | undefined {
  switch (a.kind) {
    case 'time':
      return a;
    case 'not':
      return findTime(a.arg);
    case 'and':
    case 'or':
      return a.args.map(findTime).find((t) => t !== undefined);
    default:
      return undefined;
  }
}
