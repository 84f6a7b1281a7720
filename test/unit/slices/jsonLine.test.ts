// Open Line as JSON: a record pretty-printed and written back on one line moves only whitespace
// between tokens. Differential against JSON.parse (the value is the same) and against the
// original spelling of every token (numbers, escapes, key order, repeated keys kept as written).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonError, minifyJson, prettyJson } from '../../../extension/slices/jsonLine';
import { rng } from '../../support/random';

/** A random JSON text with random whitespace, odd numbers and escapes. */
function randomJson(next: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const ws = () => pick(['', ' ', '  ', '\n', '\t', ' \r\n ']);
  const r = next();
  if (depth > 3 || r < 0.45) {
    return pick([
      '0',
      '-1.0',
      '12345678901234567890',
      '1e-7',
      '3.14E+2',
      'true',
      'false',
      'null',
      '"plain"',
      '""',
      '"caf\\u00e9"',
      '"with \\"quotes\\" and \\\\ and , : { } [ ]"',
      '"tab\\t newline\\n"',
      '"ünïcödé ✓"',
    ]);
  }
  const n = Math.floor(next() * 4);
  if (r < 0.7) return `[${ws()}${Array.from({ length: n }, () => `${ws()}${randomJson(next, depth + 1)}${ws()}`).join(',')}${ws()}]`;
  const keys = Array.from({ length: n }, (_, i) => `"${pick(['a', 'b', 'key', 'k,e:y', 'dup'])}${i % 2 ? '' : i}"`);
  return `{${ws()}${keys.map((k) => `${ws()}${k}${ws()}:${ws()}${randomJson(next, depth + 1)}`).join(',')}${ws()}}`;
}

test('pretty and minified forms are the same value, and minifying the pretty form gives the minified one', () => {
  const next = rng(1414);
  for (let i = 0; i < 2000; i++) {
    const text = randomJson(next);
    assert.equal(jsonError(text), undefined, text);
    const pretty = prettyJson(text);
    const minified = minifyJson(text);
    assert.deepEqual(JSON.parse(pretty), JSON.parse(text), text);
    assert.deepEqual(JSON.parse(minified), JSON.parse(text), text);
    assert.equal(minifyJson(pretty), minified, text);
    assert.ok(!/[\n\r]/.test(minified), 'one line');
    assert.equal(prettyJson(minified), pretty, 'pretty-printing does not depend on the whitespace it started with');
  }
});

test('tokens stay as written: numbers, escapes, repeated keys', () => {
  const text = '{ "big": 12345678901234567890, "f": 1.0, "e": 1E5, "s": "caf\\u00e9", "dup": 1, "dup": 2, "q": "a\\"b" }';
  assert.equal(minifyJson(text), '{"big":12345678901234567890,"f":1.0,"e":1E5,"s":"caf\\u00e9","dup":1,"dup":2,"q":"a\\"b"}');
  assert.equal(
    prettyJson('{"a":[1,{"b":[]},{}],"c":{"d":null}}'),
    '{\n  "a": [\n    1,\n    {\n      "b": []\n    },\n    {}\n  ],\n  "c": {\n    "d": null\n  }\n}\n',
  );
  assert.equal(prettyJson('"just a string"'), '"just a string"\n');
  assert.equal(prettyJson('  42  '), '42\n');
});

test('invalid JSON gets the parser’s message', () => {
  assert.match(jsonError('{"a": 1,}') ?? '', /JSON at position 8/);
  assert.match(jsonError('{"a": tru}') ?? '', /JSON/);
  assert.equal(jsonError('[1, 2]'), undefined);
});
