// The rollback journal of an in-place save: the old bytes of every range the save will
// overwrite, plus what identifies the file they belong to. It is written to a temp name, fsynced,
// then renamed into place (and the folder fsynced) BEFORE the first byte of the file changes, so:
//   - no journal, or only a temp one (torn: killed while writing it) → the file was not touched;
//   - a complete journal → the file may be old, partly new or new; restoring the old bytes makes
//     it wholly old again.
// A sha256 trailer and a commit marker make a damaged or truncated journal detectable too.
// Ranges and old bytes are streamed in blocks, so writing, checking and restoring a journal of
// millions of ranges holds one block in memory, never the whole list.
//
//   "LFEROLL2"  u32 LE header length  header JSON
//   blocks: u32 LE n (n > 0)  Float64 offsets[n]  Float64 lengths[n]  old bytes (concatenated)
//   u32 LE 0  sha256 of all before (32)  "LFECOMMT"
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isNotFound } from '../engineError';
import { logError } from '../log';
import { fsyncDirectory, preadFully, pwriteFully, removeQuietly } from './durable';
import { fingerprintFd, RangeSet } from './fingerprint';
import type { SaveHooks } from './saveHooks';

const MAGIC = 'LFEROLL2';
const COMMIT = 'LFECOMMT';
const TRAILER = 32 + COMMIT.length;
const IO_CHUNK = 4 << 20;

export interface RollbackHeader {
  format: 2;
  /** Base name of the file the journal belongs to. */
  target: string;
  size: number;
  ino: string;
  dev: string;
  /** The file's sampled-block hash with the journal's ranges masked out: the same before, during and after the save. */
  maskedHash: string;
  /** The journal's ranges that touch a sampled block (what `maskedHash` masks). */
  mask: { offsets: number[]; lengths: number[] };
  /** Total of the old bytes in the blocks. */
  oldBytes: number;
}

export interface RollbackJournal {
  path: string;
  header: RollbackHeader;
  /** Where the first block starts in the journal file. */
  dataOffset: number;
}

/** Ranges of the file and their bytes packed back to back. */
export interface RangeBlock {
  offsets: Float64Array;
  lengths: Float64Array;
  bytes: Uint8Array;
}

