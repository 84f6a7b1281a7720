// A file system of our own (`largefile-slice:`) whose files are regions of documents open in the
// Large File Editor, so VS Code's own text editor — highlighting, multi-cursor, formatters, every
// other extension — works on a few MiB of a 20 GB file. Reading a slice decodes the region (in
// the big document's encoding, edits included) and hands VS Code UTF-8; saving it writes the
// text back into the big document as ONE undoable edit of its journal, through the same checks
// as typing (the document must be In place or Copy — a read-only one asks to switch — and the
// length-change question of editGuard.ts). Saving a slice never writes the big file: that
// stays dirty until its own deliberate save.
//
// A slice whose region changed in the big document meanwhile (an edit there, or one before it
// that moved it) is detached and its save is refused with a message, the text staying in its
// dirty editor (sliceStates.ts). A clean slice follows undo and redo in the big document. When
// the big document closes, its clean slices close with it; a dirty one stays and can be saved
// once the big file is open again, which is also how a slice restored by hot exit reconnects
// (its URI holds its address: sliceAddress.ts).
import * as vscode from 'vscode';
import { allowLengthChange } from '../editGuard';
import type { LargeFileDocument } from '../largeFileDocument';
import { logError } from '../log';
import type { RewriteSpeed } from '../save/rewriteSpeed';
import type { OpenMode } from '../../shared/protocol';
import { jsonError, minifyJson, prettyJson } from './jsonLine';
import { parseSliceAddress, SLICE_SCHEME, SliceAddress, SliceKind, slicePath, sliceQuery } from './sliceAddress';
import { hashBytes, RegionReader, SliceState, SliceStates } from './sliceStates';
import { encodeSliceText, sameBytes, sliceText } from './sliceText';

/** What the slices need from the custom editor provider. */
export interface SliceHost {
  /** The open document of the big file `uri`, if an editor shows it. */
  documentOf(uri: vscode.Uri): LargeFileDocument | undefined;
  changeMode(document: LargeFileDocument, mode: OpenMode): Promise<boolean>;
  readonly rewriteSpeed: RewriteSpeed;
}

interface Slice {
  readonly uri: vscode.Uri;
  readonly address: SliceAddress;
  readonly fileUri: vscode.Uri;
  readonly fileName: string;
  document: LargeFileDocument | undefined;
  readonly states: SliceStates;
  /** Why saving could not write back exactly what was edited (sliceText.ts), or undefined. */
  readOnlyReason: string | undefined;
  readonly ctime: number;
  /** Moves whenever the slice's bytes change in the big document, so VS Code reloads a clean slice. */
  mtime: number;
  /** Bytes of the text last handed to or taken from VS Code (stat must not change between them). */
  size: number | undefined;
  /** The journal and version the states were last checked against. */
  checked: { journal: object; version: number } | undefined;
}

/** Where a slice's states are kept across window reloads (workspace state), and how many. */
const STATES_KEY = 'largeFile.sliceStates';
const REMEMBERED_SLICES = 100;
/** Slices are checked against the big document this long after its last change. */
const RECHECK_DELAY_MS = 250;

export const SLICE_EDIT_LABEL = 'Edit in Text Editor';

