// A line index that outlives the window: the engine's per-block counts (4 bytes per 64 KiB of
// file, 610 KB for a 10 GB log) kept in the extension's global storage, so reopening a file shows
// its line count and numbers at once instead of scanning it again (a 10 GB log: about a second of
// both cores), and a log that grew (Follow) scans only what was appended.
//
// Trust: an entry is used only for the file it describes — same device and inode, and
//   - the same file: same size, mtime, ctime and the hash of 64 sampled 4 KiB blocks
//     (save/fingerprint.ts). Programs can set mtime back but not ctime (any write or utimes sets
//     it to now), so a rewrite is caught even where it leaves every sampled block alone;
//   - or the same file grown: larger now, and the sampled blocks of its old length hash as they
//     did (the old last 4 KiB among them): only the blocks before the old last one are reused.
//     A rewrite that keeps the inode, grows the file and changes only unsampled bytes of its old
//     part would be taken for an append: those blocks' counts would then be stale.
// An entry that is truncated, corrupt (checked by a sha256 of its counts) or impossible for the
// file is deleted and the index rebuilt; a fault reading the store never stops a file opening.
// The store is a bounded cache: least recently used entries go past its size limit.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LINE_INDEX_BLOCK, LineBlockCounts } from '../engine';
import { isNotFound } from '../engineError';
import { logError } from '../log';
import { sampleHashFd } from '../save/fingerprint';

/** What identifies a file's content for the store. */
export interface FileIdentity {
  size: number;
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
  dev: string;
  /** sha256 of the size and 64 sampled blocks (save/fingerprint.ts). */
  sampleHash: string;
}

/** Counts to seed the engine with; `complete`: they cover the whole file (nothing to scan). */
export interface StoredSeed extends LineBlockCounts {
  complete: boolean;
}

const MAGIC = 'LFELIDX1';
const VERSION = 1;
const EXTENSION = '.lfeidx';
const MiB = 2 ** 20;
/** Files smaller than this index in a few milliseconds: not worth an entry. */
export const DEFAULT_MIN_FILE_BYTES = 16 * MiB;

interface Header {
  version: number;
  blockSize: number;
  identity: FileIdentity;
  path: string;
  blocks: number;
  /** Blocks with lone `\r`, stored as (block, count) pairs after the counts; then a bitmap of the blocks holding any `\r`. */
  loneCrBlocks: number;
  payloadSha256: string;
}

/**
 * The identity of the open file, or of its first `size` bytes (a log that grew since it was
 * mapped: the index covers what was mapped); undefined if it is shorter than that now.
 */
export function identifyFd(fd: number): FileIdentity;
export function identifyFd(fd: number, size: number): FileIdentity | undefined;
export function identifyFd(fd: number, size?: number): FileIdentity | undefined {
  const st = fs.fstatSync(fd, { bigint: true });
  const now = Number(st.size);
  if (size !== undefined && size > now) return undefined;
  const covered = size ?? now;
  return { size: covered, mtimeNs: st.mtimeNs.toString(), ctimeNs: st.ctimeNs.toString(), ino: st.ino.toString(), dev: st.dev.toString(), sampleHash: sampleHashFd(fd, covered) };
}

export function identifyFile(file: string): FileIdentity;
export function identifyFile(file: string, size: number): FileIdentity | undefined;
export function identifyFile(file: string, size?: number): FileIdentity | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    return size === undefined ? identifyFd(fd) : identifyFd(fd, size);
  } finally {
    fs.closeSync(fd);
  }
}

function blocksOf(size: number): number {
  return Math.ceil(size / LINE_INDEX_BLOCK);
}

function sameContent(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.sampleHash === b.sampleHash;
}

/** Whether the open file is `old` grown by appending (its old length's sampled blocks unchanged). */
function grownFrom(fd: number, now: FileIdentity, old: FileIdentity): boolean {
  return now.dev === old.dev && now.ino === old.ino && now.size > old.size && sampleHashFd(fd, old.size) === old.sampleHash;
}

export class LineIndexStore {
  constructor(
    readonly dir: string,
    private maxBytes: number,
    private readonly minFileBytes = DEFAULT_MIN_FILE_BYTES,
  ) {}

  /** The size limit (0 turns the store off; entries above the limit go at the next save). */
  setMaxBytes(bytes: number): void {
    this.maxBytes = Math.max(0, bytes);
  }

