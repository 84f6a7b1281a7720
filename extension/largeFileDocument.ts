// One open file, shared by every editor showing it: the mapped file (the base), the edit journal
// over it (unsaved edits live only here, never in the file), the mode, the line index, and the
// watcher that notices other programs changing the file.
import { accessSync, constants as fsConstants } from 'node:fs';
import * as vscode from 'vscode';
import { ByteSource, openByteSource } from './byteSource';
import { EditJournal } from './edits/editJournal';
import { EngineError, LineIndex, toEngineError } from './engine';
import { FileWatcher } from './fileWatcher';
import { FileFingerprint, fingerprintFile } from './save';
import { documentSearch } from './search/documentSearch';
import type { Searchable } from './search/searchService';
import type { DiskChangeNotice, DocumentInfo, LineIndexProgress, OpenMode } from '../shared/protocol';

/** Progress reports to the webviews at most this often. */
const PROGRESS_INTERVAL_MS = 250;

/** Why an edit was not applied. */
export type EditRefusal = { readonly refused: string };

export interface ContentChange {
  readonly size: number;
  readonly dirty: boolean;
}

export class LargeFileDocument implements vscode.CustomDocument {
  private lineIndex: LineIndex | undefined;
  private lineIndexFailed = false;
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
  /** The save running now: edits wait (a save reads the journal between its batches). */
  private saving: Promise<unknown> | undefined;
  /** A Replace All still searching: a save waits for it to land first. */
  private asyncEdit: Promise<unknown> | undefined;
  /** Undo and redo asked for by VS Code while a save ran, applied once it is done. */
  private deferredSteps: Array<{ generation: number; direction: 'undo' | 'redo' }> = [];

  private constructor(
    readonly uri: vscode.Uri,
    private source: ByteSource | undefined,
    readonly openError: EngineError | undefined,
    private currentMode: OpenMode,
    journal?: EditJournal,
  ) {
    if (source) {
      this.journalInstance = journal ?? new EditJournal(source);
      if (journal) this.savedVersion = -1; // Restored from a backup: unsaved.
    }
    if (source && uri.scheme === 'file') {
      try {
        this.expected = fingerprintFile(uri.fsPath);
      } catch {
        this.expected = undefined;
      }
      this.watcher = new FileWatcher(uri.fsPath, (change) => {
        if (change.kind === 'deleted') this.diskEmitter.fire({ kind: 'deleted' });
        else void this.onChangedOnDisk();
      });
    }
    this.startLineIndex();
  }

  /** Never throws: a file that cannot be opened yields a document that says why. */
  static async open(
    uri: vscode.Uri,
    mode: OpenMode,
    restore?: (base: ByteSource) => Promise<EditJournal | undefined>,
  ): Promise<LargeFileDocument> {
    let source: ByteSource;
    try {
      source = await openByteSource(uri, 'read');
    } catch (e) {
      return new LargeFileDocument(uri, undefined, toEngineError(e), 'read');
    }
    // A file the user may not write opens read-only (copy mode never writes it, so it stays allowed).
    const effective = mode === 'write' && !canWrite(uri) ? 'read' : mode;
    const journal = await restore?.(source);
    return new LargeFileDocument(uri, source, undefined, source.backend === 'native' ? effective : 'read', journal);
  }

  get mode(): OpenMode {
    return this.currentMode;
  }

  /** Why the mode cannot be changed to `mode`, or undefined if it can. */
  modeRefusal(mode: OpenMode): string | undefined {
    if (!this.source) return 'The file is not open';
    if (mode === this.currentMode) return undefined;
    if (this.source.backend !== 'native' && mode !== 'read') return 'Editing needs the native engine, which is not in use for this file';
    if (mode === 'write' && !canWrite(this.uri)) return 'You may not write this file: it stays read-only (use Copy mode to edit a scratch copy)';
    if (mode === 'read' && this.isDirty) return 'Save or revert the unsaved edits first';
    return undefined;
  }

  setMode(mode: OpenMode): void {
    const refusal = this.modeRefusal(mode);
    if (refusal) throw new EngineError('EINVAL', refusal);
    if (mode === this.currentMode) return;
    this.currentMode = mode;
    this.modeEmitter.fire(mode);
  }

