// Child process of the crash harness: opens the file, applies the known edits and saves them,
// reporting on stdout. The parent kills it with SIGKILL at a random instant, or at a chosen step
// where it pauses. Not a test itself.
// argv: <addon> <inplace|rewrite|recover> <file> <pause step | "" | "list"> <occurrence>
// `recover` runs recovery of a file a killed in-place save left behind (to kill recovery too).
import * as fs from 'node:fs';
import { EditJournal } from '../../../extension/edits/editJournal';
import { openMappedFile, setAddonPath } from '../../../extension/engine';
import { saveInPlace } from '../../../extension/save/inPlaceSave';
import { recoverFile } from '../../../extension/save/recovery';
import { saveRewrite } from '../../../extension/save/rewriteSave';
import type { SaveHooks } from '../../../extension/save/saveHooks';
import { applyEdits, CRASH_CHUNK, CrashMode } from './crashScenario';

const say = (line: string): void => void fs.writeSync(1, line + '\n');

async function main(): Promise<void> {
  const [addon, mode, file, pauseStep, occurrence] = process.argv.slice(2) as [string, CrashMode | 'recover', string, string, string];
  setAddonPath(addon);
  const seen = new Map<string, number>();
  const hooks: SaveHooks = {
    step(name) {
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      if (pauseStep === 'list') say(`step ${name}`);
      if (name === pauseStep && n === Number(occurrence)) {
        say('paused');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000); // until killed
      }
    },
  };
  if (mode === 'recover') {
    say('ready');
    say(`recovered ${recoverFile(file, hooks).outcome.status}`);
    return;
  }
  const base = openMappedFile(file, 'read');
  const journal = new EditJournal(base);
  applyEdits(journal, mode);
  say('ready');
  if (mode === 'inplace') saveInPlace(file, journal, { hooks, batchRanges: 1 }); // a batch per edit: many points to stop at
  else await saveRewrite(file, journal, { hooks, chunkSize: CRASH_CHUNK });
  base.close();
  say('done');
}

void main();
