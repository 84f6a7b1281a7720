// The line filter against ripgrep: line counts (rg -c), line lists (rg -n) and pipelines of rg
// and rg -v for every expression form, on a generated log (with tiny segments on three threads,
// so lines cross segment and block seams, and cut short of its final newline) and on a real UTF-8
// corpus (Debian's translated manual pages: Unicode case folding, whole word and \w as rg has
// them); the export byte for byte against `rg EXPR FILE > out`, with and without context; and
// the command-line door.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type FilterProgram, openMappedFile } from '../../../extension/engine';
import { compileFilterText } from '../../../extension/filter/filterProgram';
import { repoRoot, tempDir } from './support';

const dir = tempDir();
const cli = path.join(repoRoot, 'out', 'tools', 'engine-cli.js');
const haveRg = spawnSync('rg', ['--version'], { stdio: 'ignore' }).status === 0;

function rg(shell: string): Buffer {
  const r = spawnSync('sh', ['-c', shell], { maxBuffer: 1 << 30 });
  return r.stdout;
}

/** 1-based line numbers from `rg -n` output. */
function numbers(out: Buffer): number[] {
  const text = out.toString('latin1');
  return text.length === 0 ? [] : text.trimEnd().split('\n').map((l) => Number(l.slice(0, l.indexOf(':'))));
}

function program(text: string, options: { matchCase?: boolean; wholeWord?: boolean; encoding?: string } = {}): FilterProgram {
  const r = compileFilterText(text, { matchCase: options.matchCase ?? true, wholeWord: options.wholeWord ?? false }, options.encoding ?? 'utf-8');
  assert.ok(r.ok, text);
  return r.filter.program;
}

async function lines(file: string, p: FilterProgram, tuning = {}): Promise<number[]> {
  const f = openMappedFile(file, 'read');
  try {
    const filter = f.filter(p, tuning);
    const done = await filter.done;
    const out = [...filter.lineNumbers(0, done.count)].map((n) => n + 1);
    filter.release();
    return out;
  } finally {
    f.close();
  }
}

let log: string | undefined;
async function generatedLog(): Promise<string> {
  if (log) return log;
  const { generate } = await import(path.join(repoRoot, 'scripts', 'generate.mjs'));
  const file = path.join(dir, 'gen.log');
  // An odd size: the last line is cut short of its newline.
  generate('log', 12 * 1024 * 1024 + 17, file, 7);
  log = file;
  return file;
}

/** [our expression, options, the rg pipeline printing the same lines with -n on the first rg]. */
const LOG_CASES: [string, { matchCase?: boolean; wholeWord?: boolean }, string][] = [
  ['ERROR', {}, 'rg -n ERROR F'],
  ['alice', { matchCase: false }, 'rg -n -i alice F'],
  ['user', { wholeWord: true }, 'rg -n -w user F'],
  ['"connection reset"', {}, "rg -n -F 'connection reset' F"],
  ['/pid=6553[0-9]/', {}, "rg -n 'pid=6553[0-9]' F"],
  ['/^2026-03-01T00:0\\d/', {}, "rg -n '^2026-03-01T00:0\\d' F"],
  ['/(retry|reset)$/', {}, "rg -n '(retry|reset)$' F"],
  ['ERROR and not timeout', {}, 'rg -n ERROR F | rg -v timeout'],
  ['ERROR and not /timeout|retry/', {}, "rg -n ERROR F | rg -v 'timeout|retry'"],
  ['ERROR or WARN', {}, 'rg -n -e ERROR -e WARN F'],
  ['not timeout', {}, 'rg -n -v timeout F'],
  ['not (GET or POST)', {}, 'rg -n -v -e GET -e POST F'],
  ['(ERROR or WARN) and /worker-1[0-5]\\]/', {}, "rg -n -e ERROR -e WARN F | rg 'worker-1[0-5]\\]'"],
  ['DEBUG and (timeout or retry) and not /E\\d+/', {}, "rg -n DEBUG F | rg -e timeout -e retry | rg -v 'E\\d+'"],
  ['not xyzzy', {}, 'rg -n -v xyzzy F'],
  ['/x*/', {}, "rg -n 'x*' F"],
];

test('line counts and lists agree with rg -n and rg | rg -v pipelines on a generated log, at seams', { skip: !haveRg && 'ripgrep is not installed' }, async () => {
  const file = await generatedLog();
  for (const [text, options, shell] of LOG_CASES) {
    const expected = numbers(rg(shell.replace(/ F/, ` '${file}'`)));
    assert.ok(expected.length > 0, `the log has lines for ${text}`);
    assert.deepEqual(await lines(file, program(text, options)), expected, text);
    // Segments of 64 KiB on three threads, and odd windows: lines across every seam.
    assert.deepEqual(await lines(file, program(text, options), { threads: 3, segment: 64 * 1024, window: 1000 }), expected, `${text} at seams`);
  }
  // rg -c counts the same.
  const count = Number(rg(`rg -c ERROR '${file}'`).toString().trim());
  assert.equal((await lines(file, program('ERROR'))).length, count);
});

