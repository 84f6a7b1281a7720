// The edits file of the engine's command line (`--edits EDITS.json`): operations applied in order
// through the real EditJournal (and Replace All through the host's own replace path), so a search
// over an edited document can be run from the shell and checked against ripgrep on the
// materialized result (`engine materialize --edits EDITS.json FILE OUT`).
//
// The file holds an array of operations (or {"edits": [...]}); bytes are "text" (UTF-8) or "hex":
//   {"op": "overwrite", "offset": 10, "text": "abc"}
//   {"op": "insert", "offset": 0, "hex": "0d0a"}
//   {"op": "delete", "offset": 5, "length": 3}
//   {"op": "replace", "offset": 5, "length": 3, "text": "xyz"}
//   {"op": "replaceAll", "pattern": "request", "replacement": "REQUEST",
//    "mode": "text" | "regex" | "hex", "matchCase": true, "wholeWord": false}   ($1 etc. in regex mode)
//   {"op": "undo"}, {"op": "redo"}
import { readFileSync } from 'node:fs';
import { EditJournal } from '../extension/edits/editJournal';
import { EngineError, MappedFile } from '../extension/engine';
import { documentSearch } from '../extension/search/documentSearch';
import { replaceAll } from '../extension/search/replaceService';
import type { FindQuery } from '../shared/protocol';

type Operation = Record<string, unknown>;

function invalid(index: number, what: string): EngineError {
  return new EngineError('EINVAL', `edits[${index}]: ${what}`);
}

function integer(op: Operation, name: string, index: number): number {
  const v = op[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalid(index, `"${name}" must be a non-negative integer`);
  return v;
}

function bytes(op: Operation, index: number): Uint8Array {
  if (typeof op.text === 'string') return new Uint8Array(Buffer.from(op.text, 'utf8'));
  if (typeof op.hex === 'string' && /^([0-9a-fA-F]{2})*$/.test(op.hex.replace(/\s+/g, ''))) return new Uint8Array(Buffer.from(op.hex.replace(/\s+/g, ''), 'hex'));
  throw invalid(index, 'needs "text" or "hex" (pairs of hex digits)');
}

/** Reads the operations of an edits file. Throws EngineError EINVAL (with the operation's index) for anything malformed. */
export function readEditsFile(file: string): Operation[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new EngineError('EINVAL', `Cannot read the edits file '${file}': ${(e as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { edits?: unknown })?.edits;
  if (!Array.isArray(list)) throw new EngineError('EINVAL', `The edits file '${file}' must hold an array of operations (or {"edits": [...]})`);
  list.forEach((op, i) => {
    if (typeof op !== 'object' || op === null || typeof (op as Operation).op !== 'string') throw invalid(i, 'must be an object with an "op"');
  });
  return list as Operation[];
}

/** Applies the operations to a new journal over `file`, in order; returns it. Throws EngineError. */
export async function applyEdits(file: MappedFile, operations: Operation[]): Promise<EditJournal> {
  const journal = new EditJournal(file);
  for (const [i, op] of operations.entries()) {
    const within = (offset: number) => {
      if (offset > journal.size) throw invalid(i, `offset ${offset} is past the end of the document (${journal.size} bytes)`);
      return offset;
    };
    switch (op.op) {
      case 'overwrite':
        journal.overwrite(within(integer(op, 'offset', i)), bytes(op, i));
        break;
      case 'insert':
        journal.insert(within(integer(op, 'offset', i)), bytes(op, i));
        break;
      case 'delete':
        journal.delete(within(integer(op, 'offset', i)), integer(op, 'length', i));
        break;
      case 'replace':
        journal.replace(within(integer(op, 'offset', i)), integer(op, 'length', i), bytes(op, i));
        break;
      case 'replaceAll': {
        if (typeof op.pattern !== 'string' || typeof op.replacement !== 'string') throw invalid(i, 'replaceAll needs "pattern" and "replacement" strings');
        const mode = op.mode ?? 'text';
        if (mode !== 'text' && mode !== 'regex' && mode !== 'hex') throw invalid(i, '"mode" is text, regex or hex');
        const find: FindQuery = { pattern: op.pattern, mode, matchCase: op.matchCase !== false, wholeWord: op.wholeWord === true };
        const r = await replaceAll(journal, documentSearch(journal, file), find, op.replacement, 'utf-8');
        if (typeof r === 'string') throw invalid(i, r);
        break;
      }
      case 'undo':
        journal.undo();
        break;
      case 'redo':
        journal.redo();
        break;
      default:
        throw invalid(i, `unknown op "${String(op.op)}" (overwrite, insert, delete, replace, replaceAll, undo, redo)`);
    }
  }
  return journal;
}
