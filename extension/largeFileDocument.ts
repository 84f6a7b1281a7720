// One open file, shared by every editor showing it: the mapped file (the base), the edit journal
// over it (unsaved edits live only here, never in the file), the mode, the line index, and the
// watcher that notices other programs changing the file.
import { accessSync, constants as fsConstants } from 'node:fs';
import * as vscode from 'vscode';
import { fileIdentity, onlyGrew, sampleTail, type TailSample } from './appendCheck';
import { ByteSource, openByteSource } from './byteSource';
import { EditJournal } from './edits/editJournal';
import { editedRanges } from './edits/editedRanges';
import { EngineError, LineIndex, toEngineError } from './engine';
import { codeOf, isNotFound } from './engineError';
import { FileWatcher } from './fileWatcher';
import { DocumentLines, isWholeBase } from './lines/documentLines';
import { FileIdentity, identifyFile, sharedLineIndexStore, StoredSeed } from './lines/lineIndexStore';
import { logError } from './log';
import { fileProtection, type Protection } from './modes/fileProtection';
import { FileFingerprint, fingerprintFile } from './save';
import { documentSearch } from './search/documentSearch';
import type { Searchable } from './search/searchService';
import { MAX_EDITED_RANGES, type DiskChangeNotice, type DocumentInfo, type LineIndexProgress, type OpenMode } from '../shared/protocol';

/** Progress reports to the webviews at most this often. */
const PROGRESS_INTERVAL_MS = 250;

/** Why an edit was not applied. */
export type EditRefusal = { readonly refused: string; readonly reason: 'readOnly' | 'saving' | 'closed' };

export interface ContentChange {
  readonly size: number;
  readonly dirty: boolean;
  /** The file only grew at its end (a log): everything before this offset is as it was. */
  readonly grewFrom?: number;
}

export class LargeFileDocument implements vscode.CustomDocument {
  private lineIndex: LineIndex | undefined;
  private lineIndexFailed = false;
  /** Whether a failed line query was logged since the index (re)started: the status bar asks on every move. */
  private lineQueryLogged = false;
  /** Line numbers over the edited document, for the current journal and line index. */
  private editedLines: { journal: EditJournal; index: LineIndex | undefined; lines: DocumentLines } | undefined;
  private readonly progressEmitter = new vscode.EventEmitter<LineIndexProgress>();
  /** Fires as the line index grows (throttled) and once when it is complete. */
  readonly onLineIndexProgress = this.progressEmitter.event;
  private lastProgress = 0;
  private readonly diskEmitter = new vscode.EventEmitter<DiskChangeNotice>();
  /** Fires when the file changed on disk and the document followed it (or could not). */
  readonly onDidChangeOnDisk = this.diskEmitter.event;
  private readonly contentEmitter = new vscode.EventEmitter<ContentChange>();
  /** Fires after every edit, undo, redo, revert and save: the webviews drop their cached pages. */
  readonly onDidChangeContent = this.contentEmitter.event;
  private readonly recordEmitter = new vscode.EventEmitter<{ label: string; generation: number }>();
  /** Fires when an edit recorded an undo step: the provider hands it to VS Code's undo stack. */
  readonly onDidRecordEdit = this.recordEmitter.event;
  private readonly modeEmitter = new vscode.EventEmitter<OpenMode>();
  readonly onDidChangeMode = this.modeEmitter.event;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  /** Fires once when VS Code closes the document (its last editor closed). */
  readonly onDidDispose = this.disposeEmitter.event;
  private watcher: FileWatcher | undefined;
  private reloading: Promise<void> | undefined;
  private journalInstance: EditJournal | undefined;
  /** Bumped whenever the journal is replaced: undo entries of an older journal are void. */
  private generation = 0;
  /** Journal version of the content on disk. */
  private savedVersion = 0;
  private uneditedCache: { journal: EditJournal; version: number; value: boolean } | undefined;
  /** The file as we last saw it, to notice a different file before saving over it. */
  expected: FileFingerprint | undefined;
  /** The end of the file as mapped, to tell a log that grew from a file rewritten (appendCheck.ts). */
  private tail: TailSample | undefined;
  /** The save running now: edits wait (a save reads the journal between its batches). */
  private saving: Promise<unknown> | undefined;
  /** A Replace All still searching: a save waits for it to land first. */
  private asyncEdit: Promise<unknown> | undefined;
  /** Undo and redo asked for by VS Code while a save ran, applied once it is done. */
  private deferredSteps: Array<{ generation: number; direction: 'undo' | 'redo' }> = [];
  /** Saves started by the editor's own Save command that have not reached saveCustomDocument yet. */
  private deliberateSaves = 0;
  private readonly heldEmitter = new vscode.EventEmitter<{ looksAutomatic: boolean }>();
  /**
   * Fires when VS Code asked for a save that was not deliberate while auto save is on (see
   * savePolicy.ts); `looksAutomatic`: it came when auto save would (see documentSaver.ts).
   */
  readonly onDidHoldSave = this.heldEmitter.event;
  /** When the content last changed (Date.now()): auto save after a delay comes that long after. */
  lastChangeAt = 0;
  /** The save that writes (or asks where to write) running now, if any (see documentSaver.ts). */
  runningSave: Promise<void> | undefined;
  /** Why the file needs the user to insist before In place (a program, a system file), if it does. */
  readonly protection: Protection | undefined;

