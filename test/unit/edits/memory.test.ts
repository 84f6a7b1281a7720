// Replace-all of millions of matches must stay compact: packed pieces, not an object (or 24 bytes) per match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EditJournal } from '../../../extension/edits/editJournal';
import { MemoryBase } from './support';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function used(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const MB = 1024 * 1024;

test('replaceAll of 2 million matches: one undo step, a few bytes per match', () => {
  const matches = 2_000_000;
  const base = new MemoryBase(new Uint8Array(matches * 10).fill(0x2e));
  const offsets = new Float64Array(matches);
  const lengths = new Uint32Array(matches).fill(3);
  for (let i = 0; i < matches; i++) offsets[i] = i * 10 + 2;
  const j = new EditJournal(base);
  const before = used();
  const t0 = performance.now();
  assert.equal(j.replaceAll({ offsets, lengths }, new Uint8Array(Buffer.from('REPLACED'))), true);
  const ms = performance.now() - t0;
  const after = used();
  const grown = (after - before) / MB;
  console.log(`replaceAll of ${matches} matches: ${ms.toFixed(0)} ms, +${grown.toFixed(1)} MB (${((after - before) / matches).toFixed(1)} bytes per match), ${j.pieceCount} pieces`);
  assert.equal(j.size, matches * 15);
  assert.equal(Buffer.from(j.read(0, 30)).toString('latin1'), '..REPLACED.......REPLACED.....');
  assert.equal(Buffer.from(j.read(j.size - 15, 15)).toString('latin1'), '..REPLACED.....');
  // Two packed pieces are about 5 bytes per match (10 MB); two pieces as plain numbers would be
  // 24 bytes (46 MB), and one JS object per match far more.
  assert.ok(grown < 20, `replaceAll grew memory by ${grown.toFixed(1)} MB`);

  // Undo keeps the replaced pieces in the step (for redo), and releases the table's.
  j.undo();
  const undone = (used() - before) / MB;
  console.log(`after undo: +${undone.toFixed(1)} MB`);
  assert.ok(undone < 20, `after undo memory is +${undone.toFixed(1)} MB`);
  assert.equal(j.size, matches * 10);
  j.redo();
  assert.equal(j.size, matches * 15);

  // Editing a document of 4 million pieces stays fast (only a block is rebuilt).
  const t1 = performance.now();
  for (let i = 0; i < 200; i++) j.insert(i * 100_003, new Uint8Array([0x41]));
  const perEdit = (performance.now() - t1) / 200;
  console.log(`insert into a 4M-piece document: ${perEdit.toFixed(2)} ms per edit`);
  assert.ok(perEdit < 20, `an edit took ${perEdit.toFixed(2)} ms`);
  // Reading a 128 KiB page of ~17,000 pieces (the median of a few, after a warm-up).
  const times: number[] = [];
  for (let k = 0; k < 7; k++) {
    const t2 = performance.now();
    const page = j.read(k * 2_000_000, 128 * 1024);
    times.push(performance.now() - t2);
    assert.equal(page.length, 128 * 1024);
  }
  const median = times.sort((a, b) => a - b)[3];
  console.log(`read 128 KiB of a 4M-piece document: ${median.toFixed(2)} ms`);
  assert.ok(median < 200, `a page read took ${median.toFixed(2)} ms`);
});

test('replaceAll of 2 million matches with per-match replacements', () => {
  const matches = 2_000_000;
  const base = new MemoryBase(new Uint8Array(matches * 4).fill(0x2e));
  const offsets = new Float64Array(matches);
  const lengths = new Uint32Array(matches).fill(1);
  const ends = new Uint32Array(matches);
  const bytes = new Uint8Array(matches * 2);
  for (let i = 0; i < matches; i++) {
    offsets[i] = i * 4;
    bytes[2 * i] = 0x30 + (i % 10);
    bytes[2 * i + 1] = 0x2d;
    ends[i] = 2 * i + 2;
  }
  const j = new EditJournal(base);
  const before = used();
  j.replaceAll({ offsets, lengths }, { bytes, ends });
  const grown = (used() - before) / MB;
  console.log(`per-match replaceAll of ${matches}: +${grown.toFixed(1)} MB`);
  assert.equal(Buffer.from(j.read(0, 15)).toString('latin1'), '0-...1-...2-...');
  assert.ok(grown < 24, `grew by ${grown.toFixed(1)} MB`);
});

test('a 64 MB paste handed over is kept as it is: its own size in memory, not twice', () => {
  const base = new MemoryBase(new Uint8Array(1 << 20).fill(0x61));
  const j = new EditJournal(base);
  const pasted = new Uint8Array(64 * MB).fill(0x62);
  pasted[0] = 0x63;
  const before = used();
  assert.equal(j.replace(1000, 0, pasted, true), true);
  const grown = used() - before;
  assert.ok(grown < 4 * MB, `the paste cost ${(grown / MB).toFixed(1)} MB more than the array itself`);
  assert.equal(j.size, (1 << 20) + 64 * MB);
  assert.deepEqual([...j.read(999, 3)], [0x61, 0x63, 0x62]);
  j.undo();
  assert.deepEqual([...j.read(999, 3)], [0x61, 0x61, 0x61]);
  // Not handed over (or only a view of a larger buffer): copied, so the caller may reuse it.
  const view = new Uint8Array(2 * MB).subarray(0, MB).fill(0x64);
  j.replace(0, 0, view, true);
  view.fill(0x65);
  assert.equal(j.read(0, 1)[0], 0x64);
});
