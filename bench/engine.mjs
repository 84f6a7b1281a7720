// Engine benchmark: the native engine against ripgrep, grep and wc on a 2 GB generated log, and
// against rg on 510 MB of real UTF-8 text (14 copies of Debian's translated manual pages, see
// scripts/lib/utf8Corpus.mjs): caseless and whole-word literals by Unicode rules, a \w regex.
//   npm run bench [-- --runs 5 --size 2G --json results/engine.json]
//   node bench/engine.mjs --part utf8     only the UTF-8 rows, into results/engine-utf8.json
//                                         (--part log: only the log's)
// Every measurement is the median of --runs runs (5 by default), the contenders taking turns run
// by run, so ratios compare like with like on a noisy machine. The file is generated
// deterministically into .cache/ (kept between runs) and read once to warm the page cache.
//
// "engine" is timed in-process (open + search + close through the addon, as the extension host
// does); "engine CLI" is the wall time of `node out/tools/engine-cli.js`, node start-up included,
// which is what competes with a freshly started rg process.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, parseSize } from '../scripts/generate.mjs';
import { missingCorpusPackages, utf8Corpus } from '../scripts/lib/utf8Corpus.mjs';
import { option } from './lib/options.mjs';
import { repeatFile } from './lib/repeatedFile.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Math.max(1, Number(option('runs', 5)));
const size = parseSize(option('size', '2000000000'));
const part = option('part', 'all');
const jsonOut = path.resolve(root, option('json', path.join('results', part === 'all' ? 'engine.json' : `engine-${part}.json`)));
if (!['all', 'log', 'utf8'].includes(part)) {
  console.error(`--part takes all, log or utf8, not ${part}`);
  process.exit(2);
}
const addonPath = process.env.LFE_ADDON_PATH ?? path.join(root, 'dist', 'lfe.node');
const cli = path.join(root, 'out', 'tools', 'engine-cli.js');

for (const [what, file] of [
  ['the addon (node scripts/build-native.mjs)', addonPath],
  ['the engine CLI (node esbuild.mjs)', cli],
]) {
  if (!existsSync(file)) {
    console.error(`Missing ${what}: ${file}`);
    process.exit(1);
  }
}
const addon = createRequire(import.meta.url)(addonPath);

