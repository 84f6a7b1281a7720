// Bookmarks follow their bytes through random edit sequences, undo and redo included, checked
// against an independent model in which the document is a list of byte identities: a bookmark
// sits on one, an edit keeps the bytes it overwrites, removes the ones it deletes (their
// bookmarks go to the byte after the edit) and makes new ones for what it inserts; undo and
// redo bring back the exact lists of before and after. The real model works on offsets and the
// edit journal's change events instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditJournal } from '../../../extension/edits/editJournal';
import { BookmarkModel } from '../../../extension/bookmarks/bookmarkModel';
import { MemoryBase, randomBytes, rng } from '../edits/support';

const END = -1;

interface Range {
  offset: number;
  length: number;
  replaced: number;
}

interface OracleStep {
  before: number[];
  after: number[];
  /** Marks the step moved off deleted bytes: their byte before it, and the one it moved them to. */
  moved: Map<number, number>;
  movedTo: Map<number, number>;
  /** Marks there were when the step was made. */
  known: Set<number>;
  ranges: Range[];
  replaceAll: boolean;
}

/** The document as byte identities, with marks on them (END: past the last byte). */
class Oracle {
  cells: number[];
  private nextCell: number;
  readonly marks = new Map<number, number>();
  private readonly steps: OracleStep[] = [];
  private applied = 0;

  constructor(size: number) {
    this.cells = Array.from({ length: size }, (_, i) => i);
    this.nextCell = size;
  }

  offsetOf(mark: number): number {
    const cell = this.marks.get(mark)!;
    return cell === END ? this.cells.length : this.cells.indexOf(cell);
  }

  cellAt(offset: number): number {
    return offset >= this.cells.length ? END : this.cells[offset];
  }

  /** Replaces each range [offset, offset + length) by `replaced` bytes, as one step. */
  edit(ranges: Range[], replaceAll = false): void {
    const before = this.cells;
    const after: number[] = [];
    const moved = new Map<number, number>();
    const movedTo = new Map<number, number>();
    const successors: { deleted: Set<number>; successorAt: number }[] = [];
    let pos = 0;
    for (const r of ranges) {
      after.push(...before.slice(pos, r.offset));
      const kept = Math.min(r.length, r.replaced);
      after.push(...before.slice(r.offset, r.offset + kept));
      for (let i = kept; i < r.replaced; i++) after.push(this.nextCell++);
      successors.push({ deleted: new Set(before.slice(r.offset + kept, r.offset + r.length)), successorAt: after.length });
      pos = r.offset + r.length;
    }
    after.push(...before.slice(pos));
    for (const s of successors) {
      for (const [mark, cell] of this.marks) {
        if (!s.deleted.has(cell)) continue;
        moved.set(mark, cell);
        movedTo.set(mark, s.successorAt < after.length ? after[s.successorAt] : END);
        this.marks.set(mark, movedTo.get(mark)!);
      }
    }
    this.cells = after;
    this.steps.length = this.applied;
    this.steps.push({ before, after, moved, movedTo, known: new Set(this.marks.keys()), ranges, replaceAll });
    this.applied++;
  }

  undo(): void {
    if (this.applied === 0) return;
    const step = this.steps[--this.applied];
    this.swap(step, step.before, step.after, true);
  }

  redo(): void {
    if (this.applied === this.steps.length) return;
    const step = this.steps[this.applied++];
    this.swap(step, step.after, step.before, false);
  }

  private swap(step: OracleStep, to: number[], from: number[], undo: boolean): void {
    const present = new Set(to);
    const span = spanOf(step.ranges, undo);
    for (const [mark, cell] of [...this.marks]) {
      if (step.moved.has(mark)) {
        // Back on its byte (undo), or off it again as the edit moved it (redo).
        this.marks.set(mark, (undo ? step.moved : step.movedTo).get(mark)!);
        continue;
      }
      const at = cell === END ? from.length : from.indexOf(cell);
      if (step.replaceAll && !step.known.has(mark) && at >= span.start && at < span.start + span.from) {
        // Documented: a bookmark set inside a Replace All's span after it stays at its offset.
        const offset = at - span.start < span.to ? at : span.start + span.to;
        this.marks.set(mark, offset < to.length ? to[offset] : END);
        continue;
      }
      if (cell === END || present.has(cell)) continue;
      // Its byte was made by the step (undo) or removed by it (redo): the byte after the change.
      const r = step.ranges[0];
      const successor = undo ? r.offset + r.length : r.offset + r.replaced;
      this.marks.set(mark, successor < to.length ? to[successor] : END);
    }
    this.cells = to;
  }
}

