// Length-changing saves (temp file + rename) and Save As: content, permissions, progress,
// cancellation, faults, a changed original and a full disk, each leaving the original intact.
import { test } from 'node:test';
import { readableCopy } from '../../support/unprivileged';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EditJournal } from '../../../extension/edits/editJournal';
import { openMappedFile } from '../../../extension/engine';
import { fingerprintFile } from '../../../extension/save/fingerprint';
import { recoverFile } from '../../../extension/save/recovery';
import { saveInPlace } from '../../../extension/save/inPlaceSave';
import { saveAs, saveRewrite } from '../../../extension/save/rewriteSave';
import { addonFile, expectSaveError, mountTmpfs, remount, repoRoot, strays, tempDir } from './support';

const dir = tempDir();
let counter = 0;

function fixture(size = 1 << 20, mode = 0o640): { file: string; old: Buffer; name: string } {
  const old = Buffer.alloc(size);
  for (let i = 0; i < size; i++) old[i] = (i * 7 + (i >> 10)) & 0xff;
  const name = `file-${counter++}.bin`;
  const file = path.join(dir, name);
  fs.writeFileSync(file, old);
  fs.chmodSync(file, mode);
  return { file, old, name };
}

function lengthChanging(file: string): { journal: EditJournal; expected: Buffer; close: () => void } {
  const base = openMappedFile(file, 'read');
  const journal = new EditJournal(base);
  journal.insert(0, Buffer.from('HEADER '));
  journal.delete(1000, 5000);
  journal.insert(journal.size, Buffer.from(' TRAILER'));
  const expected = Buffer.from(journal.read(0, journal.size));
  return { journal, expected, close: () => base.close() };
}

test('a length-changing save goes through a temp file and a rename; permissions are kept', async () => {
  const { file, name } = fixture(3 << 20, 0o640);
  const fp = fingerprintFile(file);
  const { journal, expected, close } = lengthChanging(file);
  const inodeBefore = fs.statSync(file).ino;
  const progress: number[] = [];
  const result = await saveRewrite(file, journal, { expected: fp, chunkSize: 1 << 20, onProgress: (w, total) => progress.push(w / total) });
  assert.ok(fs.readFileSync(file).equals(expected));
  assert.equal(fs.statSync(file).mode & 0o7777, 0o640);
  assert.notEqual(fs.statSync(file).ino, inodeBefore); // a new file took its place
  assert.equal(result.bytesWritten, expected.length);
  assert.equal(result.fingerprint.size, expected.length);
  assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
  assert.equal(progress.at(-1), 1);
  assert.deepEqual(strays(dir).filter((n) => n.startsWith(`.${name}`)), []);
  // The journal still reads the old mapping (the replaced inode lives on while mapped).
  assert.ok(Buffer.from(journal.read(0, journal.size)).equals(expected));
  close();
});

test('an executable keeps its mode bits', async () => {
  const { file } = fixture(10_000, 0o751);
  const { journal, close } = lengthChanging(file);
  await saveRewrite(file, journal);
  assert.equal(fs.statSync(file).mode & 0o7777, 0o751);
  close();
});

test('cancel during the save: ECANCELED, original intact, temp removed', async () => {
  const { file, old, name } = fixture(4 << 20);
  const { journal, close } = lengthChanging(file);
  const controller = new AbortController();
  await expectSaveError(
    () => saveRewrite(file, journal, { chunkSize: 1 << 20, signal: controller.signal, onProgress: (w) => w >= 2 << 20 && controller.abort() }),
    'ECANCELED',
  );
  assert.ok(fs.readFileSync(file).equals(old));
  assert.deepEqual(strays(dir).filter((n) => n.startsWith(`.${name}`)), []);
  close();
});

test('a writer failing after N bytes: original intact, temp removed', async () => {
  const { file, old, name } = fixture(4 << 20);
  const { journal, close } = lengthChanging(file);
  await expectSaveError(
    () =>
      saveRewrite(file, journal, {
        chunkSize: 256 * 1024,
        hooks: {
          step(step, bytes) {
            if (step === 'temp-chunk' && bytes >= 1_500_000) throw Object.assign(new Error('injected write error'), { code: 'EIO' });
          },
        },
      }),
    'EIO',
    /injected/,
  );
  assert.ok(fs.readFileSync(file).equals(old));
  assert.deepEqual(strays(dir).filter((n) => n.startsWith(`.${name}`)), []);
  close();
});

