// Time in logs on 10 GB, through the engine as the extension host runs it (in process):
//   - go to time on a monotonic 10 GB log (.cache/bench-log-monotonic-10000000000.log, made once
//     by scripts/generate.mjs: 23.5 days of lines, no wrap), at targets spread over its span:
//     warm (the file in the page cache) finding the runs itself, and with the runs it found
//     before (what the editor keeps); cold (each run after `dd iflag=nocache count=0` evicts the
//     file): open + detect + go to. Pages touched beside each.
//   - go to time on the 10 GB log made of five copies of the 2 GB one (five runs, found each time).
//   - the timeline (histogram per minute) of that 10 GB log, without and with the error-level
//     series, against awk counting lines per minute prefix, taking turns; the counts must agree.
//     The same on the 2 GB log, which stays in the page cache (10 GB may not, beside the rest).
//   - memory: this process's private memory (Private_Clean + Private_Dirty: the mapped file's
//     pages it holds, and its heap) above the baseline, sampled every 20 ms during the timeline.
//   npm run bench -- time [--runs 5] [--peer-runs 2]      (node out/bench/time.js)   results/time.json
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineTime, MappedFile, openMappedFile, TimeFormatDescriptor, TimeRun, timeOf } from '../extension/engine';
import { ERROR_LEVEL_QUERIES } from '../extension/time/errorLevel';
import { isoTime } from '../extension/time/timeText';
import { benchmarkLog, median, option, root, useBuiltAddon } from './support';

const runs = Math.max(1, Number(option('runs', '5')));
const peerRuns = Math.max(1, Number(option('peer-runs', String(Math.min(runs, 2)))));
const MONOTONIC = path.join(root, '.cache', 'bench-log-monotonic-10000000000.log');
const REPEATED = path.join(root, '.cache', 'bench-log-2000000000x5.log');
const MiB = 2 ** 20;

useBuiltAddon();

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, LC_ALL: 'C' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function ensureFiles(): void {
  if (!existsSync(MONOTONIC)) {
    console.log('  generating the monotonic 10 GB log (once; a few minutes)…');
    run(process.execPath, [path.join(root, 'scripts', 'generate.mjs'), 'log', '10000000000', MONOTONIC]);
  }
  if (!existsSync(REPEATED)) {
    const source = benchmarkLog(2_000_000_000);
    run(process.execPath, ['--input-type=module', '-e', `import('${path.join(root, 'bench', 'lib', 'repeatedFile.mjs')}').then((m) => m.repeatFile(${JSON.stringify(source)}, 5, ${JSON.stringify(REPEATED)}))`]);
  }
}

/** Reads the file through once so it is in the page cache (as far as memory allows). */
function warm(file: string): void {
  run('sh', ['-c', `cat '${file}' > /dev/null`]);
}

function evict(file: string): void {
  run('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
}

/** Private memory of this process (bytes): the mapped file's pages it holds and its anonymous memory. */
function privateBytes(): number {
  const s = readFileSync('/proc/self/smaps_rollup', 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0) * 1024;
  return kb('Private_Clean') + kb('Private_Dirty');
}

/** `count` times spread over [lo, hi], the same in every run (a fixed sequence). */
function targets(lo: number, hi: number, count: number): number[] {
  let x = 20260301;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor(lo + (x / 2147483648) * (hi - lo));
  });
}

interface GotoSamples {
  ms: number[];
  pages: number[];
}

async function gotoSeries(time: EngineTime, format: TimeFormatDescriptor, when: number[], runsGiven: readonly TimeRun[] | undefined, expectRuns: number): Promise<GotoSamples> {
  const out: GotoSamples = { ms: [], pages: [] };
  for (const t of when) {
    const t0 = process.hrtime.bigint();
    const r = await time.goto(t, format, runsGiven ? { runs: runsGiven } : {}).done;
    out.ms.push(ms(t0));
    out.pages.push(r.pagesTouched);
    if (r.runs.length !== expectRuns) throw new Error(`expected ${expectRuns} runs, found ${r.runs.length}`);
    if (r.offset === null || r.time === null || r.time < t) throw new Error(`go to ${isoTime(t)} landed wrong: ${JSON.stringify(r)}`);
  }
  return out;
}