  /**
   * Counts for `file`, whose content `identity` (taken after mapping it) describes: every block
   * when the entry is for this very content, the blocks of the old part when the file grew by
   * appending, else undefined. Never throws.
   */
  seedFor(file: string, identity: FileIdentity): StoredSeed | undefined {
    if (!this.enabled(identity.size)) return undefined;
    const entry = this.entryPath(file, identity);
    let stored: { header: Header; counts: LineBlockCounts } | undefined;
    try {
      stored = decode(fs.readFileSync(entry));
    } catch (e) {
      // No entry is the usual answer; an unreadable one only means the index is built again.
      if (!isNotFound(e)) logError(`Reading the stored line index of ${file} (${entry})`, e);
      return undefined;
    }
    if (!stored) {
      this.remove(entry); // corrupt or truncated: never trusted, rebuilt
      return undefined;
    }
    const old = stored.header.identity;
    let seed: StoredSeed | undefined;
    if (sameContent(old, identity)) seed = { ...stored.counts, complete: true };
    else if (old.size > 0 && this.grown(file, identity, old)) {
      // The old last block may end differently now (a `\r` there may meet a `\n`): scan it again.
      const keep = Math.floor((old.size - 1) / LINE_INDEX_BLOCK);
      seed = { breaks: stored.counts.breaks.slice(0, keep), loneCr: stored.counts.loneCr.slice(0, keep), hasCr: stored.counts.hasCr?.slice(0, keep), complete: false };
    }
    if (seed) this.touch(entry);
    return seed;
  }

  /**
   * Keeps the counts of `file` as `identity` described it when its index began, if it is still
   * that content (or that content with more appended). Returns whether it stored them. Never throws.
   */
  save(file: string, identity: FileIdentity, counts: LineBlockCounts): boolean {
    if (!this.enabled(identity.size) || counts.breaks.length !== blocksOf(identity.size) || counts.loneCr.length !== counts.breaks.length) return false;
    try {
      const fd = fs.openSync(file, 'r');
      try {
        const now = identifyFd(fd);
        if (!sameContent(now, identity) && !grownFrom(fd, now, identity)) return false;
      } finally {
        fs.closeSync(fd);
      }
      const bytes = encode(file, identity, counts);
      if (bytes.length > this.maxBytes) return false;
      fs.mkdirSync(this.dir, { recursive: true });
      const entry = this.entryPath(file, identity);
      const temp = `${entry}.${randomBytes(6).toString('hex')}.tmp`;
      fs.writeFileSync(temp, bytes);
      fs.renameSync(temp, entry);
      this.evict(entry);
      return true;
    } catch (e) {
      // Storage full or read-only, or the file gone meanwhile: the index is only not kept.
      if (!isNotFound(e)) logError(`Storing the line index of ${file} in ${this.dir}`, e);
      return false;
    }
  }

  private enabled(size: number): boolean {
    return this.maxBytes > 0 && size >= this.minFileBytes && os.endianness() === 'LE';
  }

