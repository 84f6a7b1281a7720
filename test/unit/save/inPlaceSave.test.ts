// In-place saves through the writable mapping: bytes on disk, the rollback journal's life cycle,
// refusals and faults with the file intact, recovery of leftovers, and undo after a save.
import { test } from 'node:test';
import { readableCopy } from '../../support/unprivileged';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EditJournal } from '../../../extension/edits/editJournal';
import { openMappedFile } from '../../../extension/engine';
import { fingerprintFile } from '../../../extension/save/fingerprint';
import { saveInPlace, saveInPlaceAsync } from '../../../extension/save/inPlaceSave';
import { discardRollbackJournal, recoverFile } from '../../../extension/save/recovery';
import { rollbackJournalPath, rollbackTempPath } from '../../../extension/save/rollbackJournal';
import { addonFile, expectSaveError, mountTmpfs, remount, repoRoot, strays, tempDir } from './support';

const dir = tempDir();
let counter = 0;

function fixture(size = 1 << 20): { file: string; old: Buffer } {
  const old = Buffer.alloc(size);
  for (let i = 0; i < size; i++) old[i] = (i * 31 + (i >> 8)) & 0xff;
  const file = path.join(dir, `file-${counter++}.bin`);
  fs.writeFileSync(file, old);
  return { file, old };
}

/** A journal over the file's read mapping with scattered overwrites; returns it and the expected content. */
function edited(file: string, old: Buffer, at: number[], length = 100): { journal: EditJournal; expected: Buffer; close: () => void } {
  const base = openMappedFile(file, 'read');
  const journal = new EditJournal(base);
  const expected = Buffer.from(old);
  for (const o of at) {
    const bytes = Buffer.alloc(length, 0x41 + (o % 26));
    journal.overwrite(o, bytes);
    bytes.copy(expected, o);
  }
  return { journal, expected, close: () => base.close() };
}

test('same-length edits are written in place; the journal is gone afterwards', () => {
  const { file, old } = fixture();
  const fp = fingerprintFile(file);
  const { journal, expected, close } = edited(file, old, [0, 5000, 300_000, old.length - 100]);
  assert.equal(journal.lengthPreserving, true);
  const progress: number[] = [];
  const result = saveInPlace(file, journal, { expected: fp, onProgress: (w) => progress.push(w) });
  assert.ok(fs.readFileSync(file).equals(expected));
  assert.equal(result.ranges, 4);
  assert.equal(result.bytesWritten, 400); // proportional to the edits, not the file
  assert.deepEqual(strays(dir).filter((n) => n.includes(path.basename(file) + '.')), []);
  assert.equal(fs.existsSync(rollbackJournalPath(file)), false);
  assert.equal(progress.at(-1), 800); // the journal's 400 bytes, then the file's
  assert.notEqual(result.fingerprint.mtimeNs + result.fingerprint.sampleHash, fp.mtimeNs + fp.sampleHash);
  // The journal now sees the saved file as its base: one piece, nothing left to write.
  assert.equal(journal.pieceCount, 1);
  assert.equal(journal.changedByteCount(), 0);
  // The journal still reads the document; undo after the save gives the old content back.
  assert.ok(Buffer.from(journal.read(0, journal.size)).equals(expected));
  for (let i = 0; i < 4; i++) journal.undo();
  assert.ok(Buffer.from(journal.read(0, journal.size)).equals(old));
  // ... and saving that undo writes the old bytes back.
  saveInPlace(file, journal, { expected: result.fingerprint });
  assert.ok(fs.readFileSync(file).equals(old));
  close();
});

test('only the changed bytes are written, however close together, in batches of any size', () => {
  for (const batchRanges of [1, 3, undefined]) {
    const { file, old } = fixture();
    const { journal, expected, close } = edited(file, old, [1000, 1200, 1400, 1410, 900_000], 10);
    const result = saveInPlace(file, journal, { batchRanges, batchBytes: batchRanges ? 15 : undefined });
    // 1400 and 1410 touch: one range. The unchanged gaps between are not rewritten.
    assert.equal(result.ranges, 4);
    assert.equal(result.bytesWritten, 50);
    assert.ok(fs.readFileSync(file).equals(expected));
    close();
  }
});

