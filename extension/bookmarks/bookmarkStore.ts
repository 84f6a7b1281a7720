// Bookmarks kept across sessions, in the workspace state, one entry per file content: keyed by the
// file's fingerprint (save/fingerprint.ts: device, inode, size, mtime and a hash of 64 sampled
// blocks), so a file changed by another program does not get bookmarks that no longer fit it,
// and a file moved (same inode) keeps them. A log that grew by appending (the same inode, and its
// old length's sampled blocks unchanged) keeps the bookmarks of its old part. Offsets are the
// file's (bookmarkCoordinates.ts maps unsaved edits out and in). At most MAX_FILES files (the
// least recently used go) and MAX_BOOKMARKS each; a store that cannot be read is empty.
import * as fs from 'node:fs';
import { type FileFingerprint, sampleHashFd } from '../save/fingerprint';
import { MAX_BOOKMARKS } from './bookmarkModel';

/** The part of vscode.Memento the store uses. */
export interface BookmarkMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface StoredBookmark {
  readonly offset: number;
  readonly label: string;
}

interface Entry {
  path: string;
  fingerprint: FileFingerprint;
  usedAt: number;
  /** [offset, label] pairs (label '' when none), sorted by offset. */
  items: [number, string][];
}

const KEY = 'largeFile.bookmarks';
export const MAX_FILES = 200;

export function fingerprintKey(f: FileFingerprint): string {
  return [f.dev, f.ino, f.size, f.mtimeNs, f.sampleHash].join(':');
}

export class BookmarkStore {
  /** What was last saved, until the memento has it (its update is asynchronous). */
  private latest: Record<string, Entry> | undefined;

  constructor(private readonly memento: BookmarkMemento, private readonly maxFiles = MAX_FILES) {}

  private entries(): Record<string, Entry> {
    if (this.latest) return this.latest;
    const raw = this.memento.get<Record<string, Entry>>(KEY);
    return raw && typeof raw === 'object' ? raw : {};
  }

  /**
   * The bookmarks of `path` as `fingerprint` describes it, or of its old part when it grew by
   * appending; undefined when there are none.
   */
  load(path: string, fingerprint: FileFingerprint): StoredBookmark[] | undefined {
    const all = this.entries();
    const exact = all[fingerprintKey(fingerprint)];
    const entry = exact ?? this.grownFrom(path, fingerprint, all);
    if (!entry || !Array.isArray(entry.items)) return undefined;
    return entry.items
      .filter((x) => Array.isArray(x) && Number.isSafeInteger(x[0]) && x[0] >= 0 && x[0] <= fingerprint.size)
      .slice(0, MAX_BOOKMARKS)
      .map(([offset, label]) => ({ offset, label: typeof label === 'string' ? label : '' }));
  }

  /**
   * Stores the bookmarks of the file as `fingerprint` describes it; `replacesKey`: the entry of the
   * content before a save (fingerprintKey), which goes.
   */
  async save(path: string, fingerprint: FileFingerprint, items: readonly StoredBookmark[], replacesKey?: string): Promise<void> {
    const all = { ...this.entries() };
    if (replacesKey) delete all[replacesKey];
    const key = fingerprintKey(fingerprint);
    if (items.length === 0) delete all[key];
    else all[key] = { path, fingerprint, usedAt: Date.now(), items: items.slice(0, MAX_BOOKMARKS).map((b) => [b.offset, b.label]) };
    const keys = Object.keys(all);
    if (keys.length > this.maxFiles) {
      keys.sort((a, b) => (all[a].usedAt ?? 0) - (all[b].usedAt ?? 0));
      for (const k of keys.slice(0, keys.length - this.maxFiles)) delete all[k];
    }
    this.latest = all;
    try {
      await this.memento.update(KEY, all);
    } finally {
      if (this.latest === all) this.latest = undefined;
    }
  }

  /** An entry for the same file when it was shorter, if the file grew from it by appending. */
  private grownFrom(path: string, now: FileFingerprint, all: Record<string, Entry>): Entry | undefined {
    const candidates = Object.values(all).filter(
      (e) => e?.fingerprint && e.fingerprint.dev === now.dev && e.fingerprint.ino === now.ino && e.fingerprint.size < now.size,
    );
    if (candidates.length === 0) return undefined;
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, 'r');
      const opened = fd;
      return candidates.find((e) => sampleHashFd(opened, e.fingerprint.size) === e.fingerprint.sampleHash);
    } catch {
      // A file that cannot be read now has no stored bookmarks to offer (it is opened, and reports, elsewhere).
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
}