test('the original replaced while the temp file was written: EFILECHANGED, the replacement kept', async () => {
  const { file, old, name } = fixture(100_000);
  const fp = fingerprintFile(file);
  const { journal, close } = lengthChanging(file);
  const replacement = Buffer.from('someone else saved this');
  await expectSaveError(
    () =>
      saveRewrite(file, journal, {
        expected: fp,
        hooks: {
          step(step) {
            if (step === 'temp-synced') {
              fs.writeFileSync(file + '.other', replacement);
              fs.renameSync(file + '.other', file);
            }
          },
        },
      }),
    'EFILECHANGED',
    /replaced/,
  );
  assert.ok(fs.readFileSync(file).equals(replacement));
  assert.deepEqual(strays(dir).filter((n) => n.startsWith(`.${name}`)), []);
  assert.ok(old.length > 0);
  close();
});

test('a deleted original is refused before anything is written', async () => {
  const { file } = fixture(1000);
  const fp = fingerprintFile(file);
  const { journal, close } = lengthChanging(file);
  fs.unlinkSync(file);
  await expectSaveError(() => saveRewrite(file, journal, { expected: fp }), 'EFILECHANGED', /deleted/);
  assert.equal(fs.existsSync(file), false);
  close();
});

test('Save As writes a new file, or replaces an existing one keeping its mode; the original is untouched', async () => {
  const { file, old } = fixture(200_000);
  const { journal, expected, close } = lengthChanging(file);
  const target = path.join(dir, 'save-as-new.bin');
  const progress: number[] = [];
  await saveAs(journal, target, { onProgress: (w) => progress.push(w) });
  assert.ok(fs.readFileSync(target).equals(expected));
  assert.ok(fs.readFileSync(file).equals(old));
  assert.equal(progress.at(-1), expected.length);
  const existing = path.join(dir, 'save-as-existing.bin');
  fs.writeFileSync(existing, 'previous');
  fs.chmodSync(existing, 0o600);
  await saveAs(journal, existing);
  assert.ok(fs.readFileSync(existing).equals(expected));
  assert.equal(fs.statSync(existing).mode & 0o7777, 0o600);
  await expectSaveError(() => saveAs(journal, path.join(dir, 'no-such-folder', 'x.bin')), 'ENOENT', /no such file or folder/);
  close();
});

test('recovery removes the temp file of a rewrite killed mid-way (its process is gone)', () => {
  const { file, old, name } = fixture(1000);
  const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  const stale = path.join(dir, `.${name}.${Number(dead.stdout)}-0123abcd.lfe-save.tmp`);
  const live = path.join(dir, `.${name}.${process.ppid}-89abcdef.lfe-save.tmp`); // a running process: maybe another window saving
  fs.writeFileSync(stale, 'partial');
  fs.writeFileSync(live, 'partial');
  const report = recoverFile(file);
  assert.equal(report.outcome.status, 'clean');
  assert.deepEqual(report.removed, [stale]);
  assert.equal(fs.existsSync(live), true);
  fs.unlinkSync(live);
  assert.ok(fs.readFileSync(file).equals(old));
});

test('a full disk (2 MiB tmpfs): refused up front with ENOSPC; and when the disk fills mid-write, the original is intact', async (t) => {
  const m = mountTmpfs('2m');
  if ('reason' in m) return t.skip(m.reason);
  try {
    const file = path.join(m.dir, 'big.bin');
    const old = Buffer.alloc(1200 * 1024, 0x61);
    fs.writeFileSync(file, old);
    const base = openMappedFile(file, 'read');
    const journal = new EditJournal(base);
    journal.insert(10, Buffer.from('grow'));
    await expectSaveError(() => saveRewrite(file, journal), 'ENOSPC', /disk is full.*needed.*free.*Nothing was changed/);
    assert.ok(fs.readFileSync(file).equals(old));
    assert.deepEqual(fs.readdirSync(m.dir), ['big.bin']);
    // Skipping the check, the write itself runs out of space.
    await expectSaveError(() => saveRewrite(file, journal, { checkFreeSpace: false, chunkSize: 64 * 1024 }), 'ENOSPC', /disk is full/);
    assert.ok(fs.readFileSync(file).equals(old));
    assert.deepEqual(fs.readdirSync(m.dir), ['big.bin']);
    base.close();
  } finally {
    m.unmount();
  }
});

