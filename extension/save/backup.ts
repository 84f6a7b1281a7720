// Hot-exit backups: the edit journal's content (pieces + the added bytes they use) and the
// fingerprint of the file it applies to — never a copy of the file. Restoring checks that the
// file is still the one the backup was made against and reports a mismatch instead of applying.
//
//   "LFEBAK01"  u32 LE header length  header JSON {format, fingerprint, createdAt}
//   encoded journal (journalCodec, up to the trailer)  sha256 of all before (32)
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EditJournal } from '../edits/editJournal';
import type { ByteReader } from '../reader';
import { decodeJournal, encodeJournal } from '../edits/journalCodec';
import { fsyncDirectory, removeQuietly } from './durable';
import { FileFingerprint, fingerprintDifference } from './fingerprint';
import { toSaveError } from './saveError';
import { isNotFound } from '../engineError';
import { logError } from '../log';

const MAGIC = 'LFEBAK01';

export interface BackupHeader {
  format: 1;
  /** The file the edits apply to, as it was when the backup was written. */
  fingerprint: FileFingerprint;
  createdAt: string;
  /** The document's URI, so a backup VS Code did not hand back can still be matched to its file. */
  resource?: string;
  /** How the document was open ('write' or 'copy'), so its edits come back under the same promise. */
  mode?: 'write' | 'copy';
}

export type RestoreResult =
  | { status: 'restored'; journal: EditJournal; header: BackupHeader }
  /** The file changed since the backup: ask the user; `restoreBackup(..., { force: true })` applies anyway where the sizes allow. */
  | { status: 'mismatch'; reason: string; header: BackupHeader }
  /** Not a backup, damaged or truncated. */
  | { status: 'invalid'; reason: string };

/**
 * Writes a backup of `journal` (over the file whose fingerprint is `fingerprint`) to
 * `backupPath`, creating its folder. Written to a temp name and renamed, so a backup is whole or
 * absent. Throws SaveError.
 */
export async function writeBackup(
  backupPath: string,
  journal: EditJournal,
  fingerprint: FileFingerprint,
  signal?: AbortSignal,
  resource?: string,
  mode?: 'write' | 'copy',
): Promise<void> {
  const dir = path.dirname(backupPath);
  const temp = `${backupPath}.${process.pid}.tmp`;
  let handle: fs.promises.FileHandle | undefined;
  try {
    await fs.promises.mkdir(dir, { recursive: true });
    const header: BackupHeader = { format: 1, fingerprint, createdAt: new Date().toISOString(), ...(resource ? { resource } : {}), ...(mode ? { mode } : {}) };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const head = Buffer.alloc(MAGIC.length + 4);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(json.length, MAGIC.length);
    const hash = createHash('sha256');
    const file = await fs.promises.open(temp, 'w', 0o600);
    handle = file;
    const put = async (chunk: Uint8Array): Promise<void> => {
      if (signal?.aborted) throw Object.assign(new Error('backup cancelled'), { code: 'ECANCELED' });
      hash.update(chunk);
      await file.write(chunk);
    };
    await put(head);
    await put(json);
    // Streamed: the encoder yields views of the pieces and chunks of the added bytes, one at a time.
    for (const chunk of encodeJournal(journal)) await put(chunk);
    await file.write(hash.digest());
    await file.sync();
    await file.close();
    handle = undefined;
    fs.renameSync(temp, backupPath);
    fsyncDirectory(dir);
  } catch (e) {
    // The backup already failed with `e`: a failure to close the temp file adds nothing (it is removed next).
    await handle?.close().catch(() => undefined);
    removeQuietly(temp);
    throw toSaveError(e, `a backup of the edits`);
  }
}

/**
 * The newest complete backup in `folder` written for `resource` against a file whose fingerprint
 * is still `current`, or undefined. For when VS Code reopens a dirty document without handing
 * its backup back (code-server does, when a window reloads under load).
 */