test('millions of scattered one-byte changes save exactly (the batched native path)', () => {
  const { file, old } = fixture(8 << 20);
  const base = openMappedFile(file, 'read');
  const journal = new EditJournal(base);
  const expected = Buffer.from(old);
  const offsets: number[] = [];
  for (let at = 3; at < old.length; at += 7) offsets.push(at);
  journal.replaceAll({ offsets, lengths: offsets.map(() => 1) }, Uint8Array.of(0x2a));
  for (const at of offsets) expected[at] = 0x2a;
  const result = saveInPlace(file, journal);
  assert.equal(result.ranges, offsets.length);
  assert.equal(result.bytesWritten, offsets.length);
  assert.ok(fs.readFileSync(file).equals(expected));
  // Undo after the save still knows every old byte.
  journal.undo();
  assert.ok(Buffer.from(journal.read(0, journal.size)).equals(old));
  base.close();
});

test('the asynchronous save lets the event loop run between its batches and writes the same bytes', async () => {
  const { file, old } = fixture();
  const { journal, expected, close } = edited(file, old, [10, 2000, 70_000, 500_000, old.length - 100]);
  let pauses = 0;
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 0);
  const result = await saveInPlaceAsync(file, journal, {
    batchRanges: 1,
    pause: async () => {
      pauses++;
      await new Promise((resolve) => setTimeout(resolve, 1));
    },
  });
  clearInterval(ticker);
  assert.ok(fs.readFileSync(file).equals(expected));
  assert.equal(result.ranges, 5);
  // One pause after re-pointing the history, then one per batch of each pass (5 ranges, 1 per batch).
  assert.equal(pauses, 1 + 5 + 5);
  assert.ok(ticks > 0, 'timers ran while the save was under way');
  assert.equal(fs.existsSync(rollbackJournalPath(file)), false);
  while (journal.undo());
  assert.ok(Buffer.from(journal.read(0, journal.size)).equals(old), 'undo after the save gives the old bytes');
  close();
});

test('nothing to write: no journal, no write', () => {
  const { file, old } = fixture(1000);
  const base = openMappedFile(file, 'read');
  const journal = new EditJournal(base);
  journal.insert(5, Buffer.from('x'));
  journal.delete(5, 1);
  const result = saveInPlace(file, journal);
  assert.equal(result.bytesWritten, 0);
  assert.ok(fs.readFileSync(file).equals(old));
  base.close();
});

test('a length-changing journal is refused (EINVAL) and the file is untouched', async () => {
  const { file, old } = fixture(1000);
  const base = openMappedFile(file, 'read');
  const journal = new EditJournal(base);
  journal.insert(5, Buffer.from('x'));
  await expectSaveError(() => saveInPlace(file, journal), 'EINVAL', /change its length/);
  assert.ok(fs.readFileSync(file).equals(old));
  base.close();
});

test('a file modified, replaced or deleted since it was opened is refused (EFILECHANGED)', async () => {
  // Modified (same size, different bytes).
  {
    const { file, old } = fixture(10_000);
    const fp = fingerprintFile(file);
    const { journal, close } = edited(file, old, [10]);
    const changed = Buffer.from(old);
    changed[0] ^= 1;
    fs.writeFileSync(file, changed);
    await expectSaveError(() => saveInPlace(file, journal, { expected: fp }), 'EFILECHANGED', /changed|modified/);
    assert.ok(fs.readFileSync(file).equals(changed));
    close();
  }
  // Replaced by another file (rename over it).
  {
    const { file, old } = fixture(10_000);
    const fp = fingerprintFile(file);
    const { journal, close } = edited(file, old, [10]);
    const other = path.join(dir, 'other.bin');
    fs.writeFileSync(other, old);
    fs.renameSync(other, file);
    await expectSaveError(() => saveInPlace(file, journal, { expected: fp }), 'EFILECHANGED', /replaced/);
    assert.ok(fs.readFileSync(file).equals(old));
    close();
  }
  // Deleted.
  {
    const { file, old } = fixture(10_000);
    const fp = fingerprintFile(file);
    const { journal, close } = edited(file, old, [10]);
    fs.unlinkSync(file);
    await expectSaveError(() => saveInPlace(file, journal, { expected: fp }), 'EFILECHANGED', /deleted/);
    assert.equal(fs.existsSync(file), false);
    close();
  }
});

