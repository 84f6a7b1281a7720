// The last step of `npm run bench`: one table of every figure the benchmarks just wrote under
// results/ — median, min–max, the peer measured in the same run and the ratio, the target and
// whether it held — and results/summary.json with the same rows.
//   node bench/summary.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'results');

function load(name) {
  const file = path.join(results, name);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}


/**
 * @typedef {{ figure: string, unit: 's' | 'ms' | 'MiB' | '', samples: number[], peer?: string, peerSamples?: number[],
 *   ratio?: number, ratioLabel?: string, target?: string, pass?: boolean }} Row
 */

/** @type {Row[]} */
const rows = [];
const MiB = 2 ** 20;

const engine = load('engine.json');
for (const r of engine?.rows ?? []) {
  rows.push({
    figure: `engine: ${r.name}`,
    unit: 's',
    samples: r.samples.engine,
    peer: r.peer,
    peerSamples: r.samples.peer,
    ratio: r.ratio,
    ratioLabel: 'peer ÷ ours',
    target: `≥ ${r.target}×`,
    pass: r.ratio >= r.target,
  });
}

/** A row of ours against a peer timed in the same run (search-replace.json and edits.json rows). */
function peerRow(r, target) {
  const ratio = median(r.samples.peer) / median(r.samples.ours);
  return {
    figure: r.name,
    unit: 's',
    samples: r.samples.ours,
    peer: r.peer,
    peerSamples: r.samples.peer,
    ratio,
    ratioLabel: 'peer ÷ ours',
    ...(target ? { target: `≥ ${target}×`, pass: ratio >= target } : {}),
  };
}

const searchReplace = load('search-replace.json');
for (const r of searchReplace?.rows ?? []) rows.push(peerRow(r, r.name.startsWith('replace') && r.peer === 'sed -i' ? 10 : undefined));

const edits = load('edits.json');
for (const r of edits?.rows ?? []) rows.push(peerRow(r, r.target));

const editMemory = load('edit-memory.json');
if (editMemory) {
  const mib = (runs, key) => runs.map((r) => r[key] / MiB);
  rows.push({ figure: 'memory: paste 100 MiB, peak', unit: 'MiB', samples: mib(editMemory.pastes, 'insertPeak') });
  rows.push({ figure: 'memory: paste 100 MiB, Save (rewrite), peak above that', unit: 'MiB', samples: mib(editMemory.pastes, 'savePeak') });
  rows.push({ figure: 'memory: Replace All (millions of matches), held', unit: 'MiB', samples: mib(editMemory.replaces, 'held') });
  const savePeak = mib(editMemory.replaces, 'savePeak');
  rows.push({ figure: 'memory: Replace All + Save in place, peak', unit: 'MiB', samples: savePeak, target: '< 100 MiB', pass: median(savePeak) < 100 });
}

const lines = load('lines.json');
for (const r of lines?.rows ?? []) {
  rows.push({
    figure: `lines: ${r.name}`,
    unit: 'ms',
    samples: r.ms,
    ...(r.peerMs ? { peer: r.peer, peerSamples: r.peerMs, ratio: median(r.peerMs) / median(r.ms), ratioLabel: 'peer ÷ ours' } : {}),
    ...(r.target ? { target: r.target, pass: r.pass } : {}),
  });
}

const filter = load('filter.json');
for (const r of filter?.rows ?? []) {
  rows.push({
    figure: `filter: ${r.name}`,
    unit: r.unit,
    samples: r.samples.ours,
    ...(r.samples.peer ? { peer: r.peer, peerSamples: r.samples.peer, ratio: r.ratio, ratioLabel: 'peer ÷ ours' } : {}),
    ...(r.target ? { target: r.target, pass: r.pass } : {}),
  });
}

const time = load('time.json');
for (const r of time?.rows ?? []) {
  rows.push({
    figure: `time: ${r.name}${r.pages !== undefined ? ` (${r.pages} pages)` : ''}${r.gbps !== undefined ? ` (${r.gbps.toFixed(2)} GB/s)` : ''}`,
    unit: r.unit ?? 'ms',
    samples: r.ms,
    ...(r.peerMs ? { peer: r.peer, peerSamples: r.peerMs, ratio: median(r.peerMs) / median(r.ms), ratioLabel: 'peer ÷ ours' } : {}),
    ...(r.target ? { target: r.target, pass: r.pass } : {}),
  });
}

const editor = load('editor.json');
if (editor) {
  const s = editor.summary;
  const add = (key, unit, extra = {}) => {
    const e = s[key];
    if (!e) return;
    const scale = unit === 'MiB' ? 1 / MiB : 1;
    rows.push({
      figure: `editor: ${e.name.trim()}`,
      unit,
      samples: e.samples.map((x) => x * scale),
      ...(e.target ? { target: e.target, pass: e.pass } : {}),
      ...extra,
    });
  };
  const ratio = (key, peer, peerKey) => {
    const r = editor.ratios?.[key];
    return r ? { peer, peerSamples: s[peerKey]?.samples, ratio: r.median, ratioLabel: peerKey === 'engineFindAll' ? 'ours ÷ engine' : 'peer ÷ ours' } : {};
  };
  add('open', 'ms', ratio('textEditor200MBVsOpen10GB', 'text editor, 200 MB', 'peerTextOpen'));
  add('openWebviewToRows', 'ms');
  add('gotoMiddle', 'ms');
  add('gotoEnd', 'ms');
  add('scrollP95', 'ms');
  add('scrollDropped', '');
  add('findFirstMatch', 'ms');
  const findAll = editor.ratios?.findAllVsEngine;
  add('findAll', 'ms', findAll ? { peer: 'engine alone', peerSamples: editor.samples.engineFindAll, ratio: findAll.median, ratioLabel: 'ours ÷ engine' } : {});
  add('memGrowthViewed', 'MiB');
  add('memGrowthPeak', 'MiB');
  add('memGrowthAfter', 'MiB');
}

function show(x, unit) {
  if (unit === 's') return `${x.toFixed(2)} s`;
  if (unit === 'ms') return x < 100 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`;
  if (unit === 'MiB') return `${x.toFixed(1)} MiB`;
  return String(Math.round(x));
}

const table = [['figure', 'median', 'min–max', 'peer (median)', 'ratio', 'target', '']];
for (const r of rows) {
  table.push([
    r.figure,
    show(median(r.samples), r.unit),
    `${show(Math.min(...r.samples), r.unit)}–${show(Math.max(...r.samples), r.unit)}`,
    r.peer && r.peerSamples ? `${r.peer} ${show(median(r.peerSamples), r.unit)}` : r.peer ?? '',
    r.ratio !== undefined ? `${r.ratio.toFixed(2)}× (${r.ratioLabel})` : '',
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'pass' : 'MISS',
  ]);
}
const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
console.log(`\nAll benchmarks — ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.versions.node}\n`);
table.forEach((row, i) => {
  console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
});
const missed = rows.filter((r) => r.pass === false).length;
console.log(`\n${rows.filter((r) => r.pass !== undefined).length - missed} targets held, ${missed} missed; every sample is in results/*.json`);
writeFileSync(path.join(results, 'summary.json'), JSON.stringify({ date: new Date().toISOString(), rows }, null, 2));