async function gotoMonotonic(): Promise<Record<string, unknown>> {
  warm(MONOTONIC);
  const f = openMappedFile(MONOTONIC, 'read');
  let span: TimeRun;
  const detectMs: number[] = [];
  let found: GotoSamples;
  let cached: GotoSamples;
  try {
    const time = timeOf(f);
    let format = time.detect()!;
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      format = time.detect()!;
      detectMs.push(ms(t0));
    }
    const first = await time.goto(format.firstTime, format).done;
    span = first.runs[0];
    const when = targets(span.firstTime, span.lastTime, runs * 4);
    found = await gotoSeries(time, format, when, undefined, 1);
    cached = await gotoSeries(time, format, when, first.runs, 1);
  } finally {
    f.close();
  }
  // Cold: the file evicted before each open + detect + go to.
  const cold: GotoSamples = { ms: [], pages: [] };
  const coldCached: GotoSamples = { ms: [], pages: [] };
  for (const t of targets(span.firstTime, span.lastTime, runs)) {
    evict(MONOTONIC);
    const t0 = process.hrtime.bigint();
    const file = openMappedFile(MONOTONIC, 'read');
    try {
      const time = timeOf(file);
      const format = time.detect()!;
      const r = await time.goto(t, format).done;
      cold.ms.push(ms(t0));
      cold.pages.push(r.pagesTouched);
      evict(MONOTONIC);
      const t1 = process.hrtime.bigint();
      const again = await time.goto(t + 3_600e6, format, { runs: r.runs }).done;
      coldCached.ms.push(ms(t1));
      coldCached.pages.push(again.pagesTouched);
    } finally {
      file.close();
    }
  }
  return { bytes: statSync(MONOTONIC).size, span: [isoTime(span.firstTime), isoTime(span.lastTime)], detectMs, found, cached, cold, coldCached };
}

async function gotoRepeated(): Promise<Record<string, unknown>> {
  warm(REPEATED);
  const f = openMappedFile(REPEATED, 'read');
  try {
    const time = timeOf(f);
    const format = time.detect()!;
    const first = await time.goto(format.firstTime, format).done;
    const when = targets(first.runs[0].firstTime, first.runs[0].lastTime, runs * 4);
    const found = await gotoSeries(time, format, when, undefined, 5);
    const cached = await gotoSeries(time, format, when, first.runs, 5);
    return { runs: first.runs.map((r) => ({ begin: r.begin, end: r.end, first: isoTime(r.firstTime), last: isoTime(r.lastTime) })), found, cached };
  } finally {
    f.close();
  }
}

/** awk's count of lines per minute prefix (16 characters), the keys that are stamps only. */
function awkPerMinute(file: string): { ms: number; counts: Map<string, number> } {
  const t0 = process.hrtime.bigint();
  const out = run('awk', ['{ c[substr($0, 1, 16)]++ } END { for (k in c) print k, c[k] }', file]);
  const elapsed = ms(t0);
  const counts = new Map<string, number>();
  for (const line of out.trim().split('\n')) {
    const [k, c] = line.split(' ');
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(k)) counts.set(k, Number(c));
  }
  return { ms: elapsed, counts };
}

/** The timeline of `file` per minute, plain and with the error-level series, taking turns with awk. */
async function timeline(file: string, awkRuns: number): Promise<Record<string, unknown>> {
  warm(file);
  const bytes = statSync(file).size;
  const f: MappedFile = openMappedFile(file, 'read');
  const plain: number[] = [];
  const errors: number[] = [];
  const memory: number[] = [];
  const awk: number[] = [];
  let ours = new Map<string, number>();
  let theirs = new Map<string, number>();
  let matched = 0;
  try {
    const time = timeOf(f);
    const format = time.detect()!;
    const runsFound = (await time.goto(format.firstTime, format).done).runs;
    for (let i = 0; i < runs; i++) {
      if (i < awkRuns) {
        const a = awkPerMinute(file);
        awk.push(a.ms);
        theirs = a.counts;
      }
      for (const withErrors of [false, true]) {
        const base = privateBytes();
        let peak = base;
        const sampler = setInterval(() => (peak = Math.max(peak, privateBytes())), 20);
        const t0 = process.hrtime.bigint();
        const h = await time.histogram(format, { bucket: 60e6, runs: runsFound, query: withErrors ? ERROR_LEVEL_QUERIES : undefined }).done;
        (withErrors ? errors : plain).push(ms(t0));
        clearInterval(sampler);
        memory.push(Math.max(peak, privateBytes()) - base);
        if (withErrors) matched = h.matched;
        ours = new Map();
        for (let k = 0; k < h.counts.length; k++) if (h.counts[k] > 0) ours.set(isoTime(h.origin + (h.first + k) * h.bucket).slice(0, 16), h.counts[k]);
      }
    }
  } finally {
    f.close();
  }
  const same = ours.size === theirs.size && [...ours].every(([k, v]) => theirs.get(k) === v);
  console.log(`  timeline of ${path.basename(file)}: ${ours.size} minutes, ${[...ours.values()].reduce((a, b) => a + b, 0)} entries (${matched} at error level); awk agrees: ${same}`);
  if (!same) throw new Error('the timeline and awk disagree on the per-minute counts');
  return { bytes, minutes: ours.size, matched, samples: { plain, errors, awk, memory } };
}

