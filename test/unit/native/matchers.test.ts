// Differential fuzzing: every matcher against a naive JavaScript oracle, on random data and
// patterns, with tiny scan windows and segments so that matches straddle window and thread
// boundaries, sit at offset 0 and at the end of the file, and overlap each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SearchQuery, engineStatus } from '../../../extension/engine';
import { Match, findAllScattered, literalMask, oracleBytes, oracleRegex, openTemp, rng, tempDir } from './support';

const dir = tempDir();
const open = (data: Uint8Array) => openTemp(dir, data);
const engineMatches = findAllScattered;

function randomBytes(random: () => number, alphabet: string, maxLength: number): Uint8Array {
  const n = Math.floor(random() * maxLength);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = alphabet.charCodeAt(Math.floor(random() * alphabet.length));
  return out;
}

/** A pattern: usually a slice of the data (so it matches), sometimes random. */
function randomPattern(random: () => number, data: Uint8Array, alphabet: string): Uint8Array {
  const n = 1 + Math.floor(random() * 5);
  if (data.length >= n && random() < 0.7) {
    const at = Math.floor(random() * (data.length - n + 1));
    return data.slice(at, at + n);
  }
  return Uint8Array.from({ length: n }, () => alphabet.charCodeAt(Math.floor(random() * alphabet.length)));
}

function flipCase(random: () => number, bytes: Uint8Array): Uint8Array {
  return bytes.map((b) => (random() < 0.5 && ((b | 0x20) >= 97 && (b | 0x20) <= 122) ? b ^ 0x20 : b));
}

test('literal, caseless literal and whole word agree with the oracle', async () => {
  const random = rng(1234);
  const alphabets = ['ab', 'aA b_\n', 'abcAB \t.-\x80\xe9', 'xyz'];
  for (let round = 0; round < 400; round++) {
    const alphabet = alphabets[round % alphabets.length];
    const data = randomBytes(random, alphabet, round % 10 === 0 ? 5000 : 300);
    const ignoreCase = random() < 0.5;
    const wholeWord = random() < 0.3;
    let pattern = randomPattern(random, data, alphabet);
    if (ignoreCase) pattern = flipCase(random, pattern);
    if (process.env.LFE_DEBUG) console.error(round, JSON.stringify({ data: Buffer.from(data).toString('latin1'), pattern: Buffer.from(pattern).toString('latin1'), ignoreCase, wholeWord }));
    const f = open(data);
    const { value, mask } = literalMask(pattern, ignoreCase);
    const expected = oracleBytes(data, value, mask, wholeWord);
    const actual = await engineMatches(f, { pattern: Buffer.from(pattern), ignoreCase, wholeWord }, random);
    f.close();
    assert.deepEqual(actual, expected, `round ${round}: ${JSON.stringify({ data: Buffer.from(data).toString('latin1'), pattern: Buffer.from(pattern).toString('latin1'), ignoreCase, wholeWord })}`);
  }
});

test('hex patterns with ?? wildcards agree with the oracle', async () => {
  const random = rng(99);
  for (let round = 0; round < 300; round++) {
    const data = randomBytes(random, '\x00\x01\x02\xff', round % 10 === 0 ? 4000 : 200);
    const n = 1 + Math.floor(random() * 5);
    const value: number[] = [];
    const mask: number[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < n; i++) {
      if (random() < 0.3) {
        value.push(0);
        mask.push(0);
        tokens.push('??');
      } else {
        const b = [0, 1, 2, 0xff][Math.floor(random() * 4)];
        value.push(b);
        mask.push(0xff);
        tokens.push(b.toString(16).padStart(2, '0').toUpperCase());
      }
    }
    const f = open(data);
    const expected = oracleBytes(data, value, mask, false);
    const actual = await engineMatches(f, { kind: 'hex', pattern: tokens.join(random() < 0.5 ? ' ' : '') }, random);
    f.close();
    assert.deepEqual(actual, expected, `round ${round}: ${tokens.join(' ')} in ${Buffer.from(data).toString('hex')}`);
  }
});

