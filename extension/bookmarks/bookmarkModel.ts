// The bookmarks of one document: offsets (each at the start of the line it marks) with optional
// labels, kept in order, that follow their bytes through edits the way a text editor's markers
// do. Pure: the document feeds it the edit journal's changes (EditJournal.onChange).
//
// A bookmark sits on a byte. Bytes inserted before it or deleted before it move it; a change
// that puts new bytes over old ones (overwrite, or the common part of a replace) leaves it where
// it is; when its own byte is deleted it moves to the first byte after what replaced it. Undo
// puts a bookmark that an edit moved back where it was before that edit (each edit remembers the
// bookmarks it moved, by id, keyed by the journal's step), and redo moves it again; bookmarks the
// edit did not have to move follow the undo or redo by the same rules as an edit. A Replace All
// maps every bookmark through each match. Bookmarks set after a Replace All inside the span it
// changed stay at their offset when it is undone (the matches are not kept to map them).
import type { JournalChange } from '../edits/editJournal';

export interface Bookmark {
  readonly id: number;
  offset: number;
  label: string;
}

/** Bookmarks per document, at most (a filter's results can be bookmarked all at once). */
export const MAX_BOOKMARKS = 100_000;

interface StepRecord {
  /** Offsets of the bookmarks the edit moved by its content (not by shifting): before it, after it. */
  readonly before: Map<number, number>;
  readonly after: Map<number, number>;
}

export class BookmarkModel {
  private items: Bookmark[] = [];
  private nextId = 1;
  private readonly records = new WeakMap<object, StepRecord>();

  constructor(initial: readonly { offset: number; label?: string }[] = [], readonly limit = MAX_BOOKMARKS) {
    this.reset(initial);
  }

  get size(): number {
    return this.items.length;
  }

  /** Every bookmark, in document order (ties: the older first). */
  list(): readonly Bookmark[] {
    return this.items;
  }

  /** Replaces every bookmark (a document reloaded from disk). */
  reset(items: readonly { offset: number; label?: string }[]): void {
    this.items = [];
    for (const i of items.slice(0, this.limit)) this.items.push({ id: this.nextId++, offset: i.offset, label: i.label ?? '' });
    this.sort();
  }

  /** Adds a bookmark at `offset` unless one is there or the limit is reached. */
  add(offset: number, label = ''): Bookmark | undefined {
    if (this.items.length >= this.limit || this.at(offset)) return undefined;
    const b = { id: this.nextId++, offset, label };
    this.items.splice(this.lowerBound(offset + 1), 0, b);
    return b;
  }

  /** Adds many (sorted or not); returns how many were added (existing offsets are skipped, the limit holds). */
  addMany(offsets: ArrayLike<number>): number {
    const have = new Set(this.items.map((b) => b.offset));
    let added = 0;
    for (let i = 0; i < offsets.length && this.items.length < this.limit; i++) {
      if (have.has(offsets[i])) continue;
      have.add(offsets[i]);
      this.items.push({ id: this.nextId++, offset: offsets[i], label: '' });
      added++;
    }
    this.sort();
    return added;
  }

  /**
   * The bookmark key for a line: removes the bookmarks on the line [lineStart, lineEnd] if there
   * are any, else adds one at its start.
   */
  toggle(lineStart: number, lineEnd: number, label = ''): 'added' | 'removed' | 'full' {
    const from = this.lowerBound(lineStart);
    let to = from;
    while (to < this.items.length && this.items[to].offset <= lineEnd) to++;
    if (to > from) {
      this.items.splice(from, to - from);
      return 'removed';
    }
    return this.add(lineStart, label) ? 'added' : 'full';
  }

  remove(id: number): boolean {
    const i = this.items.findIndex((b) => b.id === id);
    if (i < 0) return false;
    this.items.splice(i, 1);
    return true;
  }

  clear(): void {
    this.items = [];
  }

  setLabel(id: number, label: string): boolean {
    const b = this.items.find((x) => x.id === id);
    if (!b) return false;
    b.label = label;
    return true;
  }

  /** The first bookmark after `offset`, wrapping to the first. */
  next(offset: number): Bookmark | undefined {
    return this.items[this.lowerBound(offset + 1)] ?? this.items[0];
  }

  /** The last bookmark before `offset`, wrapping to the last. */
  previous(offset: number): Bookmark | undefined {
    const i = this.lowerBound(offset) - 1;
    return i >= 0 ? this.items[i] : this.items[this.items.length - 1];
  }

  /** Follows a change of the document's content (see the header for the rules). */
  applyChange(change: JournalChange): void {
    if (change.cause === 'amend' || this.items.length === 0) return;
    const { offset: o, removed: r, inserted: n } = change;
    const end = o + r;
    const delta = n - r;
    // What a byte inside the changed range becomes: kept under new bytes, or after them.
    const inside = (off: number) => (off - o < n ? off : o + n);
    if (change.cause === 'edit') {
      const record: StepRecord = { before: new Map(), after: new Map() };
      this.records.set(change.step, record);
      const within: Bookmark[] = [];
      for (const b of this.items) {
        if (b.offset < o) continue;
        if (b.offset >= end) b.offset += delta;
        else within.push(b);
      }
      const moved = change.matches ? throughMatches(within, change.matches) : within.map((b) => inside(b.offset));
      within.forEach((b, i) => {
        record.before.set(b.id, b.offset);
        record.after.set(b.id, moved[i]);
        b.offset = moved[i];
      });
    } else {
      const record = this.records.get(change.step);
      const known = record ? (change.cause === 'undo' ? record.before : record.after) : undefined;
      for (const b of this.items) {
        const was = known?.get(b.id);
        if (was !== undefined) b.offset = was;
        else if (b.offset >= end) b.offset += delta;
        else if (b.offset >= o) b.offset = inside(b.offset);
      }
    }
    this.sort();
  }

  /** Drops bookmarks past the end of a document of `size` bytes (a file that got shorter). */
  clampTo(size: number): void {
    const keep = this.items.filter((b) => b.offset < size || (size === 0 && b.offset === 0));
    if (keep.length !== this.items.length) this.items = keep;
  }

  private at(offset: number): boolean {
    const i = this.lowerBound(offset);
    return i < this.items.length && this.items[i].offset === offset;
  }

  /** Index of the first bookmark at or after `offset`. */
  private lowerBound(offset: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid].offset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private sort(): void {
    this.items.sort((a, b) => a.offset - b.offset || a.id - b.id);
  }
}

/**
 * Where bookmarks inside a Replace All's span go: through each match (kept under its
 * replacement's bytes, or just after it), shifted by the matches before them. One pass over the
 * matches for all the bookmarks (a Replace All may have millions).
 */
function throughMatches(within: readonly Bookmark[], matches: NonNullable<JournalChange['matches']>): number[] {
  const out = within.map((b) => b.offset);
  let i = 0;
  let shift = 0;
  matches.forEach((mo, ml, mr) => {
    while (i < within.length && within[i].offset < mo) out[i] = within[i++].offset + shift;
    while (i < within.length && within[i].offset < mo + ml) {
      const rel = within[i].offset - mo;
      out[i++] = mo + shift + (rel < mr ? rel : mr);
    }
    shift += mr - ml;
  });
  for (; i < within.length; i++) out[i] = within[i].offset + shift;
  return out;
}
