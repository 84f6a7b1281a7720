// The rollback journal of an in-place save: the old bytes of every range the save will
// overwrite, plus what identifies the file they belong to. It is written to a temp name, fsynced,
// then renamed into place (and the folder fsynced) BEFORE the first byte of the file changes, so:
//   - no journal, or only a temp one (torn: killed while writing it) → the file was not touched;
//   - a complete journal → the file may be old, partly new or new; restoring the old bytes makes
//     it wholly old again.
// A sha256 trailer and a commit marker make a damaged or truncated journal detectable too.
//
//   "LFEROLL1"  u32 LE header length  header JSON  Float64 offsets[n]  Float64 lengths[n]
//   old bytes (concatenated in range order)  sha256 of all before (32)  "LFECOMMT"
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncDirectory, preadFully, pwriteFully, removeQuietly } from './durable';
import { fingerprintFd, RangeSet } from './fingerprint';
import type { SaveHooks } from './saveHooks';

const MAGIC = 'LFEROLL1';
const COMMIT = 'LFECOMMT';
const TRAILER = 32 + COMMIT.length;
const IO_CHUNK = 4 << 20;

export interface RollbackHeader {
  format: 1;
  /** Base name of the file the journal belongs to. */
  target: string;
  size: number;
  ino: string;
  dev: string;
  /** The file's sampled-block hash with the journal's ranges masked out: the same before, during and after the save. */
  maskedHash: string;
  ranges: number;
  oldBytes: number;
}

export interface RollbackJournal {
  path: string;
  header: RollbackHeader;
  offsets: Float64Array;
  lengths: Float64Array;
  /** Where the old bytes start in the journal file. */
  dataOffset: number;
}

/** Where the journal of `target` lives: next to it, hidden. */
export function rollbackJournalPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.lfe-rollback`);
}

/** The name the journal is written under before it is complete. */
export function rollbackTempPath(target: string): string {
  return `${rollbackJournalPath(target)}.tmp`;
}

/**
 * Writes, fsyncs and commits the journal of `ranges` of the file open as `targetFd` (the old bytes
 * are read from it). Returns the journal's path. On failure nothing is left behind.
 */
export function writeRollbackJournal(target: string, targetFd: number, ranges: RangeSet, hooks?: SaveHooks): string {
  const n = ranges.offsets.length;
  const offsets = Float64Array.from(ranges.offsets);
  const lengths = Float64Array.from(ranges.lengths);
  let oldBytes = 0;
  for (let i = 0; i < n; i++) oldBytes += lengths[i];
  const fp = fingerprintFd(targetFd, { offsets, lengths });
  const header: RollbackHeader = { format: 1, target: path.basename(target), size: fp.size, ino: fp.ino, dev: fp.dev, maskedHash: fp.sampleHash, ranges: n, oldBytes };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(MAGIC.length + 4);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, MAGIC.length);

  const temp = rollbackTempPath(target);
  const final = rollbackJournalPath(target);
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    const hash = createHash('sha256');
    let written = 0;
    const put = (bytes: Uint8Array): void => {
      hash.update(bytes);
      pwriteFully(fd, bytes, null);
      written += bytes.length;
    };
    put(head);
    put(json);
    put(new Uint8Array(offsets.buffer));
    put(new Uint8Array(lengths.buffer));
    forEachRangeChunk(offsets, lengths, (at, length) => {
      const chunk = new Uint8Array(length);
      preadFully(targetFd, chunk, at);
      put(chunk);
      hooks?.step?.('journal-chunk', written);
    });
    pwriteFully(fd, hash.digest(), null);
    pwriteFully(fd, Buffer.from(COMMIT, 'latin1'), null);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    hooks?.step?.('journal-synced', written);
    fs.renameSync(temp, final);
    fsyncDirectory(path.dirname(target));
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    removeQuietly(temp);
    throw e;
  }
  return final;
}

/** Calls `f` for consecutive pieces of at most IO_CHUNK bytes covering the ranges, in order. */
export function forEachRangeChunk(offsets: ArrayLike<number>, lengths: ArrayLike<number>, f: (offset: number, length: number) => void): void {
  for (let i = 0; i < offsets.length; i++) {
    const end = offsets[i] + lengths[i];
    for (let at = offsets[i]; at < end; at += IO_CHUNK) f(at, Math.min(IO_CHUNK, end - at));
  }
}

/**
 * Reads and verifies a journal. Returns undefined when it is missing, torn or damaged (a journal
 * that never committed: the file was not touched by the save that wrote it).
 */
export function readRollbackJournal(journalPath: string): RollbackJournal | undefined {
  let fd: number;
  try {
    fd = fs.openSync(journalPath, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size < MAGIC.length + 4 + TRAILER) return undefined;
    const head = Buffer.alloc(MAGIC.length + 4);
    preadFully(fd, head, 0);
    if (head.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const jsonLength = head.readUInt32LE(MAGIC.length);
    const trailer = Buffer.alloc(TRAILER);
    preadFully(fd, trailer, size - TRAILER);
    if (trailer.toString('latin1', 32) !== COMMIT) return undefined;
    // The checksum covers everything before the trailer.
    const hash = createHash('sha256');
    const chunk = Buffer.alloc(IO_CHUNK);
    for (let at = 0; at < size - TRAILER; at += IO_CHUNK) {
      const piece = chunk.subarray(0, Math.min(IO_CHUNK, size - TRAILER - at));
      preadFully(fd, piece, at);
      hash.update(piece);
    }
    if (!hash.digest().equals(trailer.subarray(0, 32))) return undefined;
    const json = Buffer.alloc(jsonLength);
    preadFully(fd, json, head.length);
    const header = JSON.parse(json.toString('utf8')) as RollbackHeader;
    if (header.format !== 1) return undefined;
    let at = head.length + jsonLength;
    const offsets = new Float64Array(header.ranges);
    preadFully(fd, new Uint8Array(offsets.buffer), at);
    at += header.ranges * 8;
    const lengths = new Float64Array(header.ranges);
    preadFully(fd, new Uint8Array(lengths.buffer), at);
    at += header.ranges * 8;
    if (at + header.oldBytes + TRAILER !== size) return undefined;
    return { path: journalPath, header, offsets, lengths, dataOffset: at };
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether the file open as `targetFd` is the one `journal` was written for (before, during or after that save). */
export function journalMatchesFile(journal: RollbackJournal, targetFd: number): boolean {
  const fp = fingerprintFd(targetFd, { offsets: journal.offsets, lengths: journal.lengths });
  const h = journal.header;
  return fp.size === h.size && fp.ino === h.ino && fp.dev === h.dev && fp.sampleHash === h.maskedHash;
}

/** Writes the journal's old bytes back into the file (open for writing as `targetFd`) and fsyncs it. Idempotent. */
export function restoreOldBytes(journal: RollbackJournal, targetFd: number, hooks?: SaveHooks): number {
  const fd = fs.openSync(journal.path, 'r');
  try {
    let from = journal.dataOffset;
    forEachRangeChunk(journal.offsets, journal.lengths, (at, length) => {
      const chunk = new Uint8Array(length);
      preadFully(fd, chunk, from);
      pwriteFully(targetFd, chunk, at);
      from += length;
      hooks?.step?.('restore-chunk', from - journal.dataOffset);
    });
  } finally {
    fs.closeSync(fd);
  }
  fs.fsyncSync(targetFd);
  return journal.header.oldBytes;
}