  get info(): DocumentInfo | undefined {
    if (!this.source || !this.journalInstance) return undefined;
    const fileName = this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1);
    return { fileName, size: this.journalInstance.size, mode: this.currentMode, backend: this.source.backend };
  }

  /** The edit journal: the document's current content. Throws if the file could not be opened. */
  get journal(): EditJournal {
    if (!this.journalInstance) throw this.openError ?? new EngineError('ECLOSED', 'The document is closed');
    return this.journalInstance;
  }

  get isDirty(): boolean {
    return !!this.journalInstance && this.journalInstance.version !== this.savedVersion;
  }

  get editGeneration(): number {
    return this.generation;
  }

  /** A copy of the bytes in [offset, offset + length) of the current content, clipped to its end. */
  read(offset: number, length: number): Uint8Array {
    return this.journal.read(offset, length);
  }

  /** Why the document takes no edits now, or undefined. */
  get editRefusal(): string | undefined {
    if (!this.journalInstance) return 'The file is not open';
    if (this.currentMode === 'read') return 'This file is open read-only. Switch to In place or Copy mode to edit it (Large File Editor: Change Mode…).';
    if (this.saving) return 'Saving… edits are possible again when the save is done.';
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
    while (this.saving || this.asyncEdit) await Promise.allSettled([this.saving, this.asyncEdit]);
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

  /** Applies an edit to the journal. Returns whether an undo step was recorded, or why not. */
  edit(label: string, apply: (journal: EditJournal) => boolean): boolean | EditRefusal {
    const refusal = this.editRefusal;
    if (refusal) return { refused: refusal };
    const recorded = apply(this.journal);
    if (recorded) this.recorded(label, this.generation);
    return recorded;
  }

  /** `edit` for work that searches first (Replace All): the step is recorded when it completes. */
  async editAsync(label: string, apply: (journal: EditJournal) => Promise<boolean>): Promise<boolean | EditRefusal> {
    const refusal = this.editRefusal;
    if (refusal) return { refused: refusal };
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

  /** The content is now what is on disk (after a save). */
  markSaved(): void {
    this.savedVersion = this.journal.version;
    this.watcher?.resync();
    this.restartLineIndex();
    this.contentChanged();
  }

  /** Starts over with a new journal over a (possibly new) base, e.g. after revert or a rewrite save. */
  replaceJournal(source: ByteSource | undefined, journal?: EditJournal): void {
    if (source && source !== this.source) {
      this.source?.close();
      this.source = source;
    }
    if (!this.source) return;
    this.journalInstance = journal ?? new EditJournal(this.source);
    this.generation++;
    this.savedVersion = journal ? -1 : this.journalInstance.version;
    this.watcher?.resync();
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

  lineProgress(): LineIndexProgress | undefined {
    if (!this.lineIndex || this.lineIndexFailed || !this.lineNumbersValid()) return undefined;
    const s = this.lineIndex.status();
    return { indexed: s.indexed, size: s.size, lines: s.lines, complete: s.complete };
  }

  /** 0-based line of the byte at `offset`, once the index has got that far. */
  lineOfOffset(offset: number): number | undefined {
    if (!this.lineIndex || this.lineIndexFailed || !this.lineNumbersValid()) return undefined;
    try {
      return this.lineIndex.lineOfOffset(offset);
    } catch {
      return undefined;
    }
  }

  /** Offset where 0-based `line` starts, once the index has got that far. */
  offsetOfLine(line: number): number | undefined {
    if (!this.lineIndex || this.lineIndexFailed || !this.lineNumbersValid()) return undefined;
    try {
      return this.lineIndex.offsetOfLine(line);
    } catch {
      return undefined;
    }
  }

  /** The index covers the file on disk: it answers for the document only while it is unedited. */
  private lineNumbersValid(): boolean {
    return !this.journalInstance || this.isUnedited();
  }

  /**
   * Whether the content is exactly the mapped file (no edits, or all undone). Asked for every line
   * number and search; walking millions of pieces each time is cached per journal version.
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
      const reload = 'Reload (discard my edits)';
      const choice = await vscode.window.showWarningMessage(
        `${this.uri.fsPath} was changed by another program while you have unsaved edits.`,
        'Keep my edits',
        reload,
      );
      if (choice !== reload) return;
    }
    await this.reload();
  }

  /** Drops every unsaved edit and shows the file as it is on disk now. */
  async revert(): Promise<void> {
    const next = await openByteSource(this.uri, 'read');
    try {
      this.expected = fingerprintFile(this.uri.fsPath);
    } catch {
      this.expected = undefined;
    }
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
    let next: ByteSource;
    try {
      next = await openByteSource(this.uri, 'read');
    } catch (e) {
      this.diskEmitter.fire({ kind: 'reloadFailed', message: toEngineError(e).message });
      return;
    }
    try {
      this.expected = fingerprintFile(this.uri.fsPath);
    } catch {
      this.expected = undefined;
    }
    this.replaceJournal(next);
    const info = this.info;
    if (info) this.diskEmitter.fire({ kind: 'reloaded', document: info, previousSize });
  }

  private contentChanged(): void {
    if (this.journalInstance) this.contentEmitter.fire({ size: this.journalInstance.size, dirty: this.isDirty });
  }

  private restartLineIndex(): void {
    this.lineIndex?.cancel();
    this.lineIndex = undefined;
    this.lineIndexFailed = false;
    this.startLineIndex();
  }

  private startLineIndex(): void {
    if (!this.source?.indexLines || this.source.size === 0) return;
    let index: LineIndex;
    try {
      index = this.source.indexLines(() => {
        const now = Date.now();
        if (now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
        this.lastProgress = now;
        const p = this.lineProgress();
        if (p) this.progressEmitter.fire(p);
      });
    } catch {
      this.lineIndexFailed = true;
      return;
    }
    this.lineIndex = index;
    index.done.then(
      () => {
        const p = this.lineProgress();
        if (p) this.progressEmitter.fire(p);
      },
      // A file truncated behind our back, or closed: line numbers stay as offsets.
      () => {
        if (this.lineIndex === index) this.lineIndexFailed = true;
      },
    );
  }

  dispose(): void {
    this.watcher?.dispose();
    this.diskEmitter.dispose();
    this.contentEmitter.dispose();
    this.modeEmitter.dispose();
    this.recordEmitter.dispose();
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
    return false;
  }
}
