// From a parsed filter to what the engine runs: each term becomes the query Find would make of it
// (search/findQuery.ts: the literal's bytes in the document's encoding, case folding and whole
// word by its characters, regexes PCRE2 with Unicode in UTF-8 text), the same term typed twice is
// one term, and the tree keeps its shape. The toggles apply to every term, as the find widget's.
import type { FilterNode, FilterProgram, SearchQuery } from '../engine';
import { toSearchQuery } from '../search/findQuery';
import { type FilterAst, type FilterSyntaxError, type FilterTerm, type FilterTimeTerm, parseFilter, splitTimeTerms } from './filterExpression';

/** The find widget's toggles, for every term of a filter. */
export interface FilterToggles {
  readonly matchCase: boolean;
  readonly wholeWord: boolean;
}

export interface CompiledFilter {
  readonly program: FilterProgram;
  /** Where each of the program's terms was typed (program.terms[i] came from terms[i]). */
  readonly terms: readonly FilterTerm[];
}

export type CompileResult = { readonly ok: true; readonly filter: CompiledFilter } | { readonly ok: false; readonly error: FilterSyntaxError };

export function compileFilter(ast: FilterAst, toggles: FilterToggles, encoding: string): CompileResult {
  const queries: SearchQuery[] = [];
  const sources: FilterTerm[] = [];
  const known = new Map<string, number>();
  let failure: FilterSyntaxError | undefined;
  const node = (a: FilterAst): FilterNode => {
    switch (a.kind) {
      case 'literal':
      case 'regex': {
        const key = a.kind === 'literal' ? `l:${a.text}` : `r:${a.source}`;
        let index = known.get(key);
        if (index === undefined) {
          const q = toSearchQuery(
            { pattern: a.kind === 'literal' ? a.text : a.source, mode: a.kind === 'literal' ? 'text' : 'regex', matchCase: toggles.matchCase, wholeWord: toggles.wholeWord },
            encoding,
          );
          if (!q.ok) {
            failure ??= { message: q.message, start: a.start, end: a.end };
            index = 0;
          } else {
            index = queries.length;
            queries.push(q.query);
            sources.push(a);
            known.set(key, index);
          }
        }
        return { op: 'term', term: index };
      }
      case 'time':
        // Time terms are a byte range (filterService.ts splits them off before compiling).
        failure ??= { message: 'A time range goes with “and” at the top of the filter', start: a.start, end: a.end };
        return { op: 'term', term: 0 };
      case 'not':
        return { op: 'not', arg: node(a.arg) };
      case 'and':
      case 'or':
        return { op: a.kind, args: a.args.map(node) };
    }
  };
  const root = node(ast);
  if (failure) return { ok: false, error: failure };
  return { ok: true, filter: { program: { terms: queries, root }, terms: sources } };
}

/** Every line: no line holds its own '\n' (what a filter of time terms alone keeps). */
export const EVERY_LINE: FilterProgram = { terms: [{ pattern: new Uint8Array([0x0a]) }], root: { op: 'not', arg: { op: 'term', term: 0 } } };

/**
 * A filter with its time terms apart (`ERROR and time >= 12:00`): the program of the rest (every
 * line when there is none) and the time terms, which the host resolves to a byte window.
 */
export function compileTimedFilter(ast: FilterAst, toggles: FilterToggles, encoding: string): { ok: true; filter: CompiledFilter; times: FilterTimeTerm[] } | { ok: false; error: FilterSyntaxError } {
  const split = splitTimeTerms(ast);
  if (!split.ok) return split;
  if (!split.rest) return { ok: true, filter: { program: EVERY_LINE, terms: [] }, times: split.times };
  const compiled = compileFilter(split.rest, toggles, encoding);
  return compiled.ok ? { ...compiled, times: split.times } : compiled;
}

/** Parses and compiles in one step (the command line, tests). */
export function compileFilterText(text: string, toggles: FilterToggles, encoding: string): CompileResult {
  const parsed = parseFilter(text);
  return parsed.ok ? compileFilter(parsed.ast, toggles, encoding) : parsed;
}

/**
 * Where an engine error about a program's term (EBADREGEX from PCRE2, with the term's index)
 * points in the text: the term as typed.
 */
export function termErrorRange(filter: CompiledFilter, term: number | undefined): { start: number; end: number } | undefined {
  const t = term === undefined ? undefined : filter.terms[term];
  return t ? { start: t.start, end: t.end } : undefined;
}
