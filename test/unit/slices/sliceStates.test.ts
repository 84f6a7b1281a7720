// Where a slice's bytes are after the big document changed: a model document (a Buffer) edited
// the ways the editor edits it. A slice follows its own write-back, an undo of it and the redo;
// a slice after another slice's length-changing write moves with it (and back on undo); an edit
// inside a slice's bytes, or one before them that moves them, detaches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashBytes, RegionReader, SliceStates } from '../../../extension/slices/sliceStates';

class ModelDocument implements RegionReader {
  constructor(public bytes: Buffer) {}
  get size(): number {
    return this.bytes.length;
  }
  read(offset: number, length: number): Uint8Array {
    return new Uint8Array(this.bytes.subarray(offset, offset + length));
  }
  replace(offset: number, length: number, text: string): void {
    this.bytes = Buffer.concat([this.bytes.subarray(0, offset), Buffer.from(text), this.bytes.subarray(offset + length)]);
  }
}

function sliceOf(doc: ModelDocument, offset: number, length: number): SliceStates {
  return new SliceStates({ offset, length, hash: hashBytes(doc.read(offset, length)) });
}

test('a slice follows its own write-back, its undo and its redo', () => {
  const doc = new ModelDocument(Buffer.from('0123456789abcdefghij'));
  const slice = sliceOf(doc, 5, 5);
  const original = doc.bytes;
  doc.replace(5, 5, 'FIVE-TO-NINE');
  const written = slice.wrote(Buffer.from('FIVE-TO-NINE'));
  assert.deepEqual(written, { offset: 5, length: 12, hash: hashBytes(Buffer.from('FIVE-TO-NINE')) });
  assert.equal(slice.recheck(doc), false, 'nothing changed since the write');
  const afterWrite = doc.bytes;
  doc.bytes = original; // undo in the big document
  assert.equal(slice.recheck(doc), true);
  assert.deepEqual(slice.current, { offset: 5, length: 5, hash: hashBytes(Buffer.from('56789')) });
  doc.bytes = afterWrite; // redo
  assert.equal(slice.recheck(doc), true);
  assert.equal(slice.current?.length, 12);
});

test('a slice after another slice’s length-changing write moves with it, and back on undo', () => {
  const doc = new ModelDocument(Buffer.from('aaaa|bbbb|cccc'));
  const first = sliceOf(doc, 0, 4);
  const last = sliceOf(doc, 10, 4);
  const original = doc.bytes;
  doc.replace(0, 4, 'AAAAAAAA');
  first.wrote(Buffer.from('AAAAAAAA'));
  last.shifted(0, 4, 8);
  assert.equal(last.recheck(doc), false);
  assert.deepEqual(last.current?.offset, 14);
  assert.deepEqual(Buffer.from(doc.read(last.current.offset, 4)).toString(), 'cccc');
  doc.bytes = original;
  assert.equal(last.recheck(doc), true);
  assert.equal(last.current?.offset, 10, 'the undo finds the old place');
  // A slice before the write, or overlapping it, does not move.
  const before = sliceOf(doc, 0, 2);
  before.shifted(5, 4, 1);
  assert.equal(before.current?.offset, 0);
});

test('an edit inside the bytes, or one before them that moves them, detaches the slice', () => {
  const doc = new ModelDocument(Buffer.from('header\nline one\nline two\n'));
  const slice = sliceOf(doc, 7, 9);
  const at = () => slice.current?.offset;
  doc.replace(8, 1, 'I');
  assert.equal(slice.recheck(doc), true);
  assert.equal(at(), undefined, 'an edit inside detaches');
  doc.replace(8, 1, 'i');
  assert.equal(slice.recheck(doc), true);
  assert.equal(at(), 7, 'typed back, the bytes are there again');
  doc.replace(0, 0, 'X');
  assert.equal(slice.recheck(doc), true);
  assert.equal(at(), undefined, 'moved by an edit before it: detached, never guessed');
  doc.replace(0, 2000, '');
  assert.equal(slice.recheck(doc), false);
  assert.equal(at(), undefined, 'a document shorter than the slice holds none of its states');
});

test('states are remembered and restored whole (a reload of the window)', () => {
  const doc = new ModelDocument(Buffer.from('xxxxyyyy'));
  const slice = sliceOf(doc, 4, 4);
  doc.replace(4, 4, 'ZZ');
  slice.wrote(Buffer.from('ZZ'));
  const again = new SliceStates(slice.known);
  assert.equal(again.recheck(doc), false);
  assert.equal(again.current?.length, 2);
  doc.replace(4, 2, 'yyyy');
  assert.equal(again.recheck(doc), true);
  assert.equal(again.current?.length, 4, 'the state it was opened on is still known');
});
