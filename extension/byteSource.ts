// Where a document's bytes come from. The native mapping is the fast path; a file on disk read
// with ranged fs reads covers a machine where the addon failed to load, and VS Code's file
// system API covers virtual file systems (which offer no ranged reads, so the file is read once).
// Every backend maps or opens the file read-only, whatever the user's mode: edits stay in the
// journal (Copy mode's never leave it), and an in-place save maps the file for writing itself.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import * as vscode from 'vscode';
import { EngineError, type EngineErrorCode, engineStatus, LineBlockCounts, LineIndex, MappedFile, openMappedFile, toEngineError } from './engine';
import { type ByteReader, readIntoByCopy } from './reader';
import type { Searchable } from './search/searchService';
import type { BackendKind } from '../shared/protocol';

/** A backend: the document's bytes (a ByteReader) and what only some backends have. */
export interface ByteSource extends ByteReader {
  readonly backend: BackendKind;
  /** The engine's search over this source, where the backend has one. */
  readonly searchable?: Searchable;
  /** The engine's mapping (the native backend only): an edited document is searched over it. */
  readonly mappedFile?: MappedFile;
  /** Starts a line index in the background, where the backend has one (`seed`: a stored index's counts). */
  indexLines?(onProgress: () => void, seed?: LineBlockCounts): LineIndex;
  close(): void;
}

class NativeSource implements ByteSource {
  readonly backend = 'native';
  constructor(private readonly file: MappedFile) {}
  get searchable(): Searchable {
    return this.file;
  }
  get mappedFile(): MappedFile {
    return this.file;
  }
  get size(): number {
    return this.file.size;
  }
  read(offset: number, length: number): Uint8Array {
    return this.file.read(offset, length);
  }
  readInto(offset: number, target: Uint8Array): number {
    return this.file.readInto(offset, target);
  }
  readRanges(offsets: Float64Array, lengths: Float64Array, target: Uint8Array): number {
    return this.file.readRanges(offsets, lengths, target);
  }
  indexLines(onProgress: () => void, seed?: LineBlockCounts): LineIndex {
    return this.file.indexLines({ onProgress, seed });
  }
  close(): void {
    this.file.close();
  }
}

/** Ranged reads with Node's fs: slower than the mapping, but needs no addon. */
class FsSource implements ByteSource {
  readonly backend = 'js';
  private fd: number | undefined;
  readonly size: number;

  constructor(private readonly path: string) {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      throw toEngineError(e);
    }
    const st = fstatSync(fd);
    if (!st.isFile()) {
      closeSync(fd);
      throw new EngineError(st.isDirectory() ? 'EISDIR' : 'ENOTREG', `'${path}' is not a regular file`);
    }
    this.fd = fd;
    this.size = st.size;
  }

  read(offset: number, length: number): Uint8Array {
    const out = Buffer.alloc(Math.max(0, Math.min(length, this.size - offset)));
    this.readInto(offset, out);
    return out;
  }

  readInto(offset: number, target: Uint8Array): number {
    if (this.fd === undefined) throw new EngineError('ECLOSED', `'${this.path}' has been closed`);
    const n = Math.max(0, Math.min(target.length, this.size - offset));
    let done = 0;
    while (done < n) {
      const r = readSync(this.fd, target, done, n - done, offset + done);
      if (r === 0) throw new EngineError('EFILECHANGED', `'${this.path}' is shorter than when it was opened`);
      done += r;
    }
    return n;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** A whole file held in memory, for URIs only VS Code's file system API can read. */
class MemorySource implements ByteSource {
  readonly backend = 'js';
  constructor(private bytes: Uint8Array | undefined) {}
  get size(): number {
    return this.bytes?.length ?? 0;
  }
  read(offset: number, length: number): Uint8Array {
    if (!this.bytes) throw new EngineError('ECLOSED', 'The document has been closed');
    return this.bytes.slice(offset, Math.min(this.bytes.length, offset + length));
  }
  readInto(offset: number, target: Uint8Array): number {
    return readIntoByCopy(this, offset, target);
  }
  close(): void {
    this.bytes = undefined;
  }
}

/** Virtual files are read whole: refuse what would not fit comfortably in the host's memory. */
export const MAX_VIRTUAL_FILE_BYTES = 512 * 1024 * 1024;

let noticeShown = false;

/** Tells the user once per session when the slower JavaScript backend is in use, and why. */
function noticeOnce(message: string): void {
  if (noticeShown) return;
  noticeShown = true;
  void vscode.window.showInformationMessage(message);
}

/** Opens the best source for `uri`, read-only. Throws EngineError. */
export async function openByteSource(uri: vscode.Uri): Promise<ByteSource> {
  if (uri.scheme === 'file') {
    const engine = engineStatus();
    if (engine.loaded) return new NativeSource(openMappedFile(uri.fsPath, 'read'));
    noticeOnce(vscode.l10n.t('Large File Editor: {0}. Using the slower JavaScript backend (read-only).', engine.error.message));
    return new FsSource(uri.fsPath);
  }
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (e) {
    throw new EngineError('ENOENT', `Cannot open '${uri.toString(true)}': ${(e as Error).message}`);
  }
  if (stat.type & vscode.FileType.Directory) throw new EngineError('EISDIR', `'${uri.toString(true)}' is a directory`);
  if (stat.size > MAX_VIRTUAL_FILE_BYTES) {
    throw new EngineError(
      'EFBIG',
      `'${uri.toString(true)}' is on a ${uri.scheme}: file system, which can only be read whole; ` +
        `files above ${MAX_VIRTUAL_FILE_BYTES / 1024 / 1024} MiB are not opened from there.`,
    );
  }
  noticeOnce(vscode.l10n.t("Large File Editor: {0}: files are read through VS Code's file system API (JavaScript backend, read-only).", uri.scheme));
  try {
    return new MemorySource(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    throw fileSystemError(e, `Cannot read '${uri.toString(true)}'`);
  }
}

/** VS Code's FileSystemError codes as the list's (engineError.ts); a provider's own failure is its I/O error. */
const FILE_SYSTEM_CODES: Readonly<Record<string, EngineErrorCode>> = {
  FileNotFound: 'ENOENT',
  FileIsADirectory: 'EISDIR',
  FileNotADirectory: 'ENOTDIR',
  NoPermissions: 'EACCES',
};

function fileSystemError(e: unknown, what: string): EngineError {
  const code = e instanceof vscode.FileSystemError ? FILE_SYSTEM_CODES[e.code] ?? 'EIO' : undefined;
  if (!code) return toEngineError(e);
  return new EngineError(code, `${what}: ${e instanceof Error ? e.message : String(e)}`);
}
