// Bookmarks are stored against the file on disk, not the document with its unsaved edits: closed
// without saving, the file still has them where its own bytes are; reopened with the edits
// (a hot-exit backup), they are mapped back through them. One pass over the journal's unchanged
// runs (EditJournal.baseSegments: in document order, and in file order too, since edits only cut
// and insert) for all the offsets.
import type { EditJournal } from '../edits/editJournal';

/**
 * Maps sorted offsets through the unchanged runs, from one side (`from`: each run's start there)
 * to the other (`to`): an offset inside a run keeps its distance from the run's start; one
 * between runs goes to where the next run starts; one past them all to `end`.
 */
function throughRuns(journal: EditJournal, offsets: readonly number[], from: 'offset' | 'baseOffset', to: 'offset' | 'baseOffset', end: number): number[] {
  const out = offsets.map(() => end);
  let i = 0;
  for (const seg of journal.baseSegments()) {
    for (; i < offsets.length && offsets[i] < seg[from] + seg.length; i++) {
      out[i] = offsets[i] < seg[from] ? seg[to] : seg[to] + (offsets[i] - seg[from]);
    }
    if (i === offsets.length) break;
  }
  return out;
}

/**
 * Document offsets (sorted) as offsets of the base file: a byte the file has, where it is there;
 * an inserted byte, where the insertion is (the file's next byte).
 */
export function documentToBase(journal: EditJournal, offsets: readonly number[]): number[] {
  return throughRuns(journal, offsets, 'offset', 'baseOffset', journal.base.size);
}

/**
 * Base file offsets (sorted) as document offsets: a byte still there, where it is now; a deleted
 * byte, where the first byte after it that is still there is now (or the document's end).
 */
export function baseToDocument(journal: EditJournal, offsets: readonly number[]): number[] {
  return throughRuns(journal, offsets, 'baseOffset', 'offset', journal.size);
}
