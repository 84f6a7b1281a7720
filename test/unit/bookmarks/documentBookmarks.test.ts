// A document's bookmarks: toggled by line, listed with line numbers and previews, next and
// previous wrapping; kept across reopen (keyed by the file's fingerprint), stored against the
// file's own bytes while edits are unsaved, kept through a save (stored again under the saved
// file), through a revert, and for a log that grew; the store's limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { EditJournal } from '../../../extension/edits/editJournal';
import { type BookmarkedDocument, DocumentBookmarks } from '../../../extension/bookmarks/documentBookmarks';
import { BookmarkStore, fingerprintKey } from '../../../extension/bookmarks/bookmarkStore';
import { fingerprintFile, type FileFingerprint } from '../../../extension/save/fingerprint';
import { MemoryBase } from '../edits/support';
import { tempDir, writeTemp } from '../native/support';

const dir = tempDir();

class Memento {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

/** A document over `file` as LargeFileDocument has it: a journal, the file's fingerprint, content events. */
class FakeDocument implements BookmarkedDocument {
  journal: EditJournal;
  expected: FileFingerprint | undefined;
  private readonly listeners = new Set<() => void>();
  constructor(readonly filePath: string) {
    this.journal = new EditJournal(new MemoryBase(fs.readFileSync(filePath)));
    this.expected = fingerprintFile(filePath);
  }
  read(offset: number, length: number): Uint8Array {
    return this.journal.read(offset, length);
  }
  lineOfOffset(offset: number): number | undefined {
    const bytes = this.journal.read(0, offset);
    return bytes.reduce((n, b) => n + (b === 10 ? 1 : 0), 0);
  }
  onDidChangeContent(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  changed(): void {
    for (const l of this.listeners) l();
  }
  text(): string {
    return Buffer.from(this.journal.read(0, this.journal.size)).toString('latin1');
  }
}

const CONTENT = 'first line\nsecond line\nthird line\nfourth line\n';
const lineStart = (text: string, n: number) => text.split('\n').slice(0, n - 1).join('\n').length + (n > 1 ? 1 : 0);

async function settle(b: DocumentBookmarks): Promise<void> {
  b.flush();
  await new Promise((resolve) => setImmediate(resolve));
}

test('toggle by line, list with line and preview, next and previous wrap, density', async () => {
  const file = writeTemp(dir, 'a.log', CONTENT);
  const doc = new FakeDocument(file);
  const b = new DocumentBookmarks(doc, new BookmarkStore(new Memento()));
  assert.equal(b.toggle(lineStart(CONTENT, 2) + 4), 'added', 'anywhere on the line marks its start');
  assert.equal(b.toggle(lineStart(CONTENT, 4), 'the end'), 'added');
  assert.deepEqual(b.list('utf-8').map((x) => [x.line, x.offset, x.label, x.preview]), [
    [2, 11, '', 'second line'],
    [4, 34, 'the end', 'fourth line'],
  ]);
  assert.equal(b.next(11)?.offset, 34);
  assert.equal(b.next(34)?.offset, 11, 'wraps');
  assert.equal(b.previous(11)?.offset, 34, 'wraps');
  assert.equal(b.toggle(lineStart(CONTENT, 2) + 9), 'removed');
  assert.deepEqual([...b.density(4, CONTENT.length)], [0, 0, 1, 0], 'offset 34 of 46 bytes: the third quarter');
  b.labelLine(0, 'top');
  assert.deepEqual(b.list('utf-8').map((x) => [x.line, x.label]), [[1, 'top'], [4, 'the end']]);
  b.dispose();
});

test('kept across reopen; with unsaved edits stored where the file has their bytes', async () => {
  const file = writeTemp(dir, 'b.log', CONTENT);
  const memento = new Memento();
  const doc = new FakeDocument(file);
  const b = new DocumentBookmarks(doc, new BookmarkStore(memento));
  doc.journal.insert(0, new Uint8Array(Buffer.from('new line\n')));
  b.toggle(lineStart(doc.text(), 4)); // "third line", now line 4
  assert.deepEqual(b.list('utf-8').map((x) => x.preview), ['third line']);
  await settle(b);
  // Reopened without the edits (closed without saving): on "third line", line 3 of the file.
  const plain = new DocumentBookmarks(new FakeDocument(file), new BookmarkStore(memento));
  assert.deepEqual(plain.list('utf-8').map((x) => [x.line, x.preview]), [[3, 'third line']]);
  // Reopened with the edits restored (a hot-exit backup): mapped back through them.
  const restored = new FakeDocument(file);
  restored.journal.insert(0, new Uint8Array(Buffer.from('new line\n')));
  const again = new DocumentBookmarks(restored, new BookmarkStore(memento));
  assert.deepEqual(again.list('utf-8').map((x) => [x.line, x.preview]), [[4, 'third line']]);
  for (const x of [b, plain, again]) x.dispose();
});

test('a save stores them under the saved file (the old entry goes); a revert takes the stored ones', async () => {
  const file = writeTemp(dir, 'c.log', CONTENT);
  const memento = new Memento();
  const store = new BookmarkStore(memento);
  const doc = new FakeDocument(file);
  const b = new DocumentBookmarks(doc, store);
  b.toggle(lineStart(CONTENT, 3));
  doc.journal.delete(0, lineStart(CONTENT, 2)); // the first line goes: "third line" is line 2
  await settle(b);
  const before = fingerprintKey(doc.expected!);
  // A rewrite save: the file is the document now, the journal moves onto it.
  doc.journal.preserveHistoryForRewrite();
  fs.writeFileSync(file, doc.text());
  doc.expected = fingerprintFile(file);
  doc.journal.rebase(new MemoryBase(fs.readFileSync(file)));
  doc.changed();
  await settle(b);
  const keys = [...Object.keys(memento.get<Record<string, unknown>>('largeFile.bookmarks')!)];
  assert.deepEqual(keys, [fingerprintKey(doc.expected)], 'stored under the saved file, the old content\'s entry gone');
  assert.notEqual(keys[0], before);
  const reopened = new DocumentBookmarks(new FakeDocument(file), store);
  assert.deepEqual(reopened.list('utf-8').map((x) => [x.line, x.preview]), [[2, 'third line']]);
  // A revert: a new journal over the file as it is; the stored bookmarks come back with it.
  b.toggle(0);
  doc.journal = new EditJournal(new MemoryBase(fs.readFileSync(file)));
  doc.changed();
  assert.deepEqual(b.list('utf-8').map((x) => x.preview), ['second line', 'third line']);
  for (const x of [b, reopened]) x.dispose();
});

test('an in-place save keeps them too, stored under the file as saved', async () => {
  const file = writeTemp(dir, 'e.log', CONTENT);
  const memento = new Memento();
  const base = new MemoryBase(new Uint8Array(fs.readFileSync(file)));
  const doc = new FakeDocument(file);
  doc.journal = new EditJournal(base);
  const b = new DocumentBookmarks(doc, new BookmarkStore(memento));
  b.toggle(lineStart(CONTENT, 3));
  doc.journal.overwrite(0, new Uint8Array(Buffer.from('FIRST')));
  // The in-place save: the changed bytes written into the file (and the mapping), then the journal adopts it.
  doc.journal.preserveHistoryForInPlaceSave();
  const saved = doc.text();
  fs.writeFileSync(file, saved);
  base.bytes.set(Buffer.from(saved, 'latin1'));
  doc.journal.adoptBaseAsContent();
  doc.expected = fingerprintFile(file);
  doc.changed();
  await settle(b);
  assert.deepEqual(Object.keys(memento.get<Record<string, unknown>>('largeFile.bookmarks')!), [fingerprintKey(doc.expected)]);
  const reopened = new DocumentBookmarks(new FakeDocument(file), new BookmarkStore(memento));
  assert.deepEqual(reopened.list('utf-8').map((x) => [x.line, x.preview]), [[3, 'third line']]);
  doc.journal.undo();
  assert.equal(doc.text(), CONTENT, 'undo survives the save');
  assert.deepEqual(b.list('utf-8').map((x) => x.preview), ['third line']);
  for (const x of [b, reopened]) x.dispose();
});

test('a log that grew keeps the bookmarks of its old part; the store keeps the most recent files', async () => {
  const file = writeTemp(dir, 'd.log', CONTENT);
  const memento = new Memento();
  const b = new DocumentBookmarks(new FakeDocument(file), new BookmarkStore(memento));
  b.toggle(lineStart(CONTENT, 4));
  await settle(b);
  fs.appendFileSync(file, 'fifth line\n');
  const grown = new DocumentBookmarks(new FakeDocument(file), new BookmarkStore(memento));
  assert.deepEqual(grown.list('utf-8').map((x) => x.preview), ['fourth line']);
  fs.writeFileSync(file, CONTENT.replace('first', 'FIRST') + 'x\n');
  const rewritten = new DocumentBookmarks(new FakeDocument(file), new BookmarkStore(memento));
  assert.equal(rewritten.model.size, 0, 'a file changed in its old part does not get them');
  // At most maxFiles entries: the least recently used go.
  const small = new BookmarkStore(new Memento(), 2);
  const fp = (n: number): FileFingerprint => ({ dev: '1', ino: String(n), size: 10, mtimeNs: '0', sampleHash: 'h' });
  for (let n = 0; n < 3; n++) {
    await small.save(`/f${n}`, fp(n), [{ offset: n, label: '' }]);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  assert.deepEqual([small.load('/f0', fp(0)), small.load('/f2', fp(2))], [undefined, [{ offset: 2, label: '' }]]);
  for (const x of [b, grown, rewritten]) x.dispose();
});