test('read-only file system: EROFS, nothing changed', async (t) => {
  const m = mountTmpfs('4m');
  if ('reason' in m) return t.skip(m.reason);
  try {
    const file = path.join(m.dir, 'data.bin');
    fs.writeFileSync(file, 'old');
    if (!remount(m.dir, 'ro')) return t.skip('cannot remount read-only here');
    const base = openMappedFile(file, 'read');
    const journal = new EditJournal(base);
    journal.insert(0, Buffer.from('new '));
    await expectSaveError(() => saveRewrite(file, journal), 'EROFS', /read-only/);
    await expectSaveError(() => saveAs(journal, path.join(m.dir, 'copy.bin')), 'EROFS');
    base.close();
    assert.equal(fs.readFileSync(file, 'utf8'), 'old');
  } finally {
    remount(m.dir, 'rw');
    m.unmount();
  }
});

test('read-only folder (as uid 65534): EACCES, original intact, no temp file', (t) => {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return t.skip('needs root on POSIX to switch to an unprivileged user');
  const folder = tempDir('lfe-ro-');
  fs.chmodSync(folder, 0o755);
  const file = path.join(folder, 'data.bin');
  fs.writeFileSync(file, 'old content');
  fs.chmodSync(file, 0o666); // the file itself is writable; the folder is not
  // Copies everyone can read: the checkout may be in a folder uid 65534 cannot enter (root's home).
  const child = readableCopy(path.join(repoRoot, 'out', 'test', 'unit', 'save', 'saveAsUser.js'));
  const r = spawnSync(process.execPath, [child, readableCopy(addonFile), 'rewrite', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { ok: boolean; uid: number; code?: string; message?: string };
  if (out.uid === 0) return t.skip('cannot drop root privileges here');
  assert.equal(out.ok, false);
  assert.equal(out.code, 'EACCES', out.message);
  assert.match(out.message!, /Cannot save 'data.bin': permission denied/);
  assert.equal(fs.readFileSync(file, 'utf8'), 'old content');
  assert.deepEqual(fs.readdirSync(folder), ['data.bin']);
});

test('a Copy document never writes the original: in place and rewrite refuse it by its mode (EINVAL), Save As works', async () => {
  const { file, old } = fixture(10_000);
  // Mapped read-only like every document: Copy is the document's mode, not the mapping's.
  const base = openMappedFile(file, 'read');
  const journal = new EditJournal(base);
  journal.overwrite(0, Buffer.from('same length'));
  await expectSaveError(() => saveInPlace(file, journal, { documentMode: 'copy' }), 'EINVAL', /copy-mode/);
  journal.insert(0, Buffer.from('longer '));
  await expectSaveError(() => saveRewrite(file, journal, { documentMode: 'copy' }), 'EINVAL', /copy-mode/);
  const target = path.join(dir, 'scratch-copy.bin');
  await saveAs(journal, target);
  assert.ok(fs.readFileSync(target).equals(Buffer.from(journal.read(0, journal.size))));
  assert.ok(fs.readFileSync(file).equals(old));
  base.close();
});

test('beforeReplace runs once the temp file is complete; throwing there keeps the original', async () => {
  const { file, old, name } = fixture(10_000);
  const { journal, expected, close } = lengthChanging(file);
  await expectSaveError(
    () =>
      saveRewrite(file, journal, {
        beforeReplace: () => {
          throw Object.assign(new Error('still mapped'), { code: 'EBUSY' });
        },
      }),
    'EBUSY',
    /in use/,
  );
  assert.ok(fs.readFileSync(file).equals(old));
  assert.deepEqual(strays(dir).filter((n) => n.startsWith(`.${name}`)), []);
  let called = 0;
  await saveRewrite(file, journal, { beforeReplace: () => void called++ });
  assert.equal(called, 1);
  assert.ok(fs.readFileSync(file).equals(expected));
  close();
});

test('edits made while a rewrite streams are not mixed into the file (it writes a snapshot)', async () => {
  const { file } = fixture(2 << 20);
  const { journal, expected, close } = lengthChanging(file);
  let edits = 0;
  await saveRewrite(file, journal, {
    chunkSize: 256 * 1024,
    onProgress: () => {
      journal.insert(0, Buffer.from('typed during the save '));
      journal.delete(journal.size - 10, 10);
      edits++;
    },
  });
  assert.ok(edits > 4);
  assert.ok(fs.readFileSync(file).equals(expected));
  assert.notEqual(journal.size, expected.length);
  close();
});
