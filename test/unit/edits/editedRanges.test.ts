// The marks of changed bytes come from the journal's pieces: checked against a plain Buffer model
// that remembers which bytes were written since the start (a byte typed, even with its old value,
// counts as changed), through overwrites, inserts and deletes. (That a save clears them is the e2e hex-editing test's.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditJournal } from '../../../extension/edits/editJournal';
import { editedRanges } from '../../../extension/edits/editedRanges';
import { MemoryBase, rng } from './support';

test('edited ranges follow overwrites, inserts and deletes, merged and clipped to the range asked', () => {
  const random = rng(21);
  const base = new Uint8Array(5000).map((_, i) => i & 0xff);
  const journal = new EditJournal(new MemoryBase(base), { blockPieces: 8 });
  // The model: for each byte of the document, whether it was written.
  let written: boolean[] = new Array(base.length).fill(false);
  for (let step = 0; step < 300; step++) {
    const size = journal.size;
    const at = Math.floor(random() * size);
    const n = 1 + Math.floor(random() * 20);
    const kind = random();
    if (kind < 0.5) {
      const len = Math.min(n, size - at);
      if (len <= 0) continue;
      journal.overwrite(at, new Uint8Array(len).fill(7));
      for (let i = at; i < at + len; i++) written[i] = true;
    } else if (kind < 0.8) {
      journal.insert(at, new Uint8Array(n).fill(9));
      written = [...written.slice(0, at), ...new Array(n).fill(true), ...written.slice(at)];
    } else {
      const len = Math.min(n, size - at);
      if (len <= 0) continue;
      journal.delete(at, len);
      written = [...written.slice(0, at), ...written.slice(at + len)];
    }
    const from = Math.floor(random() * journal.size);
    const to = Math.min(journal.size, from + Math.floor(random() * 2000));
    const expected: number[] = [];
    for (let i = from; i < to; i++) {
      if (!written[i]) continue;
      if (expected.length > 0 && expected[expected.length - 1] === i) expected[expected.length - 1] = i + 1;
      else expected.push(i, i + 1);
    }
    assert.deepEqual(editedRanges(journal.pieceTable, from, to, 1e9), expected, `step ${step}: [${from}, ${to})`);
  }
  // At most `max` ranges.
  const all = editedRanges(journal.pieceTable, 0, journal.size, 1e9);
  assert.ok(all.length > 6);
  assert.deepEqual(editedRanges(journal.pieceTable, 0, journal.size, 3), all.slice(0, 6));
});
