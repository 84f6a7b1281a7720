// The crash harness: a child process saves a known edit (in place, and separately by rewrite) and
// is killed with SIGKILL, many times, at random instants and at every kind of step; the parent
// then runs recovery, as opening the file would, and the file must be byte for byte the old
// content or the new content, never a mix, with no leftovers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EditJournal } from '../../../extension/edits/editJournal';
import { recoverFile } from '../../../extension/save/recovery';
import { MemoryBase, rng } from '../edits/support';
import { applyEdits, CrashMode, oldContent } from './crashScenario';
import { addonFile, repoRoot, tempDir } from './support';

const child = path.join(repoRoot, 'out', 'test', 'unit', 'save', 'crashChild.js');
const ITERATIONS = Number(process.env.LFE_CRASH_ITERATIONS ?? 100);

interface Run {
  lines: string[];
  ms: number;
  killed: boolean;
}

/** Runs the child; `killWhen` decides, per stdout line, whether to kill it now or after a delay. */
function runChild(mode: CrashMode | 'recover', file: string, pause: string, occurrence: number, killWhen: (line: string) => number | undefined): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const p = spawn(process.execPath, [child, addonFile, mode, file, pause, String(occurrence)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    let buffered = '';
    let killed = false;
    const kill = (): void => {
      killed = p.kill('SIGKILL') || killed;
    };
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (d: string) => {
      buffered += d;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        lines.push(line);
        const delay = killWhen(line);
        if (delay === 0) kill();
        else if (delay !== undefined) setTimeout(kill, delay);
      }
    });
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`crash child failed (${code ?? signal}): ${stderr}`));
      else resolve({ lines, ms: performance.now() - started, killed: signal === 'SIGKILL' });
    });
  });
}

function expectedNew(mode: CrashMode, old: Buffer): Buffer {
  const j = new EditJournal(new MemoryBase(old));
  applyEdits(j, mode);
  return Buffer.from(j.read(0, j.size));
}

for (const mode of ['inplace', 'rewrite'] as const) {
  test(`SIGKILL during a ${mode} save, ${ITERATIONS} times: after recovery the file is wholly old or wholly new`, async () => {
    const dir = tempDir(`lfe-crash-${mode}-`);
    const old = oldContent();
    const fresh = expectedNew(mode, old);
    assert.notEqual(old.length === fresh.length, mode === 'rewrite');

    // A full run lists the steps (to pick pause points among) and times the save.
    const calibration = path.join(dir, 'calibration.bin');
    fs.writeFileSync(calibration, old);
    let readyAt = 0;
    const full = await runChild(mode, calibration, 'list', 0, (line) => {
      if (line === 'ready') readyAt = performance.now();
      return undefined;
    });
    const saveMs = performance.now() - readyAt;
    assert.ok(fs.readFileSync(calibration).equals(fresh), 'an uninterrupted save gives the new content');
    const occurrences = full.lines.filter((l) => l.startsWith('step ')).map((l) => l.slice(5));
    assert.ok(occurrences.length > 10, `steps: ${occurrences.join(', ')}`);
    const kinds = [...new Set(occurrences)];

    const random = rng(mode === 'inplace' ? 17 : 71);
    const outcomes = { old: 0, new: 0 };
    const restoredCount = { restored: 0 };
    const killedAt = new Map<string, number>();
    for (let i = 0; i < ITERATIONS; i++) {
      const file = path.join(dir, `target-${i}.bin`);
      fs.writeFileSync(file, old);
      let run: Run;
      let where: string;
      if (i % 2 === 0) {
        // Pause at a chosen occurrence of a step, then kill: a kind of step first (so rare steps
        // such as the commit or the rename are hit as often as the many chunk writes), then one
        // of its occurrences.
        const step = kinds[Math.floor(random() * kinds.length)];
        const nth = 1 + Math.floor(random() * occurrences.filter((s) => s === step).length);
        where = `${step}#${nth}`;
        run = await runChild(mode, file, step, nth, (line) => (line === 'paused' ? 0 : undefined));
        assert.ok(run.killed, `iteration ${i}: the child was not paused at ${where}`);
        killedAt.set(step, (killedAt.get(step) ?? 0) + 1);
      } else {
        // Kill at a random instant of the save (sometimes after it finished).
        const delay = random() * saveMs * 1.3;
        where = `${delay.toFixed(1)} ms after ready`;
        run = await runChild(mode, file, '', 0, (line) => (line === 'ready' ? Math.max(1, delay) : undefined));
        killedAt.set('random', (killedAt.get('random') ?? 0) + 1);
      }
      const report = recoverFile(file);
      if (report.outcome.status === 'restored') restoredCount.restored++;
      assert.ok(report.outcome.status === 'clean' || report.outcome.status === 'restored', `iteration ${i} (${where}): recovery ${JSON.stringify(report.outcome)}`);
      const now = fs.readFileSync(file);
      const isOld = now.equals(old);
      const isNew = now.equals(fresh);
      assert.ok(isOld || isNew, `iteration ${i} (killed at ${where}): the file is neither the old nor the new content`);
      if (isOld) outcomes.old++;
      else outcomes.new++;
      assert.deepEqual(fs.readdirSync(dir).filter((n) => n !== 'calibration.bin' && n !== path.basename(file) && !/^target-\d+\.bin$/.test(n)), [], `iteration ${i}: leftovers after recovery`);
      fs.unlinkSync(file);
    }
    console.log(`${mode}: save ${saveMs.toFixed(1)} ms; ${ITERATIONS} kills (${[...killedAt].map(([k, v]) => `${k} ${v}`).join(', ')}) → ${outcomes.old} old, ${outcomes.new} new; ${restoredCount.restored} restored from a journal`);
    assert.ok(outcomes.old > 0 && outcomes.new > 0, 'kills landed both before and after the commit point');
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

test('SIGKILL during recovery itself: recovery run again still gives the wholly old file', async () => {
  const dir = tempDir('lfe-crash-recover-');
  const old = oldContent();
  const fresh = expectedNew('inplace', old);
  const random = rng(5);
  const iterations = Math.max(10, Math.round(ITERATIONS / 4));
  let restoreKills = 0;
  for (let i = 0; i < iterations; i++) {
    const file = path.join(dir, `target-${i}.bin`);
    fs.writeFileSync(file, old);
    // A save killed half way through its writes leaves a committed journal and a mixed file.
    const writes = 1 + Math.floor(random() * 39); // of 40: the last would leave the new content
    const save = await runChild('inplace', file, 'write-chunk', writes, (line) => (line === 'paused' ? 0 : undefined));
    assert.ok(save.killed);
    const mixed = fs.readFileSync(file);
    assert.ok(!mixed.equals(old) && !mixed.equals(fresh), `iteration ${i}: the killed save left a mix to recover from`);
    // Recovery is killed too, after some of its chunks.
    const recover = await runChild('recover', file, 'restore-chunk', 1 + Math.floor(random() * 40), (line) => (line === 'paused' ? 0 : undefined));
    if (recover.killed) restoreKills++;
    const report = recoverFile(file);
    assert.ok(['restored', 'clean'].includes(report.outcome.status), JSON.stringify(report.outcome));
    assert.ok(fs.readFileSync(file).equals(old), `iteration ${i}: not the old content after recovery`);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => !/^target-\d+\.bin$/.test(n)), []);
    fs.unlinkSync(file);
  }
  console.log(`recovery killed ${restoreKills} of ${iterations} times; the file was the old content every time`);
  assert.ok(restoreKills > iterations / 2);
  fs.rmSync(dir, { recursive: true, force: true });
});
