// Unicode as ripgrep does it: whole word by Unicode word characters, simple case folding for
// caseless literals and Unicode \w \d \s \b for regexes in UTF-8 text; and what whole word and case
// folding mean in Latin-1, windows-1252 and UTF-16 (README: "Whole word and case per encoding").
// Counts against rg on a real corpus (Debian's translated manual pages), and matches against JS
// RegExp /giu (simple case folding, \p{...} classes) on generated text, with tiny windows and
// segments so matches straddle window and thread boundaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextEncodingName, engineStatus } from '../../../extension/engine';
import { encodeText } from '../../../extension/search/findQuery';
import { Match, findAllScattered, openTemp, repoRoot, rng, tempDir } from './support';

const dir = tempDir();
const open = (data: Uint8Array) => openTemp(dir, data);
const engineMatches = findAllScattered;
const cli = path.join(repoRoot, 'out', 'tools', 'engine-cli.js');
const pcre2 = (() => {
  const s = engineStatus();
  return s.loaded && s.nativeRegex;
})();

/** Word characters as ripgrep's -w and UTS #18 have them. */
const WORD = '[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]';

/** JS RegExp /giu over `text` (simple case folding, as rg -i): [string index, string length] pairs. */
function oracle(text: string, literal: string, ignoreCase: boolean, wholeWord: boolean): [number, number][] {
  const quoted = [...literal].map((c) => (/[\\^$.|?*+()[\]{}]/.test(c) ? `\\${c}` : c)).join('');
  const body = wholeWord ? `(?<!${WORD})(?:${quoted})(?!${WORD})` : quoted;
  const re = new RegExp(body, ignoreCase ? 'giu' : 'gu');
  return [...text.matchAll(re)].map((m) => [m.index, m[0].length]);
}

function pick<T>(random: () => number, xs: readonly T[]): T {
  return xs[Math.floor(random() * xs.length)];
}

/** A pattern: usually characters of the text (in another case, where it has one), sometimes random. */
function randomPattern(random: () => number, chars: string[], alphabet: readonly string[]): string {
  const n = 1 + Math.floor(random() * 4);
  const at = Math.floor(random() * Math.max(1, chars.length - n + 1));
  const taken = chars.length >= n && random() < 0.75 ? chars.slice(at, at + n) : Array.from({ length: n }, () => pick(random, alphabet));
  return taken.map((c) => (random() < 0.3 ? c.toUpperCase() : random() < 0.3 ? c.toLowerCase() : c)).map((c) => ([...c].length === 1 ? c : c[0])).join('');
}

test('UTF-8: caseless and whole-word literals agree with JS RegExp /giu (simple case folding, Unicode word characters)', async () => {
  const random = rng(4242);
  const alphabet = [
    'a', 'b', 'i', 'n', 't', 'k', 'K', '\u212a', 's', 'S', 'ſ', 'σ', 'ς', 'Σ', 'é', 'É', 'e\u0301', 'в', 'В', '\u1c80', 'т', 'Т', '\u1c84',
    'ß', 'ẞ', 'θ', 'ϑ', 'ϴ', 'ι', '\u0345', '\u1fbe', 'ı', 'İ', 'Å', '\u212b', 'å', '“', '”', '»', '«', '€', '²', '1', '٣', '中', '_', ' ',
    '\n', '\u00a0', '😀', '𐐀', '𐐨',
  ];
  for (let round = 0; round < 400; round++) {
    const chars = Array.from({ length: Math.floor(random() * (round % 10 === 0 ? 1500 : 80)) }, () => pick(random, alphabet));
    const text = chars.join('');
    const pattern = randomPattern(random, [...text], alphabet);
    const ignoreCase = random() < 0.7;
    const wholeWord = random() < 0.4;
    const expected = oracle(text, pattern, ignoreCase, wholeWord).map(([i, n]): Match => {
      const at = Buffer.byteLength(text.slice(0, i));
      return [at, Buffer.byteLength(text.slice(i, i + n))];
    });
    const f = open(Buffer.from(text, 'utf8'));
    const actual = await engineMatches(f, { pattern, ignoreCase, wholeWord, encoding: 'utf-8' }, random);
    f.close();
    assert.deepEqual(actual, expected, `round ${round}: ${JSON.stringify({ text, pattern, ignoreCase, wholeWord })}`);
  }
});

