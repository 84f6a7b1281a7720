// Saving a length-preserving document in place: only the changed bytes are written, through a
// writable shared mapping, so the cost follows the edits, not the file size. Crash safety comes
// from the rollback journal (see rollbackJournal.ts): it is durable before the first byte
// changes and removed only after the flush, so a kill at any instant leaves, after recovery,
// the old file or the new one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangeBatch, EditJournal } from '../edits/editJournal';
import { openMappedFile } from '../engine';
import { logError } from '../log';
import type { OpenMode } from '../../shared/protocol';
import { fsyncDirectory, windowedReader } from './durable';
import { assertUnchanged, FileFingerprint, fingerprintFile, SampleMask } from './fingerprint';
import { RangeBlock, readRollbackJournal, restoreOldBytes, RollbackJournalWriter, RollbackPlan, rollbackJournalPath } from './rollbackJournal';
import { SaveError, toSaveError } from './saveError';
import type { SaveHooks } from './saveHooks';

/** The part of a MappedFile (mapped with 'write' access) an in-place save uses. */
export interface WritableFile {
  readonly size: number;
  write(offset: number, bytes: Uint8Array): number;
  /** Many ranges in one call; their bytes packed back to back (the engine's mapping has it). */
  writeRanges?(offsets: Float64Array, lengths: Float64Array, bytes: Uint8Array): number;
  /** Reads many ranges into `target`, packed back to back. */
  readRanges?(offsets: Float64Array, lengths: Float64Array, target: Uint8Array): number;
  /** msync + fsync. */
  flush(): void;
  close(): void;
}

export interface InPlaceSaveOptions {
  /** The file's fingerprint when the document was opened (or last saved): a different file is refused with EFILECHANGED. */
  expected?: FileFingerprint;
  /** The document's edit mode: a Copy document never writes its file (refused with EINVAL; Save As is its save). */
  documentMode?: OpenMode;
  /** Opens the file for writing; default: the engine's writable shared mapping. */
  openWritable?: (file: string) => WritableFile;
  /**
   * Keep undo/redo working after the save (copies the overwritten base bytes the history refers
   * to). Default true. Either way the journal's content becomes its base (one piece) afterwards.
   */
  preserveHistory?: boolean;
  /** Ranges and bytes per batch of journal and file writes (tests make them small to stop between batches). */
  batchRanges?: number;
  batchBytes?: number;
  /** Progress over the two passes: the rollback journal (the first half of `total`), then the writes. */
  onProgress?: (done: number, total: number) => void;
  hooks?: SaveHooks;
}

export interface InPlaceSaveResult {
  /** Bytes written through the mapping: exactly the changed bytes. */
  bytesWritten: number;
  /** Changed ranges written (adjacent changes count as one). */
  ranges: number;
  /** The file's fingerprint after the save: record it as the new `expected`. */
  fingerprint: FileFingerprint;
}

const BATCH_RANGES = 1 << 16;
const BATCH_BYTES = 8 << 20;

/** Counts the changed ranges and bytes, and finds the few a masked fingerprint needs. */
function plan(journal: EditJournal): RollbackPlan & { ranges: number } {
  const mask = new SampleMask(journal.size);
  let ranges = 0;
  let oldBytes = 0;
  journal.forEachChangedRange((offset, length) => {
    mask.add(offset, length);
    ranges++;
    oldBytes += length;
  });
  return { ranges, oldBytes, mask };
}

/**
 * Writes the journal's changed bytes into `file` in place. The journal must be
 * `lengthPreserving` (else EINVAL: use saveRewrite). Throws SaveError; the file is then intact.
 */
