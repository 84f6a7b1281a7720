// Line numbers of an edited document against counting line breaks in the materialized buffer:
// random sequences of overwrites, inserts, deletes, replaces, Replace All, undo and redo over a
// base with `\n`, `\r\n` and lone `\r` (some on the native index's 64 KiB block edges), with
// tiny piece-table blocks so seams between pieces and between blocks land everywhere — a `\r`
// ending one piece and a `\n` starting the next is one break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditJournal } from '../../../extension/edits/editJournal';
import { openMappedFile } from '../../../extension/engine';
import { DocumentLines } from '../../../extension/lines/documentLines';
import { lineOf, lineStarts } from '../../support/lineOracle';
import { rng, tempDir, writeTemp } from '../native/support';

const dir = tempDir();
const BLOCK = 64 * 1024;

/** Text of x, \n, \r and \r\n (or no \r), with line ends dense enough that every piece has some. */
function text(random: () => number, n: number, cr = true): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = random();
    out[i] = r < 0.06 ? 0x0a : r < 0.1 && cr ? 0x0d : 0x78;
  }
  return out;
}

/** `cr` false: a base without any \r (the engine then skips looking at range ends), edits still bring some. */
function baseFile(random: () => number, size: number, name: string, cr = true): string {
  const bytes = text(random, size, cr);
  if (!cr) return writeTemp(dir, name, bytes);
  // Line ends on the native index's block edges: "\r|\n", "\r|x", "\n|".
  for (const [at, a, b] of [[BLOCK, 0x0d, 0x0a], [2 * BLOCK, 0x0d, 0x78], [3 * BLOCK, 0x0a, 0x0d]]) {
    if (at < size) {
      bytes[at - 1] = a;
      bytes[at] = b;
    }
  }
  return writeTemp(dir, name, bytes);
}

/** Offsets worth checking: random ones, and both sides of every piece seam. */
function probeOffsets(journal: EditJournal, random: () => number): number[] {
  const size = journal.size;
  const out = [0, size];
  for (let i = 0; i < 60; i++) out.push(Math.floor(random() * (size + 1)));
  let seams = 0;
  journal.forEachPiece((d) => {
    if (seams++ < 200) out.push(Math.max(0, d - 1), d, Math.min(size, d + 1));
  });
  return out;
}

function check(lines: DocumentLines, journal: EditJournal, random: () => number, what: string): void {
  const bytes = journal.read(0, journal.size);
  const starts = lineStarts(bytes);
  const p = lines.progress();
  assert.deepEqual(p, { indexed: journal.size, size: journal.size, lines: starts.length, complete: true }, `${what}: progress`);
  for (const offset of probeOffsets(journal, random)) {
    assert.equal(lines.lineOfOffset(offset), lineOf(starts, offset), `${what}: lineOfOffset(${offset})`);
  }
  const probes = [1, starts.length - 1, starts.length - 2];
  for (let i = 0; i < 40; i++) probes.push(Math.floor(random() * starts.length));
  for (const line of probes.filter((l) => l >= 0)) assert.equal(lines.offsetOfLine(line), starts[line], `${what}: offsetOfLine(${line})`);
  assert.equal(lines.offsetOfLine(starts.length), undefined, `${what}: past the last line`);
  assert.equal(lines.lineOfOffset(journal.size + 1), undefined);
}

/** Every occurrence of `needle` (non-overlapping), for Replace All. */
function occurrences(bytes: Uint8Array, needle: number[]): { offsets: number[]; lengths: number[] } {
  const offsets: number[] = [];
  for (let i = 0; i + needle.length <= bytes.length; ) {
    if (needle.every((b, k) => bytes[i + k] === b)) {
      offsets.push(i);
      i += needle.length;
    } else i++;
  }
  return { offsets, lengths: offsets.map(() => needle.length) };
}

function randomEdit(journal: EditJournal, random: () => number): string {
  const size = journal.size;
  const at = Math.floor(random() * (size + 1));
  const r = random();
  const bytes = text(random, 1 + Math.floor(random() * (random() < 0.1 ? 3000 : 12)));
  if (random() < 0.3) bytes[0] = 0x0a; // pieces that start with \n ...
  if (random() < 0.3) bytes[bytes.length - 1] = 0x0d; // ... and end with \r
  if (r < 0.2) journal.insert(at, bytes);
  else if (r < 0.35) journal.overwrite(Math.min(at, Math.max(0, size - 1)), bytes);
  else if (r < 0.5) journal.delete(at, Math.floor(random() * (random() < 0.1 ? 100_000 : 20)));
  else if (r < 0.62) journal.replace(at, Math.floor(random() * 30), bytes);
  else if (r < 0.7) {
    const needle = random() < 0.5 ? [0x0d] : [0x78, 0x0a];
    const replacement = random() < 0.5 ? new Uint8Array([0x0a]) : new Uint8Array([0x0d, 0x0d, 0x78]);
    const m = occurrences(journal.read(0, journal.size), needle);
    journal.replaceAll(m, replacement);
    return 'replaceAll';
  } else if (r < 0.85) return journal.undo() ? 'undo' : 'nothing to undo';
  else return journal.redo() ? 'redo' : 'nothing to redo';
  return 'edit';
}

