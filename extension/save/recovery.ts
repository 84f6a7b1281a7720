// Run when a file is opened: finishes what an interrupted save left behind. A committed rollback
// journal of an in-place save is applied (the file becomes wholly old again); a torn journal and
// the temp files of an interrupted rewrite are removed (the file itself was not touched by them).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isNotFound } from '../engineError';
import { logError } from '../log';
import { fsyncDirectory, removeQuietly } from './durable';
import { journalMatchesFile, readRollbackJournal, restoreOldBytes, rollbackJournalPath, rollbackTempPath } from './rollbackJournal';
import type { SaveHooks } from './saveHooks';
import { isRewriteTempOf, rewriteTempOwner } from './tempFiles';

export type RecoveryOutcome =
  /** Nothing was left behind. */
  | { status: 'clean' }
  /** An interrupted in-place save was rolled back: the file has its content from before that save. Tell the user. */
  | { status: 'restored'; bytes: number; journal: string }
  /**
   * A committed journal exists but the file no longer matches it (changed by something else
   * since): nothing was applied; the journal is kept. Ask the user, then `discardRollbackJournal`.
   */
  | { status: 'mismatch'; journal: string; reason: string }
  /** Restoring failed (for example the file is read-only now); the journal is kept for the next try. */
  | { status: 'failed'; journal: string; error: Error };

export interface RecoveryReport {
  outcome: RecoveryOutcome;
  /** Leftovers removed: a torn journal, temp files of interrupted rewrites. */
  removed: string[];
}

/**
 * Checks for and repairs the leftovers of an interrupted save of `file`. Run it before mapping
 * the file. Never throws. Itself safe to interrupt: restoring is idempotent and the journal is
 * removed only after the restored bytes are fsynced. `hooks` are for tests.
 */
export function recoverFile(file: string, hooks?: SaveHooks): RecoveryReport {
  const removed: string[] = [];
  const dir = path.dirname(file);
  const torn = rollbackTempPath(file);
  if (fs.existsSync(torn)) {
    removeQuietly(torn);
    removed.push(torn);
  }
  for (const name of safeReaddir(dir)) {
    if (!isRewriteTempOf(name, file)) continue;
    const owner = rewriteTempOwner(name);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) continue; // another window may be saving right now
    if (owner === process.pid) continue; // our own save in progress
    removeQuietly(path.join(dir, name));
    removed.push(path.join(dir, name));
  }
  const outcome = applyRollbackJournal(file, hooks);
  if (removed.length > 0) {
    try {
      fsyncDirectory(dir);
    } catch (e) {
      // The removals only tidy up: not making them durable loses nothing.
      logError(`Recovering ${file}: flushing ${dir} after removing leftovers`, e);
    }
  }
  return { outcome, removed };
}

function applyRollbackJournal(file: string, hooks: SaveHooks | undefined): RecoveryOutcome {
  const journalPath = rollbackJournalPath(file);
  if (!fs.existsSync(journalPath)) return { status: 'clean' };
  const journal = readRollbackJournal(journalPath);
  if (!journal) {
    // Complete name but failing its checksum: not written by a save that got to touch the file
    // (the rename happens only after the fsync), so it is damaged debris.
    removeQuietly(journalPath);
    return { status: 'clean' };
  }
  let fd: number;
  try {
    fd = fs.openSync(file, 'r+');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return { status: 'mismatch', journal: journalPath, reason: 'the file no longer exists' };
    return { status: 'failed', journal: journalPath, error: e as Error };
  }
  try {
    if (!journalMatchesFile(journal, fd)) {
      return { status: 'mismatch', journal: journalPath, reason: 'the file was changed after the interrupted save' };
    }
    const bytes = restoreOldBytes(journal, fd, hooks);
    fs.closeSync(fd);
    fd = -1;
    fs.unlinkSync(journalPath);
    fsyncDirectory(path.dirname(file));
    return { status: 'restored', bytes, journal: journalPath };
  } catch (e) {
    return { status: 'failed', journal: journalPath, error: e as Error };
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}

/** Forgets a rollback journal (after the user chose to keep the file as it is). */
export function discardRollbackJournal(file: string): void {
  removeQuietly(rollbackJournalPath(file));
  try {
    fsyncDirectory(path.dirname(file));
  } catch (e) {
    // Should the removal not survive a power cut, the journal is found and offered again.
    logError(`Discarding the rollback journal of ${file}: flushing its folder`, e);
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (e) {
    // No folder to list means no leftovers in it; opening the file says why it cannot.
    if (!isNotFound(e)) logError(`Looking for leftovers of an interrupted save in ${dir}`, e);
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // The answer, not a failure: ESRCH no such process; EPERM alive, another user's.
    return (e as { code?: string }).code === 'EPERM';
  }
}
