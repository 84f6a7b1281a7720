// A cheap identity of a file's content: size, modification time, inode and a hash of sampled
// blocks (never the whole file, so it costs the same for 1 KB and 100 GB). Used to notice a file
// modified, replaced or deleted before a save, to match a hot-exit backup to its file, and — with
// the ranges a save rewrites masked out — to recognise a file a rollback journal belongs to.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { preadFully } from './durable';
import { SaveError } from './saveError';

export interface FileFingerprint {
  size: number;
  /** Nanoseconds, as a decimal string (too precise for a number). */
  mtimeNs: string;
  ino: string;
  dev: string;
  /** sha256 (hex) of the size and the sampled blocks. */
  sampleHash: string;
}

/** Sorted, non-overlapping ranges as parallel arrays. */
export interface RangeSet {
  offsets: ArrayLike<number>;
  lengths: ArrayLike<number>;
}

const SAMPLE_BLOCK = 4096;
const SAMPLES = 64;

/** Offsets of the sampled blocks: first, last, and evenly spaced between. */
function sampleOffsets(size: number): number[] {
  if (size <= SAMPLE_BLOCK * SAMPLES) {
    const all: number[] = [];
    for (let at = 0; at < size; at += SAMPLE_BLOCK) all.push(at);
    return all;
  }
  const last = size - SAMPLE_BLOCK;
  const out: number[] = [];
  for (let i = 0; i < SAMPLES; i++) out.push(Math.floor((last * i) / (SAMPLES - 1)));
  return out;
}

/**
 * Collects, from sorted ranges given one at a time, those that touch a sampled block of a file
 * of `size` bytes: the only ones a masked fingerprint needs (a handful, whatever the count).
 */
export class SampleMask implements RangeSet {
  readonly offsets: number[] = [];
  readonly lengths: number[] = [];
  private readonly samples: number[];
  private next = 0;

  constructor(size: number) {
    this.samples = sampleOffsets(size);
  }

  add(offset: number, length: number): void {
    const s = this.samples;
    while (this.next < s.length && s[this.next] + SAMPLE_BLOCK <= offset) this.next++;
    // Samples may overlap each other in small files; any sample from `next` on may touch.
    for (let i = this.next; i < s.length && s[i] < offset + length; i++) {
      if (s[i] + SAMPLE_BLOCK > offset) {
        this.offsets.push(offset);
        this.lengths.push(length);
        return;
      }
    }
  }
}

/** Index of the first of the sorted ranges that ends after `at` (ranges.length if none). */
function firstRangeEndingAfter(offsets: ArrayLike<number>, lengths: ArrayLike<number>, at: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] + lengths[mid] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Zeroes the bytes of `block` (at file offset `at`) that lie inside `mask`. */
function applyMask(block: Uint8Array, at: number, mask: RangeSet): void {
  const { offsets, lengths } = mask;
  for (let i = firstRangeEndingAfter(offsets, lengths, at); i < offsets.length && offsets[i] < at + block.length; i++) {
    const a = Math.max(offsets[i], at) - at;
    const z = Math.min(offsets[i] + lengths[i], at + block.length) - at;
    block.fill(0, a, z);
  }
}

/** The fingerprint of an open file. With `mask`, bytes inside it do not count (see rollbackJournal). */
export function fingerprintFd(fd: number, mask?: RangeSet): FileFingerprint {
  const st = fs.fstatSync(fd, { bigint: true });
  const size = Number(st.size);
  return { size, mtimeNs: st.mtimeNs.toString(), ino: st.ino.toString(), dev: st.dev.toString(), sampleHash: sampleHashFd(fd, size, mask) };
}

/**
 * The `sampleHash` a file of `size` bytes would have, read from the open file's first `size`
 * bytes: for a file that grew since, it tells whether the part it had is still the same (the
 * stored line index of an appended log, extension/lines/lineIndexStore.ts).
 */
export function sampleHashFd(fd: number, size: number, mask?: RangeSet): string {
  const hash = createHash('sha256');
  hash.update(`size:${size};`);
  const block = new Uint8Array(SAMPLE_BLOCK);
  for (const at of sampleOffsets(size)) {
    const piece = block.subarray(0, Math.min(SAMPLE_BLOCK, size - at));
    preadFully(fd, piece, at);
    if (mask) applyMask(piece, at, mask);
    hash.update(piece);
  }
  return hash.digest('hex');
}

export function fingerprintFile(file: string, mask?: RangeSet): FileFingerprint {
  const fd = fs.openSync(file, 'r');
  try {
    return fingerprintFd(fd, mask);
  } finally {
    fs.closeSync(fd);
  }
}

/** Why `actual` is not the file `expected` describes, or undefined when it is the same. */
export function fingerprintDifference(expected: FileFingerprint, actual: FileFingerprint): string | undefined {
  if (expected.dev !== actual.dev || expected.ino !== actual.ino) return 'it was replaced by another file';
  if (expected.size !== actual.size) return `its size changed from ${expected.size} to ${actual.size} bytes`;
  if (expected.sampleHash !== actual.sampleHash) return 'its content changed';
  if (expected.mtimeNs !== actual.mtimeNs) return 'it was modified';
  return undefined;
}

/** Throws EFILECHANGED when `file` is gone or is no longer what `expected` describes. */
export function assertUnchanged(file: string, expected: FileFingerprint, what = file): FileFingerprint {
  let actual: FileFingerprint;
  try {
    actual = fingerprintFile(file);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') throw new SaveError('EFILECHANGED', `Cannot save ${what}: it was deleted or moved since it was opened.`, e);
    throw e;
  }
  const why = fingerprintDifference(expected, actual);
  if (why) throw new SaveError('EFILECHANGED', `Cannot save ${what}: ${why} since it was opened.`);
  return actual;
}