/** Random regexes from a grammar both PCRE2 and JS read the same way. */
function randomRegex(random: () => number, depth = 0): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const atom = (): string => {
    const r = random();
    if (r < 0.45) return pick(['a', 'b', 'c', 'A', ' ', '_']);
    if (r < 0.6) return pick(['.', '[ab]', '[^a\\n]', '\\w', '\\d', '\\s', '[a-c]']);
    if (r < 0.7) return pick(['^', '$', '\\b', '\\B', '\\n']);
    if (r < 0.8 && depth < 2) return `(${randomRegex(random, depth + 1)})`;
    if (r < 0.85 && depth < 2) return `(?:${randomRegex(random, depth + 1)}|${randomRegex(random, depth + 1)})`;
    return pick(['a', 'b']);
  };
  const parts: string[] = [];
  const n = 1 + Math.floor(random() * 4);
  for (let i = 0; i < n; i++) {
    let a = atom();
    if (!['^', '$', '\\b', '\\B'].includes(a) && random() < 0.4) a += pick(['*', '+', '?', '{1,3}', '*?', '+?', '{2}']);
    parts.push(a);
  }
  return parts.join('');
}

test('regex (PCRE2) agrees with JS RegExp, including empty matches and window edges', async () => {
  const random = rng(4242);
  for (let round = 0; round < 400; round++) {
    const data = randomBytes(random, 'aabbc A_1\n', round % 10 === 0 ? 3000 : 250);
    const source = randomRegex(random);
    const ignoreCase = random() < 0.3;
    const wholeWord = random() < 0.2;
    const expected = oracleRegex(data, source, ignoreCase, wholeWord);
    const f = open(data);
    const actual = await engineMatches(f, { kind: 'regex', pattern: source, ignoreCase, wholeWord }, random);
    f.close();
    assert.deepEqual(actual, expected, `round ${round}: /${source}/ ${JSON.stringify({ data: Buffer.from(data).toString('latin1'), ignoreCase, wholeWord })}`);
  }
});

test('matches at offset 0, at EOF, and every overlapping candidate resolved leftmost-first', async () => {
  const f = open(Buffer.from('aaaaaaa'));
  for (const window of [1, 2, 3, 100]) {
    const r = await f.findAll({ pattern: 'aa' }, { window, segment: 1, threads: 2 }).done;
    assert.deepEqual(r.matches, [
      { offset: 0, length: 2 },
      { offset: 2, length: 2 },
      { offset: 4, length: 2 },
    ]);
  }
  const end = await f.findAll({ kind: 'regex', pattern: 'a$' }, { window: 2 }).done;
  assert.deepEqual(end.matches, [{ offset: 6, length: 1 }]);
  const empty = await f.findAll({ kind: 'regex', pattern: '$' }).done;
  assert.deepEqual(empty.matches, [{ offset: 7, length: 0 }]);
  f.close();
});

test('regex matches longer than the scan window are found whole (partial matching)', async () => {
  const data = Buffer.from('x' + 'a'.repeat(10000) + 'b' + '\n' + 'c'.repeat(5000));
  const f = open(data);
  const r = await f.findAll({ kind: 'regex', pattern: 'a+b|c+' }, { window: 64, segment: 777, threads: 2 }).done;
  assert.deepEqual(r.matches, [
    { offset: 1, length: 10001 },
    { offset: 10003, length: 5000 },
  ]);
  f.close();
});

test('find next / previous with wrap, and maxResults with truncation', async () => {
  const text = 'one two one three one';
  const f = open(Buffer.from(text));
  const q = { pattern: 'one' };
  assert.deepEqual(await f.findNext(q, { from: 1 }).done, { offset: 8, length: 3 });
  assert.deepEqual(await f.findNext(q, { from: 19 }).done, null);
  assert.deepEqual(await f.findNext(q, { from: 19, wrap: true }).done, { offset: 0, length: 3 });
  assert.deepEqual(await f.findPrevious(q, { from: 18 }).done, { offset: 8, length: 3 });
  assert.deepEqual(await f.findPrevious(q, { from: 0 }).done, null);
  assert.deepEqual(await f.findPrevious(q, { from: 0, wrap: true }).done, { offset: 18, length: 3 });
  const two = await f.findAll(q, { maxResults: 2 }).done;
  assert.deepEqual([two.count, two.truncated], [2, true]);
  const three = await f.findAll(q, { maxResults: 3 }).done;
  assert.deepEqual([three.count, three.truncated], [3, false]);
  const ranged = await f.findAll(q, { start: 1, end: 21 }).done;
  assert.deepEqual(ranged.matches, [{ offset: 8, length: 3 }, { offset: 18, length: 3 }]);
  f.close();
});

