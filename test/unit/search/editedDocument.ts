// Shared by the tests of search over edited documents: random edit sequences applied both to the
// real EditJournal (over a mapped file) and to a plain Buffer model, and a naive search of the
// model (the oracle).
import { EditJournal } from '../../../extension/edits/editJournal';
import type { MappedFile, SearchQuery } from '../../../extension/engine';
import { literalMask, Match, oracleBytes, oracleRegex } from '../native/support';

/** ASCII only, with a small alphabet so patterns match often, next to edits and across them. */
export function randomText(random: () => number, n: number, alphabet = 'abAB_ \n'): Buffer {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return Buffer.from(s, 'latin1');
}

/** Non-overlapping leftmost-first matches of `q` in `data` of a scan starting at `from`, found naively. */
export function oracle(data: Uint8Array, q: SearchQuery, from = 0): Match[] {
  if (q.kind === 'regex') return oracleRegex(data, q.pattern as string, !!q.ignoreCase, !!q.wholeWord, from);
  if (q.kind === 'hex') {
    const cells = (q.pattern as string).replace(/\s+/g, '').match(/../g)!;
    const value = cells.map((c) => (c === '??' ? 0 : parseInt(c, 16)));
    const mask = cells.map((c) => (c === '??' ? 0 : 0xff));
    return oracleBytes(data, value, mask, !!q.wholeWord, from);
  }
  const { value, mask } = literalMask(Buffer.from(q.pattern as string, 'latin1'), !!q.ignoreCase);
  return oracleBytes(data, value, mask, !!q.wholeWord, from);
}

/** What find-next answers (native/src/search/parallel_search.h): a scan from `from`, then from the start. */
export function oracleNext(data: Uint8Array, q: SearchQuery, from: number, wrap: boolean): Match | undefined {
  const found = oracle(data, q, from)[0];
  if (found || !wrap) return found;
  const first = oracle(data, q)[0];
  return first && first[0] < from ? first : undefined;
}

/**
 * What find-previous answers: the last match of a scan of the nearest window before `from` that
 * has one, windows growing from max(window, 4 KiB) and doubling as they walk back; wrapping, the
 * same from the end down to `from`.
 */
export function oraclePrevious(data: Uint8Array, q: SearchQuery, from: number, wrap: boolean, window = 1 << 20): Match | undefined {
  const end = data.length;
  const back = (low: number, limit: number): Match | undefined => {
    let step = Math.max(window, 4096);
    while (limit > low) {
      const start = limit - Math.min(step, limit - low);
      const inWindow = oracle(data, q, start).filter(([o]) => o < limit || (limit === end && o === end));
      if (inWindow.length > 0) return inWindow[inWindow.length - 1];
      limit = start;
      step = Math.min(step * 2, 64 << 20);
    }
    return undefined;
  };
  const found = back(0, from);
  if (found || !wrap) return found;
  return back(from, end) ?? oracle(data, q, end).find(([o]) => o === end);
}

export interface EditedDocument {
  journal: EditJournal;
  /** The same edits applied to a plain copy of the base. */
  model: Buffer;
  /** What was done, for failure messages. */
  log: string[];
}

/**
 * `edits` random edits — overwrite, insert, delete, replace, Replace All (same length and not),
 * undo and redo — through the real journal, mirrored in the model. `blockPieces` small puts
 * block seams everywhere.
 */
export function randomEdits(random: () => number, file: MappedFile, base: Buffer, edits: number, blockPieces = 4): EditedDocument {
  const journal = new EditJournal(file, { blockPieces });
  let model: Buffer = Buffer.from(base);
  const log: string[] = [];
  // Models before each applied step, for undo; and undone ones, for redo.
  const undo: Buffer[] = [];
  const redo: Buffer[] = [];
  const did = (before: Buffer, recorded: boolean) => {
    if (!recorded) return;
    undo.push(before);
    redo.length = 0;
  };
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (model.length + 1));
    const bytes = randomText(random, 1 + Math.floor(random() * 6));
    const kind = Math.floor(random() * 8);
    const before = model;
    if (kind === 0 && at < model.length) {
      const n = Math.min(bytes.length, model.length - at);
      log.push(`overwrite(${at}, ${JSON.stringify(bytes.toString('latin1', 0, n))})`);
      did(before, journal.overwrite(at, bytes.subarray(0, n)));
      model = Buffer.from(model);
      bytes.copy(model, at, 0, n);
    } else if (kind === 1) {
      log.push(`insert(${at}, ${JSON.stringify(bytes.toString('latin1'))})`);
      did(before, journal.insert(at, bytes));
      model = Buffer.concat([model.subarray(0, at), bytes, model.subarray(at)]);
    } else if (kind === 2) {
      const n = Math.min(Math.floor(random() * 8), model.length - at);
      log.push(`delete(${at}, ${n})`);
      did(before, journal.delete(at, n));
      model = Buffer.concat([model.subarray(0, at), model.subarray(at + n)]);
    } else if (kind === 3) {
      const n = Math.min(Math.floor(random() * 8), model.length - at);
      log.push(`replace(${at}, ${n}, ${JSON.stringify(bytes.toString('latin1'))})`);
      did(before, journal.replace(at, n, bytes));
      model = Buffer.concat([model.subarray(0, at), bytes, model.subarray(at + n)]);
    } else if (kind === 4 || kind === 5) {
      // Replace All of a short word: thousands of pieces, same length (kind 4) or not.
      const word = Buffer.from(['a', 'ab', 'b ', 'A'][Math.floor(random() * 4)], 'latin1');
      const by = kind === 4 ? randomText(random, word.length) : randomText(random, Math.floor(random() * 4));
      const offsets: number[] = [];
      for (let i = model.indexOf(word); i >= 0; i = model.indexOf(word, i + word.length)) if (random() < 0.7) offsets.push(i);
      log.push(`replaceAll(${JSON.stringify(word.toString('latin1'))} -> ${JSON.stringify(by.toString('latin1'))}, ${offsets.length})`);
      did(before, journal.replaceAll({ offsets, lengths: offsets.map(() => word.length) }, by));
      const parts: Buffer[] = [];
      let last = 0;
      for (const o of offsets) {
        parts.push(model.subarray(last, o), by);
        last = o + word.length;
      }
      parts.push(model.subarray(last));
      model = Buffer.concat(parts);
    } else if (kind === 6 && undo.length > 0) {
      log.push('undo');
      journal.undo();
      redo.push(model);
      model = undo.pop()!;
    } else if (kind === 7 && redo.length > 0) {
      log.push('redo');
      journal.redo();
      undo.push(model);
      model = redo.pop()!;
    }
  }
  return { journal, model, log };
}