export function saveInPlace(file: string, journal: EditJournal, options: InPlaceSaveOptions = {}): InPlaceSaveResult {
  const steps = inPlaceSteps(file, journal, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `saveInPlace` that lets other work run between its batches (`pause`, default: one turn of
 * the event loop), so a save of millions of ranges does not stall the extension host. The
 * journal must not change until it settles: the caller holds edits back meanwhile.
 */
export async function saveInPlaceAsync(
  file: string,
  journal: EditJournal,
  options: InPlaceSaveOptions & { pause?: () => Promise<void> } = {},
): Promise<InPlaceSaveResult> {
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const steps = inPlaceSteps(file, journal, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/** The in-place save, pausing (yield) between batches; the drivers above run it. */
function* inPlaceSteps(file: string, journal: EditJournal, options: InPlaceSaveOptions): Generator<void, InPlaceSaveResult> {
  const what = `'${path.basename(file)}'`;
  if (options.documentMode === 'copy') throw new SaveError('EINVAL', `Cannot save ${what} in place: a copy-mode document never writes its file (use Save As).`);
  if (!journal.lengthPreserving) throw new SaveError('EINVAL', `Cannot save ${what} in place: the edits change its length (a rewrite save is needed).`);
  const hooks = options.hooks;
  const batch = { maxRanges: options.batchRanges ?? BATCH_RANGES, maxBytes: options.batchBytes ?? BATCH_BYTES };
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
    const changes = plan(journal);
    if (changes.ranges === 0) return { bytesWritten: 0, ranges: 0, fingerprint: fingerprintFile(file) };
    // Open for writing first: a read-only file fails here, before any journal exists.
    writable = (options.openWritable ?? ((f) => openMappedFile(f, 'write')))(file);
    if (writable.size !== journal.size) throw new SaveError('EFILECHANGED', `Cannot save ${what}: its size changed since it was opened.`);
    readFd = fs.openSync(file, 'r');
    const fd = readFd;
    const target = writable;
    // The base mapping is this same file (its fingerprint matched): reading the old bytes there
    // avoids faulting in the fresh writable mapping twice.
    const bulk = journal.base.readRanges ? journal.base : target;
    const readOld = oldBytesReader(bulk, fd);
    hooks?.step?.('checked', 0);
    // Undo after the save needs the old bytes the history refers to: copy them (once each) and
    // re-point the history there before any byte changes. Nothing else is kept for it, however
    // many ranges the save has.
    if (options.preserveHistory !== false && journal.hasHistory) {
      try {
        journal.preserveHistoryForInPlaceSave();
      } catch (e) {
        // Only undo past this save is lost (rather than undo giving wrong bytes).
        logError(`Saving ${file}: keeping the undo history (it is cleared; the save goes on)`, e);
        journal.clearHistory();
      }
    }
    yield;
    const writer = new RollbackJournalWriter(file, fd, changes, hooks);
    try {
      let journaled = 0;
      for (const b of journal.changeBatches({ ...batch, withBytes: false })) {
        writer.write(readOld(b));
        journaled += b.byteLength;
        options.onProgress?.(journaled, 2 * changes.oldBytes);
        yield;
      }
      journalPath = writer.commit();
    } catch (e) {
      writer.abort();
      throw e;
    }
    hooks?.step?.('journal-committed', 0);

    let written = 0;
    for (const b of journal.changeBatches({ ...batch, withBytes: true, totalBytes: changes.oldBytes })) {
      writeBatch(target, b);
      written += b.byteLength;
      hooks?.step?.('write-chunk', written);
      options.onProgress?.(changes.oldBytes + written, 2 * changes.oldBytes);
      yield;
    }
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
    journal.adoptBaseAsContent();
    return { bytesWritten: written, ranges: changes.ranges, fingerprint: fingerprintFile(file) };
  } catch (e) {
    try {
      writable?.close();
    } catch (closing) {
      // The save's own error (thrown below) is the one to report; this one only goes to the log.
      logError(`Saving ${file}: closing the writable mapping after a failure`, closing);
    }
    if (readFd !== undefined) fs.closeSync(readFd);
    // The file may be partly written: put the old bytes back now rather than at the next open.
    if (journalPath) rollBack(file, journalPath);
    throw toSaveError(e, what);
  }
}

type RangeBatch = Pick<ChangeBatch, 'offsets' | 'lengths' | 'byteLength'>;

/**
 * Reads a batch's bytes as they are in the file now (before the save changes them), into one
 * buffer reused by every batch: the journal writes a block before the next is read.
 */
function oldBytesReader(source: Pick<WritableFile, 'readRanges'>, fd: number): (b: RangeBatch) => RangeBlock {
  const windowed = windowedReader(fd);
  let buffer = new Uint8Array(0);
  return (b) => {
    if (buffer.length < b.byteLength) buffer = new Uint8Array(Math.max(b.byteLength, Math.min(2 * buffer.length, BATCH_BYTES)));
    const bytes = buffer.subarray(0, b.byteLength);
    if (source.readRanges) {
      source.readRanges(b.offsets, b.lengths, bytes);
    } else {
      let at = 0;
      for (let i = 0; i < b.offsets.length; i++) {
        windowed(b.offsets[i], bytes.subarray(at, at + b.lengths[i]));
        at += b.lengths[i];
      }
    }
    return { offsets: b.offsets, lengths: b.lengths, bytes };
  };
}

function writeBatch(target: WritableFile, b: ChangeBatch): void {
  const bytes = b.bytes!;
  if (target.writeRanges) {
    target.writeRanges(b.offsets, b.lengths, bytes);
    return;
  }
  let at = 0;
  for (let i = 0; i < b.offsets.length; i++) {
    target.write(b.offsets[i], bytes.subarray(at, at + b.lengths[i]));
    at += b.lengths[i];
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
  } catch (e) {
    // Left for recoverFile on the next open, which finishes the job and says so.
    logError(`Rolling back the failed save of ${file} (left for recovery when it is next opened)`, e);
  }
}

