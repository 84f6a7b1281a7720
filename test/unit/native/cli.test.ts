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

test('lines, line-of and offset-of with --edits agree with wc -l and awk on the edited file written out', async (t) => {
  const onPath = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  if (!onPath('awk') || !onPath('wc')) {
    t.skip('awk or wc is not installed');
    return;
  }
  const file = await generatedLog();
  const size = fs.statSync(file).size;
  const edits = [
    { op: 'insert', offset: 1000, text: 'first\nsecond\n' },
    { op: 'delete', offset: 5000, length: 250_000 },
    { op: 'replace', offset: size >> 1, length: 80, hex: '0a0a0a' },
    { op: 'overwrite', offset: 70_000, text: 'XXXXXXXX\nYYYY' },
    { op: 'insert', offset: 3, text: 'undone\n' },
    { op: 'undo' },
  ];
  const editsFile = path.join(dir, 'edits.json');
  fs.writeFileSync(editsFile, JSON.stringify(edits));
  // The same edits with plain Buffer operations: the oracle.
  let doc = fs.readFileSync(file);
  const splice = (at: number, remove: number, bytes: Buffer) => (doc = Buffer.concat([doc.subarray(0, at), bytes, doc.subarray(at + remove)]));
  splice(1000, 0, Buffer.from('first\nsecond\n'));
  splice(5000, 250_000, Buffer.alloc(0));
  splice(size >> 1, 80, Buffer.from('0a0a0a', 'hex'));
  splice(70_000, 13, Buffer.from('XXXXXXXX\nYYYY'));
  const edited = path.join(dir, 'edited.log');
  fs.writeFileSync(edited, doc);

  const lines = engine('lines', '--edits', editsFile, file);
  assert.equal(lines.status, 0, lines.stderr);
  const wc = Number(spawnSync('wc', ['-l', edited], { encoding: 'utf8' }).stdout.trim().split(/\s+/)[0]);
  assert.equal(lines.json.lines, wc);
  assert.equal(lines.json.bytes, doc.length);
  assert.equal(lines.json.edits, edits.length);
  const awkOffset = (line: number) =>
    Number(spawnSync('awk', ['-v', `n=${line}`, 'NR == n { print pos; exit } { pos += length($0) + 1 }'], { input: doc, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).stdout.trim());
  for (const line of [2, 12, 13, 14, 600, Math.floor(wc / 2), wc]) {
    const r = engine('offset-of', '--edits', editsFile, String(line), file);
    assert.equal(r.json.offset, awkOffset(line), `offset-of ${line}`);
    const back = engine('line-of', '--edits', editsFile, String(r.json.offset), file);
    assert.deepEqual([back.json.line, back.json.lineStart], [line, r.json.offset], `line-of ${r.json.offset}`);
  }
  const past = engine('offset-of', '--edits', editsFile, String(wc + 2), file);
  assert.equal(past.status, 1);
  assert.equal(past.json.error, 'EINVAL');
  const onFile = Number(spawnSync('awk', ['NR == 600 { print pos; exit } { pos += length($0) + 1 }', file], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).stdout.trim());
  assert.equal(engine('offset-of', '600', file).json.offset, onFile, 'without edits: the file itself');
});

test('--utf8 and --encoding: whole word and case folding by the characters of the text', () => {
  const utf8 = path.join(dir, 'quotes.txt');
  fs.writeFileSync(utf8, '“int” éint \u212aelvin ſtatus\n');
  assert.equal(engine('count', '--utf8', '--word', 'int', utf8).json.count, 1);
  assert.equal(engine('count', '--word', 'int', utf8).json.count, 0, 'without an encoding, bytes >= 0x80 are word characters');
  assert.equal(engine('count', '--utf8', '--ignore-case', 'kelvin', utf8).json.count, 1);
  assert.equal(engine('count', '--utf8', '--ignore-case', '--word', 'STATUS', utf8).json.count, 1);
  const latin1 = path.join(dir, 'latin1.txt');
  fs.writeFileSync(latin1, Buffer.from('«café» CAFÉ cafés', 'latin1'));
  assert.equal(engine('count', '--encoding', 'latin1', '--word', '--ignore-case', 'café', latin1).json.count, 2);
  const utf16 = path.join(dir, 'utf16.txt');
  fs.writeFileSync(utf16, Buffer.from('xint int Int', 'utf16le'));
  assert.equal(engine('count', '--encoding', 'utf-16le', '--word', '--ignore-case', 'int', utf16).json.count, 2);
});

test('bad arguments: usage and exit 2; engine errors: exit 1 with the code', () => {
  for (const args of [[], ['frobnicate'], ['count', 'x'], ['count', '--bogus', 'x', 'f'], ['lines'], ['find', '--max', 'zero', 'x', 'f'], ['offset-of', '0', 'f'], ['line-of', 'x', 'f'], ['lines', '--edits'], ['count', '--encoding', 'ebcdic', 'x', 'f']]) {
    const r = engine(...args);
    assert.equal(r.status, 2, `args ${JSON.stringify(args)}`);
    assert.match(r.stderr, /usage:/);
  }
  const missing = engine('count', 'x', path.join(dir, 'missing'));
  assert.equal(missing.status, 1);
  assert.equal(missing.json.error, 'ENOENT');
  assert.match(missing.json.message, /missing/);
  const badEdits = path.join(dir, 'bad-edits.json');
  fs.writeFileSync(badEdits, JSON.stringify([{ op: 'insert', offset: 10 ** 9, text: 'x' }]));
  const outside = engine('lines', '--edits', badEdits, path.join(dir, 'small.bin'));
  assert.equal(outside.status, 1);
  assert.equal(outside.json.error, 'EINVAL');
  assert.match(outside.json.message, /edits\[0\]/);
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

test('slice writes a range of the edited document: byte for byte what dd takes from it materialized', async (t) => {
  if (!have('dd')) {
    t.skip('dd is not installed');
    return;
  }
  const file = await generatedLog();
  const edits = [
    { op: 'insert', offset: 10, text: 'INSERTED\n' },
    { op: 'delete', offset: 100_000, length: 4321 },
    { op: 'overwrite', offset: 3_000_000, hex: 'deadbeef' },
  ];
  const editsFile = path.join(dir, 'slice-edits.json');
  fs.writeFileSync(editsFile, JSON.stringify(edits));
  const materialized = path.join(dir, 'slice-materialized.log');
  assert.equal(engine('materialize', '--edits', editsFile, file, materialized).status, 0);
  const size = fs.statSync(materialized).size;
  for (const [offset, length] of [
    [0, 100],
    [7, 5_000_000],
    [2_999_990, 20],
    [size - 10, 1000], // clipped at the end, as dd is
  ]) {
    const out = path.join(dir, `slice-${offset}.out`);
    const r = engine('slice', '--edits', editsFile, String(offset), String(length), file, out);
    assert.equal(r.status, 0, r.stderr);
    const want = path.join(dir, `dd-${offset}.out`);
    const dd = spawnSync('dd', [`if=${materialized}`, `of=${want}`, 'bs=1M', 'iflag=skip_bytes,count_bytes', `skip=${offset}`, `count=${length}`, 'status=none']);
    assert.equal(dd.status, 0);
    assert.ok(fs.readFileSync(out).equals(fs.readFileSync(want)), `slice ${offset}+${length} equals dd's`);
    assert.equal(r.json.bytes, fs.statSync(want).size);
  }
  const plain = path.join(dir, 'slice-plain.out');
  assert.equal(engine('slice', '5', '50', file, plain).status, 0);
  assert.ok(fs.readFileSync(plain).equals(fs.readFileSync(file).subarray(5, 55)), 'without edits: the file itself');
  const past = engine('slice', String(fs.statSync(file).size + 1), '1', file, plain);
  assert.deepEqual([past.status, past.json.error], [1, 'EINVAL']);
  assert.equal(engine('slice', 'x', '1', file, plain).status, 2);
});