test('the UTF-8 corpus: Unicode case folding, whole word and \\w agree with rg', { skip: !haveRg && 'ripgrep is not installed' }, async (t) => {
  let corpus: string;
  try {
    const { utf8Corpus } = await import(path.join(repoRoot, 'scripts', 'lib', 'utf8Corpus.mjs'));
    corpus = utf8Corpus(path.join(repoRoot, '.cache', 'utf8-corpus.txt'));
  } catch (e) {
    t.skip((e as Error).message);
    return;
  }
  const cases: [string, { matchCase?: boolean; wholeWord?: boolean }, string][] = [
    ['système', { matchCase: false }, "rg -n -i 'système' F"],
    ['это', { matchCase: false, wholeWord: true }, "rg -n -i -w 'это' F"],
    ['Datei and not "»"', {}, "rg -n Datei F | rg -v -F '»'"],
    ['/\\w{12,}/ and ΣΑΣ', { matchCase: false }, "rg -n -P '\\w{12,}' F | rg -i 'ΣΑΣ'"],
    ['status or ſtatus', { matchCase: false }, "rg -n -i -e status -e 'ſtatus' F"],
    ['not /[a-z]/', {}, "rg -n -v '[a-z]' F"],
  ];
  for (const [text, options, shell] of cases) {
    const expected = numbers(rg(shell.replace(/ F/, ` '${corpus}'`)));
    assert.ok(expected.length > 0, `the corpus has lines for ${text}`);
    assert.deepEqual(await lines(corpus, program(text, options)), expected, text);
  }
});

test('the export is rg EXPR FILE > out byte for byte, with and without context', { skip: !haveRg && 'ripgrep is not installed' }, async () => {
  const file = await generatedLog();
  const f = openMappedFile(file, 'read');
  try {
    const cases: [string, number, number, string][] = [
      ['ERROR', 0, 0, 'rg ERROR F'],
      ['not timeout', 0, 0, 'rg -v timeout F'],
      ['/stack depth 8$/', 2, 1, "rg -B 2 -A 1 'stack depth 8$' F"],
      ['/pid=6553[0-9]/', 3, 3, "rg -C 3 'pid=6553[0-9]' F"],
    ];
    for (const [text, before, after, shell] of cases) {
      const filter = f.filter(program(text));
      await filter.done;
      const expected = rg(shell.replace(/ F/, ` '${file}'`));
      // The default cut (two stretches of this 12 MiB log), one worker, and 64 KiB stretches on
      // three workers: runs and groups of context split across stretches join as rg writes them.
      for (const cut of [{}, { threads: 1 }, { threads: 3, segment: 64 * 1024 }]) {
        const out = path.join(dir, 'export.txt');
        const r = await filter.exportLines(out, { before, after, ...cut }).done;
        const actual = fs.readFileSync(out);
        assert.ok(actual.equals(expected), `${text} -B${before} -A${after} ${JSON.stringify(cut)}: ${actual.length} bytes, rg ${expected.length}`);
        assert.equal(r.bytes, expected.length);
        assert.equal(r.lines, expected.toString('latin1').split('\n').filter((l) => l !== '--').length - 1);
      }
      filter.release();
    }
    // The file's last line has no newline: the export adds one, as rg does.
    const last = f.filter(program('not xyzzy'));
    await last.done;
    const out = path.join(dir, 'all.txt');
    const original = fs.readFileSync(file);
    for (const cut of [{}, { threads: 2, segment: 64 * 1024 }]) {
      await last.exportLines(out, cut).done;
      assert.ok(fs.readFileSync(out).equals(Buffer.concat([original, Buffer.from('\n')])), `every line, each with its newline ${JSON.stringify(cut)}`);
    }
    // A time range's rows (lines [first, end)) cut across stretches: exactly those lines.
    const lines = original.toString('latin1').split('\n');
    await last.exportLines(out, { firstLine: 1000, endLine: 90_000, threads: 2, segment: 64 * 1024 }).done;
    assert.equal(fs.readFileSync(out, 'latin1'), lines.slice(1000, 90_000).join('\n') + '\n', 'lines 1,000 to 90,000');
    last.release();
  } finally {
    f.close();
  }
});

test('the command line: filter prints {"lines": N} and --list, refine and export, and bad expressions say where', { skip: !haveRg && 'ripgrep is not installed' }, async () => {
  const file = await generatedLog();
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
    return { status: r.status, json: r.stdout.trim() ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
  };
  const plain = run('filter', 'ERROR and not timeout', file);
  assert.equal(plain.status, 0, plain.stderr);
  assert.equal(plain.json.lines, numbers(rg(`rg -n ERROR '${file}' | rg -v timeout`)).length);
  const caseless = run('filter', '--ignore-case', '--word', '--list', 'ALICE', file);
  assert.deepEqual(caseless.json.list, numbers(rg(`rg -n -i -w alice '${file}'`)));
  const refined = run('filter', '--refine', 'worker-3]', '--refine', 'not GET', 'ERROR', file);
  assert.equal(refined.json.lines, numbers(rg(`rg -n ERROR '${file}' | rg -F 'worker-3]' | rg -v GET`)).length);
  assert.equal(refined.json.chain.length, 3);
  const out = path.join(dir, 'cli-export.txt');
  const exported = run('export', '-C', '1', '"stack depth 8"', file, out);
  assert.equal(exported.status, 0, exported.stderr);
  assert.ok(fs.readFileSync(out).equals(rg(`rg -C 1 'stack depth 8' '${file}'`)));
  const bad = run('filter', 'ERROR timeout', file);
  assert.equal(bad.status, 1);
  assert.equal(bad.json.error, 'EBADFILTER');
  assert.match(bad.json.message, /between “ERROR” and “timeout”/);
  assert.equal(run('filter', 'ERROR').status, 2, 'usage');
});
