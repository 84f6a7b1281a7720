// The engine's command-line door: counts agree with ripgrep (--count-matches) and wc -l on a
// generated log; bad arguments exit 2, engine errors exit 1 with a code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, tempDir } from './support';

const cli = path.join(repoRoot, 'out', 'tools', 'engine-cli.js');
const dir = tempDir();

function engine(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: r.status, json: r.stdout.trim() ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

function have(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

async function generatedLog(): Promise<string> {
  const file = path.join(dir, 'gen.log');
  const { generate } = await import(path.join(repoRoot, 'scripts', 'generate.mjs'));
  generate('log', 20 * 1024 * 1024 + 17, file, 3);
  return file;
}

test('count agrees with rg --count-matches for literal, caseless, word and regex patterns', async (t) => {
  if (!have('rg')) {
    t.skip('ripgrep is not installed');
    return;
  }
  const file = await generatedLog();
  const cases: [string[], string[]][] = [
    [['timeout'], ['-F', 'timeout']],
    [['--ignore-case', 'alice'], ['-F', '-i', 'alice']],
    [['--word', 'user'], ['-F', '-w', 'user']],
    [['--regex', 'pid=6553[0-9]'], ['pid=6553[0-9]']],
    [['--regex', '[A-Z][a-z]+ [A-Z][a-z]+ [a-z]+'], ['[A-Z][a-z]+ [A-Z][a-z]+ [a-z]+']],
    [['--regex', '^2026-03-01T00:0\\d'], ['^2026-03-01T00:0\\d']],
    [['--regex', '(retry|reset)$'], ['(retry|reset)$']],
  ];
  for (const [ours, theirs] of cases) {
    const mine = engine('count', ...ours, file);
    assert.equal(mine.status, 0, mine.stderr);
    const rg = spawnSync('rg', ['--count-matches', '--no-config', ...theirs, file], { encoding: 'utf8' });
    const expected = Number(rg.stdout.trim() || '0');
    assert.equal(mine.json.count, expected, `count ${ours.join(' ')}`);
    assert.ok(expected > 0, `the corpus has matches for ${ours.join(' ')}`);
  }
});

test('find prints the offsets (with --max), hex patterns work', () => {
  const file = path.join(dir, 'small.bin');
  fs.writeFileSync(file, Buffer.from('abc\x00\x01abc\x00\x02abc', 'latin1'));
  const all = engine('find', 'abc', file);
  assert.deepEqual(all.json.offsets, [0, 5, 10]);
  const first = engine('find', '--max', '2', 'abc', file);
  assert.deepEqual([first.json.offsets, first.json.truncated], [[0, 5], true]);
  const hex = engine('find', '--hex', '63 00 ??', file);
  assert.deepEqual(hex.json.offsets, [2, 7]);
});

test('lines counts newlines like wc -l', async (t) => {
  const file = await generatedLog();
  const r = engine('lines', file);
  assert.equal(r.status, 0, r.stderr);
  const newlines = fs.readFileSync(file).reduce((n, b) => n + (b === 10 ? 1 : 0), 0);
  assert.equal(r.json.lines, newlines);
  if (have('wc')) {
    const wc = spawnSync('wc', ['-l', file], { encoding: 'utf8' });
    assert.equal(r.json.lines, Number(wc.stdout.trim().split(/\s+/)[0]));
  } else t.diagnostic('wc not installed; compared with a JS count only');
});

test('bad arguments: usage and exit 2; engine errors: exit 1 with the code', () => {
  for (const args of [[], ['frobnicate'], ['count', 'x'], ['count', '--bogus', 'x', 'f'], ['lines'], ['find', '--max', 'zero', 'x', 'f']]) {
    const r = engine(...args);
    assert.equal(r.status, 2, `args ${JSON.stringify(args)}`);
    assert.match(r.stderr, /usage:/);
  }
  const missing = engine('count', 'x', path.join(dir, 'missing'));
  assert.equal(missing.status, 1);
  assert.equal(missing.json.error, 'ENOENT');
  assert.match(missing.json.message, /missing/);
  const badRegex = engine('count', '--regex', '(', path.join(dir, 'small.bin'));
  assert.equal(badRegex.status, 1);
  assert.equal(badRegex.json.error, 'EBADREGEX');
});

test('count --edits searches the file with unsaved edits, as rg counts the materialized result', async (t) => {
  if (!have('rg')) {
    t.skip('ripgrep is not installed');
    return;
  }
  const file = await generatedLog();
  const edits = path.join(dir, 'edits.json');
  fs.writeFileSync(
    edits,
    JSON.stringify([
      { op: 'replaceAll', pattern: 'request', replacement: 'REQUEST' },
      { op: 'insert', offset: 0, text: 'REQUEST first\n' },
      { op: 'replaceAll', pattern: 'user=(\\w+) (\\w+)', mode: 'regex', replacement: 'user=$2,$1 REQUEST' },
      { op: 'delete', offset: 5000, length: 700 },
      { op: 'overwrite', offset: 9000, hex: '52455155455354' },
      { op: 'replace', offset: 20000, length: 3, text: 'x\ny' },
      { op: 'undo' },
      { op: 'redo' },
    ]),
  );
  const out = path.join(dir, 'materialized.log');
  const written = engine('materialize', '--edits', edits, file, out);
  assert.equal(written.status, 0, written.stderr);
  assert.equal(written.json.bytes, fs.statSync(out).size);
  for (const [ours, theirs] of [
    [['REQUEST'], ['-F', 'REQUEST']],
    [['-i', 'request'], ['-F', '-i', 'request']],
    [['--regex', 'user=[A-Z][a-z]+,[A-Z][a-z]+ REQUEST'], ['user=[A-Z][a-z]+,[A-Z][a-z]+ REQUEST']],
    [['--regex', '^REQUEST'], ['^REQUEST']],
  ]) {
    const mine = engine('count', '--edits', edits, ...ours, file);
    assert.equal(mine.status, 0, mine.stderr);
    const rg = spawnSync('rg', ['--count-matches', '--no-config', ...theirs, out], { encoding: 'utf8' });
    assert.equal(mine.json.count, Number(rg.stdout.trim() || '0'), `count --edits ${ours.join(' ')}`);
    assert.ok(mine.json.count > 0);
    assert.equal(mine.json.edits, 8);
  }
  fs.writeFileSync(edits, JSON.stringify([{ op: 'delete', offset: -1, length: 2 }]));
  const bad = engine('count', '--edits', edits, 'x', file);
  assert.equal(bad.status, 1);
  assert.equal(bad.json.error, 'EINVAL');
  assert.match(bad.json.message, /edits\[0\]/);
});
