// The extension's own search and replace paths on the 2 GB benchmark log, against the peers in
// the same run:
//   - find-all of a frequent word through the host's SearchService (what the find widget runs)
//     vs `rg --count-matches --mmap`;
//   - Replace All of that word by one of the same length, then Save (in place: rollback journal,
//     writes through the mapping, flush) vs `sed -i` on a copy of the same file.
// A find over the unsaved replacements is bench/edits.ts's.
// Memory is measured by editMemory.ts, one fresh process per run (a baseline taken after an
// earlier run in the same process drifts with memory the allocator kept).
// Median of --runs runs (5 by default); JSON to results/search-replace.json.
//   node out/bench/searchAndReplace.js [--runs 5] [--size 2000000000]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EditJournal } from '../extension/edits/editJournal';
import { openMappedFile } from '../extension/engine';
import { saveInPlaceAsync } from '../extension/save';
import { replaceAll } from '../extension/search/replaceService';
import { SearchService } from '../extension/search/searchService';
import { benchmarkLog, median, option, root, useBuiltAddon } from './support';
import type { FindOutcome, HostMessage } from '../shared/protocol';

const runs = Math.max(1, Number(option('runs', '5')));
const size = Number(option('size', '2000000000'));
const WORD = 'request';
const REPLACEMENT = 'REQUEST';

useBuiltAddon();

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function findAllThroughService(file: string): Promise<{ seconds: number; count: number }> {
  const mapped = openMappedFile(file, 'read');
  try {
    let outcome: FindOutcome | undefined;
    const service = new SearchService(
      { searchable: () => mapped, read: (o, l) => mapped.read(o, l), lineOfOffset: () => undefined },
      (m: HostMessage) => {
        if (m.type === 'findDone') outcome = m.result;
      },
    );
    const t0 = process.hrtime.bigint();
    await service.find({
      searchId: 1,
      query: { pattern: WORD, mode: 'text', matchCase: true, wholeWord: false },
      op: 'all',
      from: 0,
      maxResults: 0,
      encoding: 'utf-8',
    });
    const s = seconds(t0);
    if (outcome?.kind !== 'all') throw new Error(`find-all failed: ${JSON.stringify(outcome)}`);
    return { seconds: s, count: outcome.count };
  } finally {
    mapped.close();
  }
}

/** Seconds from the start of Replace All to the end of each phase. */
interface Phases {
  replaced: number;
  journalCommitted: number;
  written: number;
  flushed: number;
  done: number;
}

/** Replace All, then Save as the editor runs it (pausing between batches). */
async function replaceAndSave(file: string): Promise<{ seconds: number; count: number; phases: Phases }> {
  const t0 = process.hrtime.bigint();
  const base = openMappedFile(file, 'read');
  try {
    const journal = new EditJournal(base);
    const r = await replaceAll(journal, base, { pattern: WORD, mode: 'text', matchCase: true, wholeWord: false }, REPLACEMENT, 'utf-8');
    if (typeof r === 'string') throw new Error(r);
    const replaced = seconds(t0);
    const phases: Phases = { replaced, journalCommitted: 0, written: 0, flushed: 0, done: 0 };
    await saveInPlaceAsync(file, journal, {
      hooks: {
        step: (name) => {
          if (name === 'journal-committed') phases.journalCommitted = seconds(t0);
          else if (name === 'write-chunk') phases.written = seconds(t0);
          else if (name === 'flushed') phases.flushed = seconds(t0);
        },
      },
    });
    phases.done = seconds(t0);
    return { seconds: phases.done, count: r.count, phases };
  } finally {
    base.close();
  }
}

/** "3.1× faster" or "2.0× slower". */
function ratio(peerOverOurs: number): string {
  return peerOverOurs >= 1 ? `${peerOverOurs.toFixed(1)}× faster` : `${(1 / peerOverOurs).toFixed(1)}× slower`;
}

function timed(cmd: string, argv: string[]): { seconds: number; out: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return { seconds: seconds(t0), out: r.stdout.trim() };
}