test('batches arrive in order with progress, and a search can be cancelled', async () => {
  const data = Buffer.alloc(64 * 1024 * 1024, 'ab');
  const f = open(data);
  let seen = 0;
  let last = -1;
  let ordered = true;
  let progress = 0;
  const r = await f.findAll({ pattern: 'b' }, {
    onMatches(offsets) {
      for (const o of offsets) {
        if (o <= last) ordered = false;
        last = o;
      }
      seen += offsets.length;
    },
    onProgress(scanned) {
      progress = Math.max(progress, scanned);
    },
  }).done;
  assert.equal(r.count, data.length / 2);
  assert.equal(seen, r.count);
  assert.ok(ordered);
  assert.ok(progress > 0 && progress <= data.length);
  // Quadratic work per window: slow enough to be cancelled midway.
  const task = f.findAll({ kind: 'regex', pattern: '[ab]*c' }, { collect: false, window: 8192 });
  setTimeout(() => task.cancel(), 20);
  const cancelled = await task.done;
  assert.equal(cancelled.cancelled, true);
  f.close();
});

// Without PCRE2 the JS fallback has no match limit and no Unicode caseless literals.
const pcre2 = (() => {
  const s = engineStatus();
  return s.loaded && s.nativeRegex;
})();

test('catastrophic patterns are bounded by the match limit, not a hang', { skip: !pcre2 && 'built without PCRE2' }, async () => {
  const f = open(Buffer.from('a'.repeat(40) + '!'));
  const started = Date.now();
  await assert.rejects(f.findAll({ kind: 'regex', pattern: '(a+)+$' }).done, (e: { code?: string }) => e.code === 'EREGEXLIMIT');
  assert.ok(Date.now() - started < 30000);
  f.close();
});

test('bad patterns are typed errors', () => {
  const f = open(Buffer.from('x'));
  assert.throws(() => f.findAll({ kind: 'regex', pattern: 'a(' }), (e: { code?: string }) => e.code === 'EBADREGEX');
  assert.throws(() => f.findAll({ kind: 'hex', pattern: '4G' }), (e: { code?: string }) => e.code === 'EINVAL');
  assert.throws(() => f.findAll({ pattern: '' }), (e: { code?: string }) => e.code === 'EINVAL');
  f.close();
});

test('UTF-8 mode: caseless non-ASCII literals and regexes', { skip: !pcre2 && 'built without PCRE2' }, async () => {
  const f = open(Buffer.from('Ärger ärger ÄRGER \xff broken', 'utf8'));
  const lit = await f.findAll({ pattern: 'ärger', ignoreCase: true, utf8: true }).done;
  assert.equal(lit.count, 3);
  const re = await f.findAll({ kind: 'regex', pattern: '^.', utf8: true }).done;
  assert.deepEqual(re.matches, [{ offset: 0, length: 2 }]); // one character, two bytes
  f.close();
});

// PCRE2's \w with Unicode properties (UCP) is letters, numbers and `_`; JS /u has an ASCII \w,
// so the oracle spells the Unicode classes out.
const JS_WORD = '[\\p{L}\\p{N}_]';
const JS_FOR_PCRE2: Record<string, string> = {
  '\\w': JS_WORD,
  '\\b': `(?:(?<=${JS_WORD})(?!${JS_WORD})|(?<!${JS_WORD})(?=${JS_WORD}))`,
  '\\d': '\\p{Nd}',
  '\\s': '[\\p{White_Space}]',
};