function gbps(bytes: number, msValue: number): number {
  return bytes / (msValue / 1000) / 1e9;
}

async function main(): Promise<void> {
  console.log(`Time in logs — median of ${runs} runs (awk: ${peerRuns}), ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  ensureFiles();
  const mono = await gotoMonotonic();
  const repeated = await gotoRepeated();
  const tl = await timeline(REPEATED, peerRuns);
  // The 2 GB log fits in the page cache beside everything else: the same without the disk.
  const small = await timeline(benchmarkLog(2_000_000_000), runs);
  const m = mono as { found: GotoSamples; cached: GotoSamples; cold: GotoSamples; coldCached: GotoSamples; detectMs: number[]; bytes: number };
  const r = repeated as { found: GotoSamples; cached: GotoSamples };
  const t = tl.samples as Record<string, number[]>;
  const bytes = tl.bytes as number;
  const s2 = small.samples as Record<string, number[]>;
  const bytes2 = small.bytes as number;
  const rows = [
    { name: 'go to time, 10 GB monotonic, warm, finding the runs', ms: m.found.ms, pages: median(m.found.pages), target: '< 50 ms', pass: median(m.found.ms) < 50 },
    { name: 'go to time, 10 GB monotonic, warm, runs kept', ms: m.cached.ms, pages: median(m.cached.pages), target: '< 50 ms', pass: median(m.cached.ms) < 50 },
    { name: 'go to time, 10 GB monotonic, cold: open + detect + go to', ms: m.cold.ms, pages: median(m.cold.pages) },
    { name: 'go to time, 10 GB monotonic, cold, runs kept', ms: m.coldCached.ms, pages: median(m.coldCached.pages) },
    { name: 'detect the format (10 GB, warm)', ms: m.detectMs },
    { name: 'go to time, 10 GB of five runs, warm, finding the runs', ms: r.found.ms, pages: median(r.found.pages), target: '< 50 ms', pass: median(r.found.ms) < 50 },
    { name: 'go to time, 10 GB of five runs, warm, runs kept', ms: r.cached.ms, pages: median(r.cached.pages), target: '< 50 ms', pass: median(r.cached.ms) < 50 },
    { name: 'timeline per minute, 10 GB (five runs)', ms: t.plain, peer: 'awk per-minute count', peerMs: t.awk, gbps: gbps(bytes, median(t.plain)), target: '≥ 1 GB/s', pass: gbps(bytes, median(t.plain)) >= 1 },
    { name: '… with the error-level series', ms: t.errors, peer: 'awk per-minute count', peerMs: t.awk, gbps: gbps(bytes, median(t.errors)), target: '≥ 1 GB/s', pass: gbps(bytes, median(t.errors)) >= 1 },
    { name: 'timeline per minute, 2 GB in the page cache', ms: s2.plain, peer: 'awk per-minute count', peerMs: s2.awk, gbps: gbps(bytes2, median(s2.plain)), target: '≥ 1 GB/s', pass: gbps(bytes2, median(s2.plain)) >= 1 },
    { name: '… with the error-level series', ms: s2.errors, peer: 'awk per-minute count', peerMs: s2.awk, gbps: gbps(bytes2, median(s2.errors)) },
    { name: 'private memory growth during the timeline (MiB)', ms: t.memory.map((b) => b / MiB), unit: 'MiB', target: '< 64 MiB', pass: median(t.memory) / MiB < 64 },
  ];
  console.log('');
  for (const row of rows) {
    const unit = row.unit ?? 'ms';
    const range = `${Math.min(...row.ms).toFixed(1)}–${Math.max(...row.ms).toFixed(1)}`;
    const pages = row.pages !== undefined ? `, ${row.pages} pages` : '';
    const speed = row.gbps !== undefined ? ` = ${row.gbps.toFixed(2)} GB/s` : '';
    const peer = row.peerMs ? `   ${row.peer} ${(median(row.peerMs) / 1000).toFixed(1)} s (${(median(row.peerMs) / median(row.ms)).toFixed(1)}× ours)` : '';
    console.log(`${row.name.padEnd(62)} ${median(row.ms).toFixed(1)} ${unit} (${range})${pages}${speed}${peer}${row.target ? `   target ${row.target}: ${row.pass ? 'pass' : 'MISS'}` : ''}`);
  }
  mkdirSync(path.join(root, 'results'), { recursive: true });
  writeFileSync(path.join(root, 'results', 'time.json'), JSON.stringify({ date: new Date().toISOString(), runs, peerRuns, load: os.loadavg(), monotonic: mono, repeated, timeline: tl, timeline2GB: small, rows }, null, 2));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
