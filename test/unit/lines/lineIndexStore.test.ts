// The stored line index: reused for the same file without scanning it, extended for an appended
// one, never served for a changed one (a same-size rewrite with the old mtime put back, in a
// sampled block or not), ignored and deleted when corrupt or truncated, bounded with LRU eviction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINE_INDEX_BLOCK, LineBlockCounts, openMappedFile } from '../../../extension/engine';
import { identifyFile, LineIndexStore } from '../../../extension/lines/lineIndexStore';
import { rng, tempDir, writeTemp } from '../native/support';

const dir = tempDir();

function content(seed: number, size: number): Buffer {
  const random = rng(seed);
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    const r = random();
    out[i] = r < 0.03 ? 0x0a : r < 0.04 ? 0x0d : 0x61 + Math.floor(r * 26);
  }
  return out;
}

/** Builds the index of `file` (seeded or not); returns its answers and counts. */
async function index(file: string, seed?: LineBlockCounts) {
  const f = openMappedFile(file, 'read');
  try {
    const idx = f.indexLines({ seed });
    const done = await idx.done;
    const probes = [0, 1, 1000, f.size >> 1, f.size - 1, f.size].map((o) => idx.lineOfOffset(o));
    return { lines: done.lines, newlines: done.newlines, probes, counts: idx.blockCounts()!, size: f.size };
  } finally {
    f.close();
  }
}

function newStore(name: string, maxBytes = 1 << 30): LineIndexStore {
  return new LineIndexStore(path.join(dir, name), maxBytes, 0);
}

test('the same file reopened gets every block from the store, and the engine scans none of it', async () => {
  const file = writeTemp(dir, 'same.txt', content(1, 5 * LINE_INDEX_BLOCK + 77));
  const store = newStore('same');
  const identity = identifyFile(file);
  assert.equal(store.seedFor(file, identity), undefined, 'nothing stored yet');
  const fresh = await index(file);
  assert.ok(store.save(file, identity, fresh.counts));
  const seed = store.seedFor(file, identifyFile(file));
  assert.ok(seed?.complete, 'a complete seed');
  const seeded = await index(file, seed);
  assert.deepEqual([seeded.lines, seeded.newlines, seeded.probes], [fresh.lines, fresh.newlines, fresh.probes]);
  // Proof that the counts came from the store: plant one more break in block 0 and see it come back.
  const planted = { breaks: fresh.counts.breaks.slice(), loneCr: fresh.counts.loneCr.slice() };
  planted.breaks[0]++;
  assert.ok(store.save(file, identifyFile(file), planted));
  const trusted = await index(file, store.seedFor(file, identifyFile(file)));
  assert.equal(trusted.lines, fresh.lines + 1, 'the stored counts were used as they are');
});

test('a same-size rewrite is never served the old index, even with its mtime put back', async () => {
  const size = 16 * LINE_INDEX_BLOCK;
  const original = content(2, size);
  const file = writeTemp(dir, 'rewrite.txt', original);
  // A whole second, so that putting it back is exact (utimes takes seconds as a double).
  const mtime = Math.floor(Date.now() / 1000) - 60;
  fs.utimesSync(file, mtime, mtime);
  const store = newStore('rewrite');
  const identity = identifyFile(file);
  assert.ok(store.save(file, identity, (await index(file)).counts));
  // Byte 10,000 lies in no sampled block (blocks of 4 KiB at 0, ~16.6 K, …): only ctime tells.
  for (const at of [0, 10_000, size - 1]) {
    const changed = Buffer.from(original);
    changed[at] = changed[at] === 0x0a ? 0x61 : 0x0a;
    fs.writeFileSync(file, changed);
    fs.utimesSync(file, mtime, mtime);
    const now = identifyFile(file);
    assert.equal(now.mtimeNs, identity.mtimeNs, 'mtime restored');
    assert.equal(now.size, identity.size);
    assert.equal(store.seedFor(file, now), undefined, `rewrite at ${at} detected`);
  }
  // A file replaced by another (rename over it: another inode) with the same bytes is not trusted either.
  const other = writeTemp(dir, 'other.txt', original);
  fs.renameSync(other, file);
  assert.equal(store.seedFor(file, identifyFile(file)), undefined);
});

test('an appended file reuses the blocks of its old part; the result equals a full scan', async () => {
  const old = content(3, 3 * LINE_INDEX_BLOCK + 500);
  old[old.length - 1] = 0x0d; // the old last byte is "\r": the appended "\n" makes it a "\r\n"
  const file = writeTemp(dir, 'grow.log', old);
  const store = newStore('grow');
  assert.ok(store.save(file, identifyFile(file), (await index(file)).counts));
  fs.appendFileSync(file, Buffer.concat([Buffer.from('\n'), content(4, 2 * LINE_INDEX_BLOCK)]));
  const seed = store.seedFor(file, identifyFile(file));
  assert.ok(seed && !seed.complete, 'a partial seed');
  assert.equal(seed.breaks.length, 3, 'the blocks before the old last one');
  const extended = await index(file, seed);
  const full = await index(file);
  assert.deepEqual([extended.lines, extended.newlines, extended.probes], [full.lines, full.newlines, full.probes]);
  assert.deepEqual(extended.counts, full.counts);
  // A file that shrank, or grew after its old part changed, gets nothing.
  assert.ok(store.save(file, identifyFile(file), full.counts));
  const changedPrefix = fs.readFileSync(file);
  changedPrefix[5] ^= 1;
  fs.writeFileSync(file, Buffer.concat([changedPrefix, Buffer.from('more\n')]));
  assert.equal(store.seedFor(file, identifyFile(file)), undefined);
  fs.truncateSync(file, 1000);
  assert.equal(store.seedFor(file, identifyFile(file)), undefined);
});