test('a write failing mid-way is rolled back at once: file intact, no journal left', async () => {
  const { file, old } = fixture();
  const { journal, close } = edited(file, old, [100, 200_000, 400_000, 800_000], 5000);
  let chunks = 0;
  await expectSaveError(
    () =>
      saveInPlace(file, journal, {
        batchRanges: 1,
        hooks: {
          step(name) {
            if (name === 'write-chunk' && ++chunks === 2) throw Object.assign(new Error('injected I/O error'), { code: 'EIO' });
          },
        },
      }),
    'EIO',
    /injected/,
  );
  assert.equal(chunks, 2);
  assert.ok(fs.readFileSync(file).equals(old));
  assert.equal(fs.existsSync(rollbackJournalPath(file)), false);
  close();
});

test('a failure while writing the journal leaves the file untouched and no journal', async () => {
  const { file, old } = fixture();
  const { journal, close } = edited(file, old, [100, 200_000, 400_000], 5000);
  let chunks = 0;
  await expectSaveError(
    () =>
      saveInPlace(file, journal, {
        batchRanges: 1,
        hooks: {
          step(name) {
            if (name === 'journal-chunk' && ++chunks === 2) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
          },
        },
      }),
    'ENOSPC',
  );
  assert.ok(fs.readFileSync(file).equals(old));
  assert.equal(fs.existsSync(rollbackJournalPath(file)), false);
  assert.equal(fs.existsSync(rollbackTempPath(file)), false);
  close();
});

/** Runs a save that "crashes" after `step`: the journal is copied aside there and put back afterwards. */
function leftoverJournalAfter(step: 'journal-committed' | 'flushed', file: string, old: Buffer): Buffer {
  const { journal, expected, close } = edited(file, old, [0, 70_000, 500_000]);
  const journalPath = rollbackJournalPath(file);
  const copy = journalPath + '.copy';
  saveInPlace(file, journal, {
    hooks: {
      step(name) {
        if (name === step) fs.copyFileSync(journalPath, copy);
      },
    },
  });
  fs.renameSync(copy, journalPath);
  close();
  return expected;
}

test('recovery on open: a committed journal restores the old bytes and is removed', () => {
  const { file, old } = fixture();
  const expected = leftoverJournalAfter('flushed', file, old);
  assert.ok(fs.readFileSync(file).equals(expected)); // the save got through before the "crash"
  const report = recoverFile(file);
  assert.equal(report.outcome.status, 'restored');
  assert.ok(fs.readFileSync(file).equals(old));
  assert.equal(fs.existsSync(rollbackJournalPath(file)), false);
  // Running recovery again finds nothing.
  assert.equal(recoverFile(file).outcome.status, 'clean');
});

test('a save is refused while a leftover journal awaits recovery', async () => {
  const { file, old } = fixture();
  const expected = leftoverJournalAfter('flushed', file, old);
  const { journal, close } = edited(file, expected, [50]);
  await expectSaveError(() => saveInPlace(file, journal), 'EBUSY', /interrupted save/);
  assert.ok(fs.readFileSync(file).equals(expected));
  assert.equal(recoverFile(file).outcome.status, 'restored');
  close();
});

test('recovery: a file changed after the crash is not touched; the journal is kept until discarded', () => {
  const { file, old } = fixture();
  leftoverJournalAfter('journal-committed', file, old);
  const now = fs.readFileSync(file);
  now.fill(0x55, 100, 4096 * 2); // another program's change next to the saved range at 0 (the first block is always sampled)
  fs.writeFileSync(file, now);
  const report = recoverFile(file);
  assert.equal(report.outcome.status, 'mismatch');
  assert.ok(fs.readFileSync(file).equals(now));
  assert.equal(fs.existsSync(rollbackJournalPath(file)), true);
  discardRollbackJournal(file);
  assert.equal(fs.existsSync(rollbackJournalPath(file)), false);
});

test('recovery: a torn or damaged journal is removed and the file left alone', () => {
  const { file, old } = fixture();
  leftoverJournalAfter('journal-committed', file, old);
  const journalPath = rollbackJournalPath(file);
  const whole = fs.readFileSync(journalPath);
  const now = fs.readFileSync(file);
  // A journal killed while being written exists only under its temp name.
  fs.writeFileSync(rollbackTempPath(file), whole.subarray(0, whole.length >> 1));
  // A committed name with a damaged body (cannot come from our writer, but must not be applied).
  const damaged = Buffer.from(whole);
  damaged[damaged.length >> 1] ^= 1;
  fs.writeFileSync(journalPath, damaged);
  const report = recoverFile(file);
  assert.equal(report.outcome.status, 'clean');
  assert.deepEqual(report.removed, [rollbackTempPath(file)]);
  assert.ok(fs.readFileSync(file).equals(now));
  assert.equal(fs.existsSync(journalPath), false);
});

