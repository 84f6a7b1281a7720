// Search over unsaved edits: the 2 GB benchmark log with a Replace All of `request` (3.3 million
// matches) kept unsaved in the edit journal, then find-all counts through the engine's search of
// the edited document (what the find widget runs over an edited document: search/documentSearch.ts)
// against `rg --count-matches` on the file `sed` writes with the same replacement, in the same
// run, taking turns. Two kinds of edits: same length (`request` -> `REQUEST`: every other byte
// keeps its place) and length-changing (`request` -> `REQ`: every piece after the first at
// another distance). Three queries: a literal, a regex and a case-insensitive literal.
// Also: the anonymous memory the search adds while it runs (the journal's blocks are read in place).
// Median of --runs runs (5 by default); JSON to results/edits.json.
//   node out/bench/edits.js [--runs 5] [--size 2000000000]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EditJournal } from '../extension/edits/editJournal';
import { FindAllResult, MappedFile, openDocument, openMappedFile, SearchQuery } from '../extension/engine';
import { replaceAll } from '../extension/search/replaceService';
import { anonymousBytes, benchmarkLog, median, option, root, useBuiltAddon } from './support';

const runs = Math.max(1, Number(option('runs', '5')));
const size = Number(option('size', '2000000000'));
const WORD = 'request';
const MiB = 2 ** 20;

useBuiltAddon();

interface Variant {
  name: string;
  replacement: string;
  queries: Array<{ name: string; query: SearchQuery; rg: string[]; target?: number }>;
}

/**
 * The queries over a document where `request` became `replacement`: each touches every edit.
 * The targets (issue 13) are for same-length edits; length-changing ones are measured alongside.
 */
function variant(name: string, replacement: string, targets: boolean): Variant {
  const lower = replacement.toLowerCase();
  const target = (x: number) => (targets ? x : undefined);
  return {
    name,
    replacement,
    queries: [
      { name: `literal ${replacement}`, query: { kind: 'literal', pattern: replacement }, rg: ['-F', replacement], target: target(1.5) },
      { name: `regex ${replacement} [a-z]+`, query: { kind: 'regex', pattern: `${replacement} [a-z]+` }, rg: [`${replacement} [a-z]+`], target: target(1.0) },
      { name: `case-insensitive literal ${lower}`, query: { kind: 'literal', pattern: lower, ignoreCase: true }, rg: ['-F', '-i', lower], target: target(1.0) },
    ],
  };
}