test('a log that grows while it is mapped: the mapped part is stored, and extended on the next reload', async () => {
  const file = writeTemp(dir, 'busy.log', content(7, 3 * LINE_INDEX_BLOCK + 9));
  const store = newStore('busy');
  const mapped = openMappedFile(file, 'read');
  const mappedSize = mapped.size;
  fs.appendFileSync(file, content(8, 1000)); // written to after the mapping, before the index began
  const identity = identifyFile(file, mappedSize)!;
  assert.equal(identity.size, mappedSize);
  const idx = mapped.indexLines();
  await idx.done;
  assert.ok(store.save(file, identity, idx.blockCounts()!), 'stored for the mapped part');
  mapped.close();
  fs.appendFileSync(file, content(9, LINE_INDEX_BLOCK));
  const now = identifyFile(file);
  const seed = store.seedFor(file, now);
  assert.equal(seed?.breaks.length, 3);
  const full = await index(file);
  assert.deepEqual((await index(file, seed)).counts, full.counts);
  assert.equal(identifyFile(file, now.size + 1), undefined, 'a file shorter than its mapping has no identity');
});

test('corrupt or truncated entries are ignored, deleted, and rebuilt', async () => {
  const file = writeTemp(dir, 'corrupt.txt', content(5, 4 * LINE_INDEX_BLOCK));
  const store = newStore('corrupt');
  const counts = (await index(file)).counts;
  const entryOf = () => fs.readdirSync(store.dir).map((n) => path.join(store.dir, n))[0];
  const damage: [string, (b: Buffer) => Buffer][] = [
    ['truncated', (b) => b.subarray(0, b.length - 3)],
    ['a count flipped', (b) => {
      const c = Buffer.from(b);
      c[c.length - 2] ^= 0x10;
      return c;
    }],
    ['header garbage', (b) => {
      const c = Buffer.from(b);
      c.fill(0x7b, 12, 30);
      return c;
    }],
    ['empty', () => Buffer.alloc(0)],
  ];
  for (const [what, harm] of damage) {
    assert.ok(store.save(file, identifyFile(file), counts));
    const entry = entryOf();
    fs.writeFileSync(entry, harm(fs.readFileSync(entry)));
    assert.equal(store.seedFor(file, identifyFile(file)), undefined, what);
    assert.equal(fs.existsSync(entry), false, `${what}: deleted`);
  }
  assert.ok(store.save(file, identifyFile(file), counts), 'stored again');
  assert.ok(store.seedFor(file, identifyFile(file))?.complete);
});

test('the engine refuses counts impossible for the file', () => {
  const file = writeTemp(dir, 'impossible.txt', content(6, 2 * LINE_INDEX_BLOCK));
  const f = openMappedFile(file, 'read');
  const seed = { breaks: new Uint32Array([LINE_INDEX_BLOCK + 1]), loneCr: new Uint32Array(1) };
  assert.throws(() => f.indexLines({ seed }), (e: { code?: string }) => e.code === 'EINVAL');
  const tooMany = { breaks: new Uint32Array(3), loneCr: new Uint32Array(3) };
  assert.throws(() => f.indexLines({ seed: tooMany }), (e: { code?: string }) => e.code === 'EINVAL');
  f.close();
});

test('a bounded cache: the least recently used entry goes first', async () => {
  const files = [0, 1, 2].map((i) => writeTemp(dir, `lru${i}.txt`, content(10 + i, 64 * LINE_INDEX_BLOCK)));
  const counts = await Promise.all(files.map(async (f) => (await index(f)).counts));
  const store = newStore('lru');
  assert.ok(store.save(files[0], identifyFile(files[0]), counts[0]));
  const entryBytes = fs.statSync(path.join(store.dir, fs.readdirSync(store.dir)[0])).size;
  store.setMaxBytes(2.5 * entryBytes); // room for two
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(store.save(files[1], identifyFile(files[1]), counts[1]));
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(store.seedFor(files[0], identifyFile(files[0])), 'file 0 used again: now the most recent');
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(store.save(files[2], identifyFile(files[2]), counts[2]));
  assert.ok(store.seedFor(files[0], identifyFile(files[0])), 'kept');
  assert.equal(store.seedFor(files[1], identifyFile(files[1])), undefined, 'evicted');
  assert.ok(store.seedFor(files[2], identifyFile(files[2])), 'kept');
  assert.equal(fs.readdirSync(store.dir).length, 2);
  store.setMaxBytes(0);
  assert.equal(store.seedFor(files[0], identifyFile(files[0])), undefined, 'size 0: off');
});
