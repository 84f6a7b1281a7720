// Line numbers with unsaved edits, and the stored line index, through the extension's own code:
//   - 1 M inserts spread over the 2 GB log (one line each, unsaved), then Go to line 10,000,000:
//     the offset and the first page of rows read at it, with no line summary computed yet (the
//     first question after the edits) and after one more insert (the editor has counted the
//     lines after every edit by then); the line count, against `wc -l` of the edited content
//     written out, which also checks it (and awk-free: `head -n | wc -c` checks the offset).
//   - Replace All of 3.3 M matches, unsaved (every block of the piece table rebuilt), then the
//     line count: the replacement holds a newline, so the count must grow by the matches.
//   - reopening the 10 GB log with its index stored: open → line count, against a full rebuild
//     and `wc -l` in the same run.
// The 1 M inserts are laid into the journal the way a restored backup is (the same pieces; a
// million separate insert() calls would take minutes to set up, each one re-slicing the block list).
//   npm run bench -- lines [--runs 5]   (node out/bench/lines.js)   writes results/lines.json
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EditJournal } from '../extension/edits/editJournal';
import { encodeAddStart } from '../extension/edits/pieces';
import { LineIndex, MappedFile, openMappedFile } from '../extension/engine';
import { DocumentLines } from '../extension/lines/documentLines';
import { identifyFile, LineIndexStore } from '../extension/lines/lineIndexStore';
import { replaceAll } from '../extension/search/replaceService';
import { benchmarkLog, median, option, root, useBuiltAddon } from './support';

const runs = Math.max(1, Number(option('runs', '5')));
const INSERTS = 1_000_000;
const INSERTED = Buffer.from('<inserted line>\n');
const GOTO_LINE = 10_000_000;
const PAGE = 64 * 1024;

