// Unsaved edits for the engine's command line (`--edits EDITS.json`): a JSON array of steps
// applied in order to an edit journal over the file, so what the editor computes over an edited
// document can be checked from the shell against the same edits applied with other tools.
//   {"op": "insert",    "offset": N, "text": "…" | "hex": "0d0a"}
//   {"op": "overwrite", "offset": N, "text" | "hex"}
//   {"op": "delete",    "offset": N, "length": N}
//   {"op": "replace",   "offset": N, "length": N, "text" | "hex"}
//   {"op": "undo"} / {"op": "redo"}
// Text is UTF-8. A malformed file or a step outside the document is an EINVAL EngineError naming the step.
import * as fs from 'node:fs';
import { BaseReader, EditJournal } from '../extension/edits/editJournal';
import { EngineError } from '../extension/engine';

type Step = Record<string, unknown>;

function bytesOf(step: Step, i: number): Uint8Array {
  if (typeof step.text === 'string') return Buffer.from(step.text, 'utf8');
  if (typeof step.hex === 'string' && /^([0-9a-fA-F]{2})*$/.test(step.hex)) return Buffer.from(step.hex, 'hex');
  throw new EngineError('EINVAL', `edit ${i}: "text" (a string) or "hex" (pairs of hex digits) is needed`);
}

function count(step: Step, key: string, i: number): number {
  const v = step[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new EngineError('EINVAL', `edit ${i}: "${key}" must be a non-negative integer`);
  return v;
}

/** The journal over `base` after the steps of the JSON file `file`. */
export function applyEditsFile(base: BaseReader, file: string): { journal: EditJournal; steps: number } {
  let steps: unknown;
  try {
    steps = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new EngineError('EINVAL', `Cannot read the edits in ${file}: ${(e as Error).message}`);
  }
  if (!Array.isArray(steps)) throw new EngineError('EINVAL', `${file} must hold a JSON array of edits`);
  const journal = new EditJournal(base);
  steps.forEach((raw: unknown, i) => {
    if (typeof raw !== 'object' || raw === null) throw new EngineError('EINVAL', `edit ${i} is not an object`);
    const step = raw as Step;
    try {
      switch (step.op) {
        case 'insert':
          journal.insert(count(step, 'offset', i), bytesOf(step, i));
          break;
        case 'overwrite':
          journal.overwrite(count(step, 'offset', i), bytesOf(step, i));
          break;
        case 'delete':
          journal.delete(count(step, 'offset', i), count(step, 'length', i));
          break;
        case 'replace':
          journal.replace(count(step, 'offset', i), count(step, 'length', i), bytesOf(step, i));
          break;
        case 'undo':
          journal.undo();
          break;
        case 'redo':
          journal.redo();
          break;
        default:
          throw new EngineError('EINVAL', `edit ${i}: unknown op ${JSON.stringify(step.op)} (insert, overwrite, delete, replace, undo, redo)`);
      }
    } catch (e) {
      if (e instanceof RangeError) throw new EngineError('EINVAL', `edit ${i}: ${e.message}`);
      throw e;
    }
  });
  return { journal, steps: steps.length };
}
