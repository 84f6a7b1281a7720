// The JS RegExp fallback (used when the addon was built without PCRE2) against PCRE2: both
// engines over one corpus, same options, same results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { FindAllOptions, SearchQuery, openMappedFile } from '../../../extension/engine';
import { repoRoot, rng, tempDir } from './support';

const dir = tempDir();

async function corpus(): Promise<string> {
  const file = path.join(dir, 'corpus.log');
  const { generate } = await import(path.join(repoRoot, 'scripts', 'generate.mjs'));
  generate('log', 3 * 1024 * 1024 + 5, file, 11);
  return file;
}

test('JS fallback and PCRE2 agree on a generated log', async () => {
  const f = openMappedFile(await corpus(), 'read');
  const queries: SearchQuery[] = [
    { kind: 'regex', pattern: 'pid=6553[0-9]' },
    { kind: 'regex', pattern: '[A-Z][a-z]+ [A-Z][a-z]+ [a-z]+' },
    { kind: 'regex', pattern: '^2026-03-0\\d' },
    { kind: 'regex', pattern: '(retry|reset)$' },
    { kind: 'regex', pattern: 'error=E\\d+ stack depth \\d\\n2026' },
    { kind: 'regex', pattern: 'alice|BOB', ignoreCase: true },
    { kind: 'regex', pattern: 'user', wholeWord: true },
    { kind: 'regex', pattern: 'x*' },
    { kind: 'regex', pattern: 'ms \\w+', utf8: true },
  ];
  for (const query of queries) {
    const options: FindAllOptions = {};
    const native = await f.findAll(query, options).done;
    const js = await f.findAll(query, { ...options, regexEngine: 'js' }).done;
    assert.equal(js.count, native.count, `count for /${String(query.pattern)}/`);
    assert.deepEqual(js.matches, native.matches, `matches for /${String(query.pattern)}/`);
    assert.ok(native.count > 0, `/${String(query.pattern)}/ matches the corpus`);
  }
  const q: SearchQuery = { kind: 'regex', pattern: 'pid=6553[0-9]' };
  const all = (await f.findAll(q).done).matches!;
  const mid = all[Math.floor(all.length / 2)].offset;
  for (const op of ['findNext', 'findPrevious'] as const) {
    for (const wrap of [false, true]) {
      const native = await f[op](q, { from: mid + 1, wrap }).done;
      const js = await f[op](q, { from: mid + 1, wrap, regexEngine: 'js' }).done;
      assert.deepEqual(js, native, `${op} wrap=${wrap}`);
    }
  }
  const capped = await f.findAll(q, { maxResults: 3, regexEngine: 'js' }).done;
  assert.deepEqual([capped.count, capped.truncated], [3, true]);
  assert.throws(() => f.findAll({ kind: 'regex', pattern: '(' }, { regexEngine: 'js' }), (e: { code?: string }) => e.code === 'EBADREGEX');
  f.close();
});

test('JS fallback agrees with PCRE2 on random small files and patterns', async () => {
  const random = rng(77);
  const alphabet = 'ab c\n_A';
  const patterns = ['a+', 'b*', '^a', 'a$', '\\bab', '(a|b)c', '[^a\\n]+', 'c.?a', '(?:ab)+?', 'A\\s'];
  for (let round = 0; round < 40; round++) {
    const n = Math.floor(random() * 400);
    const bytes = Buffer.from(Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    const file = path.join(dir, `r${round}.txt`);
    fs.writeFileSync(file, bytes);
    const f = openMappedFile(file, 'read');
    const query: SearchQuery = { kind: 'regex', pattern: patterns[round % patterns.length], ignoreCase: random() < 0.3 };
    const native = await f.findAll(query).done;
    const js = await f.findAll(query, { regexEngine: 'js' }).done;
    assert.deepEqual(js.matches, native.matches, `round ${round} /${String(query.pattern)}/ on ${JSON.stringify(bytes.toString())}`);
    f.close();
  }
});