test('UTF-8 caseless: rare longer variants (ſ, U+212A) among megabytes of ASCII are found, and the ASCII ones around them', async () => {
  const random = rng(7);
  const lines: string[] = [];
  for (let i = 0; i < 30000; i++) {
    const r = random();
    lines.push(`${i} status=${r < 0.001 ? 'ſtatus' : r < 0.002 ? '\u212aernel' : r < 0.5 ? 'Status' : 'ok'} kernel:${r < 0.3 ? 'KERNEL' : 'x'} “é”\n`);
  }
  const text = lines.join('');
  const f = open(Buffer.from(text, 'utf8'));
  for (const pattern of ['status', 'kernel', 'STATUS=ſ', 'el:k']) {
    for (const wholeWord of [false, true]) {
      const expected = oracle(text, pattern, true, wholeWord).length;
      const r = await f.findAll({ pattern, ignoreCase: true, wholeWord, encoding: 'utf-8' }, { window: 4096, threads: 2, segment: 100000 }).done;
      assert.equal(r.count, expected, `${pattern} (whole word: ${wholeWord})`);
    }
  }
  f.close();
});

test('UTF-8 whole word: typographic quotes and other punctuation are boundaries, letters of any script and marks are not', async () => {
  const cases: [string, string, boolean, number][] = [
    ['“int” «int» »int« „int“ ‘int’ 「int」 (int) int… int€ int²', 'int', false, 10],
    ['éint intö 中int int中 int\u0301 _int int_ 1int', 'int', false, 0],
    ['Straße STRASSE straße', 'straße', true, 2], // simple folding: ß is not ss
    ['ΣΊΣΥΦΟΣ σίσυφος σίσυφοσ', 'σίσυφος', true, 3],
    ['KELVIN \u212aelvin kelvin Kelvin', 'kelvin', true, 4],
    ['ſtatus STATUS status', 'status', true, 3],
    ['ПРИВЕТ привет Привет', 'привет', true, 3],
    ['ıi İi Ii', 'ii', true, 1], // dotless ı and dotted İ fold only under full or Turkish rules
  ];
  for (const [text, pattern, ignoreCase, count] of cases) {
    const f = open(Buffer.from(text, 'utf8'));
    for (const window of [3, 4096]) {
      const r = await f.findAll({ pattern, ignoreCase, wholeWord: true, encoding: 'utf-8' }, { window, threads: 1 }).done;
      assert.equal(r.count, count, `${pattern} in ${text} (window ${window})`);
    }
    f.close();
  }
});

test('UTF-8 whole word: a byte that is not part of a valid sequence is not a word character', async () => {
  const data = Buffer.concat([
    Buffer.from([0xff]), Buffer.from('int'), Buffer.from([0xff]), Buffer.from(' '), // \xffint\xff: a word
    Buffer.from([0xc3]), Buffer.from('int '), // a lead byte without its continuation
    Buffer.from('int'), Buffer.from([0xe2, 0x80]), Buffer.from(' '), // a cut-short sequence after
    Buffer.from([0xa9]), Buffer.from('int '), // a stray continuation byte
    Buffer.from('é'), Buffer.from('int'), // a real letter: not a word
  ]);
  const f = open(data);
  for (const query of [
    { pattern: 'int', wholeWord: true, encoding: 'utf-8' as const },
    { pattern: 'INT', ignoreCase: true, wholeWord: true, encoding: 'utf-8' as const },
    { kind: 'regex' as const, pattern: 'i[n]t', wholeWord: true, utf8: true },
  ]) {
    if (query.kind === 'regex' && !pcre2) continue;
    const r = await f.findAll(query, { window: 2, threads: 1 }).done;
    assert.deepEqual(r.matches!.map((m) => m.offset), [1, 7, 11, 18], JSON.stringify(query));
  }
  f.close();
  // A pattern's own invalid bytes match themselves; its letters still fold.
  const g = open(Buffer.from([0xff, 0x61, 0x20, 0xff, 0x41, 0x20, 0xfe, 0x41, 0xff, 0xc5, 0xbf]));
  const r = await g.findAll({ pattern: Uint8Array.of(0xff, 0x61), ignoreCase: true, encoding: 'utf-8' }).done;
  assert.deepEqual(r.matches!.map((m) => m.offset), [0, 3]);
  const longS = await g.findAll({ pattern: Uint8Array.of(0xff, 0x53), ignoreCase: true, encoding: 'utf-8' }).done;
  assert.deepEqual(longS.matches, [{ offset: 8, length: 3 }], 'ſ after an invalid byte');
  g.close();
});

