// The edit journal against a plain Buffer model: seeded random sequences checked byte for byte
// after every step, edge cases, replace-all, base mapping and the in-place save view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditJournal, PerMatchReplacements } from '../../../extension/edits/editJournal';
import { baseSegments, changedRanges, MemoryBase, randomBytes, rng } from './support';
import { readIntoByCopy } from '../../../extension/reader';

const b = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const str = (u: Uint8Array): string => Buffer.from(u).toString('latin1');

function content(j: EditJournal): string {
  return str(j.read(0, j.size));
}

test('a new journal reads the base', () => {
  const j = new EditJournal(new MemoryBase(b('hello world')));
  assert.equal(j.size, 11);
  assert.equal(content(j), 'hello world');
  assert.equal(str(j.read(6, 100)), 'world');
  assert.equal(j.read(11, 5).length, 0);
  assert.equal(j.lengthPreserving, true);
  assert.deepEqual(changedRanges(j), []);
  assert.deepEqual(baseSegments(j), [{ offset: 0, baseOffset: 0, length: 11 }]);
  assert.equal(j.canUndo, false);
});

test('overwrite, insert and delete at offset 0, in the middle and at EOF; undo and redo', () => {
  const j = new EditJournal(new MemoryBase(b('0123456789')));
  j.overwrite(0, b('AB'));
  assert.equal(content(j), 'AB23456789');
  assert.equal(j.lengthPreserving, true);
  j.insert(10, b('xyz'));
  assert.equal(content(j), 'AB23456789xyz');
  assert.equal(j.lengthPreserving, false);
  j.delete(4, 3);
  assert.equal(content(j), 'AB23789xyz');
  j.overwrite(8, b('YZ!!')); // runs past the end: extends
  assert.equal(content(j), 'AB23789xYZ!!');
  j.insert(0, b('<'));
  assert.equal(content(j), '<AB23789xYZ!!');
  assert.equal(j.undoKind, 'insert');
  const expected = ['AB23789xYZ!!', 'AB23789xyz', 'AB23456789xyz', 'AB23456789', '0123456789'];
  for (const e of expected) {
    assert.equal(j.undo(), true);
    assert.equal(content(j), e);
  }
  assert.equal(j.undo(), false);
  assert.equal(j.lengthPreserving, true);
  assert.equal(j.redo(), true);
  assert.equal(content(j), 'AB23456789');
  // A new edit drops the redo branch.
  j.delete(0, 1);
  assert.equal(j.canRedo, false);
  assert.equal(content(j), 'B23456789');
});

test('empty file: insert into it, delete everything, undo back', () => {
  const j = new EditJournal(new MemoryBase(new Uint8Array(0)));
  assert.equal(j.size, 0);
  assert.equal(j.read(0, 10).length, 0);
  assert.equal(j.lengthPreserving, true);
  j.insert(0, b('abc'));
  assert.equal(content(j), 'abc');
  assert.equal(j.lengthPreserving, false);
  j.delete(0, 3);
  assert.equal(j.size, 0);
  assert.equal(j.lengthPreserving, true);
  j.insert(0, b('z'));
  assert.equal(content(j), 'z');
  j.undo();
  j.undo();
  assert.equal(content(j), 'abc');
  j.undo();
  assert.equal(j.size, 0);
  assert.throws(() => j.insert(1, b('x')), RangeError);
  assert.throws(() => j.delete(-1, 1), RangeError);
});

test('delete everything of a non-empty file, then insert and undo', () => {
  const j = new EditJournal(new MemoryBase(b('abcdef')));
  j.delete(0, 100);
  assert.equal(j.size, 0);
  j.insert(0, b('Q'));
  assert.equal(content(j), 'Q');
  j.undo();
  j.undo();
  assert.equal(content(j), 'abcdef');
});

test('an overwrite that writes back the base bytes at their place is length preserving; one that moves them is not', () => {
  const j = new EditJournal(new MemoryBase(b('abcdef')));
  j.insert(2, b('X'));
  j.delete(2, 1);
  assert.equal(content(j), 'abcdef');
  assert.equal(j.lengthPreserving, true);
  j.delete(0, 1);
  j.insert(6 - 1, b('a'));
  assert.equal(content(j), 'bcdefa');
  assert.equal(j.size, 6);
  assert.equal(j.lengthPreserving, false);
});

