// Saving a length-preserving document in place: only the changed bytes are written, through a
// writable shared mapping, so the cost follows the edits, not the file size. Crash safety comes
// from the rollback journal (see rollbackJournal.ts): it is durable before the first byte
// changes and removed only after the flush, so a kill at any instant leaves, after recovery,
// the old file or the new one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EditJournal } from '../edits/editJournal';
import { openMappedFile } from '../engine';
import { fsyncDirectory, windowedReader } from './durable';
import { assertUnchanged, FileFingerprint, fingerprintFile } from './fingerprint';
import { forEachRangeChunk, readRollbackJournal, restoreOldBytes, rollbackJournalPath, writeRollbackJournal } from './rollbackJournal';
import { SaveError, toSaveError } from './saveError';
import type { SaveHooks } from './saveHooks';

/** The part of a MappedFile (mode 'write') an in-place save uses. */
export interface WritableFile {
  readonly size: number;
  write(offset: number, bytes: Uint8Array): number;
  /** msync + fsync. */
  flush(): void;
  close(): void;
}

export interface InPlaceSaveOptions {
  /** The file's fingerprint when the document was opened (or last saved): a different file is refused with EFILECHANGED. */
  expected?: FileFingerprint;
  /** Opens the file for writing; default: the engine's writable shared mapping. */
  openWritable?: (file: string) => WritableFile;
  /**
   * Keep undo/redo working after the save (copies the overwritten base bytes the history refers
   * to). Default true. Either way the journal's content becomes its base (one piece) afterwards.
   */
  preserveHistory?: boolean;
  onProgress?: (written: number, total: number) => void;
  hooks?: SaveHooks;
}

export interface InPlaceSaveResult {
  /** Bytes written through the mapping (changed ranges plus small gaps merged between them). */
  bytesWritten: number;
  /** Ranges written. */
  ranges: number;
  /** The file's fingerprint after the save: record it as the new `expected`. */
  fingerprint: FileFingerprint;
}

/** Changed ranges closer than this are written as one range (the gap holds the same bytes). */
const MERGE_GAP = 4096;

interface Ranges {
  offsets: Float64Array;
  lengths: Float64Array;
  total: number;
}

function collectRanges(journal: EditJournal, mergeGap: number): Ranges {
  let offsets = new Float64Array(64);
  let lengths = new Float64Array(64);
  let n = 0;
  let total = 0;
  journal.forEachChangedRange((offset, length) => {
    if (n > 0 && offset - (offsets[n - 1] + lengths[n - 1]) <= mergeGap) {
      const grown = offset + length - offsets[n - 1];
      total += grown - lengths[n - 1];
      lengths[n - 1] = grown;
      return;
    }
    if (n === offsets.length) {
      const o = new Float64Array(n * 2);
      const l = new Float64Array(n * 2);
      o.set(offsets);
      l.set(lengths);
      offsets = o;
      lengths = l;
    }
    offsets[n] = offset;
    lengths[n++] = length;
    total += length;
  });
  return { offsets: offsets.slice(0, n), lengths: lengths.slice(0, n), total };
}

/**
 * Writes the journal's changed ranges into `file` in place. The journal must be
 * `lengthPreserving` (else EINVAL: use saveRewrite). Throws SaveError; the file is then intact.
 */
export function saveInPlace(file: string, journal: EditJournal, options: InPlaceSaveOptions = {}): InPlaceSaveResult {
  const what = `'${path.basename(file)}'`;
  if (journal.base.mode === 'copy') throw new SaveError('EINVAL', `Cannot save ${what} in place: a copy-mode document never writes its file (use Save As).`);
  if (!journal.lengthPreserving) throw new SaveError('EINVAL', `Cannot save ${what} in place: the edits change its length (a rewrite save is needed).`);
  const hooks = options.hooks;
  let journalPath: string | undefined;
  let writable: WritableFile | undefined;
  let readFd: number | undefined;
  try {
    if (options.expected) assertUnchanged(file, options.expected, what);
    // A journal already there belongs to an interrupted save not yet recovered (or one running
    // in another window): replacing it could lose the only copy of that save's old bytes.
    if (fs.existsSync(rollbackJournalPath(file))) {
      throw new SaveError('EBUSY', `Cannot save ${what}: an interrupted save left a rollback journal (${path.basename(rollbackJournalPath(file))}); reopen the file to recover it first.`);
    }
    const exact = collectRanges(journal, 0);
    const ranges = collectRanges(journal, MERGE_GAP);
    if (ranges.offsets.length === 0) return { bytesWritten: 0, ranges: 0, fingerprint: fingerprintFile(file) };
    // Open for writing first: a read-only file fails here, before any journal exists.
    writable = (options.openWritable ?? ((f) => openMappedFile(f, 'write')))(file);
    if (writable.size !== journal.size) throw new SaveError('EFILECHANGED', `Cannot save ${what}: its size changed since it was opened.`);
    readFd = fs.openSync(file, 'r');
    const fd = readFd;
    hooks?.step?.('checked', 0);
    if (options.preserveHistory !== false) journal.preserveBaseRanges(exact, windowedReader(fd));
    journalPath = writeRollbackJournal(file, fd, ranges, hooks);
    hooks?.step?.('journal-committed', 0);

    let written = 0;
    const target = writable;
    forEachRangeChunk(ranges.offsets, ranges.lengths, (at, length) => {
      target.write(at, journal.read(at, length));
      written += length;
      hooks?.step?.('write-chunk', written);
      options.onProgress?.(written, ranges.total);
    });
    target.flush();
    hooks?.step?.('flushed', written);
    target.close();
    writable = undefined;
    fs.unlinkSync(journalPath);
    journalPath = undefined;
    fsyncDirectory(path.dirname(file));
    hooks?.step?.('journal-removed', written);
    fs.closeSync(fd);
    readFd = undefined;
    // The file now holds the document: later saves need only later edits.
    if (journal.base.size === journal.size) journal.adoptBaseAsContent();
    return { bytesWritten: written, ranges: ranges.offsets.length, fingerprint: fingerprintFile(file) };
  } catch (e) {
    try {
      writable?.close();
    } catch {
      // the error below matters more
    }
    if (readFd !== undefined) fs.closeSync(readFd);
    // The file may be partly written: put the old bytes back now rather than at the next open.
    if (journalPath) rollBack(file, journalPath);
    throw toSaveError(e, what);
  }
}

/** Restores from the committed journal after a failed save; if that fails too, the journal stays for recovery on open. */
function rollBack(file: string, journalPath: string): void {
  const journal = readRollbackJournal(journalPath);
  if (!journal) return;
  try {
    const fd = fs.openSync(file, 'r+');
    try {
      restoreOldBytes(journal, fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.unlinkSync(journalPath);
    fsyncDirectory(path.dirname(file));
  } catch {
    // left for recoverFile on the next open
  }
}

