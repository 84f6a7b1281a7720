// Files that are not on disk (a virtual file system) are read through VS Code's file system API
// by the JavaScript backend: same rows, read-only, and said once in a notice.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, closeAllEditors, waitForRender } from './helpers';

/** A read-only in-memory file system with one file. */
class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  constructor(private readonly files: Map<string, Uint8Array>) {}
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: data.length };
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return data;
  }
  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('read-only');
  }
  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions('read-only');
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions('read-only');
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('read-only');
  }
}

describe('Virtual file systems (JavaScript backend)', () => {
  let registration: vscode.Disposable;
  const content = Buffer.from('Virtual file content, served by a FileSystemProvider.\n');

  before(() => {
    registration = vscode.workspace.registerFileSystemProvider(
      'lfetest',
      new MemoryFileSystem(new Map([['/virtual.txt', new Uint8Array(content)]])),
      { isReadonly: true },
    );
  });
  after(() => registration.dispose());
  afterEach(closeAllEditors);

  it('shows the bytes of a non-file: URI, read-only', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.parse('lfetest:/virtual.txt');
    const rendered = waitForRender(api, uri);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    const r = await rendered;
    assert.equal(r.rows[0], '00000000  56 69 72 74 75 61 6C 20 66 69 6C 65 20 63 6F 6E  Virtual file con');
    assert.equal(r.rows.length, Math.ceil(content.length / 16));
    assert.deepEqual(api.documentState(uri), { dirty: false, size: content.length, mode: 'read', saving: false });
  });
});
