// Save Selection As's path: a range of the edited document written by Save As (temp file, fsync,
// rename), checked against a Buffer model of the same edits; edits made while it writes stay
// out of it; cancelling leaves no file; progress reaches the range's length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EditJournal } from '../../../extension/edits/editJournal';
import { openMappedFile } from '../../../extension/engine';
import { contentRange } from '../../../extension/save/rangeContent';
import { saveAs } from '../../../extension/save/rewriteSave';
import { expectSaveError, strays, tempDir } from './support';
import { rng } from '../../support/random';

const dir = tempDir();

function edited(size: number, seed: number): { journal: EditJournal; model: Buffer; close: () => void } {
  const original = Buffer.alloc(size);
  for (let i = 0; i < size; i++) original[i] = (i * 31 + (i >> 9)) & 0xff;
  const file = path.join(dir, `base-${seed}.bin`);
  fs.writeFileSync(file, original);
  const base = openMappedFile(file, 'read');
  const journal = new EditJournal(base);
  let model = Buffer.from(original);
  const next = rng(seed);
  for (let i = 0; i < 200; i++) {
    const at = Math.floor(next() * model.length);
    const remove = Math.floor(next() * Math.min(5000, model.length - at));
    const bytes = Buffer.alloc(Math.floor(next() * 3000), i & 0xff);
    journal.replace(at, remove, bytes);
    model = Buffer.concat([model.subarray(0, at), bytes, model.subarray(at + remove)]);
  }
  return { journal, model, close: () => base.close() };
}

test('ranges of an edited document, written to files, are the model’s bytes', async () => {
  const { journal, model, close } = edited(3 << 20, 11);
  try {
    const next = rng(3);
    for (let i = 0; i < 12; i++) {
      const start = Math.floor(next() * model.length);
      const length = i === 0 ? model.length : Math.floor(next() * (model.length - start + 1000));
      const target = path.join(dir, `range-${i}.bin`);
      const progress: number[] = [];
      const result = await saveAs(contentRange(journal, start, length), target, { chunkSize: 256 * 1024, onProgress: (done) => progress.push(done) });
      const want = model.subarray(start, start + length);
      assert.equal(result.bytesWritten, want.length);
      assert.ok(fs.readFileSync(target).equals(want), `bytes ${start}+${length}`);
      if (want.length > 0) assert.equal(progress[progress.length - 1], want.length);
      assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress only grows');
    }
  } finally {
    close();
  }
});

test('edits made while the range is written stay out of it', async () => {
  const { journal, model, close } = edited(2 << 20, 12);
  try {
    const target = path.join(dir, 'frozen.bin');
    await saveAs(contentRange(journal, 1000, 1 << 20), target, {
      chunkSize: 64 * 1024,
      onProgress: () => journal.replace(1000, 10, Buffer.from('LATER EDIT')),
    });
    assert.ok(fs.readFileSync(target).equals(model.subarray(1000, 1000 + (1 << 20))));
  } finally {
    close();
  }
});

test('a cancelled range save leaves no file; a start past the end is refused', async () => {
  const { journal, close } = edited(2 << 20, 13);
  try {
    const target = path.join(dir, 'cancelled', 'out.bin');
    fs.mkdirSync(path.dirname(target));
    const abort = new AbortController();
    await expectSaveError(
      () => saveAs(contentRange(journal, 0, journal.size), target, { chunkSize: 64 * 1024, signal: abort.signal, onProgress: () => abort.abort() }),
      'ECANCELED',
    );
    assert.deepEqual(strays(path.dirname(target)), [], 'neither the target nor a temp file');
    await expectSaveError(() => contentRange(journal, journal.size + 1, 1), 'EINVAL', /past the end/);
  } finally {
    close();
  }
});
