// The bookmarks of one open document, shared by all its editors: the model (bookmarkModel.ts) fed
// by the edit journal's changes, stored across sessions (bookmarkStore.ts) against the file on
// disk, and what the editors ask of it — toggle on the cursor's line, next / previous, the list
// with line numbers and previews, many at once (a filter's results), and where they are in the
// file for the overview ruler.
//
// Saves keep them: after an in-place or a rewrite save the document is the file, so they are
// stored again under the saved file's fingerprint (and the entry of the old content goes). A
// revert or a reload from disk takes the stored ones of the file as it is then; a file that only
// grew (a followed log) keeps them where they are.
import type { EditJournal } from '../edits/editJournal';
import type { FileFingerprint } from '../save/fingerprint';
import { baseToDocument, documentToBase } from './bookmarkCoordinates';
import { type Bookmark, BookmarkModel } from './bookmarkModel';
import { type BookmarkStore, fingerprintKey } from './bookmarkStore';

/** What the bookmarks need of a document (LargeFileDocument has it all). */
export interface BookmarkedDocument {
  /** The current content (a revert or reload replaces the journal). */
  readonly journal: EditJournal;
  /** The file on disk as last seen: changes after a save or a reload. */
  readonly expected: FileFingerprint | undefined;
  /** The file's path, for files on disk. */
  readonly filePath: string | undefined;
  read(offset: number, length: number): Uint8Array;
  lineOfOffset(offset: number): number | undefined;
  onDidChangeContent(listener: () => void): { dispose(): void };
}

export interface BookmarkItem {
  readonly id: number;
  readonly offset: number;
  /** 1-based, or 0 when the line index has not got there. */
  readonly line: number;
  readonly label: string;
  /** The line's first characters. */
  readonly preview: string;
}

/** How far a toggle looks for its line's ends (a longer line is marked where the cursor is, within it). */
const LINE_LOOK = 64 * 1024;
const PREVIEW_BYTES = 160;
const PERSIST_DELAY_MS = 300;

export class DocumentBookmarks {
  readonly model = new BookmarkModel();
  private journal: EditJournal | undefined;
  private unsubscribe: (() => void) | undefined;
  private diskKey: string | undefined;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly contentSubscription: { dispose(): void };

  constructor(private readonly document: BookmarkedDocument, private readonly store: BookmarkStore | undefined) {
    this.follow(document.journal);
    this.diskKey = document.expected ? fingerprintKey(document.expected) : undefined;
    this.loadStored();
    this.contentSubscription = document.onDidChangeContent(() => this.contentChanged());
  }

  /** Calls `listener` whenever the bookmarks change (moved by edits too); returns its removal. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Toggles the bookmark of the line holding `offset`; 'full' at the limit. */
  toggle(offset: number, label = ''): 'added' | 'removed' | 'full' {
    const { start, end } = this.lineAround(offset);
    const r = this.model.toggle(start, end, label);
    this.changed();
    return r;
  }

  /** Labels the bookmark of the line holding `offset`, setting one there if it has none. */
  labelLine(offset: number, label: string): void {
    const { start, end } = this.lineAround(offset);
    const on = this.model.list().find((b) => b.offset >= start && b.offset <= end);
    if (on) this.model.setLabel(on.id, label);
    else this.model.toggle(start, end, label);
    this.changed();
  }

  setLabel(id: number, label: string): boolean {
    return this.changedIf(this.model.setLabel(id, label));
  }

  remove(id: number): boolean {
    return this.changedIf(this.model.remove(id));
  }

  clear(): void {
    this.model.clear();
    this.changed();
  }

  /** Bookmarks at these line starts (a filter's matching lines); returns how many were added. */
  addLineStarts(offsets: ArrayLike<number>): number {
    const n = this.model.addMany(offsets);
    if (n > 0) this.changed();
    return n;
  }

  next(offset: number): Bookmark | undefined {
    return this.model.next(offset);
  }

  previous(offset: number): Bookmark | undefined {
    return this.model.previous(offset);
  }

  /** The bookmarks with their line numbers and previews, in document order (at most `max`). */
  list(encoding: string, max = 10_000): BookmarkItem[] {
    return this.model
      .list()
      .slice(0, max)
      .map((b) => {
        const line = this.document.lineOfOffset(b.offset);
        return { id: b.id, offset: b.offset, line: line === undefined ? 0 : line + 1, label: b.label, preview: this.preview(b.offset, encoding) };
      });
  }