test('changed ranges and base segments describe the document', () => {
  const j = new EditJournal(new MemoryBase(b('0123456789abcdef')));
  j.overwrite(2, b('XX'));
  j.overwrite(4, b('Y')); // adjacent: merges into one changed range
  j.overwrite(10, b('ZZZ'));
  assert.deepEqual(changedRanges(j), [
    { offset: 2, length: 3 },
    { offset: 10, length: 3 },
  ]);
  assert.equal(j.changedByteCount(), 6);
  j.insert(0, b('++'));
  assert.deepEqual(baseSegments(j), [
    { offset: 2, baseOffset: 0, length: 2 },
    { offset: 7, baseOffset: 5, length: 5 },
    { offset: 15, baseOffset: 13, length: 3 },
  ]);
  assert.deepEqual(baseSegments(j, 8, 16), [
    { offset: 8, baseOffset: 6, length: 4 },
    { offset: 15, baseOffset: 13, length: 1 },
  ]);
});

test('replaceAll with a shared replacement, per-match replacements, and one undo step', () => {
  const j = new EditJournal(new MemoryBase(b('a-b-c-d')));
  j.insert(0, b('-'));
  assert.equal(j.replaceAll({ offsets: Float64Array.of(0, 2, 4, 6), lengths: Uint32Array.of(1, 1, 1, 1) }, b('==')), true);
  assert.equal(content(j), '==a==b==c==d');
  assert.equal(j.replaceAll({ offsets: [], lengths: [] }, b('==')), false);
  assert.equal(j.undoKind, 'replaceAll');
  j.undo();
  assert.equal(content(j), '-a-b-c-d');
  j.redo();
  assert.equal(content(j), '==a==b==c==d');
  const per: PerMatchReplacements = { bytes: b('1223'), ends: [1, 1, 3, 4] };
  j.replaceAll({ offsets: [2, 5, 8, 11], lengths: [1, 1, 1, 1] }, per);
  // '==a==b==c==d' with a→1, b→'', c→22, d→3
  assert.equal(content(j), '==1====22==3');
  assert.throws(() => j.replaceAll({ offsets: [3, 1], lengths: [1, 1] }, b('x')), RangeError);
  assert.throws(() => j.replaceAll({ offsets: [0, 1], lengths: [2, 1] }, b('x')), RangeError);
  assert.throws(() => j.replaceAll({ offsets: [j.size], lengths: [1] }, b('x')), RangeError);
});

/** A Buffer model of the same operations. */
class Model {
  history: Uint8Array[] = [];
  future: Uint8Array[] = [];
  constructor(public bytes: Uint8Array) {}
  set(next: Uint8Array): void {
    this.history.push(this.bytes);
    this.future = [];
    this.bytes = next;
  }
}

function splice(a: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([a.subarray(0, at), insert, a.subarray(at + remove)]));
}