/** What a journal will hold, known before its first block is written. */
export interface RollbackPlan {
  /** Sum of the lengths of all blocks' ranges. */
  oldBytes: number;
  /** The ranges that touch the fingerprint's sampled blocks (see SampleMask). */
  mask: RangeSet;
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
 * Writes, fsyncs and commits the journal of the file open as `targetFd`, block by block (an
 * asynchronous save lets other work run between blocks), in file order, as the plan says. Call
 * `commit` after the last block (it returns the journal's path), or `abort` on failure: nothing
 * is left behind.
 */
export class RollbackJournalWriter {
  private readonly temp: string;
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private written = 0;
  private oldBytes = 0;
  private open = true;

  constructor(
    private readonly target: string,
    targetFd: number,
    private readonly plan: RollbackPlan,
    private readonly hooks?: SaveHooks,
  ) {
    const fp = fingerprintFd(targetFd, plan.mask);
    const header: RollbackHeader = {
      format: 2,
      target: path.basename(target),
      size: fp.size,
      ino: fp.ino,
      dev: fp.dev,
      maskedHash: fp.sampleHash,
      mask: { offsets: Array.from(plan.mask.offsets), lengths: Array.from(plan.mask.lengths) },
      oldBytes: plan.oldBytes,
    };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const head = Buffer.alloc(MAGIC.length + 4);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(json.length, MAGIC.length);
    this.temp = rollbackTempPath(target);
    this.fd = fs.openSync(this.temp, 'w', 0o600);
    try {
      this.put(head);
      this.put(json);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Appends a block (its ranges after every earlier block's). */
  write(block: RangeBlock): void {
    const n = block.offsets.length;
    if (n === 0) return;
    this.put(count(n));
    this.put(new Uint8Array(block.offsets.buffer, block.offsets.byteOffset, n * 8));
    this.put(new Uint8Array(block.lengths.buffer, block.lengths.byteOffset, n * 8));
    this.put(block.bytes);
    this.oldBytes += block.bytes.length;
    this.hooks?.step?.('journal-chunk', this.written);
  }

  /** Seals, fsyncs and renames the journal into place; returns its path. */
  commit(): string {
    if (this.oldBytes !== this.plan.oldBytes) throw new Error(`rollback journal: ${this.oldBytes} old bytes written, ${this.plan.oldBytes} planned`);
    this.put(count(0));
    pwriteFully(this.fd, this.hash.digest(), null);
    pwriteFully(this.fd, Buffer.from(COMMIT, 'latin1'), null);
    fs.fsyncSync(this.fd);
    this.close();
    this.hooks?.step?.('journal-synced', this.written);
    const final = rollbackJournalPath(this.target);
    fs.renameSync(this.temp, final);
    fsyncDirectory(path.dirname(this.target));
    return final;
  }

  /** Drops a journal that was not committed. */
  abort(): void {
    this.close();
    removeQuietly(this.temp);
  }

  private put(bytes: Uint8Array): void {
    this.hash.update(bytes);
    pwriteFully(this.fd, bytes, null);
    this.written += bytes.length;
  }

  private close(): void {
    if (!this.open) return;
    this.open = false;
    try {
      fs.closeSync(this.fd);
    } catch (e) {
      // After abort the caller reports the first error; after commit the bytes are already synced.
      logError(`Closing the rollback journal ${this.temp}`, e);
    }
  }
}

function count(n: number): Uint8Array {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/**
 * Reads and verifies a journal. Returns undefined when it is missing, torn or damaged (a journal
 * that never committed: the file was not touched by the save that wrote it).
 */
export function readRollbackJournal(journalPath: string): RollbackJournal | undefined {
  let fd: number;
  try {
    fd = fs.openSync(journalPath, 'r');
  } catch (e) {
    // None there is the usual answer (no save was interrupted).
    if (!isNotFound(e)) logError(`Opening the rollback journal ${journalPath}`, e);
    return undefined;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size < MAGIC.length + 4 + 4 + TRAILER) return undefined;
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
    if (header.format !== 2) return undefined;
    const journal: RollbackJournal = { path: journalPath, header, dataOffset: head.length + jsonLength };
    // The blocks must add up to the header's count and end exactly at the trailer.
    let oldBytes = 0;
    const end = walkBlocks(fd, journal, (bytes) => (oldBytes += bytes));
    if (end + TRAILER !== size || oldBytes !== header.oldBytes) return undefined;
    return journal;
  } catch (e) {
    // A torn journal reads short (EFILECHANGED) or does not parse; either way it is not used.
    logError(`Reading the rollback journal ${journalPath} (not used: taken as never committed)`, e);
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Visits each block's byte count without reading its bytes; returns where the end marker ends. */
function walkBlocks(fd: number, journal: RollbackJournal, visit: (bytes: number) => void): number {
  return readBlocks(fd, journal, false, (block) => visit(block.byteLength));
}

/** Calls `visit` with each block of the journal (ranges and their old bytes), in order. */
export function forEachJournalBlock(journal: RollbackJournal, visit: (block: RangeBlock) => void): void {
  const fd = fs.openSync(journal.path, 'r');
  try {
    readBlocks(fd, journal, true, (block) => visit(block as RangeBlock));
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads the blocks in order (their old bytes only `withBytes`); returns where the end marker ends. */
function readBlocks(
  fd: number,
  journal: RollbackJournal,
  withBytes: boolean,
  visit: (block: Omit<RangeBlock, 'bytes'> & { bytes?: Uint8Array; byteLength: number }) => void,
): number {
  let at = journal.dataOffset;
  const count = Buffer.alloc(4);
  for (;;) {
    preadFully(fd, count, at);
    at += 4;
    const n = count.readUInt32LE(0);
    if (n === 0) return at;
    const offsets = new Float64Array(n);
    const lengths = new Float64Array(n);
    if (withBytes) preadFully(fd, new Uint8Array(offsets.buffer), at);
    preadFully(fd, new Uint8Array(lengths.buffer), at + n * 8);
    at += n * 16;
    let byteLength = 0;
    for (let i = 0; i < n; i++) byteLength += lengths[i];
    let bytes: Uint8Array | undefined;
    if (withBytes) {
      bytes = new Uint8Array(byteLength);
      preadFully(fd, bytes, at);
    }
    at += byteLength;
    visit({ offsets, lengths, bytes, byteLength });
  }
}

/** Whether the file open as `targetFd` is the one `journal` was written for (before, during or after that save). */
export function journalMatchesFile(journal: RollbackJournal, targetFd: number): boolean {
  const fp = fingerprintFd(targetFd, journal.header.mask);
  const h = journal.header;
  return fp.size === h.size && fp.ino === h.ino && fp.dev === h.dev && fp.sampleHash === h.maskedHash;
}

/**
 * Writes the journal's old bytes back into the file (open for writing as `targetFd`) and fsyncs
 * it. Idempotent. Nearby ranges are patched into one window read and written back whole, so
 * millions of small ranges cost a few large writes, not a system call each.
 */
export function restoreOldBytes(journal: RollbackJournal, targetFd: number, hooks?: SaveHooks): number {
  let restored = 0;
  forEachJournalBlock(journal, (block) => {
    restored += patchRanges(targetFd, block);
    hooks?.step?.('restore-chunk', restored);
  });
  fs.fsyncSync(targetFd);
  return journal.header.oldBytes;
}

/** Ranges this close together share one read-patch-write window. */
const WINDOW_GAP = 4096;

/** Writes a block's bytes at its ranges through windows of the file; returns the bytes written. */
export function patchRanges(fd: number, block: RangeBlock): number {
  const { offsets, lengths, bytes } = block;
  let from = 0;
  let i = 0;
  while (i < offsets.length) {
    // Grow a window over ranges that lie close together, up to IO_CHUNK.
    let j = i + 1;
    let end = offsets[i] + lengths[i];
    while (j < offsets.length && offsets[j] - end <= WINDOW_GAP && offsets[j] + lengths[j] - offsets[i] <= IO_CHUNK) {
      end = offsets[j] + lengths[j];
      j++;
    }
    if (j === i + 1) {
      pwriteFully(fd, bytes.subarray(from, from + lengths[i]), offsets[i]);
      from += lengths[i];
    } else {
      const window = new Uint8Array(end - offsets[i]);
      preadFully(fd, window, offsets[i]);
      for (let k = i; k < j; k++) {
        window.set(bytes.subarray(from, from + lengths[k]), offsets[k] - offsets[i]);
        from += lengths[k];
      }
      pwriteFully(fd, window, offsets[i]);
    }
    i = j;
  }
  return from;
}
