// Memory of the host's edit paths on the 2 GB benchmark log: pasting 100 MB (encoded from the
// clipboard's text, inserted into the edit journal, then saved by streaming a temp file) and
// Replace All of millions of matches (kept as one undo step, then saved in place).
// The figure is the process's anonymous memory (heap and arrays; the mapped file's pages are
// page cache, not counted) above what it was before the operation, at its peak. Median of --runs.
//   node out/bench/editMemory.js [--runs 5] [--size 2000000000]   (each measurement in a child with --expose-gc)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EditJournal } from '../extension/edits/editJournal';
import { openMappedFile } from '../extension/engine';
import { saveInPlaceAsync, saveRewrite } from '../extension/save';
import { encodeText } from '../extension/search/findQuery';
import { replaceAll } from '../extension/search/replaceService';
import { anonymousBytes, benchmarkLog, median, option, root, useBuiltAddon } from './support';

const runs = Math.max(1, Number(option('runs', '5')));
const size = Number(option('size', '2000000000'));
const PASTE_BYTES = 100 * 2 ** 20;
const MiB = 2 ** 20;

useBuiltAddon();

function gc(): void {
  if (typeof global.gc === 'function') global.gc();
}

/** Lets V8 finish freeing array memory (it sweeps array buffers in the background) before a reading. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Samples anonymous memory every few ms (and whenever `mark` is called) above a baseline. */
class PeakMeter {
  private readonly baseline: number;
  private readonly liveBaseline: number;
  private peak: number;
  private readonly timer: NodeJS.Timeout;
  /** `from`: keep measuring against another meter's baseline (a later phase of the same operation). */
  constructor(from?: PeakMeter) {
    if (!from) gc();
    this.baseline = from ? from.baseline : anonymousBytes();
    this.peak = this.baseline;
    const m = process.memoryUsage();
    this.liveBaseline = from ? from.liveBaseline : m.heapUsed + m.arrayBuffers;
    this.timer = setInterval(() => this.mark(), 10);
  }
  mark(): void {
    this.peak = Math.max(this.peak, anonymousBytes());
  }
  now(): number {
    return anonymousBytes() - this.baseline;
  }
  /** Bytes of live objects and arrays above the baseline's (freed memory the allocator keeps does not count). */
  live(): number {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers - this.liveBaseline;
  }
  stop(): number {
    clearInterval(this.timer);
    this.mark();
    return this.peak - this.baseline;
  }
}

interface PasteRun {
  /** Peak above the baseline while encoding and inserting the text (the text itself already existed). */
  insertPeak: number;
  /** Live memory held once the paste is an undo step (after a garbage collection). */
  held: number;
  /** Peak above what the paste holds while Save streams the 2.1 GB result through a temp file. */
  savePeak: number;
  saveSeconds: number;
}

async function pasteAndSave(file: string): Promise<PasteRun> {
  // The clipboard's text, as vscode.env.clipboard.readText() hands it over: lines of a log.
  const line = 'pasted 2026-11-26T12:00:00Z worker-7 request 1234 took 56ms\n';
  const text = line.repeat(Math.ceil(PASTE_BYTES / line.length)).slice(0, PASTE_BYTES);
  const base = openMappedFile(file, 'read');
  try {
    const journal = new EditJournal(base);
    const meter = new PeakMeter();
    // What the editor session does with a paste: encode, then one journal edit.
    journal.replace(Math.floor(base.size / 2), 0, encodeText(text, 'utf-8'), true);
    const insertPeak = meter.stop();
    await settle();
    const held = meter.live();
    const saveMeter = new PeakMeter();
    const t0 = process.hrtime.bigint();
    await saveRewrite(file, journal.snapshot(), {});
    const saveSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const savePeak = saveMeter.stop();
    return { insertPeak, held, savePeak, saveSeconds };
  } finally {
    base.close();
  }
}

interface ReplaceRun {
  count: number;
  /** Peak above the baseline while searching and building the one undo step. */
  peak: number;
  /** Live memory the step holds (after a garbage collection). */
  held: number;
  /** Peak above the baseline from the start of Replace All to the end of the in-place save. */
  savePeak: number;
}

/** Replace All on `file` (a copy: it is saved in place), then Save, as the editor runs them. */
async function replaceAllMemory(file: string, word: string, replacement: string): Promise<ReplaceRun> {
  const base = openMappedFile(file, 'read');
  try {
    const journal = new EditJournal(base);
    const meter = new PeakMeter();
    const r = await replaceAll(journal, base, { pattern: word, mode: 'text', matchCase: true, wholeWord: false }, replacement, 'utf-8');
    if (typeof r === 'string') throw new Error(r);
    const peak = meter.stop();
    await settle();
    const held = meter.live();
    // As the editor saves: pausing between batches (the sampler runs then), its steps take readings too.
    const saveMeter = new PeakMeter(meter);
    await saveInPlaceAsync(file, journal, { hooks: { step: () => saveMeter.mark() } });
    return { count: r.count, peak, held, savePeak: Math.max(peak, saveMeter.stop()) };
  } finally {
    base.close();
  }
}

/** One scenario per child process: freed memory is not always returned to the system, so a run after another would start from a muddied baseline. */
function inChild<T>(scenario: string, file: string): T {
  const r = spawnSync(process.execPath, ['--expose-gc', __filename, '--scenario', scenario, '--file', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${scenario} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as T;
}

async function main(): Promise<void> {
  const scenario = option('scenario', '');
  if (scenario) {
    const file = option('file', '');
    const result = scenario === 'paste' ? await pasteAndSave(file) : await replaceAllMemory(file, 'request', 'REQUEST');
    console.log(JSON.stringify(result));
    return;
  }
  const source = benchmarkLog(size);
  const work = path.join(root, '.cache', 'bench-edit-memory');
  mkdirSync(work, { recursive: true });
  const copy = path.join(work, 'edited.log');
  const pastes: PasteRun[] = [];
  const replaces: ReplaceRun[] = [];
  for (let run = 0; run < runs; run++) {
    copyFileSync(source, copy);
    pastes.push(inChild<PasteRun>('paste', copy));
    copyFileSync(source, copy);
    replaces.push(inChild<ReplaceRun>('replace', copy));
  }
  rmSync(work, { recursive: true, force: true });
  const mib = (xs: number[]) => `${(median(xs) / MiB).toFixed(1)} MiB (${(Math.min(...xs) / MiB).toFixed(1)}–${(Math.max(...xs) / MiB).toFixed(1)})`;
  console.log(`\nEdit memory — ${(size / 1e9).toFixed(2)} GB log, median of ${runs} runs (anonymous memory above the baseline)\n`);
  console.log(`paste 100 MiB: insert peak ${mib(pastes.map((p) => p.insertPeak))}, held ${mib(pastes.map((p) => p.held))}; save (streams ${((size + PASTE_BYTES) / 1e9).toFixed(2)} GB) peak +${mib(pastes.map((p) => p.savePeak))} in ${median(pastes.map((p) => p.saveSeconds)).toFixed(2)} s`);
  console.log(`replace all "request" (${replaces[0].count.toLocaleString('en-US')} matches, one undo step): peak ${mib(replaces.map((r) => r.peak))}, held ${mib(replaces.map((r) => r.held))}; with the in-place save, peak ${mib(replaces.map((r) => r.savePeak))}`);
  mkdirSync(path.join(root, 'results'), { recursive: true });
  writeFileSync(path.join(root, 'results', 'edit-memory.json'), JSON.stringify({ date: new Date().toISOString(), bytes: size, runs, pasteBytes: PASTE_BYTES, pastes, replaces }, null, 2));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