// Each single-byte encoding: its characters, and how to turn text into its bytes.
const SINGLE_BYTE: { encoding: TextEncodingName; alphabet: string[]; encode: (s: string) => Buffer }[] = [
  {
    encoding: 'latin1',
    alphabet: ['a', 'A', 'k', 's', 'S', 'é', 'É', 'ß', 'ÿ', 'µ', 'ª', '«', '»', '×', '÷', '\u00a0', '²', ' ', '_', 'x', 'Þ', 'þ'],
    encode: (s) => Buffer.from(s, 'latin1'),
  },
  {
    encoding: 'windows-1252',
    alphabet: ['a', 'A', 'k', 's', 'é', 'É', 'ÿ', 'Ÿ', 'š', 'Š', 'œ', 'Œ', 'ž', 'Ž', '“', '”', '€', '–', '«', 'ƒ', ' ', '_', 'x'],
    encode: (s) => Buffer.from(encodeText(s, 'windows-1252')),
  },
];

test('Latin-1 and windows-1252: whole word and case folding by the characters the bytes stand for', async () => {
  const random = rng(1252);
  for (let round = 0; round < 300; round++) {
    const { encoding, alphabet, encode } = SINGLE_BYTE[round % SINGLE_BYTE.length];
    const text = Array.from({ length: Math.floor(random() * (round % 10 === 0 ? 1500 : 80)) }, () => pick(random, alphabet)).join('');
    const pattern = randomPattern(random, [...text], alphabet);
    if ([...pattern].some((c) => !alphabet.includes(c))) continue; // an upper case the encoding lacks (ÿ → Ÿ in Latin-1)
    const ignoreCase = random() < 0.7;
    const wholeWord = random() < 0.5;
    const expected = oracle(text, pattern, ignoreCase, wholeWord); // one byte per character
    const f = open(encode(text));
    const actual = await engineMatches(f, { pattern: encode(pattern), ignoreCase, wholeWord, encoding }, random);
    f.close();
    assert.deepEqual(actual, expected, `round ${round} (${encoding}): ${JSON.stringify({ text, pattern, ignoreCase, wholeWord })}`);
  }
});

test('UTF-16: whole word and case folding by code units and surrogate pairs', async () => {
  const random = rng(16);
  // No character here has a low byte equal to another's high byte, so no pattern can also match
  // straddling two characters (see README: the engine does not check UTF-16 alignment).
  const alphabet = ['a', 'b', 'k', 'K', '\u212a', 's', 'ſ', 'σ', 'ς', 'Σ', 'é', 'É', 'в', '\u1c80', '«', '»', ' ', '_', '😀', '𐐀', '𐐨', '中'];
  for (let round = 0; round < 300; round++) {
    const encoding: TextEncodingName = round % 2 ? 'utf-16le' : 'utf-16be';
    const text = Array.from({ length: Math.floor(random() * (round % 10 === 0 ? 1500 : 80)) }, () => pick(random, alphabet)).join('');
    const pattern = randomPattern(random, [...text], alphabet);
    const ignoreCase = random() < 0.7;
    const wholeWord = random() < 0.5;
    const expected = oracle(text, pattern, ignoreCase, wholeWord).map(([i, n]): Match => [2 * i, 2 * n]);
    const f = open(encodeText(text, encoding));
    const actual = await engineMatches(f, { pattern: encodeText(pattern, encoding), ignoreCase, wholeWord, encoding }, random);
    f.close();
    assert.deepEqual(actual, expected, `round ${round} (${encoding}): ${JSON.stringify({ text, pattern, ignoreCase, wholeWord })}`);
  }
});

test('Latin-1 regexes: whole word by Latin-1 letters; \\w and caseless stay ASCII (bytes)', { skip: !pcre2 && 'built without PCRE2' }, async () => {
  const f = open(Buffer.from('«café» cafée CAFÉ café', 'latin1'));
  const word = await f.findAll({ kind: 'regex', pattern: 'caf.', wholeWord: true, encoding: 'latin1' }).done;
  assert.deepEqual(word.matches!.map((m) => m.offset), [1, 18]);
  const caseless = await f.findAll({ kind: 'regex', pattern: Buffer.from('café', 'latin1'), ignoreCase: true, encoding: 'latin1' }).done;
  assert.deepEqual(caseless.matches!.map((m) => m.offset), [1, 7, 18], 'É is not é to a byte regex');
  f.close();
});