  /** Bookmarks per bucket of `buckets` equal parts of a document of `size` bytes. */
  density(buckets: number, size: number): Uint32Array {
    const out = new Uint32Array(Math.max(0, buckets));
    if (buckets === 0) return out;
    for (const b of this.model.list()) out[Math.min(buckets - 1, Math.floor((b.offset / Math.max(1, size)) * buckets))]++;
    return out;
  }

  /** Stores what is pending now (the editor is closing). */
  flush(): void {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    void this.persist();
  }

  dispose(): void {
    this.flush();
    this.unsubscribe?.();
    this.contentSubscription.dispose();
    this.listeners.clear();
  }

  private follow(journal: EditJournal): void {
    this.unsubscribe?.();
    this.journal = journal;
    this.unsubscribe = journal.onChange((change) => {
      this.model.applyChange(change);
      this.changed();
    });
  }

  private contentChanged(): void {
    let journal: EditJournal;
    try {
      journal = this.document.journal;
    } catch {
      // The document closed: its bookmarks were stored at the last change.
      return; // closed
    }
    const expected = this.document.expected;
    const key = expected ? fingerprintKey(expected) : undefined;
    if (journal !== this.journal) {
      // Reverted or reloaded from disk: the file's stored bookmarks (these stored first, through
      // the old journal), else these where they fit.
      if (this.persistTimer) this.flush();
      this.follow(journal);
      this.diskKey = key;
      if (!this.loadStored()) this.model.clampTo(journal.size);
      this.changed();
      return;
    }
    if (key !== this.diskKey) {
      // Saved: the document is the file now; store them under its new fingerprint.
      const old = this.diskKey;
      this.diskKey = key;
      void this.persist(old);
    }
  }

  /** Takes the stored bookmarks of the file as it is; false when there are none. */
  private loadStored(): boolean {
    const path = this.document.filePath;
    const expected = this.document.expected;
    if (!this.store || !path || !expected || !this.journal) return false;
    const stored = this.store.load(path, expected);
    if (!stored) return false;
    const offsets = baseToDocument(this.journal, stored.map((b) => b.offset));
    this.model.reset(stored.map((b, i) => ({ offset: offsets[i], label: b.label })));
    return true;
  }

  private changedIf(done: boolean): boolean {
    if (done) this.changed();
    return done;
  }

  private changed(): void {
    for (const l of this.listeners) l();
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      void this.persist();
    }, PERSIST_DELAY_MS);
  }

  private async persist(replacesKey?: string): Promise<void> {
    const path = this.document.filePath;
    const expected = this.document.expected;
    if (!this.store || !path || !expected || !this.journal) return;
    const items = this.model.list();
    let base: number[];
    try {
      base = documentToBase(this.journal, items.map((b) => b.offset));
    } catch {
      // The document closed meanwhile: nothing left to store.
      return; // the document went away meanwhile
    }
    const replaces = replacesKey !== fingerprintKey(expected) ? replacesKey : undefined;
    // A store that cannot write (global storage gone, disk full) loses only this save of the bookmarks; the next change tries again.
    await this.store.save(path, expected, items.map((b, i) => ({ offset: base[i], label: b.label })), replaces).catch(() => undefined);
  }

  /** The line holding `offset`: [start, end] (end: its '\n' or the document's end), looking at most LINE_LOOK bytes each way. */
  private lineAround(offset: number): { start: number; end: number } {
    const from = Math.max(0, offset - LINE_LOOK);
    const back = this.document.read(from, offset - from);
    const nl = back.lastIndexOf(10);
    const start = nl >= 0 ? from + nl + 1 : from;
    const ahead = this.document.read(offset, LINE_LOOK);
    const next = ahead.indexOf(10);
    const end = next >= 0 ? offset + next : offset + ahead.length;
    return { start, end };
  }

  private preview(offset: number, encoding: string): string {
    let bytes = this.document.read(offset, PREVIEW_BYTES);
    const nl = bytes.indexOf(10);
    if (nl >= 0) bytes = bytes.subarray(0, nl);
    let text: string;
    try {
      text = new TextDecoder(encoding).decode(bytes);
    } catch {
      // An encoding TextDecoder does not know (a user setting): the label is shown as UTF-8.
      text = new TextDecoder('utf-8').decode(bytes);
    }
    return text.replace(/[\u0000-\u001f\u007f]/g, ' ').trimEnd();
  }
}