const VARIANTS = [variant('same length', 'REQUEST', true), variant('length-changing', 'REQ', false)];

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function timed(cmd: string, argv: string[]): { seconds: number; out: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.stderr}`);
  return { seconds: seconds(t0), out: r.stdout.trim() };
}

/** Anonymous memory sampled every few ms while `work` runs: the most above what it was before. */
async function peakAbove<T>(work: () => Promise<T>): Promise<{ value: T; extra: number }> {
  const before = anonymousBytes();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, anonymousBytes())), 5);
  try {
    const value = await work();
    peak = Math.max(peak, anonymousBytes());
    return { value, extra: peak - before };
  } finally {
    clearInterval(timer);
  }
}

/** A count over the edited document, as the host runs it: the snapshot opened, then the engine's find-all. */
function countEdited(file: MappedFile, journal: EditJournal, query: SearchQuery): Promise<FindAllResult> {
  return openDocument(file, journal.enginePieces()).findAll(query, { collect: false }).done;
}

interface Row {
  name: string;
  edits: string;
  ours: number;
  peer: string;
  peerSeconds: number;
  ratio: number;
  target?: number;
  counts: { ours: number; peer: number };
  extraMiB: number;
  samples: { ours: number[]; peer: number[] };
}

async function main(): Promise<void> {
  const source = benchmarkLog(size);
  const work = path.join(root, '.cache', 'bench-edits');
  mkdirSync(work, { recursive: true });
  const rows: Row[] = [];
  const setup: Array<{ edits: string; replaced: number; pieces: number; replaceAllSeconds: number; sedSeconds: number }> = [];
  const file = openMappedFile(source, 'read');
  try {
    for (const variant of VARIANTS) {
      const sedOut = path.join(work, 'sed.log');
      const sed = timed('sh', ['-c', `sed 's/${WORD}/${variant.replacement}/g' "$1" > "$2"`, 'sh', source, sedOut]);
      const journal = new EditJournal(file);
      const r0 = process.hrtime.bigint();
      const replaced = await replaceAll(journal, file, { pattern: WORD, mode: 'text', matchCase: true, wholeWord: false }, variant.replacement, 'utf-8');
      if (typeof replaced === 'string') throw new Error(replaced);
      setup.push({ edits: variant.name, replaced: replaced.count, pieces: journal.pieceCount, replaceAllSeconds: seconds(r0), sedSeconds: sed.seconds });
      console.log(`${variant.name}: ${replaced.count} replacements unsaved (${journal.pieceCount} pieces), sed ${sed.seconds.toFixed(2)} s`);
      for (const q of variant.queries) {
        const ours: number[] = [];
        const peer: number[] = [];
        const extra: number[] = [];
        let counts = { ours: 0, peer: 0 };
        const rg = () => timed('rg', ['--count-matches', '--mmap', '--no-config', ...q.rg, sedOut]);
        // Both files back in the page cache (the kernel reclaims pages left alone for a while), a
        // warm-up of each, then turns (the order swapped every run: load from elsewhere hits both alike).
        timed('sh', ['-c', 'cat "$1" "$2" > /dev/null', 'sh', sedOut, source]);
        await countEdited(file, journal, q.query);
        rg();
        for (let run = 0; run < runs; run++) {
          const theirsFirst = run % 2 === 1 ? rg() : undefined;
          const t0 = process.hrtime.bigint();
          const mine = await countEdited(file, journal, q.query);
          ours.push(seconds(t0));
          const theirs = theirsFirst ?? rg();
          peer.push(theirs.seconds);
          counts = { ours: mine.count, peer: Number(theirs.out) };
        }
        // Memory in a run of its own: reading it every few ms takes CPU from the search.
        extra.push((await peakAbove(() => countEdited(file, journal, q.query))).extra / MiB);
        if (counts.ours !== counts.peer) throw new Error(`${q.name} (${variant.name}): the engine counted ${counts.ours}, rg ${counts.peer}`);
        const row: Row = {
          name: `find-all ${q.name}, ${variant.name} replacements unsaved`,
          edits: variant.name,
          ours: median(ours),
          peer: "rg --count-matches (sed's file)",
          peerSeconds: median(peer),
          ratio: median(peer) / median(ours),
          target: q.target,
          counts,
          extraMiB: median(extra),
          samples: { ours, peer },
        };
        rows.push(row);
        console.log(`  ${q.name.padEnd(36)} ${row.ours.toFixed(3)} s   rg ${row.peerSeconds.toFixed(3)} s   ${row.ratio.toFixed(2)}×   +${row.extraMiB.toFixed(1)} MiB   (${counts.ours} matches)`);
      }
      rmSync(sedOut, { force: true });
    }
  } finally {
    file.close();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nSearch over unsaved edits — ${(size / 1e9).toFixed(2)} GB log, median of ${runs} runs, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}\n`);
  console.log('| Find-all (2 GB log, Replace All of `request` unsaved) | Ours | rg on sed\'s file | rg ÷ ours | Target | Extra memory |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const target = r.target === undefined ? '' : `≥ ${r.target}×${r.ratio >= r.target ? '' : ': **missed**'}`;
    console.log(`| ${r.name.replace(/^find-all /, '')} | ${r.ours.toFixed(2)} s | ${r.peerSeconds.toFixed(2)} s | ${r.ratio.toFixed(2)}× | ${target} | ${r.extraMiB.toFixed(1)} MiB |`);
  }
  mkdirSync(path.join(root, 'results'), { recursive: true });
  writeFileSync(
    path.join(root, 'results', 'edits.json'),
    JSON.stringify({ date: new Date().toISOString(), bytes: size, runs, cores: os.cpus().length, load: os.loadavg(), setup, rows }, null, 2) + '\n',
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