function runAsNobody(op: 'inplace' | 'rewrite', file: string): { ok: boolean; uid: number; code?: string; message?: string; strays?: string[] } | { skip: string } {
  // Copies everyone can read: the checkout may be in a folder uid 65534 cannot enter (root's home).
  const child = readableCopy(path.join(repoRoot, 'out', 'test', 'unit', 'save', 'saveAsUser.js'));
  const r = spawnSync(process.execPath, [child, readableCopy(addonFile), op, file], { encoding: 'utf8' });
  if (r.status !== 0) return { skip: `the unprivileged child failed: ${r.stderr.trim()}` };
  const out = JSON.parse(r.stdout) as { ok: boolean; uid: number };
  if (out.uid === 0) return { skip: 'cannot drop root privileges here' };
  return out;
}

test('read-only file and read-only folder (as uid 65534): EACCES, nothing changed, nothing left', (t) => {
  if (process.platform === 'win32' || process.getuid?.() !== 0) {
    t.skip('needs root on POSIX to switch to an unprivileged user');
    return;
  }
  const folder = tempDir('lfe-ro-');
  fs.chmodSync(folder, 0o755); // readable and searchable by uid 65534, not writable
  // A file it may read but not write.
  const readonlyFile = path.join(folder, 'readonly.bin');
  fs.writeFileSync(readonlyFile, 'old content');
  fs.chmodSync(readonlyFile, 0o644);
  const a = runAsNobody('inplace', readonlyFile);
  if ('skip' in a) return t.skip(a.skip);
  assert.equal(a.ok, false);
  assert.equal(a.code, 'EACCES', a.message);
  assert.match(a.message!, /permission denied/);
  assert.equal(fs.readFileSync(readonlyFile, 'utf8'), 'old content');
  // A writable file in a read-only folder: the rollback journal cannot be created there, so the
  // save is refused before the file changes.
  const writableFile = path.join(folder, 'writable.bin');
  fs.writeFileSync(writableFile, 'old content');
  fs.chmodSync(writableFile, 0o666);
  const b = runAsNobody('inplace', writableFile);
  if ('skip' in b) return t.skip(b.skip);
  assert.equal(b.ok, false);
  assert.equal(b.code, 'EACCES', b.message);
  assert.equal(fs.readFileSync(writableFile, 'utf8'), 'old content');
  assert.deepEqual(fs.readdirSync(folder).sort(), ['readonly.bin', 'writable.bin']);
});

test('read-only file system (a tmpfs remounted read-only): EROFS, nothing changed', async (t) => {
  const m = mountTmpfs('4m');
  if ('reason' in m) return t.skip(m.reason);
  try {
    const file = path.join(m.dir, 'data.bin');
    const old = Buffer.alloc(100_000, 0x2e);
    fs.writeFileSync(file, old);
    if (!remount(m.dir, 'ro')) return t.skip('cannot remount read-only here');
    const base = openMappedFile(file, 'read');
    const journal = new EditJournal(base);
    journal.overwrite(10, Buffer.from('new'));
    await expectSaveError(() => saveInPlace(file, journal), 'EROFS', /read-only/);
    base.close();
    assert.ok(fs.readFileSync(file).equals(old));
    assert.deepEqual(fs.readdirSync(m.dir), ['data.bin']);
  } finally {
    remount(m.dir, 'rw');
    m.unmount();
  }
});

test('a full disk (2 MiB tmpfs) while writing the rollback journal: ENOSPC, the file untouched, no journal left', async (t) => {
  const m = mountTmpfs('2m');
  if ('reason' in m) return t.skip(m.reason);
  try {
    const file = path.join(m.dir, 'data.bin');
    const old = Buffer.alloc(1500 * 1024, 0x2e);
    fs.writeFileSync(file, old);
    const base = openMappedFile(file, 'read');
    const journal = new EditJournal(base);
    journal.overwrite(0, Buffer.alloc(1024 * 1024, 0x41)); // its old bytes do not fit in the space left
    await expectSaveError(() => saveInPlace(file, journal), 'ENOSPC', /disk is full/);
    base.close();
    assert.ok(fs.readFileSync(file).equals(old));
    assert.deepEqual(fs.readdirSync(m.dir), ['data.bin']);
  } finally {
    m.unmount();
  }
});