  private constructor(
    readonly uri: vscode.Uri,
    private source: ByteSource | undefined,
    readonly openError: EngineError | undefined,
    private currentMode: OpenMode,
    journal?: EditJournal,
    protection?: Protection,
  ) {
    this.protection = protection;
    if (source) {
      this.journalInstance = journal ?? new EditJournal(source);
      if (journal) this.savedVersion = -1; // Restored from a backup: unsaved.
    }
    if (source && uri.scheme === 'file') {
      this.expected = fingerprintOrUndefined(uri.fsPath);
      this.watcher = new FileWatcher(uri.fsPath, (change) => {
        if (change.kind === 'deleted') this.diskEmitter.fire({ kind: 'deleted' });
        else void this.onChangedOnDisk();
      });
    }
    this.sampleTail();
    this.startLineIndex();
  }

  /**
   * Never throws: a file that cannot be opened yields a document that says why. `mode` is what
   * the settings ask for; a file the user may not write, and a program or system file, open
   * read-only whatever they say (Copy mode never writes the file, so it stays as asked). A
   * restored backup reopens in the mode it was made in (`restore` says which).
   */
  static async open(
    uri: vscode.Uri,
    mode: OpenMode,
    restore?: (base: ByteSource) => Promise<{ journal: EditJournal; mode?: OpenMode } | undefined>,
    workspaceFolders: readonly string[] = [],
  ): Promise<LargeFileDocument> {
    let source: ByteSource;
    try {
      source = await openByteSource(uri);
    } catch (e) {
      return new LargeFileDocument(uri, undefined, toEngineError(e), 'read');
    }
    const protection = uri.scheme === 'file' ? fileProtection(uri.fsPath, { workspaceFolders }) : undefined;
    const restored = await restore?.(source);
    let wanted = restored?.mode ?? mode;
    // Edits restored onto a file that may not be written in place stay a scratch copy's.
    if (wanted === 'write' && (!canWrite(uri) || protection)) wanted = restored ? 'copy' : 'read';
    if (source.backend !== 'native') wanted = 'read';
    // Restricted Mode: inspection only (a restored backup's edits stay, as a scratch copy's, unsaved).
    if (!vscode.workspace.isTrusted) wanted = restored ? 'copy' : 'read';
    return new LargeFileDocument(uri, source, undefined, wanted, restored?.journal, protection);
  }

  get mode(): OpenMode {
    return this.currentMode;
  }

  /** Whether the user may write the file (permissions), whatever the mode. */
  get canWrite(): boolean {
    return canWrite(this.uri);
  }

  /** Whether the bytes come from the native engine (the JavaScript backend is read-only). */
  get nativeBackend(): boolean {
    return this.source?.backend === 'native';
  }