export class SliceFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly slices = new Map<string, Slice>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changeEmitter.event;
  private readonly watched = new Map<LargeFileDocument, { subscriptions: vscode.Disposable[]; timer?: NodeJS.Timeout }>();

  constructor(
    private readonly host: SliceHost,
    private readonly memory?: vscode.Memento,
  ) {}

  /**
   * A slice of [offset, offset + length) of `document` (its bytes as they are now, edits
   * included). Returns its URI and, when it can only be read, why; or why it cannot be opened.
   */
  create(
    document: LargeFileDocument,
    range: { offset: number; length: number },
    encoding: string,
    kind: SliceKind,
    label: string,
  ): { uri: vscode.Uri; readOnlyReason?: string } | { refused: string } {
    let bytes: Uint8Array;
    try {
      bytes = document.read(range.offset, range.length);
    } catch (e) {
      return { refused: e instanceof Error ? e.message : String(e) };
    }
    const text = sliceText(bytes, encoding);
    if ('refused' in text) return text;
    if (kind === 'json') {
      const error = jsonError(text.text);
      if (error) return { refused: vscode.l10n.t('it is not valid JSON ({0})', error) };
    }
    if (document.uri.scheme !== 'file') return { refused: vscode.l10n.t('only files on disk can be edited in slices') };
    const address: SliceAddress = { file: document.uri.path, offset: range.offset, length: bytes.length, hash: hashBytes(bytes), encoding, kind };
    const uri = vscode.Uri.from({ scheme: SLICE_SCHEME, path: slicePath(document.uri.path, label, kind), query: sliceQuery(address) });
    const slice = this.slices.get(uri.toString()) ?? this.register(uri, address);
    this.attach(slice, document);
    slice.readOnlyReason = text.readOnlyReason;
    return { uri, readOnlyReason: text.readOnlyReason };
  }

  /** Whether `uri` is a slice of the big file `file` (for tests and the editor title). */
  sliceOf(uri: vscode.Uri): { file: vscode.Uri; current: SliceState | undefined } | undefined {
    const slice = this.slices.get(uri.toString());
    return slice && { file: slice.fileUri, current: slice.states.current };
  }

  // vscode.FileSystemProvider

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined); // changes are announced for every slice anyway
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const slice = this.resolve(uri);
    const document = this.attached(slice);
    this.recheck(slice, document);
    if (slice.size === undefined) this.materialize(slice, document);
    return {
      type: vscode.FileType.File,
      ctime: slice.ctime,
      mtime: slice.mtime,
      size: slice.size ?? 0,
      permissions: slice.readOnlyReason ? vscode.FilePermission.Readonly : undefined,
    };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const slice = this.resolve(uri);
    return this.materialize(slice, this.attached(slice));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const slice = this.resolve(uri);
    const document = this.attached(slice);
    const refuse = (why: string) => vscode.FileSystemError.NoPermissions(`Not written back into ${slice.fileName}: ${why}. The text here is kept.`);
    if (slice.readOnlyReason) throw refuse(`this slice opens read-only, because ${slice.readOnlyReason}`);
    // What VS Code saved is UTF-8 (a BOM it kept stays a U+FEFF, as it was read); anything else
    // (a files.encoding that made VS Code write another encoding) would be written back wrong.
    let text: string;
    try {
      text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(content);
    } catch {
      // Not UTF-8: refused, with the reason, below.
      throw refuse('VS Code saved it in an encoding other than UTF-8 (see files.encoding), in which slices are handed over');
    }
    if (slice.address.kind === 'json') {
      const error = jsonError(text);
      if (error) throw refuse(`it is not valid JSON (${error})`);
      text = minifyJson(text);
    }
    const encoded = encodeSliceText(text, slice.address.encoding);
    if ('refused' in encoded) throw refuse(encoded.refused);
    const bytes = encoded.bytes;
    if (document.mode === 'read' && !(await this.askToEdit(document, slice.fileName))) throw refuse(`${slice.fileName} is open read-only (switch it to In place or Copy, then save again)`);
    let at = this.placeOf(slice, document, refuse);
    if (sameBytes(document.read(at.offset, at.length), bytes)) {
      this.took(slice, content.length);
      return;
    }
    if (bytes.length !== at.length && !(await allowLengthChange(document, 'slice', this.host.rewriteSpeed))) {
      throw refuse(`you chose to keep the length of ${slice.fileName}`);
    }
    // The questions above let other edits in meanwhile: the region must still be what was shown.
    const before = at;
    at = this.placeOf(slice, document, refuse);
    if (at !== before) throw refuse(this.detachedReason(slice));
    const recorded = document.edit(SLICE_EDIT_LABEL, (journal) => journal.replace(at.offset, at.length, bytes, true));
    if (typeof recorded === 'object') throw refuse(recorded.refused);
    slice.states.wrote(bytes);
    slice.checked = { journal: document.journal, version: document.journal.version };
    this.took(slice, content.length);
    // Other slices of this document after the written range moved with it.
    for (const other of this.slicesOf(document)) {
      if (other === slice) continue;
      other.states.shifted(at.offset, at.length, bytes.length);
      other.checked = undefined;
      this.remember(other);
    }
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Slices of big files cannot hold folders');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('A slice cannot be deleted: close its editor');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('A slice cannot be renamed: use Save As');
  }

  dispose(): void {
    for (const w of this.watched.values()) {
      clearTimeout(w.timer);
      for (const s of w.subscriptions) s.dispose();
    }
    this.watched.clear();
    this.slices.clear();
    this.changeEmitter.dispose();
  }

  // Slices and their documents

  /** The slice of `uri`: known, or rebuilt from its address (a slice VS Code restored after a reload). */
  private resolve(uri: vscode.Uri): Slice {
    const known = this.slices.get(uri.toString());
    if (known) return known;
    const address = parseSliceAddress(uri.path, uri.query);
    if (!address) throw vscode.FileSystemError.FileNotFound(uri);
    return this.register(uri, address);
  }

  private register(uri: vscode.Uri, address: SliceAddress): Slice {
    const fileUri = vscode.Uri.from({ scheme: 'file', path: address.file });
    const remembered = this.memory?.get<Record<string, { states: SliceState[]; at: number }>>(STATES_KEY)?.[uri.toString()];
    const states = new SliceStates(remembered?.states?.length ? remembered.states : { offset: address.offset, length: address.length, hash: address.hash });
    const now = Date.now();
    const slice: Slice = {
      uri,
      address,
      fileUri,
      fileName: fileUri.path.slice(fileUri.path.lastIndexOf('/') + 1),
      document: undefined,
      states,
      readOnlyReason: undefined,
      ctime: now,
      mtime: now,
      size: undefined,
      checked: undefined,
    };
    this.slices.set(uri.toString(), slice);
    return slice;
  }

  /** The big document of `slice`, which must be open in the Large File Editor. */
  private attached(slice: Slice): LargeFileDocument {
    const document = slice.document ?? this.host.documentOf(slice.fileUri);
    if (!document) {
      throw vscode.FileSystemError.Unavailable(
        `${slice.fileName} is not open in the Large File Editor: open it there, then this slice again (edits made here are kept until then)`,
      );
    }
    this.attach(slice, document);
    return document;
  }

  private attach(slice: Slice, document: LargeFileDocument): void {
    if (slice.document !== document) {
      slice.document = document;
      slice.checked = undefined;
    }
    if (this.watched.has(document)) return;
    const watch: { subscriptions: vscode.Disposable[]; timer?: NodeJS.Timeout } = { subscriptions: [] };
    watch.subscriptions.push(
      document.onDidChangeContent(() => {
        clearTimeout(watch.timer);
        watch.timer = setTimeout(() => this.recheckAll(document), RECHECK_DELAY_MS);
      }),
      document.onDidDispose(() => this.closed(document)),
    );
    this.watched.set(document, watch);
  }

  private slicesOf(document: LargeFileDocument): Slice[] {
    return [...this.slices.values()].filter((s) => s.document === document);
  }

  /** Where the slice's bytes are in the document now; a refusal when they are nowhere. */
  private placeOf(slice: Slice, document: LargeFileDocument, refuse: (why: string) => Error): SliceState {
    this.recheck(slice, document);
    const at = slice.states.current;
    if (!at) throw refuse(this.detachedReason(slice));
    return at;
  }

  private detachedReason(slice: Slice): string {
    const last = slice.states.known[0];
    const range = `bytes ${last.offset.toLocaleString('en-US')}–${(last.offset + Math.max(1, last.length) - 1).toLocaleString('en-US')}`;
    return `${slice.fileName} changed at ${range} since this slice showed them (an edit there, or one before them that moved them), so writing it back could overwrite other bytes. Copy your text, close this editor and open the range again`;
  }

  /** Checks the slice against the document if it changed since; true when its state changed. */
  private recheck(slice: Slice, document: LargeFileDocument): boolean {
    const journal = document.journal;
    if (slice.checked?.journal === journal && slice.checked.version === journal.version) return false;
    slice.checked = { journal, version: journal.version };
    const reader: RegionReader = { size: journal.size, read: (o, l) => document.read(o, l) };
    if (!slice.states.recheck(reader)) return false;
    this.remember(slice);
    // A detached slice keeps its stat (its save says why it is refused); one at another known state reloads.
    if (!slice.states.current) return true;
    slice.mtime = Math.max(Date.now(), slice.mtime + 1);
    slice.size = undefined;
    return true;
  }

  /** After the big document changed: clean slices whose bytes moved to another known state reload. */
  private recheckAll(document: LargeFileDocument): void {
    const changed: vscode.FileChangeEvent[] = [];
    for (const slice of this.slicesOf(document)) {
      try {
        if (this.recheck(slice, document) && slice.states.current) changed.push({ type: vscode.FileChangeType.Changed, uri: slice.uri });
      } catch (e) {
        logError(`Checking the slice ${slice.uri.path}`, e);
      }
    }
    if (changed.length > 0) this.changeEmitter.fire(changed);
  }

  /** The text VS Code is given: the region decoded, a JSON record pretty-printed, as UTF-8. */
  private materialize(slice: Slice, document: LargeFileDocument): Uint8Array {
    this.recheck(slice, document);
    const at = slice.states.current;
    if (!at) throw vscode.FileSystemError.Unavailable(this.detachedReason(slice));
    const decoded = sliceText(document.read(at.offset, at.length), slice.address.encoding);
    if ('refused' in decoded) throw vscode.FileSystemError.NoPermissions(`This slice of ${slice.fileName} cannot be shown: ${decoded.refused}`);
    slice.readOnlyReason = decoded.readOnlyReason;
    const text = slice.address.kind === 'json' && jsonError(decoded.text) === undefined ? prettyJson(decoded.text) : decoded.text;
    const bytes = Buffer.from(text, 'utf8');
    slice.size = bytes.length;
    return bytes;
  }

  /** VS Code now holds `size` bytes of text for the slice, as they are in the document. */
  private took(slice: Slice, size: number): void {
    slice.size = size;
    slice.mtime = Math.max(Date.now(), slice.mtime + 1);
    this.remember(slice);
  }

  /** The big document closed: its clean slices close too; dirty ones wait for it to be opened again. */
  private closed(document: LargeFileDocument): void {
    const watch = this.watched.get(document);
    if (watch) {
      clearTimeout(watch.timer);
      for (const s of watch.subscriptions) s.dispose();
      this.watched.delete(document);
    }
    const uris = new Set<string>();
    for (const slice of this.slicesOf(document)) {
      slice.document = undefined;
      slice.checked = undefined;
      uris.add(slice.uri.toString());
    }
    const clean = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && uris.has(t.input.uri.toString()) && !t.isDirty);
    if (clean.length > 0) vscode.window.tabGroups.close(clean).then(undefined, (e: unknown) => logError('Closing the slices of a closed document', e));
  }

  /** Keeps the slice's states in the workspace state, so a slice restored after a reload finds its bytes. */
  private remember(slice: Slice): void {
    if (!this.memory) return;
    const all = { ...(this.memory.get<Record<string, { states: SliceState[]; at: number }>>(STATES_KEY) ?? {}) };
    all[slice.uri.toString()] = { states: [...slice.states.known], at: Date.now() };
    const kept = Object.entries(all)
      .sort((a, b) => b[1].at - a[1].at)
      .slice(0, REMEMBERED_SLICES);
    this.memory.update(STATES_KEY, Object.fromEntries(kept)).then(undefined, (e: unknown) => logError('Remembering a slice', e));
  }

  /** The big document is read-only: offer the switch to In place or Copy (modeSwitcher's rules apply). */
  private async askToEdit(document: LargeFileDocument, fileName: string): Promise<boolean> {
    const inPlace = vscode.l10n.t('Edit In Place');
    const copy = vscode.l10n.t('Edit a Copy');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is open read-only. Write this slice back into it?', fileName),
      {
        modal: true,
        detail: vscode.l10n.t(
          'In place: the edit stays unsaved in the Large File Editor until you save it there. Copy: the file is never written; Save there writes a new file.',
        ),
      },
      inPlace,
      copy,
    );
    if (!choice) return false;
    return this.host.changeMode(document, choice === inPlace ? 'write' : 'copy');
  }
}