test('regex in UTF-8 mode agrees with JS RegExp /u over valid UTF-8 (byte offsets, Unicode \\w \\b \\d \\s)', { skip: !pcre2 && 'built without PCRE2' }, async () => {
  const random = rng(2024);
  const alphabet = ['a', 'b', 'é', 'É', '€', '😀', ' ', '\n', '_', '中', '٣', '\u00a0', 'ſ', 'K', '\u212a', 'σ', 'ς', 'Σ', '²'];
  const atoms = ['a', 'é', 'É', '€', '😀', '.', '[aé]', '[^a\\n]', '\\w', '\\b', '\\d', '\\s', '^', '$', ' ', 'k', 's', 'σ', '中'];
  for (let round = 0; round < 300; round++) {
    const n = Math.floor(random() * (round % 10 === 0 ? 2000 : 120));
    // Not ending in a newline: PCRE2's multiline ^ does not match after a final one, JS's does.
    const text = Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('').replace(/\n$/, 'a');
    const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const a = atoms[Math.floor(random() * atoms.length)];
      return ['^', '$', '\\b'].includes(a) || random() < 0.6 ? [a, ''] : [a, ['*', '+', '?', '{1,2}'][Math.floor(random() * 4)]];
    });
    const source = parts.map(([a, q]) => a + q).join('');
    const jsSource = parts.map(([a, q]) => (JS_FOR_PCRE2[a] ?? a) + q).join('');
    const ignoreCase = random() < 0.3;
    const re = new RegExp(jsSource, ignoreCase ? 'gmiu' : 'gmu');
    const expected: Match[] = [];
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const at = Buffer.byteLength(text.slice(0, m.index));
      expected.push([at, Buffer.byteLength(m[0])]);
      if (m[0].length === 0) re.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
    }
    const f = open(Buffer.from(text, 'utf8'));
    const actual = await engineMatches(f, { kind: 'regex', pattern: source, ignoreCase, utf8: true }, random);
    f.close();
    assert.deepEqual(actual, expected, `round ${round}: /${source}/u ${JSON.stringify({ text, ignoreCase })}`);
  }
});

test('counting without collecting gives the same count and truncation as collecting', async () => {
  const random = rng(555);
  const queries: SearchQuery[] = [{ pattern: 'a' }, { pattern: 'aa' }, { kind: 'regex', pattern: 'a*' }, { kind: 'regex', pattern: '(ab|a)+' }];
  for (let round = 0; round < 60; round++) {
    const data = randomBytes(random, 'aab\n', 3000);
    const f = open(data);
    for (const query of queries) {
      const options = { segment: 1 + Math.floor(random() * 40), window: 1 + Math.floor(random() * 20), threads: 2 };
      const maxResults = random() < 0.3 ? 1 + Math.floor(random() * 50) : undefined;
      const collected = await f.findAll(query, { ...options, maxResults }).done;
      const counted = await f.findAll(query, { ...options, maxResults, collect: false }).done;
      assert.equal(collected.matches!.length, collected.count);
      assert.deepEqual([counted.count, counted.truncated], [collected.count, collected.truncated], `round ${round} ${JSON.stringify(query)}`);
      assert.equal(counted.matches, undefined);
    }
    f.close();
  }
});

test('a literal whose rare-byte pair the data keeps repeating is still found exactly (anchor switching)', async () => {
  // "timeout" anchors on m..u by byte frequency; "ms user" repeats that pair on every line.
  const random = rng(31);
  const lines: string[] = [];
  for (let i = 0; i < 40000; i++) lines.push(`${i} 12ms user=x ${random() < 0.2 ? 'timeout' : 'retry'} ${random() < 0.1 ? 'TIMEOUT' : ''}\n`);
  const data = Buffer.from(lines.join(''));
  const f = open(data);
  for (const ignoreCase of [false, true]) {
    const { value, mask } = literalMask(Buffer.from('timeout'), ignoreCase);
    const expected = oracleBytes(data, value, mask, false);
    const r = await f.findAll({ pattern: 'timeout', ignoreCase }, { threads: 2 }).done;
    assert.deepEqual(r.matches!.map((m) => [m.offset, m.length]), expected);
  }
  f.close();
});
