// One open file, shared by every editor showing it. Holds the mapping, or the reason there is none.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EngineError, MappedFile, openMappedFile, toEngineError } from './engine';
import type { DocumentInfo, OpenMode } from '../shared/protocol';

export class LargeFileDocument implements vscode.CustomDocument {
  private file: MappedFile | undefined;

  private constructor(
    readonly uri: vscode.Uri,
    file: MappedFile | undefined,
    readonly openError: EngineError | undefined,
  ) {
    this.file = file;
  }

  /** Never throws: a file that cannot be opened yields a document that says why. */
  static open(uri: vscode.Uri, mode: OpenMode): LargeFileDocument {
    if (uri.scheme !== 'file') {
      const err = new EngineError('ENOTSUP', `Only files on disk can be opened for now (got a ${uri.scheme}: URI)`);
      return new LargeFileDocument(uri, undefined, err);
    }
    try {
      return new LargeFileDocument(uri, openMappedFile(uri.fsPath, mode), undefined);
    } catch (e) {
      return new LargeFileDocument(uri, undefined, toEngineError(e));
    }
  }

  get info(): DocumentInfo | undefined {
    if (!this.file) return undefined;
    return { fileName: path.basename(this.uri.fsPath), size: this.file.size, mode: this.file.mode, backend: 'native' };
  }

  /** A copy of the bytes in [offset, offset + length), clipped to the file. */
  read(offset: number, length: number): Uint8Array {
    if (!this.file) throw this.openError ?? new EngineError('ECLOSED', 'The document is closed');
    return this.file.read(offset, length);
  }

  dispose(): void {
    this.file?.close();
    this.file = undefined;
  }
}
