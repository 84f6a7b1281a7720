// One closed list of error codes (extension/engineError.ts): every code the native sources and
// the host can produce is in it, anything else becomes EINTERNAL (a bug) with its message kept
// and logged — never EIO, which means the disk said so. Bugs inside the engine (an exception
// nobody gave a code, a broken invariant) reach JavaScript as EINTERNAL, and do not end the
// process (the extension host is shared by every extension).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EngineError, ERROR_CODES, isEngineErrorCode, toEngineError } from '../../../extension/engine';
import { openLog } from '../../../extension/log';
import { SaveError } from '../../../extension/save';
import { toSaveError } from '../../../extension/save/saveError';
import { repoRoot } from './support';

/** Every file below `dir` whose name ends with one of `endings`. */
function sources(dir: string, endings: string[]): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => endings.some((e) => f.endsWith(e)))
    .map((f) => path.join(dir, f));
}

/** What the log received while `work` ran. */
function logged(work: () => void): string[] {
  const lines: string[] = [];
  openLog(() => ({ error: (m) => lines.push(m), info: (m) => lines.push(m) }));
  try {
    work();
  } finally {
    openLog(() => ({ error: () => undefined, info: () => undefined }));
  }
  return lines;
}

test('every error code the native sources name is in the closed list, with a meaning', () => {
  const found = new Map<string, string>();
  for (const file of sources(path.join(repoRoot, 'native', 'src'), ['.cc', '.h'])) {
    if (file.endsWith('unicode_tables.cc')) continue; // generated data, no errors
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/"(E[A-Z0-9]{2,})"/g)) found.set(m[1], path.relative(repoRoot, file));
  }
  // The scan sees what it must: the errno names, the engine's own codes, EINTERNAL for bugs.
  for (const code of ['ENOENT', 'EACCES', 'EFILECHANGED', 'EBADREGEX', 'EREGEX', 'ECHANGED', 'EINTERNAL']) assert.ok(found.has(code), `the scan missed ${code}`);
  const missing = [...found].filter(([code]) => !isEngineErrorCode(code)).map(([code, file]) => `${code} (${file})`);
  assert.deepEqual(missing, [], 'codes the engine throws that extension/engineError.ts does not list');
  for (const [code, meaning] of Object.entries(ERROR_CODES)) assert.ok(meaning.length > 10, `${code} needs a meaning`);
});

test('every error code the host attaches by hand is in the list (typed ones are checked by the compiler)', () => {
  const missing: string[] = [];
  for (const file of sources(path.join(repoRoot, 'extension'), ['.ts'])) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/code: '([A-Z_0-9]+)'/g)) {
      if (!isEngineErrorCode(m[1])) missing.push(`${m[1]} (${path.relative(repoRoot, file)})`);
    }
  }
  assert.deepEqual(missing, []);
});

test('toEngineError: a known code is kept; anything else is EINTERNAL with its message, logged, never EIO', () => {
  const known = Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), { code: 'ENOENT' });
  const lines = logged(() => assert.equal(toEngineError(known).code, 'ENOENT'));
  assert.deepEqual(lines, [], 'a known code is nothing to log');
  const original = new EngineError('EFILECHANGED', 'cut');
  assert.equal(toEngineError(original), original);

  const unknown: Array<[unknown, string]> = [
    [new Error('plain error'), 'plain error'],
    [new RangeError('the base file is shorter than expected'), 'the base file is shorter than expected'],
    [Object.assign(new Error('cross-device link'), { code: 'EXDEV' }), 'cross-device link'],
    [Object.assign(new Error('bad argument'), { code: 'ERR_INVALID_ARG_TYPE' }), 'bad argument'],
    [{ code: 42, message: 'a number for a code' }, 'a number for a code'],
    ['a thrown string', 'a thrown string'],
    [undefined, 'undefined'],
    [null, 'null'],
    [7, '7'],
  ];
  for (const [thrown, message] of unknown) {
    let e: EngineError | undefined;
    const lines = logged(() => (e = toEngineError(thrown)));
    assert.equal(e?.code, 'EINTERNAL', `${String(thrown)}`);
    assert.equal(e?.message, message);
    assert.equal(lines.length, 1, `${String(thrown)} is logged once`);
    assert.match(lines[0], /became EINTERNAL/);
    assert.ok(lines[0].includes(message), `the log names the error: ${lines[0]}`);
  }
});

test('toSaveError: the cause keeps its code (or its alias); without a known one it is EINTERNAL, never EIO', () => {
  const save = (e: unknown) => toSaveError(e, "'data.bin'");
  assert.equal(save(Object.assign(new Error('busy'), { code: 'ETXTBSY' })).code, 'EBUSY');
  assert.equal(save(Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ABORT_ERR' })).code, 'ECANCELED');
  assert.equal(save(Object.assign(new Error('disk'), { code: 'EIO' })).code, 'EIO'); // the disk said so
  assert.equal(save(new EngineError('ENOMEM', 'no memory')).code, 'ENOMEM');
  assert.equal(save(new EngineError('EFILECHANGED', 'cut')).code, 'EFILECHANGED');
  let e: SaveError | undefined;
  const lines = logged(() => (e = save(new RangeError('an invariant'))));
  assert.equal(e?.code, 'EINTERNAL');
  assert.match(e.message, /^Cannot save 'data\.bin': an invariant$/);
  assert.equal(lines.length, 1);
});

/** Runs the addon in a child process (a native bug must not take this one down); prints each call's outcome. */
function nativeOutcomes(env: NodeJS.ProcessEnv): { hooks: boolean; outcomes: Record<string, { code?: string; message: string }> } {
  const addon = process.env.LFE_ADDON_PATH ?? path.join(repoRoot, 'dist', 'lfe.node');
  const script = `
    const b = require(${JSON.stringify(addon)});
    const outcomes = {};
    if (b.testHooks) for (const kind of ['engine', 'alloc', 'std', 'uncaught']) {
      try { b.testHooks.throwError(kind); outcomes[kind] = { message: 'returned' }; }
      catch (e) { outcomes[kind] = { code: e.code, message: e.message }; }
    }
    console.log(JSON.stringify({ hooks: b.testHooks !== undefined, outcomes }));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(r.status, 0, `the child died: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

test('native bugs reach JavaScript as EINTERNAL (out of memory as ENOMEM), and never end the process', () => {
  const { hooks, outcomes } = nativeOutcomes({ LFE_ENGINE_TEST_HOOKS: '1' });
  assert.equal(hooks, true);
  const asEngineError = (o: { code?: string; message: string }) => toEngineError(Object.assign(new Error(o.message), o.code === undefined ? {} : { code: o.code }));
  assert.deepEqual(outcomes.engine, { code: 'EINVAL', message: 'a typed engine error' });
  assert.equal(outcomes.alloc.code, 'ENOMEM');
  assert.equal(outcomes.std.code, 'EINTERNAL');
  assert.match(outcomes.std.message, /an invariant that does not hold/);
  // An exception thrown straight out of a call (no Translate): a JavaScript error, not an abort.
  const uncaught = logged(() => assert.equal(asEngineError(outcomes.uncaught).code, 'EINTERNAL'));
  assert.match(outcomes.uncaught.message, /no code was given to/);
  assert.equal(uncaught.length, 1);
});

test('the native test hooks exist only when a test asks for them', () => {
  assert.equal(nativeOutcomes({ LFE_ENGINE_TEST_HOOKS: undefined }).hooks, false);
});