async function main(): Promise<void> {
  const source = benchmarkLog(size);
  const work = path.join(root, '.cache', 'bench-replace');
  mkdirSync(work, { recursive: true });
  const ours = path.join(work, 'ours.log');
  const theirs = path.join(work, 'sed.log');

  const find: number[] = [];
  const rg: number[] = [];
  const replace: number[] = [];
  const sed: number[] = [];
  const sedSync: number[] = [];
  const phases: Phases[] = [];
  let counts = { find: 0, rg: 0, replaced: 0 };
  for (let run = 0; run < runs; run++) {
    const f = await findAllThroughService(source);
    find.push(f.seconds);
    const r = timed('rg', ['--count-matches', '--mmap', WORD, source]);
    rg.push(r.seconds);
    counts = { ...counts, find: f.count, rg: Number(r.out) };

    copyFileSync(source, ours);
    copyFileSync(source, theirs);
    // Start both from clean pages: our save fsyncs the file, which would otherwise also pay for
    // writing back the fresh copy (sed never syncs).
    spawnSync('sync');
    const rep = await replaceAndSave(ours);
    replace.push(rep.seconds);
    phases.push(rep.phases);
    const p = rep.phases;
    console.log(
      `  run ${run + 1}: replace all ${p.replaced.toFixed(2)} s, rollback journal +${(p.journalCommitted - p.replaced).toFixed(2)} s, ` +
        `writes +${(p.written - p.journalCommitted).toFixed(2)} s, flush +${(p.flushed - p.written).toFixed(2)} s, end ${p.done.toFixed(2)} s`,
    );
    counts.replaced = rep.count;
    // sed -i leaves its 2 GB in the page cache; our save is durable (msync + fsync). Time both:
    // sed alone, and sed plus the sync that makes its result as durable as ours.
    const sedRun = timed('sed', ['-i', `s/${WORD}/${REPLACEMENT}/g`, theirs]).seconds;
    sed.push(sedRun);
    sedSync.push(sedRun + timed('sync', ['-f', theirs]).seconds);
    if (run === 0) {
      // Same bytes as sed's result: the replacement is correct, not just fast.
      const same = spawnSync('cmp', ['-s', ours, theirs]).status === 0;
      if (!same) throw new Error('Replace All + Save and sed -i gave different files');
    }
  }
  rmSync(work, { recursive: true, force: true });

  const rows = [
    { name: `find-all "${WORD}" (search service)`, ours: median(find), peer: 'rg --count-matches', peerSeconds: median(rg), samples: { ours: find, peer: rg } },
    { name: `replace all "${WORD}" + save in place`, ours: median(replace), peer: 'sed -i', peerSeconds: median(sed), samples: { ours: replace, peer: sed } },
    { name: `replace all "${WORD}" + save in place`, ours: median(replace), peer: 'sed -i; sync', peerSeconds: median(sedSync), samples: { ours: replace, peer: sedSync } },
  ];
  console.log(`\nSearch and replace through the extension's paths — ${(size / 1e9).toFixed(2)} GB log, median of ${runs} runs, ${os.cpus().length} cores\n`);
  for (const r of rows) {
    const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
    console.log(
      `${r.name.padEnd(44)} ${r.ours.toFixed(2)} s (${range(r.samples.ours)})   ${r.peer} ${r.peerSeconds.toFixed(2)} s (${range(r.samples.peer)})   ${ratio(r.peerSeconds / r.ours)}`,
    );
  }
  console.log(`matches: ${counts.find} (rg: ${counts.rg}); replaced: ${counts.replaced}`);
  if (counts.find !== counts.rg) throw new Error('the search service and rg counted differently');
  mkdirSync(path.join(root, 'results'), { recursive: true });
  writeFileSync(
    path.join(root, 'results', 'search-replace.json'),
    JSON.stringify({ date: new Date().toISOString(), bytes: size, runs, counts, rows, phases }, null, 2),
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
