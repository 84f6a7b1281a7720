// The filter expression language: what each form parses to, precedence, the include / exclude
// lists, formatting back to text, and the messages and positions of errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type FilterAst, filterFromLists, filterTerms, formatFilter, parseFilter, splitTimeTerms } from '../../../extension/filter/filterExpression';
import { compileFilterText } from '../../../extension/filter/filterProgram';

/** The tree without positions, as nested arrays: ['and', 'ERROR', ['not', '/x/']]. */
function shape(a: FilterAst): unknown {
  switch (a.kind) {
    case 'literal':
      return a.text;
    case 'regex':
      return `/${a.source}/`;
    case 'not':
      return ['not', shape(a.arg)];
    case 'time':
      return ['time', a.op, a.text];
    default:
      return [a.kind, ...a.args.map(shape)];
  }
}

function parsed(text: string): unknown {
  const r = parseFilter(text);
  assert.ok(r.ok, `${text}: ${r.ok ? '' : r.error.message}`);
  return shape(r.ast);
}

function error(text: string): { message: string; start: number; end: number } {
  const r = parseFilter(text);
  assert.ok(!r.ok, `${text} should not parse`);
  return r.error;
}

test('words, quoted text and regexes are terms', () => {
  assert.equal(parsed('ERROR'), 'ERROR');
  assert.equal(parsed('  error=E12  '), 'error=E12');
  assert.equal(parsed('"connection reset"'), 'connection reset');
  assert.equal(parsed('"say \\"hi\\" \\\\ there"'), 'say "hi" \\ there');
  assert.equal(parsed('"and"'), 'and', 'quoted keywords are literals');
  assert.equal(parsed('/timeout|retry/'), '/timeout|retry/');
  assert.equal(parsed('/a\\/b/'), '/a\\/b/', 'an escaped slash does not end the regex');
  assert.equal(parsed('key="x"'), 'key="x"', 'quotes inside a word are part of it');
  assert.equal(parsed('[worker-3]'), '[worker-3]');
});

test('not binds tightest, then and, then or; parentheses group; keywords in any case', () => {
  assert.deepEqual(parsed('ERROR and not /timeout|retry/'), ['and', 'ERROR', ['not', '/timeout|retry/']]);
  assert.deepEqual(parsed('a or b and c'), ['or', 'a', ['and', 'b', 'c']]);
  assert.deepEqual(parsed('(a or b) and c'), ['and', ['or', 'a', 'b'], 'c']);
  assert.deepEqual(parsed('not a or b'), ['or', ['not', 'a'], 'b']);
  assert.deepEqual(parsed('not not a'), ['not', ['not', 'a']]);
  assert.deepEqual(parsed('a AND b OR NOT c'), ['or', ['and', 'a', 'b'], ['not', 'c']]);
  assert.deepEqual(parsed('a and b and c'), ['and', 'a', 'b', 'c']);
  assert.deepEqual(parsed('((a))'), 'a');
});

test('errors say what is wrong and where', () => {
  assert.deepEqual(error(''), { message: 'Type a filter: a word, "quoted text" or /regex/, combined with and, or, not', start: 0, end: 0 });
  const adjacent = error('connection reset');
  assert.match(adjacent.message, /Put “and” or “or” between “connection” and “reset” \(or quote them as one phrase: "connection reset"\)/);
  assert.deepEqual([adjacent.start, adjacent.end], [11, 16]);
  assert.deepEqual(error('ERROR and'), { message: '“and” needs something after it', start: 6, end: 9 });
  assert.deepEqual(error('and ERROR'), { message: '“and” needs something before it', start: 0, end: 3 });
  assert.deepEqual(error('not'), { message: '“not” needs something after it', start: 0, end: 3 });
  assert.deepEqual(error('(ERROR or WARN'), { message: 'This ( is not closed: add a )', start: 0, end: 1 });
  assert.deepEqual(error('ERROR)'), { message: 'This ) has no ( before it', start: 5, end: 6 });
  assert.deepEqual(error('()'), { message: 'Empty parentheses: put a filter between them', start: 0, end: 2 });
  assert.deepEqual(error('x and "open'), { message: 'Unterminated quoted text: add the closing "', start: 6, end: 11 });
  assert.deepEqual(error('/api/v1/items'), { message: 'Put “and” or “or” between “/api/” and “v1/items”', start: 5, end: 13 });
  assert.deepEqual(error('/open'), { message: 'Unterminated regular expression: add the closing / (or quote the text: "/path")', start: 0, end: 5 });
  assert.deepEqual(error('a or //'), { message: 'Empty regular expression: put a pattern between the slashes', start: 5, end: 7 });
  assert.deepEqual(error('""'), { message: 'Empty quotes: put the text to look for between them', start: 0, end: 2 });
  assert.deepEqual(error('a or or b'), { message: '“or” needs something after it', start: 2, end: 4 });
});

