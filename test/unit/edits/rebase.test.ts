// Undo across a save that rewrites the file: after random edits (inserts and deletes included),
// a rewrite save replaces the old file with the current content; the history is re-pointed onto
// the new file and every undo and redo gives back, byte for byte, the states a plain Buffer
// model went through — without reading the old file again after it was replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditJournal } from '../../../extension/edits/editJournal';
import type { ByteReader } from '../../../extension/reader';
import { MemoryBase, randomBytes, rng } from './support';

/** A base that can be retired: reads after `retire()` fail, as a replaced file's would matter. */
class RetiringBase extends MemoryBase {
  retired = false;
  override read(offset: number, length: number): Uint8Array {
    if (this.retired) throw new Error('the old file was read after it was replaced');
    return super.read(offset, length);
  }
}

/** What a rewrite save does to the journal: copy what the history needs, write, switch base. */
function rewriteSave(j: EditJournal): { old: RetiringBase; next: MemoryBase } {
  const old = j.base as RetiringBase;
  j.preserveHistoryForRewrite();
  const next = new MemoryBase(j.read(0, j.size));
  old.retired = true;
  j.rebase(next);
  return { old, next };
}

const text = (u: Uint8Array): string => Buffer.from(u).toString('latin1');

for (const seed of [1, 2, 3, 4, 5, 6]) {
  for (const blockPieces of [3, 512]) {
    test(`undo and redo across rewrite saves, random edits, seed ${seed}, ${blockPieces} pieces per block`, () => {
      const random = rng(seed);
      const original = randomBytes(random, 2000 + Math.floor(random() * 3000), 26).map((x) => x + 97);
      let base: ByteReader = new RetiringBase(original);
      const j = new EditJournal(base, { blockPieces });
      /** The content after each applied step: states[k] is the document with k steps applied. */
      const states: string[] = [text(original)];
      let model = text(original);
      let saves = 0;
      for (let n = 0; n < 120; n++) {
        const r = random();
        const at = Math.floor(random() * (model.length + 1));
        if (r < 0.1 && j.canUndo) {
          j.undo();
          states.pop();
          model = states[states.length - 1];
          // A new edit after an undo drops the redo branch; the model keeps only applied states.
        } else if (r < 0.35) {
          const bytes = randomBytes(random, 1 + Math.floor(random() * 40), 26).map((x) => x + 65);
          j.insert(at, bytes);
          model = model.slice(0, at) + text(bytes) + model.slice(at);
          states.push(model);
        } else if (r < 0.6 && model.length > 0) {
          const length = Math.min(model.length - at, 1 + Math.floor(random() * 300));
          if (length <= 0) continue;
          j.delete(at, length);
          model = model.slice(0, at) + model.slice(at + length);
          states.push(model);
        } else if (r < 0.7 && model.length > 20) {
          // Replace All: its undo step keeps the unchanged runs between matches, which the
          // document still holds: the save must move them, not copy them.
          const offsets: number[] = [];
          const lengths: number[] = [];
          for (let o = Math.floor(random() * 10); o < model.length - 3; o += 3 + Math.floor(random() * 60)) {
            offsets.push(o);
            lengths.push(1 + Math.floor(random() * 3));
          }
          const replacement = randomBytes(random, Math.floor(random() * 4), 10).map((x) => x + 48);
          j.replaceAll({ offsets, lengths }, replacement);
          let next = '';
          let last = 0;
          offsets.forEach((o, i) => {
            next += model.slice(last, o) + text(replacement);
            last = o + lengths[i];
          });
          model = next + model.slice(last);
          states.push(model);
        } else if (r < 0.85 && at < model.length) {
          const bytes = randomBytes(random, 1 + Math.floor(random() * 30), 10).map((x) => x + 48);
          j.overwrite(at, bytes);
          model = model.slice(0, at) + text(bytes) + model.slice(at + bytes.length); // past the end it extends
          states.push(model);
        } else {
          // A rewrite save (or an in-place one, when nothing moved: the history survives both).
          const { old, next } = rewriteSave(j);
          assert.equal(old.retired, true);
          base = next;
          saves++;
        }
        assert.equal(text(j.read(0, j.size)), model, `content after step ${n}`);
      }
      const { next } = rewriteSave(j);
      saves++;
      assert.equal(text(next.bytes), model);
      // Every state back, in order, reading only the new file and the add buffer.
      const applied = states.length - 1;
      for (let k = applied - 1; k >= 0; k--) {
        assert.equal(j.undo(), true, `undo ${applied - k}`);
        assert.equal(text(j.read(0, j.size)), states[k], `undo to state ${k} (after ${saves} saves)`);
      }
      assert.equal(j.undo(), false);
      for (let k = 1; k <= applied; k++) {
        assert.equal(j.redo(), true);
        assert.equal(text(j.read(0, j.size)), states[k], `redo to state ${k}`);
      }
    });
  }
}

test('a rewrite save copies only the bytes the history needs that the new file lacks', () => {
  const original = new Uint8Array(1 << 20).fill(0x61);
  const j = new EditJournal(new RetiringBase(original));
  j.insert(10, new Uint8Array([0x42, 0x43])); // nothing removed: no copy needed
  j.delete(1000, 5000); // 5000 base bytes leave the document
  j.overwrite(500_000, new Uint8Array(300).fill(0x7a)); // 300 more
  assert.equal(j.historyBytesMissingFromContent(), 5300);
  const added = j.addedBytes;
  j.preserveHistoryForRewrite();
  // The copies land in the add buffer (chunked: at least the 5300 bytes).
  assert.ok(j.addedBytes - added >= 5300 && j.addedBytes - added <= 5300 + (1 << 20), `copied ${j.addedBytes - added}`);
  const next = new MemoryBase(j.read(0, j.size));
  (j.base as RetiringBase).retired = true;
  j.rebase(next);
  assert.equal(j.historyBytesMissingFromContent(), 0);
  assert.equal(j.lengthPreserving, true);
  j.undo();
  j.undo();
  j.undo();
  assert.deepEqual(j.read(0, j.size), original);
});

test('after Replace All and an insert before it, a rewrite save moves the unchanged runs the undo step holds', () => {
  const original = new Uint8Array(Buffer.from('aXbXcXdXe'.repeat(1000), 'latin1'));
  const j = new EditJournal(new RetiringBase(original), { blockPieces: 4 });
  const offsets = [];
  for (let i = 1; i < original.length; i += 2) offsets.push(i);
  j.replaceAll({ offsets, lengths: offsets.map(() => 1) }, new Uint8Array([0x59, 0x59]));
  j.insert(0, new Uint8Array([0x21]));
  // Only the replaced X's leave the document: the runs between them are moved, not copied.
  assert.equal(j.historyBytesMissingFromContent(), offsets.length);
  rewriteSave(j);
  j.undo();
  j.undo();
  assert.equal(text(j.read(0, j.size)), text(original));
  j.redo();
  assert.equal(text(j.read(0, 9)), 'aYYbYYcYY');
});

test('rebase refuses a base of another size, and a history that still needs the old file', () => {
  const j = new EditJournal(new MemoryBase(new Uint8Array(100).fill(1)));
  j.delete(0, 10);
  assert.throws(() => j.rebase(new MemoryBase(new Uint8Array(100))), RangeError);
  // Without preserveHistoryForRewrite the deleted bytes have nowhere to come from.
  assert.throws(() => j.rebase(new MemoryBase(j.read(0, j.size))), RangeError);
});