useBuiltAddon();

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function timed(cmd: string, args: string[], input?: string): { ms: number; out: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('sh', ['-c', `${cmd} ${args.map((a) => `'${a}'`).join(' ')}${input ?? ''}`], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return { ms: ms(t0), out: r.stdout.trim() };
}

/** A journal over `base` holding INSERTS one-line inserts at spread-out offsets (seeded). */
function withInserts(base: MappedFile): EditJournal {
  let x = 20260301;
  const at = new Float64Array(INSERTS);
  for (let i = 0; i < INSERTS; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    at[i] = Math.floor((x / 2147483648) * base.size);
  }
  at.sort();
  const starts = new Float64Array(2 * INSERTS + 1);
  const lengths = new Uint32Array(2 * INSERTS + 1);
  let n = 0;
  let from = 0;
  for (let i = 0; i < INSERTS; i++) {
    if (at[i] > from) {
      starts[n] = from;
      lengths[n++] = at[i] - from;
    }
    starts[n] = encodeAddStart(i * INSERTED.length);
    lengths[n++] = INSERTED.length;
    from = at[i];
  }
  starts[n] = from;
  lengths[n++] = base.size - from;
  const addBytes = Buffer.alloc(INSERTS * INSERTED.length);
  for (let i = 0; i < INSERTS; i++) INSERTED.copy(addBytes, i * INSERTED.length);
  return new EditJournal(base, { restored: { starts: starts.subarray(0, n), lengths: lengths.subarray(0, n), addBytes } });
}

/** Go to line: the offset, then the page of rows there (what the webview asks for next). */
function gotoLine(lines: DocumentLines, journal: EditJournal): { ms: number; offset: number } {
  const t0 = process.hrtime.bigint();
  const offset = lines.offsetOfLine(GOTO_LINE - 1);
  if (offset === undefined) throw new Error(`line ${GOTO_LINE} was not found`);
  journal.read(offset, PAGE);
  return { ms: ms(t0), offset };
}

async function editedLog(): Promise<Record<string, unknown>> {
  const file = benchmarkLog(2_000_000_000);
  const base = openMappedFile(file, 'read');
  const index: LineIndex = base.indexLines();
  await index.done;
  const journal = withInserts(base);
  const cold: number[] = [];
  const warm: number[] = [];
  const countCold: number[] = [];
  const countAfterEdit: number[] = [];
  let offset = 0;
  let lineCount = 0;
  for (let run = 0; run < runs; run++) {
    // A new DocumentLines knows no block yet: the first question after the edits.
    const lines = new DocumentLines(journal, index);
    const first = gotoLine(lines, journal);
    cold.push(first.ms);
    let t0 = process.hrtime.bigint();
    lineCount = lines.progress().lines;
    countCold.push(ms(t0));
    // One more edit (undone at once): the host counts the lines after it, then Go to line.
    journal.insert(Math.floor(journal.size / 3), INSERTED);
    t0 = process.hrtime.bigint();
    lines.progress();
    countAfterEdit.push(ms(t0));
    warm.push(gotoLine(lines, journal).ms);
    journal.undo();
    offset = first.offset;
  }
  // The edited content written out: what wc -l and head count.
  const work = path.join(root, '.cache', 'bench-lines');
  mkdirSync(work, { recursive: true });
  const out = path.join(work, 'edited.log');
  const fd = openSync(out, 'w');
  for (const chunk of journal.chunks(16 << 20)) writeSync(fd, chunk);
  closeSync(fd);
  base.close();
  const wc: number[] = [];
  let wcLines = 0;
  for (let run = 0; run < runs; run++) {
    const r = timed('wc', ['-l', out]);
    wc.push(r.ms);
    wcLines = Number(r.out.split(/\s+/)[0]);
  }
  const headOffset = Number(timed('head', ['-n', String(GOTO_LINE - 1), out], ' | wc -c').out);
  const editedBytes = statSync(out).size;
  rmSync(work, { recursive: true, force: true });
  const checks = { lineCount, wcLines, countRight: lineCount === wcLines + 1, offset, headOffset, offsetRight: offset === headOffset, editedBytes };
  console.log(`  checks: ${JSON.stringify(checks)}`);
  if (!checks.countRight || !checks.offsetRight) throw new Error('line numbers over the edits disagree with wc -l / head');
  return { inserts: INSERTS, pieces: journal.pieceCount, checks, samples: { gotoCold: cold, gotoWarm: warm, countCold, countAfterEdit, wc } };
}

/** Replace All of every "request" with "REQ\nUEST" (unsaved), then the line count from no summary. */
async function afterReplaceAll(): Promise<Record<string, unknown>> {
  const base = openMappedFile(benchmarkLog(2_000_000_000), 'read');
  try {
    const index = base.indexLines();
    const before = (await index.done).lines;
    const count: number[] = [];
    let replaced = 0;
    let lines = 0;
    for (let run = 0; run < runs; run++) {
      const journal = new EditJournal(base);
      const r = await replaceAll(journal, base, { pattern: 'request', mode: 'text', matchCase: true, wholeWord: false }, 'REQ\nUEST', 'utf-8');
      if (typeof r === 'string') throw new Error(r);
      replaced = r.count;
      const t0 = process.hrtime.bigint();
      lines = new DocumentLines(journal, index).progress().lines;
      count.push(ms(t0));
    }
    const checks = { before, replaced, lines, countRight: lines === before + replaced };
    console.log(`  after Replace All: ${JSON.stringify(checks)}`);
    if (!checks.countRight) throw new Error('the line count after Replace All is wrong');
    return { checks, samples: { count } };
  } finally {
    base.close();
  }
}

/** Open → line count known, with the store given (or none). */
async function openAndCount(file: string, store: LineIndexStore | undefined): Promise<{ ms: number; lines: number }> {
  const t0 = process.hrtime.bigint();
  const f = openMappedFile(file, 'read');
  try {
    const identity = identifyFile(file);
    const seed = store?.seedFor(file, identity);
    const index = f.indexLines({ seed });
    const done = await index.done;
    const elapsed = ms(t0);
    if (store && !seed?.complete) store.save(file, identity, index.blockCounts()!);
    return { ms: elapsed, lines: done.lines };
  } finally {
    f.close();
  }
}

async function storedIndex(): Promise<Record<string, unknown>> {
  const file = path.join(root, '.cache', 'bench-log-2000000000x5.log');
  statSync(file); // made by bench/editor.mjs (five copies of the 2 GB log)
  const dir = path.join(os.tmpdir(), `lfe-bench-store-${process.pid}`);
  const store = new LineIndexStore(dir, 256 * 2 ** 20);
  timed('wc', ['-l', file]); // reads the file into the page cache, as it is for the other contenders
  const rebuild: number[] = [];
  const reopen: number[] = [];
  const wc: number[] = [];
  let counts: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      rmSync(dir, { recursive: true, force: true });
      const full = await openAndCount(file, store); // nothing stored: a full scan, then stored
      rebuild.push(full.ms);
      const again = await openAndCount(file, store);
      reopen.push(again.ms);
      const w = timed('wc', ['-l', file]);
      wc.push(w.ms);
      counts = [full.lines, again.lines, Number(w.out.split(/\s+/)[0]) + 1];
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`  lines: rebuilt ${counts[0]}, stored ${counts[1]}, wc -l + 1 ${counts[2]}`);
  if (new Set(counts).size !== 1) throw new Error('the stored index, a rebuild and wc -l disagree');
  return { bytes: statSync(file).size, lines: counts[0], samples: { rebuild, reopen, wc } };
}