  /**
   * Sets the mode. The rules (what to ask, what to refuse) are modeTransitions.ts's; this only
   * refuses what can never be: editing without the native engine, or writing a file the user
   * may not write.
   */
  setMode(mode: OpenMode): void {
    if (!this.source) throw new EngineError('ECLOSED', 'The file is not open');
    if (mode === this.currentMode) return;
    if (mode !== 'read' && this.source.backend !== 'native') throw new EngineError('EINVAL', 'Editing needs the native engine, which is not in use for this file');
    if (mode === 'write' && !canWrite(this.uri)) throw new EngineError('EACCES', 'You may not write this file');
    this.currentMode = mode;
    this.modeEmitter.fire(mode);
    this.contentChanged();
  }

  /** The content differs from the file on disk (in Copy mode also after the copy was saved). */
  get hasEditsOverFile(): boolean {
    return !this.isUnedited();
  }

  /**
   * Marks the next save as deliberate (the editor's own Save command runs it through VS Code's
   * save, which does not say why it saves). Returns the function that withdraws the mark if no
   * save consumed it.
   */
  armDeliberateSave(): () => void {
    this.deliberateSaves++;
    let done = false;
    return () => {
      if (!done && this.deliberateSaves > 0) this.deliberateSaves--;
      done = true;
    };
  }

  /** Takes the deliberate mark, if there is one: whether this save was asked for by the user. */
  takeDeliberateSave(): boolean {
    if (this.deliberateSaves === 0) return false;
    this.deliberateSaves = 0;
    return true;
  }

  /** A save was held (auto save is on and nobody asked for it): the editors say so. */
  saveHeld(looksAutomatic: boolean): void {
    this.heldEmitter.fire({ looksAutomatic });
  }