export function findBackupFor(folder: string, resource: string, current: () => FileFingerprint): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch (e) {
    // No backup folder yet is the usual answer: nothing was backed up.
    if (!isNotFound(e)) logError(`Looking for backups of ${resource} in ${folder}`, e);
    return undefined;
  }
  // Only headers are read here (the backups of other documents may be large); the one chosen is
  // checked whole when it is restored. The file's fingerprint is taken only if a backup names it.
  let fingerprint: FileFingerprint | undefined;
  let best: { file: string; createdAt: string } | undefined;
  for (const name of names) {
    if (name.endsWith('.tmp')) continue;
    const file = path.join(folder, name);
    const header = peekHeader(file);
    if (header?.resource !== resource) continue;
    fingerprint ??= current();
    if (fingerprintDifference(header.fingerprint, fingerprint)) continue;
    if (!best || header.createdAt > best.createdAt) best = { file, createdAt: header.createdAt };
  }
  return best?.file;
}

/** The header of a backup from its first bytes alone (its checksum is not verified), or undefined. */
function peekHeader(file: string): BackupHeader | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(MAGIC.length + 4);
    if (fs.readSync(fd, head, 0, head.length, 0) !== head.length || head.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const json = Buffer.alloc(head.readUInt32LE(MAGIC.length));
    if (json.length > 1 << 20 || fs.readSync(fd, json, 0, json.length, head.length) !== json.length) return undefined;
    const header = JSON.parse(json.toString('utf8')) as BackupHeader;
    return header.format === 1 ? header : undefined;
  } catch (e) {
    // Another document's backup, removed meanwhile (VS Code deletes them) or damaged: skipped.
    if (!isNotFound(e)) logError(`Reading the header of the backup ${file}`, e);
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The header of a backup (to show what it belongs to before restoring), or undefined if it is not a valid backup. */
export function readBackupHeader(backupPath: string): BackupHeader | undefined {
  const parsed = parseBackup(backupPath);
  return 'header' in parsed ? parsed.header : undefined;
}

/**
 * Rebuilds the journal of a backup over `base` (the reopened file, whose fingerprint now is
 * `current`). A file that changed since the backup is reported as a mismatch, not applied.
 */
export function restoreBackup(backupPath: string, base: ByteReader, current: FileFingerprint, options: { force?: boolean } = {}): RestoreResult {
  const parsed = parseBackup(backupPath);
  if (!('header' in parsed)) return { status: 'invalid', reason: parsed.reason };
  const { header, journalBytes } = parsed;
  const why = fingerprintDifference(header.fingerprint, current);
  if (why && !options.force) return { status: 'mismatch', reason: `The file changed since the backup: ${why}.`, header };
  try {
    const decoded = decodeJournal(journalBytes);
    if (decoded.baseSize !== base.size && !options.force) return { status: 'mismatch', reason: `The file is ${base.size} bytes; the backup was made against ${decoded.baseSize}.`, header };
    return { status: 'restored', journal: new EditJournal(base, { restored: decoded }), header };
  } catch (e) {
    return why ? { status: 'mismatch', reason: `The backup does not fit the changed file: ${(e as Error).message}`, header } : { status: 'invalid', reason: (e as Error).message };
  }
}

function parseBackup(backupPath: string): { header: BackupHeader; journalBytes: Uint8Array } | { reason: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(backupPath);
  } catch (e) {
    return { reason: `cannot read the backup: ${(e as Error).message}` };
  }
  if (bytes.length < MAGIC.length + 4 + 32 || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return { reason: 'not a Large File Editor backup' };
  const body = bytes.subarray(0, bytes.length - 32);
  if (!createHash('sha256').update(body).digest().equals(bytes.subarray(bytes.length - 32))) return { reason: 'the backup is damaged or incomplete' };
  const jsonLength = bytes.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  let header: BackupHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', start, start + jsonLength)) as BackupHeader;
  } catch {
    // Not swallowed: the reason goes to the user with the restore's outcome.
    return { reason: 'the backup header is damaged' };
  }
  if (header.format !== 1) return { reason: `unknown backup format ${String(header.format)}` };
  return { header, journalBytes: body.subarray(start + jsonLength) };
}