/** The span a step changed: where it starts, its length in the content a swap leaves (`to`) and in the one it replaces (`from`). */
function spanOf(ranges: Range[], undo: boolean): { start: number; to: number; from: number } {
  const first = ranges[0];
  const last = ranges[ranges.length - 1];
  let growth = 0;
  for (const r of ranges) growth += r.replaced - r.length;
  const oldLength = last.offset + last.length - first.offset;
  const newLength = oldLength + growth;
  return { start: first.offset, to: undo ? oldLength : newLength, from: undo ? newLength : oldLength };
}

function offsets(model: BookmarkModel): Map<number, number> {
  return new Map(model.list().map((b) => [b.id, b.offset]));
}

test('bookmarks follow random edits, undo and redo as an identity model of the bytes says', () => {
  for (let round = 0; round < 300; round++) {
    const random = rng(1000 + round);
    const size = 1 + Math.floor(random() * 60);
    const journal = new EditJournal(new MemoryBase(randomBytes(random, size, 4)));
    const model = new BookmarkModel();
    journal.onChange((c) => model.applyChange(c));
    const oracle = new Oracle(size);
    const log: string[] = [];
    for (let op = 0; op < 40; op++) {
      const r = random();
      const n = journal.size;
      const at = Math.floor(random() * (n + 1));
      if (r < 0.2) {
        const b = model.add(at);
        if (b) oracle.marks.set(b.id, oracle.cellAt(at));
        log.push(`mark ${at}`);
      } else if (r < 0.35) {
        const bytes = randomBytes(random, 1 + Math.floor(random() * 5), 4);
        journal.insert(at, bytes);
        oracle.edit([{ offset: at, length: 0, replaced: bytes.length }]);
        log.push(`insert ${at} ${bytes.length}`);
      } else if (r < 0.5) {
        const len = Math.min(n - at, 1 + Math.floor(random() * 6));
        if (len > 0) {
          journal.delete(at, len);
          oracle.edit([{ offset: at, length: len, replaced: 0 }]);
          log.push(`delete ${at} ${len}`);
        }
      } else if (r < 0.6) {
        const bytes = randomBytes(random, 1 + Math.floor(random() * 4), 4);
        const removed = Math.min(bytes.length, n - at);
        journal.overwrite(at, bytes);
        oracle.edit([{ offset: at, length: removed, replaced: bytes.length }]);
        log.push(`overwrite ${at} ${bytes.length}`);
      } else if (r < 0.7) {
        const len = Math.min(n - at, Math.floor(random() * 6));
        const bytes = randomBytes(random, Math.floor(random() * 6), 4);
        if (len > 0 || bytes.length > 0) {
          journal.replace(at, len, bytes);
          oracle.edit([{ offset: at, length: len, replaced: bytes.length }]);
          log.push(`replace ${at} ${len} ${bytes.length}`);
        }
      } else if (r < 0.77 && n > 4) {
        // A Replace All of a few sorted, disjoint ranges with one replacement.
        const ranges: Range[] = [];
        const replacement = randomBytes(random, Math.floor(random() * 4), 4);
        for (let p = Math.floor(random() * 3); p < n; p += 2 + Math.floor(random() * 8)) {
          const length = Math.min(n - p, 1 + Math.floor(random() * 3));
          ranges.push({ offset: p, length, replaced: replacement.length });
          p += length;
        }
        if (ranges.length > 0) {
          journal.replaceAll({ offsets: ranges.map((x) => x.offset), lengths: ranges.map((x) => x.length) }, replacement);
          oracle.edit(ranges, true);
          log.push(`replaceAll ${JSON.stringify(ranges)}`);
        }
      } else if (r < 0.9) {
        journal.undo();
        oracle.undo();
        log.push('undo');
      } else {
        journal.redo();
        oracle.redo();
        log.push('redo');
      }
      assert.equal(oracle.cells.length, journal.size, 'the oracle follows the journal');
      const expected = new Map([...oracle.marks.keys()].map((id) => [id, oracle.offsetOf(id)]));
      assert.deepEqual(offsets(model), expected, `round ${round} after ${log.join('; ')}`);
    }
  }
});
