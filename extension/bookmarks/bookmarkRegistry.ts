// One DocumentBookmarks per open document, shared by its editors and the bookmark commands, stored
// in the workspace state the extension configures at activation.
import type { LargeFileDocument } from '../largeFileDocument';
import { BookmarkStore, type BookmarkMemento } from './bookmarkStore';
import { DocumentBookmarks } from './documentBookmarks';

let store: BookmarkStore | undefined;
const byDocument = new WeakMap<LargeFileDocument, DocumentBookmarks>();

/** Where bookmarks are kept across sessions (undefined: only for this session). */
export function configureBookmarkStore(memento: BookmarkMemento | undefined): void {
  store = memento ? new BookmarkStore(memento) : undefined;
}

/** The bookmarks of `document`, or undefined when it could not be opened. */
export function bookmarksOf(document: LargeFileDocument): DocumentBookmarks | undefined {
  const known = byDocument.get(document);
  if (known) return known;
  if (!document.info) return undefined;
  const bookmarks = new DocumentBookmarks(
    {
      get journal() {
        return document.journal;
      },
      get expected() {
        return document.expected;
      },
      filePath: document.uri.scheme === 'file' ? document.uri.fsPath : undefined,
      read: (offset, length) => document.read(offset, length),
      lineOfOffset: (offset) => document.lineOfOffset(offset),
      onDidChangeContent: (listener) => document.onDidChangeContent(() => listener()),
    },
    store,
  );
  byDocument.set(document, bookmarks);
  return bookmarks;
}