async function main(): Promise<void> {
  console.log(`Line numbers — median of ${runs} runs, ${os.cpus().length} cores`);
  const edited = await editedLog();
  const replaced = await afterReplaceAll();
  const stored = await storedIndex();
  const e = edited.samples as Record<string, number[]>;
  const s = stored.samples as Record<string, number[]>;
  const rows = [
    { name: 'go to line 10,000,000 → offset + first page, 1 M inserts unsaved, first query', ms: e.gotoCold, target: '< 100 ms', pass: median(e.gotoCold) < 100 },
    { name: '… after one more insert', ms: e.gotoWarm, target: '< 100 ms', pass: median(e.gotoWarm) < 100 },
    { name: 'line count with 1 M inserts unsaved, first query', ms: e.countCold, peer: 'wc -l (edited file)', peerMs: e.wc },
    { name: 'line count refresh after one more insert', ms: e.countAfterEdit },
    { name: 'line count after Replace All of 3.3 M matches, unsaved (every block new)', ms: (replaced.samples as Record<string, number[]>).count, target: '< 1000 ms', pass: median((replaced.samples as Record<string, number[]>).count) < 1000 },
    { name: 'reopen 10 GB, stored index → line count', ms: s.reopen, peer: 'wc -l', peerMs: s.wc, target: '< 200 ms', pass: median(s.reopen) < 200 },
    { name: 'open 10 GB, no stored index → line count (rebuild)', ms: s.rebuild, peer: 'wc -l', peerMs: s.wc },
  ];
  console.log('');
  for (const r of rows) {
    const range = `${Math.min(...r.ms).toFixed(1)}–${Math.max(...r.ms).toFixed(1)}`;
    const peer = r.peerMs ? `   ${r.peer} ${median(r.peerMs).toFixed(0)} ms (${(median(r.peerMs) / median(r.ms)).toFixed(1)}× ours)` : '';
    console.log(`${r.name.padEnd(82)} ${median(r.ms).toFixed(1)} ms (${range})${peer}${r.target ? `   target ${r.target}: ${r.pass ? 'pass' : 'MISS'}` : ''}`);
  }
  mkdirSync(path.join(root, 'results'), { recursive: true });
  writeFileSync(path.join(root, 'results', 'lines.json'), JSON.stringify({ date: new Date().toISOString(), runs, edited, replaced, stored, rows }, null, 2));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
