// One open file, shared by every editor showing it. Holds its byte source, or the reason there is none.
import * as vscode from 'vscode';
import { ByteSource, openByteSource } from './byteSource';
import { EngineError, toEngineError } from './engine';
import type { DocumentInfo, OpenMode } from '../shared/protocol';

export class LargeFileDocument implements vscode.CustomDocument {
  private constructor(
    readonly uri: vscode.Uri,
    private source: ByteSource | undefined,
    readonly openError: EngineError | undefined,
  ) {}

  /** Never throws: a file that cannot be opened yields a document that says why. */
  static async open(uri: vscode.Uri, mode: OpenMode): Promise<LargeFileDocument> {
    try {
      return new LargeFileDocument(uri, await openByteSource(uri, mode), undefined);
    } catch (e) {
      return new LargeFileDocument(uri, undefined, toEngineError(e));
    }
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

  dispose(): void {
    this.source?.close();
    this.source = undefined;
  }
}
