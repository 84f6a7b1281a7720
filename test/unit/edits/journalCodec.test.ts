// Encoding a journal for hot-exit backups and decoding it back over the same base.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditJournal } from '../../../extension/edits/editJournal';
import { decodeJournal, encodeJournal } from '../../../extension/edits/journalCodec';
import { MemoryBase, randomBytes, rng } from './support';

function roundTrip(j: EditJournal): { bytes: Buffer; restored: EditJournal } {
  const bytes = Buffer.concat([...encodeJournal(j)]);
  const decoded = decodeJournal(bytes);
  return { bytes, restored: new EditJournal(j.base, { restored: decoded }) };
}

test('round trip after random edits gives the same content', () => {
  const random = rng(99);
  const base = new MemoryBase(randomBytes(random, 20000));
  const j = new EditJournal(base, { blockPieces: 8 });
  for (let i = 0; i < 500; i++) {
    const at = Math.floor(random() * (j.size + 1));
    const r = random();
    if (r < 0.4) j.insert(at, randomBytes(random, 1 + Math.floor(random() * 50)));
    else if (r < 0.7) j.overwrite(at, randomBytes(random, 1 + Math.floor(random() * 50)));
    else if (r < 0.9) j.delete(at, Math.floor(random() * 100));
    else j.undo();
  }
  const { restored } = roundTrip(j);
  assert.equal(restored.size, j.size);
  assert.ok(Buffer.from(restored.read(0, restored.size)).equals(Buffer.from(j.read(0, j.size))));
  assert.equal(restored.canUndo, false); // history is not part of a backup
  assert.equal(restored.lengthPreserving, j.lengthPreserving);
});

test('an unedited and an empty journal round trip', () => {
  for (const data of ['', 'abc']) {
    const j = new EditJournal(new MemoryBase(new Uint8Array(Buffer.from(data))));
    const { restored, bytes } = roundTrip(j);
    assert.equal(Buffer.from(restored.read(0, 10)).toString(), data);
    assert.ok(bytes.length < 200);
  }
  const j = new EditJournal(new MemoryBase(new Uint8Array(0)));
  j.insert(0, new Uint8Array(Buffer.from('new file')));
  assert.equal(Buffer.from(roundTrip(j).restored.read(0, 100)).toString(), 'new file');
});

test('only add bytes still referenced are written; a shared replace-all replacement once', () => {
  const base = new MemoryBase(new Uint8Array(100_000).fill(0x2e));
  const j = new EditJournal(base);
  j.insert(10, new Uint8Array(5_000_000)); // then undone: not in the backup
  j.undo();
  const offsets = Float64Array.from({ length: 10_000 }, (_, i) => i * 10);
  j.replaceAll({ offsets, lengths: new Uint32Array(10_000).fill(1) }, new Uint8Array(Buffer.from('XYZ')));
  const { bytes, restored } = roundTrip(j);
  // 20,000 pieces at 12 bytes, 3 add bytes, a small header: no 5 MB paste, no base bytes.
  assert.ok(bytes.length < 20_000 * 12 + 300, `backup is ${bytes.length} bytes`);
  assert.ok(Buffer.from(restored.read(0, restored.size)).equals(Buffer.from(j.read(0, j.size))));
});

test('malformed input is refused', () => {
  const j = new EditJournal(new MemoryBase(new Uint8Array(Buffer.from('abcdef'))));
  j.insert(3, new Uint8Array(Buffer.from('XYZ')));
  const bytes = Buffer.concat([...encodeJournal(j)]);
  assert.throws(() => decodeJournal(bytes.subarray(0, bytes.length - 1)), RangeError);
  assert.throws(() => decodeJournal(Buffer.from('nonsense')), RangeError);
  const damaged = Buffer.from(bytes);
  damaged[12] ^= 0xff;
  assert.throws(() => decodeJournal(damaged), RangeError);
  // Pieces past the end of a (different, shorter) base are refused when restoring.
  assert.throws(() => new EditJournal(new MemoryBase(new Uint8Array(2)), { restored: decodeJournal(bytes) }), RangeError);
});

test('edits made while the encoded chunks are being written do not leak into them', () => {
  const base = new MemoryBase(new Uint8Array(Buffer.from('0123456789')));
  const j = new EditJournal(base);
  j.insert(5, new Uint8Array(Buffer.from('abc')));
  const expected = Buffer.from(j.read(0, j.size));
  const chunks: Uint8Array[] = [];
  for (const chunk of encodeJournal(j)) {
    chunks.push(Uint8Array.from(chunk));
    j.insert(0, new Uint8Array(Buffer.from('LATE'))); // between writes, as an await would allow
  }
  const restored = new EditJournal(base, { restored: decodeJournal(Buffer.concat(chunks)) });
  assert.ok(Buffer.from(restored.read(0, restored.size)).equals(expected));
});