function have(cmd) {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timeProcess(cmd, argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && !(cmd === 'grep' && r.status === 1)) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.stderr}`);
  return { seconds, out: r.stdout.trim() };
}

function engineSearch(file, query) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const f = new addon.MappedFile(file, 'read');
    f.search(query, { collect: false }, (type, payload) => {
      if (type === 'done') {
        f.close();
        resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, out: String(payload.count) });
      } else if (type === 'error') {
        f.close();
        reject(payload);
      }
    });
  });
}

function engineLines(file) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const f = new addon.MappedFile(file, 'read');
    f.indexLines({}, (type, payload) => {
      if (type === 'done') {
        f.close();
        resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, out: String(payload.newlines) });
      } else if (type === 'error') {
        f.close();
        reject(payload);
      }
    });
  });
}

// Runs the contenders in turns (a, b, c, a, b, c, …) so that load from elsewhere on the machine
// hits them alike; returns each one's median.
async function measureInTurns(contenders) {
  const samples = contenders.map(() => []);
  const outs = contenders.map(() => undefined);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < contenders.length; k++) {
      if (!contenders[k]) continue;
      const r = await contenders[k]();
      samples[k].push(r.seconds);
      outs[k] = r.out;
    }
  }
  return contenders.map((c, k) => (c ? { median: median(samples[k]), samples: samples[k], out: outs[k] } : undefined));
}

async function warm(file) {
  await new Promise((resolve, reject) => createReadStream(file, { highWaterMark: 1 << 24 }).on('data', () => {}).on('end', resolve).on('error', reject));
}

const withLog = part === 'all' || part === 'log';
const withUtf8 = part === 'all' || part === 'utf8';
const file = path.join(root, '.cache', `bench-log-${size}.log`);
mkdirSync(path.dirname(file), { recursive: true });
if (withLog) {
  console.log(`Generating (or reusing) ${path.relative(root, file)} (${(size / 1e9).toFixed(2)} GB)…`);
  generate('log', size, file, 1);
  await warm(file);
}
// 14 copies of the corpus: 510 MB of German, French, Russian, Greek and Japanese text.
let utf8File;
if (withUtf8) {
  const missing = missingCorpusPackages();
  if (missing.length > 0) {
    console.log(`Skipping the UTF-8 rows: the corpus needs the Debian packages ${missing.join(' ')} (npm test installs them as root).`);
  } else {
    const corpus = utf8Corpus(path.join(root, '.cache', 'utf8-corpus.txt'));
    utf8File = repeatFile(corpus, 14, path.join(root, '.cache', 'bench-utf8-corpus-x14.txt'));
    await warm(utf8File);
  }
}

const rg = have('rg');
const grep = have('grep');
const wc = have('wc');
const logCases = [
  { name: 'find-all literal', query: { kind: 'literal', pattern: 'timeout' }, cli: ['timeout'], rg: ['-F', 'timeout'], grep: ['-F', 'timeout'], target: 1.5 },
  { name: 'find-all caseless literal', query: { kind: 'literal', pattern: 'alice', ignoreCase: true }, cli: ['--ignore-case', 'alice'], rg: ['-F', '-i', 'alice'], grep: ['-F', '-i', 'alice'], target: 1.5 },
  { name: 'regex pid=6553[0-9]', query: { kind: 'regex', pattern: 'pid=6553[0-9]' }, cli: ['--regex', 'pid=6553[0-9]'], rg: ['pid=6553[0-9]'], grep: ['pid=6553[0-9]'], target: 1.0 },
  { name: 'regex [A-Z][a-z]+ [A-Z][a-z]+ [a-z]+', query: { kind: 'regex', pattern: '[A-Z][a-z]+ [A-Z][a-z]+ [a-z]+' }, cli: ['--regex', '[A-Z][a-z]+ [A-Z][a-z]+ [a-z]+'], rg: ['[A-Z][a-z]+ [A-Z][a-z]+ [a-z]+'], grep: ['-E', '[A-Z][a-z]+ [A-Z][a-z]+ [a-z]+'], target: 1.0 },
].map((c) => ({ ...c, file }));
// Unicode as rg has it: simple case folding (`status` also matches ſtatus), whole word by Unicode
// word characters (»Datei«), \w by Unicode properties (rg -P: PCRE2 with UTF and UCP, as ours).
const utf8 = (name, query, cli, rgArgs, target) => ({ name: `UTF-8 ${name}`, query: { ...query, encoding: 'utf-8' }, cli: ['--utf8', ...cli], rg: rgArgs, target, file: utf8File });
const utf8Cases = utf8File
  ? [
      utf8('caseless literal système', { pattern: 'système', ignoreCase: true }, ['--ignore-case', 'système'], ['-F', '-i', 'système'], 1.5),
      utf8('caseless literal status (s, ſ)', { pattern: 'status', ignoreCase: true }, ['--ignore-case', 'status'], ['-F', '-i', 'status'], 1.5),
      utf8('whole word Datei', { pattern: 'Datei', wholeWord: true }, ['--word', 'Datei'], ['-F', '-w', 'Datei'], 1.5),
      utf8('whole word caseless это', { pattern: 'это', wholeWord: true, ignoreCase: true }, ['--word', '--ignore-case', 'это'], ['-F', '-w', '-i', 'это'], 1.5),
      utf8('regex \\w{12,} (no literal)', { kind: 'regex', pattern: '\\w{12,}' }, ['--regex', '\\w{12,}'], ['-P', '\\w{12,}'], 1.0),
    ]
  : [];
const cases = [...(withLog ? logCases : []), ...utf8Cases];

const rows = [];
for (const c of cases) {
  process.stdout.write(`  ${c.name}…`);
  const [engine, engineCli, rgResult, grepResult] = await measureInTurns([
    () => engineSearch(c.file, c.query),
    () => {
      const r = timeProcess(process.execPath, [cli, 'count', ...c.cli, c.file]);
      return { seconds: r.seconds, out: String(JSON.parse(r.out).count) };
    },
    rg ? () => timeProcess('rg', ['--count-matches', '--mmap', '--no-config', ...c.rg, c.file]) : undefined,
    grep && c.grep ? () => timeProcess('grep', ['-c', ...c.grep, c.file]) : undefined,
  ]);
  const peerName = c.rg.includes('-P') ? 'rg -P' : 'rg';
  rows.push({ name: c.name, target: c.target, bytes: statSync(c.file).size, engine, engineCli, peer: rgResult, peerName, grep: grepResult });
  process.stdout.write(' done\n');
}
if (withLog) {
  process.stdout.write('  line index…');
  const [engine, engineCli, wcResult] = await measureInTurns([
    () => engineLines(file),
    () => {
      const r = timeProcess(process.execPath, [cli, 'lines', file]);
      return { seconds: r.seconds, out: String(JSON.parse(r.out).lines) };
    },
    wc
      ? () => {
          const r = timeProcess('wc', ['-l', file]);
          return { seconds: r.seconds, out: r.out.split(/\s+/)[0] };
        }
      : undefined,
  ]);
  rows.push({ name: 'line index (newlines)', target: 0.8, bytes: size, engine, engineCli, peer: wcResult, peerName: 'wc -l' });
  process.stdout.write(' done\n');
}
// Open + first 64 KiB: many runs (the log is in the page cache), and on a sparse 64 GiB file to
// show the cost does not grow with the size.
function openFirstPage(target) {
  const samples = [];
  for (let i = 0; i < Math.max(runs, 50); i++) {
    const t0 = process.hrtime.bigint();
    const f = new addon.MappedFile(target, 'read');
    f.read(0, 65536);
    f.close();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}
const openMs = withLog ? openFirstPage(file) : undefined;
const sparse = withLog ? generate('sparse', 64 * 1024 ** 3, path.join(root, '.cache', 'bench-sparse-64GiB.bin')) : undefined;
const openSparseMs = sparse ? openFirstPage(sparse) : undefined;

const fmt = (s) => (s === undefined ? '—' : `${s.toFixed(3)} s`);
const gbps = (bytes, s) => `${(bytes / s / 1e9).toFixed(2)} GB/s`;
const files = [withLog && `${(size / 1e9).toFixed(2)} GB log`, utf8File && `${(statSync(utf8File).size / 1e6).toFixed(0)} MB UTF-8 text`].filter(Boolean);
console.log(`\nEngine benchmark — ${files.join(', ')}, median of ${runs} runs, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'})\n`);
const header = ['operation', 'engine', 'engine CLI', 'peer', 'peer time', 'grep -c', 'engine vs peer', 'target', 'met', 'counts (engine / peer)'];
const table = rows.map((r) => {
  const ratio = r.peer ? r.peer.median / r.engine.median : undefined;
  const met = ratio === undefined ? '?' : ratio >= r.target ? 'yes' : 'NO';
  return [
    r.name,
    `${fmt(r.engine.median)} (${gbps(r.bytes, r.engine.median)})`,
    fmt(r.engineCli.median),
    r.peerName + (r.peerName.startsWith('rg') ? ' --count-matches --mmap' : ''),
    fmt(r.peer?.median),
    fmt(r.grep?.median),
    ratio === undefined ? '—' : `${ratio.toFixed(2)}×`,
    r.peerName === 'wc -l' ? `≥ ${r.target}× (throughput)` : `≥ ${r.target}×`,
    met,
    `${r.engine.out} / ${r.peer?.out ?? '—'}`,
  ];
});
if (openMs !== undefined) {
  table.push(['open + first 64 KiB read', `${openMs.toFixed(3)} ms`, '—', '—', '—', '—', '—', '< 5 ms', openMs < 5 ? 'yes' : 'NO', '—']);
  table.push(['  … on a sparse 64 GiB file', `${openSparseMs.toFixed(3)} ms`, '—', '—', '—', '—', '—', '< 5 ms', openSparseMs < 5 ? 'yes' : 'NO', '—']);
}
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table) console.log(line(row));
console.log('\n"engine vs peer" = peer time / engine time (>1: the engine is faster). grep -c counts lines, not matches: shown for time only.');

mkdirSync(path.dirname(jsonOut), { recursive: true });
writeFileSync(
  jsonOut,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      bytes: size,
      runs,
      cores: os.cpus().length,
      rows: rows.map((r) => ({
        name: r.name,
        bytes: r.bytes,
        engineSeconds: r.engine.median,
        engineCliSeconds: r.engineCli.median,
        peer: r.peerName,
        peerSeconds: r.peer?.median,
        grepSeconds: r.grep?.median,
        ratio: r.peer ? r.peer.median / r.engine.median : undefined,
        target: r.target,
        engineCount: r.engine.out,
        peerCount: r.peer?.out,
        samples: { engine: r.engine.samples, engineCli: r.engineCli.samples, peer: r.peer?.samples, grep: r.grep?.samples },
      })),
      openFirstPageMs: openMs,
      openFirstPageSparse64GiBMs: openSparseMs,
    },
    null,
    2,
  ) + '\n',
);
console.log(`\nWrote ${path.relative(root, jsonOut)}`);