test('line numbers after random edits agree with the materialized buffer', async () => {
  const random = rng(1313);
  const rounds = [[0, 5 * BLOCK + 123, 4, true], [1, 3 * BLOCK, 2, true], [2, 700, 3, true], [3, 2 * BLOCK + 1, 512, true], [4, 4 * BLOCK, 3, false]] as const;
  for (const [round, size, blockPieces, cr] of rounds) {
    const file = openMappedFile(baseFile(random, size, `doc${round}.txt`, cr), 'read');
    const index = file.indexLines({ threads: 2 });
    await index.done;
    const journal = new EditJournal(file, { blockPieces });
    const lines = new DocumentLines(journal, index);
    check(lines, journal, random, `round ${round}, unedited`);
    for (let step = 0; step < 120; step++) {
      const kind = randomEdit(journal, random);
      check(lines, journal, random, `round ${round}, step ${step} (${kind})`);
    }
    file.close();
  }
});

test('seams: a \\r ending one piece and a \\n starting the next are one break; a delete can join them', async () => {
  const file = openMappedFile(writeTemp(dir, 'seam.txt', 'ab\r\ncd\ref\n\r'), 'read');
  const index = file.indexLines();
  await index.done;
  const journal = new EditJournal(file, { blockPieces: 2 });
  const lines = new DocumentLines(journal, index);
  const expect = (what: string) => {
    const starts = lineStarts(journal.read(0, journal.size));
    assert.equal(lines.progress().lines, starts.length, what);
    for (let o = 0; o <= journal.size; o++) assert.equal(lines.lineOfOffset(o), lineOf(starts, o), `${what} at ${o}`);
    for (let l = 0; l < starts.length; l++) assert.equal(lines.offsetOfLine(l), starts[l], `${what} line ${l}`);
  };
  expect('unedited');
  journal.insert(3, new Uint8Array([0x78])); // "ab\r" | "x" | "\ncd…": the pair is split, \r becomes lone
  expect('insert inside \\r\\n');
  journal.delete(3, 1); // joined again
  expect('delete joins \\r and \\n');
  journal.delete(6, 3); // "ab\r\ncd" + "\n\r": the base's lone \r at 6 is deleted
  journal.insert(journal.size, new Uint8Array([0x0a])); // the last \r is now followed by \n
  expect('append \\n after a final \\r');
  journal.insert(0, new Uint8Array([0x0d]));
  journal.insert(1, new Uint8Array([0x0a]));
  expect('\\r and \\n typed one by one');
  file.close();
});

test('before the base index is complete, only what it covers is answered, and correctly', async () => {
  const random = rng(99);
  const size = 48 << 20;
  const bytes = text(random, 1 << 20);
  const big = Buffer.alloc(size);
  for (let at = 0; at < size; at += bytes.length) big.set(bytes, at);
  const file = openMappedFile(writeTemp(dir, 'partial.txt', big), 'read');
  // A partial index: seeded with the first 12 blocks' counts, then cancelled at once (its thread
  // may have taken one 16 MiB stripe by then, never all three).
  const full = file.indexLines();
  await full.done;
  const counts = full.blockCounts()!;
  const index = file.indexLines({ seed: { breaks: counts.breaks.slice(0, 12), loneCr: counts.loneCr.slice(0, 12), hasCr: counts.hasCr!.slice(0, 12) } });
  index.cancel();
  await index.done;
  const indexed = index.status().indexed;
  assert.ok(indexed >= 12 * BLOCK && indexed < size, `a partial index (${indexed} of ${size} bytes)`);
  const journal = new EditJournal(file, { blockPieces: 4 });
  journal.insert(1000, new Uint8Array([0x0a, 0x0d]));
  journal.delete(5000, 10);
  journal.insert(indexed + 10, new Uint8Array([0x0a]));
  const lines = new DocumentLines(journal, index);
  const p = lines.progress();
  assert.equal(p.complete, false);
  assert.ok(p.indexed >= indexed - 10 && p.indexed <= indexed + 1, `document indexed up to ${p.indexed}`);
  const starts = lineStarts(journal.read(0, journal.size));
  assert.equal(p.lines, lineOf(starts, p.indexed) + 1);
  for (let k = 0; k < 200; k++) {
    const offset = Math.floor(random() * p.indexed);
    assert.equal(lines.lineOfOffset(offset), lineOf(starts, offset), `lineOfOffset(${offset})`);
  }
  assert.equal(lines.lineOfOffset(journal.size), undefined, 'past the indexed part: unknown, not wrong');
  assert.equal(lines.offsetOfLine(starts.length - 1), undefined);
  const line = lineOf(starts, p.indexed) - 1;
  assert.equal(lines.offsetOfLine(line), starts[line]);
  file.close();
});

test('a document made only of typed bytes needs no base index', () => {
  const journal = new EditJournal({ size: 0, read: () => new Uint8Array(0), readInto: () => 0 });
  const lines = new DocumentLines(journal, undefined);
  assert.deepEqual(lines.progress(), { indexed: 0, size: 0, lines: 1, complete: true });
  journal.insert(0, Buffer.from('a\r\nb\rc\n'));
  assert.equal(lines.progress().lines, 4);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map((o) => lines.lineOfOffset(o)), [0, 0, 0, 1, 1, 2, 2, 3]);
  assert.deepEqual([0, 1, 2, 3, 4].map((l) => lines.offsetOfLine(l)), [0, 3, 5, 7, undefined]);
});