test('include and exclude lists are (i1 or i2) and not (e1 or e2)', () => {
  assert.deepEqual(shape(filterFromLists(['ERROR', 'FATAL'], ['timeout', '/retry \\d+/'])!), ['and', ['or', 'ERROR', 'FATAL'], ['not', ['or', 'timeout', '/retry \\d+/']]]);
  assert.deepEqual(shape(filterFromLists(['connection reset'], [])!), 'connection reset', 'an entry is one literal, spaces and all');
  assert.deepEqual(shape(filterFromLists([], ['DEBUG', ' '])!), ['not', 'DEBUG']);
  assert.equal(filterFromLists(['  '], []), undefined);
});

test('formatting gives text that parses to the same filter', () => {
  for (const text of ['ERROR and not /timeout|retry/', '(a or b) and c', 'not (a or "b c")', '"and" or "(x"', 'a or b and not c', 'not not "x\\"y"']) {
    const r = parseFilter(text);
    assert.ok(r.ok);
    const again = parseFilter(formatFilter(r.ast));
    assert.ok(again.ok, formatFilter(r.ast));
    assert.deepEqual(shape(again.ast), shape(r.ast), `${text} -> ${formatFilter(r.ast)}`);
  }
  assert.equal(formatFilter(filterFromLists(['ERROR', 'x y'], ['z'])!), '(ERROR or "x y") and not z');
});

test('compiling makes find queries of the terms, once each, with the toggles and the encoding', () => {
  const r = compileFilterText('ERROR and not ERROR or /E\\d+/', { matchCase: false, wholeWord: true }, 'utf-8');
  assert.ok(r.ok);
  const { program, terms } = r.filter;
  assert.equal(program.terms.length, 2, 'the same term twice is one term');
  assert.deepEqual(program.root, { op: 'or', args: [{ op: 'and', args: [{ op: 'term', term: 0 }, { op: 'not', arg: { op: 'term', term: 0 } }] }, { op: 'term', term: 1 }] });
  assert.deepEqual({ ...program.terms[0], pattern: Buffer.from(program.terms[0].pattern as Uint8Array).toString() }, { kind: 'literal', pattern: 'ERROR', ignoreCase: true, wholeWord: true, encoding: 'utf-8' });
  assert.deepEqual(program.terms[1], { kind: 'regex', pattern: 'E\\d+', ignoreCase: true, wholeWord: true, utf8: true, encoding: 'utf-8' });
  assert.deepEqual(terms.map((t) => [t.start, t.end]), [[0, 5], [23, 29]]);
  const latin = compileFilterText('"café"', { matchCase: true, wholeWord: false }, 'latin1');
  assert.ok(latin.ok);
  assert.deepEqual([...(latin.filter.program.terms[0].pattern as Uint8Array)], [0x63, 0x61, 0x66, 0xe9], 'a literal in the text\'s encoding');
  assert.equal(filterTerms(parseFilter('a or (b and not /c/)').ok ? (parseFilter('a or (b and not /c/)') as { ast: FilterAst }).ast : ('' as never)).length, 3);
});

test('time terms: time, an operator, then a time as Go to takes it (a date and a time of day need no quotes)', () => {
  assert.deepEqual(parsed('time >= 12:00 and time < 12:30'), ['and', ['time', '>=', '12:00'], ['time', '<', '12:30']]);
  assert.deepEqual(parsed('ERROR and time > 2026-03-01 12:00:30 and not retry'), ['and', 'ERROR', ['time', '>', '2026-03-01 12:00:30'], ['not', 'retry']]);
  assert.deepEqual(parsed('TIME <= "Mar  1 12:00:00"'), ['time', '<=', 'Mar  1 12:00:00']);
  assert.deepEqual(parsed('time'), 'time', 'the word alone is a literal');
  assert.deepEqual(parsed('time and out'), ['and', 'time', 'out']);
  for (const text of ['time >= 12:00', 'ERROR and time < 2026-03-01 12:30', 'time >= "Mar  1 12:00:00" and /x/']) {
    const r = parseFilter(text);
    assert.ok(r.ok);
    assert.equal(formatFilter(r.ast), text, 'written back as typed');
  }
});

test('time terms: a missing time is an error at the operator; splitTimeTerms keeps them to and at the top', () => {
  const missing = parseFilter('ERROR and time >=');
  assert.ok(!missing.ok);
  assert.deepEqual([missing.error.start, missing.error.end], [15, 17]);
  const top = parseFilter('ERROR and (a or b) and time >= 12:00');
  assert.ok(top.ok);
  const split = splitTimeTerms(top.ast);
  assert.ok(split.ok);
  assert.deepEqual(shape(split.rest!), ['and', 'ERROR', ['or', 'a', 'b']]);
  assert.deepEqual(split.times.map((t) => [t.op, t.text]), [['>=', '12:00']]);
  const alone = parseFilter('time >= 12:00');
  assert.ok(alone.ok);
  const onlyTimes = splitTimeTerms(alone.ast);
  assert.ok(onlyTimes.ok && onlyTimes.rest === undefined);
  for (const text of ['ERROR or time >= 12:00', 'not time < 12:00', 'ERROR and (time >= 1:00 or x)']) {
    const r = parseFilter(text);
    assert.ok(r.ok);
    const s = splitTimeTerms(r.ast);
    assert.ok(!s.ok, text);
    assert.equal(text.slice(s.error.start, s.error.start + 4), 'time');
  }
});