test('the committed Unicode tables are what the generator makes from this Node\'s Unicode data', (t) => {
  const table = path.join(repoRoot, 'native', 'src', 'search', 'unicode_tables.cc');
  const made = /from Unicode ([\d.]+)/.exec(fs.readFileSync(table, 'utf8'))?.[1];
  if (made !== process.versions.unicode) {
    t.skip(`the table is from Unicode ${made}, this Node has ${process.versions.unicode}`);
    return;
  }
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'gen-unicode-tables.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

// ---- a real corpus against rg ---------------------------------------------------------------

function have(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

test('counts agree with rg on a real UTF-8 corpus (translated manual pages): whole word, case folding, \\w \\b \\d \\s', async (t) => {
  if (!have('rg')) {
    t.skip('ripgrep is not installed (Debian: ripgrep; npm test installs it as root)');
    return;
  }
  const corpusModule = (await import(path.join(repoRoot, 'scripts', 'lib', 'utf8Corpus.mjs'))) as {
    missingCorpusPackages(): string[];
    utf8Corpus(out: string): string;
  };
  const missing = corpusModule.missingCorpusPackages();
  if (missing.length > 0) {
    t.skip(`the corpus packages are not installed: ${missing.join(' ')} (npm test installs them as root)`);
    return;
  }
  const file = corpusModule.utf8Corpus(path.join(repoRoot, '.cache', 'utf8-corpus.txt'));
  // [ours, rg's]; literals against rg's default engine (-F), regexes against rg -P (PCRE2 with UTF
  // and UCP, the engine's own dialect). Regexes stay within a line: rg matches line by line.
  const cases: [string[], string[]][] = [
    [['--word', 'int'], ['-F', '-w', 'int']], // »int«
    [['--word', 'Datei'], ['-F', '-w', 'Datei']], // „Datei“, »Datei«
    [['--word', '--ignore-case', 'datei'], ['-F', '-w', '-i', 'datei']],
    [['--word', 'le'], ['-F', '-w', 'le']],
    [['--word', 'это'], ['-F', '-w', 'это']],
    [['--word', '--ignore-case', 'ЭТО'], ['-F', '-w', '-i', 'ЭТО']],
    [['--word', 'ファイル'], ['-F', '-w', 'ファイル']], // 「ファイル」
    [['--word', '2'], ['-F', '-w', '2']], // 2⁶⁴: superscripts are not word characters
    [['--ignore-case', 'système'], ['-F', '-i', 'système']],
    [['--ignore-case', 'ÉCRAN'], ['-F', '-i', 'ÉCRAN']],
    [['--ignore-case', 'status'], ['-F', '-i', 'status']], // s: also ſ
    [['--ignore-case', 'kernel'], ['-F', '-i', 'kernel']], // k: also U+212A
    [['--ignore-case', 'σ'], ['-F', '-i', 'σ']], // σ ς Σ
    [['--ignore-case', 'ς'], ['-F', '-i', 'ς']],
    [['--ignore-case', 'файл'], ['-F', '-i', 'файл']],
    [['--ignore-case', 'то'], ['-F', '-i', 'то']], // т and о have 3-byte variants (U+1C84, U+1C82)
    [['--ignore-case', 'GRÖSSE'], ['-F', '-i', 'GRÖSSE']], // not Größe: simple folding keeps ß
    [['--ignore-case', 'ß'], ['-F', '-i', 'ß']],
    [['--regex', '\\w+'], ['-P', '\\w+']],
    [['--regex', '\\b\\w{3}\\b'], ['-P', '\\b\\w{3}\\b']],
    [['--regex', '\\bи\\b'], ['-P', '\\bи\\b']],
    [['--regex', '\\d+'], ['-P', '\\d+']],
    [['--regex', '[^\\S\\n]{2,}'], ['-P', '[^\\S\\n]{2,}']],
    [['--regex', '--ignore-case', '\\bσ\\w+'], ['-P', '-i', '\\bσ\\w+']],
    [['--regex', '\\w+ß\\w*'], ['-P', '\\w+ß\\w*']],
    [['--regex', '--word', '[Dd]ate[a-z]*'], ['-w', '[Dd]ate[a-z]*']],
    [['--regex', '--word', '--ignore-case', 'σ[α-ω]+'], ['-w', '-i', 'σ[α-ω]+']],
  ];
  const failures: string[] = [];
  for (const [ours, theirs] of cases) {
    if (ours.includes('--regex') && !pcre2) continue;
    const mine = spawnSync(process.execPath, [cli, 'count', '--utf8', ...ours, file], { encoding: 'utf8' });
    assert.equal(mine.status, 0, mine.stderr);
    const rg = spawnSync('rg', ['--count-matches', '--no-config', '--text', ...theirs, file], { encoding: 'utf8' });
    const expected = Number(rg.stdout.trim() || '0');
    assert.ok(expected > 0, `the corpus has matches for ${theirs.join(' ')}`);
    const count = JSON.parse(mine.stdout).count as number;
    if (count !== expected) failures.push(`${ours.join(' ')}: engine ${count}, rg ${theirs.join(' ')} ${expected}`);
  }
  assert.deepEqual(failures, []);
});