for (const [seed, blockPieces] of [[1, 512], [2, 512], [3, 4], [42, 16], [1234, 512], [7, 3]]) {
  test(`random differential sequence, seed ${seed}, ${blockPieces} pieces per block`, () => {
    const random = rng(seed);
    const int = (n: number): number => Math.floor(random() * n);
    const baseSize = [0, 1, 100, 5000, 70000][seed % 5];
    const base = new MemoryBase(randomBytes(random, baseSize, 8));
    const j = new EditJournal(base, { blockPieces });
    const m = new Model(base.bytes);
    const steps = 3000;
    for (let step = 0; step < steps; step++) {
      const size = m.bytes.length;
      const op = int(100);
      let label: string;
      if (op < 22) {
        const at = int(size + 1);
        const data = randomBytes(random, 1 + int(random() < 0.1 ? 3000 : 20), 8);
        label = `overwrite(${at}, ${data.length})`;
        assert.equal(j.overwrite(at, data), true);
        const next = new Uint8Array(Math.max(size, at + data.length));
        next.set(m.bytes);
        next.set(data, at);
        m.set(next);
      } else if (op < 44) {
        const at = int(size + 1);
        const data = randomBytes(random, 1 + int(random() < 0.1 ? 3000 : 20), 8);
        label = `insert(${at}, ${data.length})`;
        assert.equal(j.insert(at, data), true);
        m.set(splice(m.bytes, at, 0, data));
      } else if (op < 62) {
        const at = int(size + 1);
        const len = int(random() < 0.05 ? size + 1 : 40);
        label = `delete(${at}, ${len})`;
        const removed = Math.min(len, size - at);
        assert.equal(j.delete(at, len), removed > 0);
        if (removed > 0) m.set(splice(m.bytes, at, removed, new Uint8Array(0)));
      } else if (op < 70) {
        // Matches of a random byte value, every one or a random subset.
        const needle = int(8);
        const offsets: number[] = [];
        const lengths: number[] = [];
        for (let i = 0; i < size; i++) {
          if (m.bytes[i] === needle && random() < 0.7) {
            const len = Math.min(1 + int(3), size - i);
            offsets.push(i);
            lengths.push(len);
            i += len - 1;
          }
        }
        const perMatch = random() < 0.5;
        let replacementOf: (i: number) => Uint8Array;
        let repl: Uint8Array | PerMatchReplacements;
        if (perMatch) {
          const parts = offsets.map(() => randomBytes(random, int(4), 8));
          const ends: number[] = [];
          let e = 0;
          for (const p of parts) ends.push((e += p.length));
          repl = { bytes: new Uint8Array(Buffer.concat(parts)), ends: Float64Array.from(ends) };
          replacementOf = (i) => parts[i];
        } else {
          const shared = randomBytes(random, int(5), 8);
          repl = shared;
          replacementOf = () => shared;
        }
        label = `replaceAll(${offsets.length} matches)`;
        assert.equal(j.replaceAll({ offsets: Float64Array.from(offsets), lengths: Uint32Array.from(lengths) }, repl), offsets.length > 0);
        if (offsets.length > 0) {
          const parts: Uint8Array[] = [];
          let cursor = 0;
          offsets.forEach((o, i) => {
            parts.push(m.bytes.subarray(cursor, o), replacementOf(i));
            cursor = o + lengths[i];
          });
          parts.push(m.bytes.subarray(cursor));
          m.set(new Uint8Array(Buffer.concat(parts)));
        }
      } else if (op < 86) {
        label = 'undo';
        const did = j.undo();
        assert.equal(did, m.history.length > 0);
        if (did) {
          m.future.push(m.bytes);
          m.bytes = m.history.pop()!;
        }
      } else {
        label = 'redo';
        const did = j.redo();
        assert.equal(did, m.future.length > 0);
        if (did) {
          m.history.push(m.bytes);
          m.bytes = m.future.pop()!;
        }
      }
      const where = `seed ${seed} step ${step}: ${label}`;
      assert.equal(j.size, m.bytes.length, where);
      // The whole document, and a few random ranges.
      if (step % 10 === 0 || m.bytes.length < 2000) assert.ok(Buffer.from(j.read(0, j.size)).equals(m.bytes), where);
      for (let r = 0; r < 3; r++) {
        const at = int(m.bytes.length + 2);
        const len = int(300);
        assert.ok(Buffer.from(j.read(at, len)).equals(m.bytes.subarray(at, at + len)), `${where}: read(${at}, ${len})`);
      }
      // The save views agree with the model.
      if (step % 25 === 0) checkViews(j, base.bytes, m.bytes, where);
    }
  });
}

/** lengthPreserving, changedRanges, baseSegments, the changed byte count and chunks must each rebuild the model. */
function checkViews(j: EditJournal, baseBytes: Uint8Array, model: Uint8Array, where: string): void {
  const lengthPreserving = j.lengthPreserving;
  if (lengthPreserving) {
    assert.equal(model.length, baseBytes.length, where);
    const patched = new Uint8Array(baseBytes);
    for (const r of changedRanges(j)) patched.set(j.read(r.offset, r.length), r.offset);
    assert.ok(Buffer.from(patched).equals(model), `${where}: changed ranges`);
    // The save's batches: the same bytes, within their limits, in file order.
    for (const [maxRanges, maxBytes] of [[1, 1 << 20], [3, 17], [1 << 16, 8 << 20]]) {
      const batched = new Uint8Array(baseBytes);
      let previousEnd = 0;
      for (const batch of j.changeBatches({ maxRanges, maxBytes, withBytes: true })) {
        assert.ok(batch.offsets.length <= maxRanges && batch.byteLength <= maxBytes, `${where}: batch limits`);
        let at = 0;
        for (let i = 0; i < batch.offsets.length; i++) {
          assert.ok(batch.offsets[i] >= previousEnd && batch.lengths[i] > 0, `${where}: batch order`);
          batched.set(batch.bytes!.subarray(at, at + batch.lengths[i]), batch.offsets[i]);
          at += batch.lengths[i];
          previousEnd = batch.offsets[i] + batch.lengths[i];
        }
        assert.equal(at, batch.byteLength);
      }
      assert.ok(Buffer.from(batched).equals(model), `${where}: change batches ${maxRanges}/${maxBytes}`);
    }
  }
  let baseBytesHeld = 0;
  for (const s of baseSegments(j)) {
    assert.ok(Buffer.from(baseBytes.subarray(s.baseOffset, s.baseOffset + s.length)).equals(model.subarray(s.offset, s.offset + s.length)), `${where}: segment`);
    baseBytesHeld += s.length;
  }
  // Every byte is a base byte or an added one (the count is kept per block: it must follow every edit).
  assert.equal(j.changedByteCount(), model.length - baseBytesHeld, `${where}: changed byte count`);
  const streamed = Buffer.concat([...j.chunks(997)]);
  assert.ok(streamed.equals(model), `${where}: chunks`);
}

