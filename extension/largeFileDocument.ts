// One open file, shared by every editor showing it. Holds its byte source (or the reason there is
// none) and its line index, built in the background by the engine.
import * as vscode from 'vscode';
import { ByteSource, openByteSource } from './byteSource';
import { EngineError, LineIndex, toEngineError } from './engine';
import type { Searchable } from './search/searchService';
import { FileWatcher } from './fileWatcher';
import type { DiskChangeNotice, DocumentInfo, LineIndexProgress, OpenMode } from '../shared/protocol';

/** Progress reports to the webviews at most this often. */
const PROGRESS_INTERVAL_MS = 250;

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
  private watcher: FileWatcher | undefined;
  private reloading: Promise<void> | undefined;

  private constructor(
    readonly uri: vscode.Uri,
    private source: ByteSource | undefined,
    readonly openError: EngineError | undefined,
    private readonly mode: OpenMode,
  ) {
    this.startLineIndex();
    if (source && uri.scheme === 'file') {
      this.watcher = new FileWatcher(uri.fsPath, (change) => {
        if (change.kind === 'deleted') this.diskEmitter.fire({ kind: 'deleted' });
        else void this.reload();
      });
    }
  }

  /** Never throws: a file that cannot be opened yields a document that says why. */
  static async open(uri: vscode.Uri, mode: OpenMode): Promise<LargeFileDocument> {
    try {
      return new LargeFileDocument(uri, await openByteSource(uri, mode), undefined, mode);
    } catch (e) {
      return new LargeFileDocument(uri, undefined, toEngineError(e), mode);
    }
  }

  /**
   * Maps the file again after another program changed it. The old mapping is closed: reads of a
   * truncated part would only fail. The line index starts over.
   */
  reload(): Promise<void> {
    this.reloading ??= this.doReload().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private async doReload(): Promise<void> {
    const previousSize = this.source?.size ?? 0;
    let next: ByteSource;
    try {
      next = await openByteSource(this.uri, this.mode);
    } catch (e) {
      this.diskEmitter.fire({ kind: 'reloadFailed', message: toEngineError(e).message });
      return;
    }
    this.lineIndex?.cancel();
    this.lineIndex = undefined;
    this.lineIndexFailed = false;
    this.source?.close();
    this.source = next;
    this.startLineIndex();
    const info = this.info;
    if (info) this.diskEmitter.fire({ kind: 'reloaded', document: info, previousSize });
  }

  get info(): DocumentInfo | undefined {
    if (!this.source) return undefined;
    const fileName = this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1);
    return { fileName, size: this.source.size, mode: this.source.mode, backend: this.source.backend };
  }

  /** A copy of the bytes in [offset, offset + length), clipped to the file. */
  read(offset: number, length: number): Uint8Array {
    if (!this.source) throw this.openError ?? new EngineError('ECLOSED', 'The document is closed');
    return this.source.read(offset, length);
  }

  /** The engine's search over the document, or undefined for backends without one. */
  searchable(): Searchable | undefined {
    return this.source?.searchable;
  }

  lineProgress(): LineIndexProgress | undefined {
    if (!this.lineIndex || this.lineIndexFailed) return undefined;
    const s = this.lineIndex.status();
    return { indexed: s.indexed, size: s.size, lines: s.lines, complete: s.complete };
  }

  /** 0-based line of the byte at `offset`, once the index has got that far. */
  lineOfOffset(offset: number): number | undefined {
    if (!this.lineIndex || this.lineIndexFailed) return undefined;
    try {
      return this.lineIndex.lineOfOffset(offset);
    } catch {
      return undefined;
    }
  }

  /** Offset where 0-based `line` starts, once the index has got that far. */
  offsetOfLine(line: number): number | undefined {
    if (!this.lineIndex || this.lineIndexFailed) return undefined;
    try {
      return this.lineIndex.offsetOfLine(line);
    } catch {
      return undefined;
    }
  }

  private startLineIndex(): void {
    if (!this.source?.indexLines || this.source.size === 0) return;
    try {
      this.lineIndex = this.source.indexLines(() => {
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
    this.lineIndex.done.then(
      () => {
        const p = this.lineProgress();
        if (p) this.progressEmitter.fire(p);
      },
      // A file truncated behind our back, or closed: line numbers stay as offsets.
      () => (this.lineIndexFailed = true),
    );
  }

  dispose(): void {
    this.watcher?.dispose();
    this.diskEmitter.dispose();
    this.lineIndex?.cancel();
    this.lineIndex = undefined;
    this.source?.close();
    this.source = undefined;
    this.progressEmitter.dispose();
  }
}
