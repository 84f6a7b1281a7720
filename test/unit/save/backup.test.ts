// Hot-exit backups: the journal and the file's fingerprint, never the file; restore refuses a
// changed file unless forced, and a damaged backup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EditJournal } from '../../../extension/edits/editJournal';
import { openMappedFile } from '../../../extension/engine';
import { findBackupFor, readBackupHeader, restoreBackup, writeBackup } from '../../../extension/save/backup';
import { fingerprintFile } from '../../../extension/save/fingerprint';
import { tempDir } from './support';

const dir = tempDir();
let counter = 0;

function setup(): { file: string; journal: EditJournal; close: () => void; backup: string } {
  const file = path.join(dir, `doc-${counter}.bin`);
  const data = Buffer.alloc(4 << 20);
  for (let i = 0; i < data.length; i++) data[i] = (i * 13) & 0xff;
  fs.writeFileSync(file, data);
  const base = openMappedFile(file, 'read');
  const journal = new EditJournal(base);
  journal.insert(100, Buffer.from('inserted text'));
  journal.overwrite(2_000_000, Buffer.from('overwritten'));
  journal.delete(3_000_000, 500_000);
  journal.replaceAll({ offsets: Float64Array.of(10, 20, 30), lengths: Float64Array.of(2, 2, 2) }, Buffer.from('#'));
  return { file, journal, close: () => base.close(), backup: path.join(dir, 'backups', `doc-${counter++}.lfe-backup`) };
}

test('a backup restores the same content over the unchanged file, and holds no copy of it', async () => {
  const { file, journal, close, backup } = setup();
  const fp = fingerprintFile(file);
  await writeBackup(backup, journal, fp);
  assert.ok(fs.statSync(backup).size < 4096, `backup is ${fs.statSync(backup).size} bytes for a 4 MiB file`);
  assert.deepEqual(readBackupHeader(backup)?.fingerprint, fp);
  const base = openMappedFile(file, 'read');
  const result = restoreBackup(backup, base, fingerprintFile(file));
  assert.equal(result.status, 'restored');
  if (result.status === 'restored') {
    assert.equal(result.journal.size, journal.size);
    assert.ok(Buffer.from(result.journal.read(0, result.journal.size)).equals(Buffer.from(journal.read(0, journal.size))));
  }
  base.close();
  close();
});

test('restoring onto a changed file reports a mismatch instead of applying; force applies', async () => {
  const { file, journal, close, backup } = setup();
  await writeBackup(backup, journal, fingerprintFile(file));
  close();
  // Same size, one byte different in the first (always sampled) block.
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.from('Z'), 0, 1, 5);
  fs.closeSync(fd);
  const base = openMappedFile(file, 'read');
  const result = restoreBackup(backup, base, fingerprintFile(file));
  assert.equal(result.status, 'mismatch');
  if (result.status === 'mismatch') assert.match(result.reason, /changed since the backup/);
  assert.equal(restoreBackup(backup, base, fingerprintFile(file), { force: true }).status, 'restored');
  base.close();
  // Touched (mtime only) is a change too: the user is asked.
  fs.utimesSync(file, new Date(), new Date(Date.now() - 3600_000));
  const base2 = openMappedFile(file, 'read');
  const touched = restoreBackup(backup, base2, fingerprintFile(file));
  assert.equal(touched.status, 'mismatch');
  if (touched.status === 'mismatch') assert.match(touched.reason, /modified|changed/);
  base2.close();
  // A shorter file cannot take the backup even when forced.
  fs.truncateSync(file, 1000);
  const base3 = openMappedFile(file, 'read');
  assert.equal(restoreBackup(backup, base3, fingerprintFile(file), { force: true }).status, 'mismatch');
  base3.close();
});

test('damaged and truncated backups are invalid', async () => {
  const { file, journal, close, backup } = setup();
  const fp = fingerprintFile(file);
  await writeBackup(backup, journal, fp);
  const bytes = fs.readFileSync(backup);
  const base = openMappedFile(file, 'read');
  fs.writeFileSync(backup, bytes.subarray(0, bytes.length - 10));
  assert.equal(restoreBackup(backup, base, fp).status, 'invalid');
  const damaged = Buffer.from(bytes);
  damaged[40] ^= 1;
  fs.writeFileSync(backup, damaged);
  assert.equal(restoreBackup(backup, base, fp).status, 'invalid');
  assert.equal(readBackupHeader(backup), undefined);
  assert.equal(restoreBackup(path.join(dir, 'missing'), base, fp).status, 'invalid');
  base.close();
  close();
});

test('findBackupFor: the newest complete backup of that document, made against the file as it is', async () => {
  const { file, journal, close } = setup();
  const folder = fs.mkdtempSync(path.join(dir, 'storage-'));
  const resource = `file://${file}`;
  const fp = fingerprintFile(file);
  assert.equal(findBackupFor(folder, resource, () => fp), undefined);
  await writeBackup(path.join(folder, 'a1'), journal, fp, undefined, resource);
  await new Promise((r) => setTimeout(r, 5));
  journal.insert(0, Buffer.from('newer'));
  await writeBackup(path.join(folder, 'a2'), journal, fp, undefined, resource);
  await writeBackup(path.join(folder, 'b1'), journal, fp, undefined, 'file:///another/file');
  await writeBackup(path.join(folder, 'c1'), journal, { ...fp, sampleHash: 'a different file' }, undefined, resource);
  fs.writeFileSync(path.join(folder, 'a3.123.tmp'), fs.readFileSync(path.join(folder, 'a2'))); // one being written
  assert.equal(findBackupFor(folder, resource, () => fp), path.join(folder, 'a2'));
  assert.equal(findBackupFor(folder, 'file:///nothing', () => fp), undefined);
  // Once the file changes, none of its backups fits it.
  fs.appendFileSync(file, 'more');
  assert.equal(findBackupFor(folder, resource, () => fingerprintFile(file)), undefined);
  close();
});

test('a backup remembers the mode its edits were made in, so a restore keeps Copy edits away from the file', async () => {
  const { file, journal, close, backup } = setup();
  const fp = fingerprintFile(file);
  await writeBackup(backup, journal, fp, undefined, 'file:///doc', 'copy');
  assert.equal(readBackupHeader(backup)?.mode, 'copy');
  await writeBackup(backup, journal, fp, undefined, 'file:///doc', 'write');
  assert.equal(readBackupHeader(backup)?.mode, 'write');
  await writeBackup(backup, journal, fp);
  assert.equal(readBackupHeader(backup)?.mode, undefined);
  close();
});
