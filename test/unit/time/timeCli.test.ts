// The engine's time doors on the command line agree with awk over a generated log (ISO 8601
// stamps of fixed width, so awk compares them as strings): histogram per minute and per hour, with
// the lines holding ERROR; goto-time with its line number; time-at; count in a time range. Bad
// input exits 2 (usage) or 1 with a stable code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, tempDir } from '../native/support';

const cli = path.join(repoRoot, 'out', 'tools', 'engine-cli.js');
const dir = tempDir('lfe-time-cli-');
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/;

function engine(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, json: r.stdout.trim() ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

function awk(program: string, file: string, vars: Record<string, string> = {}): string {
  const args = Object.entries(vars).flatMap(([k, v]) => ['-v', `${k}=${v}`]);
  const r = spawnSync('awk', [...args, program, file], { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, LC_ALL: 'C' } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function haveAwk(): boolean {
  return spawnSync('sh', ['-c', 'command -v awk'], { stdio: 'ignore' }).status === 0;
}

async function generatedLog(): Promise<string> {
  const file = path.join(dir, 'gen.log');
  const { generate } = await import(path.join(repoRoot, 'scripts', 'generate.mjs'));
  generate('log', 12 * 1024 * 1024 + 5, file, 7);
  return file;
}

/** awk's count of stamped lines (and of those holding ERROR) per prefix of `width` characters. */
function awkCounts(file: string, width: number): { counts: Map<string, number>; errors: Map<string, number> } {
  // No interval expressions ({4}): mawk, Debian's default awk, has none.
  const out = awk(`/^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\\.[0-9][0-9][0-9]Z/ { k = substr($0, 1, ${width}); c[k]++; if (/ERROR/) e[k]++ } END { for (k in c) print k, c[k], e[k] + 0 }`, file);
  const counts = new Map<string, number>();
  const errors = new Map<string, number>();
  for (const line of out.trim().split('\n')) {
    const [k, c, e] = line.split(' ');
    counts.set(k, Number(c));
    if (Number(e) > 0) errors.set(k, Number(e));
  }
  return { counts, errors };
}

test('histogram --bucket 60 and 3600 --match ERROR equal awk counting per minute and per hour', async (t) => {
  if (!haveAwk()) return t.skip('awk is not installed');
  const file = await generatedLog();
  for (const [bucket, width] of [[60, 16], [600, 15], [3600, 13]] as const) {
    const r = engine('histogram', '--bucket', String(bucket), '--match', 'ERROR', file);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.json.bucketSeconds, bucket);
    assert.equal(r.json.format, 'iso8601');
    const ours = new Map<string, number>();
    const ourErrors = new Map<string, number>();
    for (const b of r.json.buckets as { start: string; count: number; matches: number }[]) {
      if (b.count > 0) ours.set(b.start.slice(0, width), b.count);
      if (b.matches > 0) ourErrors.set(b.start.slice(0, width), b.matches);
    }
    const theirs = awkCounts(file, width);
    assert.deepEqual(ours, theirs.counts, `entries per ${bucket} s`);
    assert.deepEqual(ourErrors, theirs.errors, `ERROR lines per ${bucket} s`);
    assert.ok(ours.size >= (bucket === 60 ? 40 : 1), `${ours.size} buckets of ${bucket} s`);
  }
});

test('goto-time lands where awk finds the first line at or after the time; --line is its line number; time-at reads the line', async (t) => {
  if (!haveAwk()) return t.skip('awk is not installed');
  const file = await generatedLog();
  const first = fs.readFileSync(file, { encoding: 'latin1' }).slice(0, 24);
  assert.match(first, STAMP);
  for (const when of ['2026-03-01T00:37:00.000Z', '2026-03-01T00:30:00.5Z', first]) {
    const r = engine('goto-time', '--line', when, file);
    assert.equal(r.status, 0, r.stderr);
    const stamp = new Date(Date.parse(when)).toISOString();
    const [pos, nr] = awk('substr($0, 1, 24) >= t { print pos + 0, NR; exit } { pos += length($0) + 1 }', file, { t: stamp }).trim().split(' ').map(Number);
    assert.deepEqual([r.json.offset, r.json.line], [pos, nr], `goto-time ${when}`);
    assert.ok(r.json.pagesTouched > 0);
    const at = engine('time-at', String(pos + 30), file);
    assert.equal(at.json.time, fs.readFileSync(file).subarray(pos, pos + 24).toString('latin1'), `time-at ${pos + 30}`);
    assert.equal(at.json.lineStart, pos);
  }
  // Relative to a line (--at), start and end.
  const rel = engine('goto-time', '--at', '0', '+30m', file);
  const stamp30 = new Date(Date.parse(first) + 30 * 60_000).toISOString();
  assert.equal(rel.json.offset, Number(awk('substr($0, 1, 24) >= t { print pos + 0; exit } { pos += length($0) + 1 }', file, { t: stamp30 }).trim()));
  assert.equal(engine('goto-time', 'start', file).json.offset, 0);
  const size = fs.statSync(file).size;
  const bytes = fs.readFileSync(file);
  assert.equal(engine('goto-time', 'end', file).json.offset, bytes.lastIndexOf(0x0a, size - 2) + 1);
  const after = engine('goto-time', '2030-01-01T00:00:00Z', file);
  assert.deepEqual([after.json.offset, after.json.after], [null, true]);
});

test('count --from --to counts the matches in that time range, as awk does', async (t) => {
  if (!haveAwk()) return t.skip('awk is not installed');
  const file = await generatedLog();
  const r = engine('count', '--from', '2026-03-01 00:20', '--to', '2026-03-01 00:50', 'timeout', file);
  assert.equal(r.status, 0, r.stderr);
  const expected = Number(awk('{ s = substr($0, 1, 24) } s >= a && s < b { n += gsub(/timeout/, "") } END { print n + 0 }', file, { a: '2026-03-01T00:20:00.000Z', b: '2026-03-01T00:50:00.000Z' }).trim());
  assert.equal(r.json.count, expected);
  assert.ok(expected > 0);
  const all = engine('count', 'timeout', file);
  assert.ok(all.json.count > r.json.count);
});

test('bad input: a time nobody reads is EBADTIME, a file without timestamps ENOTIMESTAMPS, bad arguments exit 2', async () => {
  const file = await generatedLog();
  const bad = engine('goto-time', 'soonish', file);
  assert.deepEqual([bad.status, bad.json.error], [1, 'EBADTIME']);
  const plain = path.join(dir, 'plain.txt');
  fs.writeFileSync(plain, 'no times here\njust words\n');
  const none = engine('histogram', plain);
  assert.deepEqual([none.status, none.json.error], [1, 'ENOTIMESTAMPS']);
  assert.equal(engine('histogram', '--bucket', 'x', file).status, 2);
  assert.equal(engine('goto-time', file).status, 2);
  assert.equal(engine('count', '--from', '12:00', 'x', file).status, 2);
  const format = engine('histogram', '--time-format', '%Y-%Q', file);
  assert.deepEqual([format.status, format.json.error], [1, 'EINVAL']);
});

test('histogram --edits: over the document after unsaved edits, as awk over it written out', async (t) => {
  if (!haveAwk()) return t.skip('awk is not installed');
  const file = await generatedLog();
  const bytes = fs.readFileSync(file);
  // Delete everything between two line starts in the first hour (whole lines, so the stamps stay intact).
  const from = bytes.indexOf('\n2026-03-01T00:10', 0, 'latin1') + 1;
  const to = bytes.indexOf('\n2026-03-01T00:25', 0, 'latin1') + 1;
  const edits = path.join(dir, 'edits.json');
  fs.writeFileSync(edits, JSON.stringify([{ op: 'delete', offset: from, length: to - from }, { op: 'insert', offset: 0, text: 'banner line\n' }]));
  const out = path.join(dir, 'edited.log');
  assert.equal(engine('materialize', '--edits', edits, file, out).status, 0);
  const r = engine('histogram', '--edits', edits, '--bucket', '60', file);
  assert.equal(r.status, 0, r.stderr);
  const ours = new Map<string, number>();
  for (const b of r.json.buckets as { start: string; count: number }[]) if (b.count > 0) ours.set(b.start.slice(0, 16), b.count);
  assert.deepEqual(ours, awkCounts(out, 16).counts);
  assert.equal(r.json.untimed, 1, 'the inserted banner line comes before the first stamp');
  assert.ok(!ours.has('2026-03-01T00:15'), 'the deleted minutes are gone');
});