test('pasting 100 MB copies it once into the add buffer and never reads the base whole', () => {
  const base = new MemoryBase(new Uint8Array(1 << 20).fill(0x61));
  const j = new EditJournal(base);
  const paste = new Uint8Array(100 << 20).fill(0x62);
  j.insert(512 * 1024, paste);
  assert.equal(j.size, (1 << 20) + (100 << 20));
  assert.equal(j.addedBytes, 100 << 20);
  assert.equal(base.bytesRead, 0);
  assert.equal(j.pieceCount, 3);
  assert.equal(str(j.read(512 * 1024 - 1, 2)), 'ab');
  j.undo();
  assert.equal(j.size, 1 << 20);
});

test('typing byte after byte stays one piece', () => {
  const j = new EditJournal(new MemoryBase(b('0123456789')));
  for (let i = 0; i < 1000; i++) j.insert(5 + i, b('x'));
  assert.equal(j.pieceCount, 3);
  assert.equal(j.size, 1010);
});

test('a 10 GiB base: pieces longer than 4 GiB are split, offsets past 2^32 stay exact', () => {
  const GiB = 1024 ** 3;
  // A synthetic base: byte at offset o is o mod 251 (nothing is allocated).
  const base = {
    size: 10 * GiB,
    read(offset: number, length: number): Uint8Array {
      const n = Math.max(0, Math.min(length, this.size - offset));
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = (offset + i) % 251;
      return out;
    },
    readInto(offset: number, target: Uint8Array): number {
      return readIntoByCopy(this, offset, target);
    },
  };
  const byteAt = (o: number): number => o % 251;
  const j = new EditJournal(base);
  assert.equal(j.pieceCount, 3); // 4 GiB - 1 per piece at most
  const around4 = j.read(4 * GiB - 3, 6);
  assert.deepEqual([...around4], [0, 1, 2, 3, 4, 5].map((i) => byteAt(4 * GiB - 3 + i)));
  const far = 9 * GiB + 12345;
  j.overwrite(far, b('FAR'));
  assert.equal(j.lengthPreserving, true);
  assert.deepEqual(changedRanges(j), [{ offset: far, length: 3 }]);
  j.insert(5 * GiB, b('++'));
  assert.equal(j.size, 10 * GiB + 2);
  assert.equal(str(j.read(far + 2, 3)), 'FAR');
  assert.equal(j.read(5 * GiB + 2, 1)[0], byteAt(5 * GiB));
  const segments = baseSegments(j, 5 * GiB - 1, 5 * GiB + 3);
  assert.deepEqual(segments, [
    { offset: 5 * GiB - 1, baseOffset: 5 * GiB - 1, length: 1 },
    { offset: 5 * GiB + 2, baseOffset: 5 * GiB, length: 1 },
  ]);
  j.delete(0, 8 * GiB);
  assert.equal(j.size, 2 * GiB + 2);
  assert.equal(j.read(0, 1)[0], byteAt(8 * GiB - 2));
  j.undo();
  j.undo();
  assert.equal(j.size, 10 * GiB);
  assert.equal(j.read(5 * GiB, 1)[0], byteAt(5 * GiB));
});

test('a hex byte typed nibble by nibble is one undo step: amendLast joins the low nibble to the step of the high one', () => {
  const j = new EditJournal(new MemoryBase(b('0123456789')));
  j.overwrite(2, b('\x42'));
  assert.equal(j.amendLast(2, b('\x41')), true);
  assert.equal(content(j), '01A3456789');
  assert.equal(j.lengthPreserving, true);
  assert.equal(j.undo(), true);
  assert.equal(content(j), '0123456789', 'one undo takes the whole byte back');
  assert.equal(j.undo(), false);
  j.redo();
  assert.equal(content(j), '01A3456789');
  // Insert mode: the high nibble inserted a byte; the low one completes it.
  j.insert(5, b('\x70'));
  assert.equal(j.amendLast(5, b('\x7a')), true);
  assert.equal(content(j), '01A34z56789');
  j.undo();
  assert.equal(content(j), '01A3456789');
  // Not the last step's range, or a redo branch in the way: a new step instead.
  assert.equal(j.amendLast(0, b('x')), false);
  j.overwrite(0, b('y'));
  assert.equal(j.amendLast(1, b('x')), false);
  j.undo();
  assert.equal(j.amendLast(0, b('x')), false, 'after an undo the last step is not applied');
});