  private grown(file: string, now: FileIdentity, old: FileIdentity): boolean {
    try {
      const fd = fs.openSync(file, 'r');
      try {
        return grownFrom(fd, now, old);
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      // The file went away since it was mapped: it did not grow, and its index is built anew.
      if (!isNotFound(e)) logError(`Checking whether ${file} grew since its line index was stored`, e);
      return false;
    }
  }

  /** One entry per file, named by its device and inode (a rename keeps it; the path where there is no inode). */
  private entryPath(file: string, identity: FileIdentity): string {
    const key = identity.ino !== '0' ? `${identity.dev}:${identity.ino}` : `path:${path.resolve(file)}`;
    return path.join(this.dir, createHash('sha256').update(key).digest('hex').slice(0, 32) + EXTENSION);
  }

  /** Marks an entry as just used (its mtime orders eviction). */
  private touch(entry: string): void {
    try {
      const now = new Date();
      fs.utimesSync(entry, now, now);
    } catch (e) {
      // Eviction order is only less exact (another window may have evicted it meanwhile).
      if (!isNotFound(e)) logError(`Marking the stored line index ${entry} as used`, e);
    }
  }

  private remove(entry: string): void {
    try {
      fs.rmSync(entry, { force: true });
    } catch (e) {
      // It stays, ignored: it fails its check again next time.
      logError(`Removing the stored line index ${entry}`, e);
    }
  }

  /** Deletes the least recently used entries until the rest fit; `keep` (just written) goes last. */
  private evict(keep: string): void {
    const entries: { file: string; bytes: number; used: number }[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      const file = path.join(this.dir, name);
      let st: fs.Stats;
      try {
        st = fs.statSync(file);
      } catch (e) {
        // Another window's eviction got there first; anything else leaves the entry for next time.
        if (!isNotFound(e)) logError(`Listing the stored line indexes: ${file}`, e);
        continue;
      }
      // Temp files of a write that never finished (a crash): an hour is more than any write takes.
      if (name.endsWith('.tmp') && Date.now() - st.mtimeMs > 3600_000) this.remove(file);
      if (!name.endsWith(EXTENSION)) continue;
      entries.push({ file, bytes: st.size, used: file === keep ? Infinity : st.mtimeMs });
    }
    entries.sort((a, b) => b.used - a.used);
    let total = 0;
    for (const e of entries) {
      total += e.bytes;
      if (total > this.maxBytes) this.remove(e.file);
    }
  }
}

function encode(file: string, identity: FileIdentity, counts: LineBlockCounts): Buffer {
  const pairs: number[] = [];
  counts.loneCr.forEach((n, b) => {
    if (n > 0) pairs.push(b, n);
  });
  const bitmap = Buffer.alloc(Math.ceil(counts.breaks.length / 8));
  for (let b = 0; b < counts.breaks.length; b++) if (!counts.hasCr || counts.hasCr[b]) bitmap[b >> 3] |= 1 << (b & 7);
  const payload = Buffer.concat([Buffer.from(counts.breaks.buffer, counts.breaks.byteOffset, counts.breaks.byteLength), Buffer.from(Uint32Array.from(pairs).buffer), bitmap]);
  const header: Header = {
    version: VERSION,
    blockSize: LINE_INDEX_BLOCK,
    identity,
    path: path.resolve(file),
    blocks: counts.breaks.length,
    loneCrBlocks: pairs.length / 2,
    payloadSha256: createHash('sha256').update(payload).digest('hex'),
  };
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(MAGIC.length + 4);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(json.length, MAGIC.length);
  return Buffer.concat([prefix, json, payload]);
}

/** The header and counts of an entry, or undefined for anything malformed. */
export function decode(bytes: Buffer): { header: Header; counts: LineBlockCounts } | undefined {
  const at = MAGIC.length + 4;
  if (bytes.length < at || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  if (headerLength > 1 << 16 || at + headerLength > bytes.length) return undefined;
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', at, at + headerLength)) as Header;
  } catch {
    // A corrupt entry, as a failed checksum would be: the caller removes it and the index is rebuilt.
    return undefined;
  }
  if (!validHeader(header)) return undefined;
  const payload = bytes.subarray(at + headerLength);
  const wordBytes = header.blocks * 4 + header.loneCrBlocks * 8;
  if (payload.length !== wordBytes + Math.ceil(header.blocks / 8)) return undefined;
  if (createHash('sha256').update(payload).digest('hex') !== header.payloadSha256) return undefined;
  // Copied out: a Uint32Array needs 4-byte alignment, the payload sits after a header of any length.
  const words = new Uint32Array(wordBytes / 4);
  Buffer.from(words.buffer).set(payload.subarray(0, wordBytes));
  const bitmap = payload.subarray(wordBytes);
  const hasCr = new Uint8Array(header.blocks);
  for (let b = 0; b < header.blocks; b++) hasCr[b] = (bitmap[b >> 3] >> (b & 7)) & 1;
  const breaks = words.slice(0, header.blocks);
  const loneCr = new Uint32Array(header.blocks);
  let previous = -1;
  for (let i = header.blocks; i < words.length; i += 2) {
    const block = words[i];
    const n = words[i + 1];
    if (block <= previous || block >= header.blocks || n === 0 || n > breaks[block] || !hasCr[block]) return undefined;
    loneCr[block] = n;
    previous = block;
  }
  return { header, counts: { breaks, loneCr, hasCr } };
}

function validHeader(h: Header): boolean {
  if (typeof h !== 'object' || h === null || h.version !== VERSION || h.blockSize !== LINE_INDEX_BLOCK) return false;
  const id = h.identity;
  if (typeof id !== 'object' || id === null || !Number.isSafeInteger(id.size) || id.size < 0) return false;
  for (const key of ['mtimeNs', 'ctimeNs', 'ino', 'dev', 'sampleHash'] as const) if (typeof id[key] !== 'string') return false;
  return h.blocks === blocksOf(id.size) && Number.isSafeInteger(h.loneCrBlocks) && h.loneCrBlocks >= 0 && h.loneCrBlocks <= h.blocks && typeof h.payloadSha256 === 'string';
}

let shared: LineIndexStore | undefined;

/** Sets the store documents use (at activation: in the extension's global storage). */
export function configureLineIndexStore(store: LineIndexStore | undefined): void {
  shared = store;
}

export function sharedLineIndexStore(): LineIndexStore | undefined {
  return shared;
}