  get info(): DocumentInfo | undefined {
    if (!this.source || !this.journalInstance) return undefined;
    const fileName = this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1);
    return { fileName, size: this.journalInstance.size, mode: this.currentMode, backend: this.source.backend, writable: this.source.backend === 'native' && canWrite(this.uri) };
  }

  /** The edit journal: the document's current content. Throws if the file could not be opened. */
  get journal(): EditJournal {
    if (!this.journalInstance) throw this.openError ?? new EngineError('ECLOSED', 'The document is closed');
    return this.journalInstance;
  }

  /**
   * Unsaved changes. In place, the file is what was last saved, so content equal to it is not
   * unsaved (an edit undone back to the saved state); in Copy mode, against the last saved copy.
   */
  get isDirty(): boolean {
    if (!this.journalInstance || this.journalInstance.version === this.savedVersion) return false;
    return this.currentMode === 'copy' || !this.isUnedited();
  }

  get editGeneration(): number {
    return this.generation;
  }

  /** The bytes changed since the last save in [start, end), as flattened [start, end) pairs (none when saved). */
  editedRanges(start: number, end: number): number[] {
    if (!this.journalInstance || !this.isDirty) return [];
    return editedRanges(this.journalInstance.pieceTable, start, end, MAX_EDITED_RANGES);
  }

  /** A copy of the bytes in [offset, offset + length) of the current content, clipped to its end. */
  read(offset: number, length: number): Uint8Array {
    return this.journal.read(offset, length);
  }

  /** Why the document takes no edits now, or undefined. */
  get editRefusal(): EditRefusal | undefined {
    if (!this.journalInstance) return { refused: vscode.l10n.t('The file is not open'), reason: 'closed' };
    if (this.currentMode === 'read') return { refused: vscode.l10n.t('This file is open read-only: choose In place or Copy to edit it.'), reason: 'readOnly' };
    if (this.saving) return { refused: vscode.l10n.t('Saving… edits are possible again when the save is done.'), reason: 'saving' };
    return undefined;
  }

  /** Whether a save (or revert) is running. */
  get isSaving(): boolean {
    return this.saving !== undefined;
  }

  /**
   * Runs a save (or revert) with the journal held still: edits are refused meanwhile, undo and
   * redo wait, changes the save makes to the file are not taken for another program's, and a
   * Replace All still searching lands first. One at a time.
   */
  async whileSaving<T>(work: () => Promise<T>): Promise<T> {
    while (this.saving || this.asyncEdit || this.readers.size > 0) await Promise.allSettled([this.saving, this.asyncEdit, ...this.readers]);
    const running = work();
    this.saving = running;
    try {
      return await running;
    } finally {
      this.saving = undefined;
      this.watcher?.resync();
      const steps = this.deferredSteps;
      this.deferredSteps = [];
      for (const s of steps) this.step(s.generation, s.direction);
    }
  }

  /** Long reads of a snapshot of the content (Save Selection As), which saves wait for. */
  private readonly readers = new Set<Promise<unknown>>();

  /**
   * Runs `work`, which reads a snapshot of the content for a long time (a range written to
   * another file), after any running save and holding off the next one: an in-place save writes
   * bytes the snapshot may still read from the mapping, and a rewrite save replaces the mapping.
   * Edits go on meanwhile (the snapshot does not see them).
   */
  async whileReading<T>(work: () => Promise<T>): Promise<T> {
    // The save reports its own failure; here it only has to be over.
    while (this.saving) await this.saving.catch(() => undefined);
    const running = work();
    this.readers.add(running);
    try {
      return await running;
    } finally {
      this.readers.delete(running);
    }
  }

  /** Applies an edit to the journal. Returns whether an undo step was recorded, or why not. */
  edit(label: string, apply: (journal: EditJournal) => boolean): boolean | EditRefusal {
    const refusal = this.editRefusal;
    if (refusal) return refusal;
    const recorded = apply(this.journal);
    if (recorded) this.recorded(label, this.generation);
    return recorded;
  }

  /**
   * Changes the content as part of the last recorded step (see EditJournal.amendLast): the views
   * redraw, VS Code's undo stack gets nothing new. Returns whether it applied, or why not.
   */
  amend(apply: (journal: EditJournal) => boolean): boolean | EditRefusal {
    const refusal = this.editRefusal;
    if (refusal) return refusal;
    const done = apply(this.journal);
    if (done) this.contentChanged();
    return done;
  }

  /** `edit` for work that searches first (Replace All): the step is recorded when it completes. */
  async editAsync(label: string, apply: (journal: EditJournal) => Promise<boolean>): Promise<boolean | EditRefusal> {
    const refusal = this.editRefusal;
    if (refusal) return refusal;
    const generation = this.generation;
    const applying = apply(this.journal);
    this.asyncEdit = applying;
    try {
      const recorded = await applying;
      if (recorded && generation === this.generation) this.recorded(label, generation);
      return recorded;
    } finally {
      if (this.asyncEdit === applying) this.asyncEdit = undefined;
    }
  }

  /** An undo step was recorded: redraw, and hand it to VS Code's undo stack. */
  private recorded(label: string, generation: number): void {
    this.contentChanged();
    this.recordEmitter.fire({ label, generation });
  }

  /** Runs an undo or redo step recorded for the journal of `generation`; a step of an older journal is void. */
  step(generation: number, direction: 'undo' | 'redo'): void {
    if (this.saving) {
      this.deferredSteps.push({ generation, direction });
      return;
    }
    if (generation !== this.generation || !this.journalInstance) return;
    const done = direction === 'undo' ? this.journalInstance.undo() : this.journalInstance.redo();
    if (done) this.contentChanged();
  }

  /**
   * Edits that count as saved (a Copy mode document whose copy was saved) count as unsaved again:
   * they are now meant for this file. The provider tells VS Code with an edit event.
   */
  markUnsaved(): void {
    this.savedVersion = -1;
    this.contentChanged();
  }

  /** The user agreed, for this document, that an edit may change the file's length (see editGuard.ts). */
  lengthChangeAcknowledged = false;

  /** The content is now what is on disk (after a save). */
  markSaved(): void {
    this.savedVersion = this.journal.version;
    this.watcher?.resync();
    this.restartLineIndex();
    this.contentChanged();
  }

  /** Starts over with a new journal over a (possibly new) base, e.g. after revert or a rewrite save. */
  replaceJournal(source: ByteSource | undefined, journal?: EditJournal, grewFrom?: number): void {
    if (source && source !== this.source) {
      this.source?.close();
      this.source = source;
    }
    if (!this.source) return;
    this.journalInstance = journal ?? new EditJournal(this.source);
    this.generation++;
    this.savedVersion = journal ? -1 : this.journalInstance.version;
    this.watcher?.resync();
    this.sampleTail();
    this.restartLineIndex();
    this.contentChanged(grewFrom);
  }

  private sampleTail(): void {
    this.tail = undefined;
    if (!this.source || this.uri.scheme !== 'file') return;
    try {
      this.tail = sampleTail(this.source, fileIdentity(this.expected));
    } catch (e) {
      // Without a sample the next change on disk is taken for a rewrite: the gutter asks again.
      logError(`Sampling the end of ${this.uri.fsPath}`, e);
    }
  }

  /**
   * After a save that rewrote the file: `source` maps the new file, which holds exactly the
   * current content. The journal keeps its undo history (re-pointed onto the new file: see
   * EditJournal.rebase), so Ctrl+Z after the save restores the previous bytes and the next save
   * writes them back. Call `journal.preserveHistoryForRewrite()` before the old file goes.
   */
  rebase(source: ByteSource): void {
    const journal = this.journal;
    journal.rebase(source);
    const old = this.source;
    this.source = source;
    if (old && old !== source) old.close();
    this.savedVersion = journal.version;
    this.watcher?.resync();
    this.sampleTail();
    this.restartLineIndex();
    this.contentChanged();
  }

  /** Releases the mapping before another file replaces it (Windows cannot rename over a mapped file). */
  releaseMapping(): void {
    this.lineIndex?.cancel();
    this.lineIndex = undefined;
  }

  /**
   * The engine's search over the current content: the mapping itself while there are no edits,
   * else the engine's search of the edited document (a snapshot of the journal, searched over
   * the mapping: search/documentSearch.ts).
   */
  searchable(): Searchable | undefined {
    const base = this.source?.searchable;
    if (!base || !this.journalInstance) return undefined;
    if (this.isUnedited()) return base;
    const file = this.source?.mappedFile;
    return file ? documentSearch(this.journalInstance, file) : undefined;
  }

  // Line numbers: the engine's index of the file while the document is unedited, else line
  // summaries over the edited document (lines/documentLines.ts). Undefined where not indexed yet.

  lineProgress(): LineIndexProgress | undefined {
    if (!this.numberedByIndex()) return this.withEditedLines((l) => l.progress());
    if (!this.lineIndex || this.lineIndexFailed) return undefined;
    const s = this.lineIndex.status();
    return { indexed: s.indexed, size: s.size, lines: s.lines, complete: s.complete };
  }

  /** 0-based line of the byte at `offset`, once the index has got that far. */
  lineOfOffset(offset: number): number | undefined {
    if (!this.numberedByIndex()) return this.withEditedLines((l) => l.lineOfOffset(offset));
    if (!this.lineIndex || this.lineIndexFailed) return undefined;
    try {
      return this.lineIndex.lineOfOffset(offset);
    } catch (e) {
      this.lineQueryFailed(e);
      return undefined;
    }
  }

  /** Offset where 0-based `line` starts, once the index has got that far. */
  offsetOfLine(line: number): number | undefined {
    if (!this.numberedByIndex()) return this.withEditedLines((l) => l.offsetOfLine(line));
    if (!this.lineIndex || this.lineIndexFailed) return undefined;
    try {
      return this.lineIndex.offsetOfLine(line);
    } catch (e) {
      this.lineQueryFailed(e);
      return undefined;
    }
  }

  /** The document is the file as mapped (O(1): pieces are not walked on every keystroke). */
  private numberedByIndex(): boolean {
    const journal = this.journalInstance;
    return !journal || !this.source || isWholeBase(journal.pieceTable, this.source.size);
  }

  private withEditedLines<T>(query: (lines: DocumentLines) => T | undefined): T | undefined {
    const journal = this.journalInstance;
    if (!journal) return undefined;
    const index = this.lineIndexFailed ? undefined : this.lineIndex;
    if (this.editedLines?.journal !== journal || this.editedLines.index !== index) this.editedLines = { journal, index, lines: new DocumentLines(journal, index) };
    try {
      return query(this.editedLines.lines);
    } catch (e) {
      this.lineQueryFailed(e);
      return undefined; // the file was closed or truncated under us: numbers are unknown, never wrong
    }
  }

  /** A line query failed (the file closed or truncated under us): numbers show as unknown; the first failure is logged. */
  private lineQueryFailed(e: unknown): void {
    if (this.lineQueryLogged) return;
    this.lineQueryLogged = true;
    logError(`Line numbers of ${this.uri.fsPath} (shown as unknown; later failures are not logged again)`, e);
  }

  /**
   * Whether the content is exactly the mapped file (no edits, or all undone). Asked for every
   * search; walking millions of pieces each time is cached per journal version.
   */
  private isUnedited(): boolean {
    const journal = this.journalInstance;
    if (!journal || !this.source) return true;
    if (this.uneditedCache?.journal !== journal || this.uneditedCache.version !== journal.version) {
      const value = journal.size === this.source.size && journal.changedByteCount() === 0;
      this.uneditedCache = { journal, version: journal.version, value };
    }
    return this.uneditedCache.value;
  }

  /**
   * Another program changed the file. A clean document maps it again and keeps the position; a
   * dirty one asks first (our edits are relative to the old content).
   */
  private async onChangedOnDisk(): Promise<void> {
    if (this.saving) return; // our own writes; the watcher resyncs when the save is done
    if (this.isDirty) {
      const reload = vscode.l10n.t('Reload (discard my edits)');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} was changed by another program while you have unsaved edits.', this.uri.fsPath),
        vscode.l10n.t('Keep my edits'),
        reload,
      );
      if (choice !== reload) return;
    }
    await this.reload();
  }

  /** Drops every unsaved edit and shows the file as it is on disk now. */
  async revert(): Promise<void> {
    const next = await openByteSource(this.uri);
    this.expected = fingerprintOrUndefined(this.uri.fsPath);
    this.replaceJournal(next);
  }

  /**
   * Maps the file again after another program changed it. The old mapping is closed: reads of a
   * truncated part would only fail. The journal and the line index start over.
   */
  reload(): Promise<void> {
    this.reloading ??= this.doReload().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private async doReload(): Promise<void> {
    const previousSize = this.journalInstance?.size ?? 0;
    const unedited = this.isUnedited();
    let next: ByteSource;
    try {
      next = await openByteSource(this.uri);
    } catch (e) {
      logError(`Reloading ${this.uri.fsPath} after it changed on disk`, e);
      this.diskEmitter.fire({ kind: 'reloadFailed', message: toEngineError(e).message });
      return;
    }
    this.expected = fingerprintOrUndefined(this.uri.fsPath);
    const grew = unedited && previousSize > 0 && this.grewSince(next);
    this.replaceJournal(next, undefined, grew ? previousSize : undefined);
    const info = this.info;
    if (info) this.diskEmitter.fire({ kind: 'reloaded', document: info, previousSize });
  }

  /** Whether `next` is the file as last mapped with bytes appended (a growing log). */
  private grewSince(next: ByteSource): boolean {
    try {
      return onlyGrew(this.tail, next, fileIdentity(this.expected));
    } catch (e) {
      // Unreadable at the old end: taken for a rewrite, and every line number is asked again.
      logError(`Comparing the end of ${this.uri.fsPath} after it changed`, e);
      return false;
    }
  }

  private contentChanged(grewFrom?: number): void {
    this.lastChangeAt = Date.now();
    if (!this.journalInstance) return;
    this.contentEmitter.fire({ size: this.journalInstance.size, dirty: this.isDirty, grewFrom });
    // The webviews forget their line numbers with the content: tell them the edited document's.
    const p = this.lineProgress();
    if (p) this.progressEmitter.fire(p);
  }

  private restartLineIndex(): void {
    this.lineIndex?.cancel();
    this.lineIndex = undefined;
    this.lineIndexFailed = false;
    this.lineQueryLogged = false;
    this.startLineIndex();
  }

  private startLineIndex(): void {
    if (!this.source?.indexLines || this.source.size === 0) return;
    const stored = this.storedLineIndex();
    let index: LineIndex;
    try {
      index = this.startIndexing(stored?.seed);
    } catch (e) {
      // A stored index the engine refuses (impossible counts) is not used: scan the file instead.
      logError(`Indexing the lines of ${this.uri.fsPath}${stored?.seed ? ' from its stored index (scanning the file instead)' : ''}`, e);
      try {
        index = this.startIndexing(undefined);
      } catch (again) {
        if (stored?.seed) logError(`Indexing the lines of ${this.uri.fsPath} (line numbers stay off)`, again);
        this.lineIndexFailed = true;
        return;
      }
    }
    this.lineIndex = index;
    index.done.then(
      (result) => {
        const p = this.lineProgress();
        if (p) this.progressEmitter.fire(p);
        if (stored && !result.cancelled && !stored.seed?.complete) this.storeLineIndex(index, stored.identity);
      },
      // A file truncated behind our back, or closed: line numbers stay as offsets.
      (e: unknown) => {
        logError(`Indexing the lines of ${this.uri.fsPath} (line numbers stay off)`, e);
        if (this.lineIndex === index) this.lineIndexFailed = true;
      },
    );
  }

  private startIndexing(seed: StoredSeed | undefined): LineIndex {
    return this.source!.indexLines!(() => {
      const now = Date.now();
      if (now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
      this.lastProgress = now;
      const p = this.lineProgress();
      if (p) this.progressEmitter.fire(p);
    }, seed);
  }

  /** The file as mapped now, and the stored line index for it if there is one (lines/lineIndexStore.ts). */
  private storedLineIndex(): { identity: FileIdentity; seed: StoredSeed | undefined } | undefined {
    const store = sharedLineIndexStore();
    if (!store || this.uri.scheme !== 'file' || !this.source) return undefined;
    let identity: FileIdentity | undefined;
    try {
      // What was mapped: a log may have grown since (Follow), then its index covers the mapped part.
      identity = identifyFile(this.uri.fsPath, this.source.size);
    } catch (e) {
      // Gone since it was mapped: nothing stored can be trusted for it, the index is built anew.
      if (!isNotFound(e)) logError(`Identifying ${this.uri.fsPath} for its stored line index`, e);
      return undefined;
    }
    if (!identity) return undefined; // shorter than mapped: it changed meanwhile
    return { identity, seed: store.seedFor(this.uri.fsPath, identity) };
  }

  private storeLineIndex(index: LineIndex, identity: FileIdentity): void {
    try {
      const counts = index.blockCounts();
      if (counts) sharedLineIndexStore()?.save(this.uri.fsPath, identity, counts);
    } catch (e) {
      // Closed meanwhile (expected: nothing to store); anything else is worth a line.
      if (codeOf(e) !== 'ECLOSED') logError(`Storing the line index of ${this.uri.fsPath}`, e);
    }
  }

  dispose(): void {
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    this.watcher?.dispose();
    this.diskEmitter.dispose();
    this.contentEmitter.dispose();
    this.modeEmitter.dispose();
    this.recordEmitter.dispose();
    this.heldEmitter.dispose();
    this.lineIndex?.cancel();
    this.lineIndex = undefined;
    this.source?.close();
    this.source = undefined;
    this.journalInstance = undefined;
    this.progressEmitter.dispose();
  }
}

function canWrite(uri: vscode.Uri): boolean {
  if (uri.scheme !== 'file') return false;
  try {
    accessSync(uri.fsPath, fsConstants.W_OK);
    return true;
  } catch {
    // The answer, not a failure: EACCES, EROFS or a file gone all mean "may not write".
    return false;
  }
}

/** The file's fingerprint, or undefined when it cannot be read now (a save then checks nothing against it). */
function fingerprintOrUndefined(file: string): FileFingerprint | undefined {
  try {
    return fingerprintFile(file);
  } catch (e) {
    logError(`Fingerprinting ${file} (a save cannot tell whether another program changed it first)`, e);
    return undefined;
  }
}
