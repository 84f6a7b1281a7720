// One webview showing a document: serves its page requests (cancellable, in order, never
// blocking the host for long) and relays commands to it.
import * as vscode from 'vscode';
import { LargeFileDocument } from './largeFileDocument';
import { toEngineError } from './engine';
import { webviewHtml } from './webviewHtml';
import { SearchService } from './search/searchService';
import { CopyFormatName, CopyRange, HostMessage, parseWebviewMessage, ViewKind, ViewSettings, ViewStatus } from '../shared/protocol';

/** What a webview last reported as rendered; read by the integration tests. */
export interface RenderedRows {
  readonly view: ViewKind;
  readonly firstOffset: number;
  readonly rows: readonly string[];
}

export interface SessionEvents {
  onStatus(session: EditorSession): void;
  onRendered(session: EditorSession): void;
  onActive(session: EditorSession, active: boolean): void;
  onGotoFailed(message: string): void;
  onCopy(session: EditorSession, format: CopyFormatName, range: CopyRange): void;
}

interface PageRequest {
  readonly requestId: number;
  readonly offset: number;
  readonly length: number;
}

/** Pages served per turn of the event loop before yielding to other work. */
const PAGES_PER_TURN = 8;

export class EditorSession implements vscode.Disposable {
  status: ViewStatus | undefined;
  rendered: RenderedRows | undefined;
  private readonly queue: PageRequest[] = [];
  private draining = false;
  private readonly disposables: vscode.Disposable[] = [];
  readonly search: SearchService;

  constructor(
    readonly document: LargeFileDocument,
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly events: SessionEvents,
  ) {
    this.search = new SearchService(document, (m) => this.post(m));
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    };
    panel.webview.html = webviewHtml(panel.webview, extensionUri);
    this.disposables.push(
      document.onLineIndexProgress((progress) => this.post({ type: 'lineIndex', progress })),
      document.onDidChangeOnDisk((change) => {
        // Pending reads were for the old content.
        this.queue.length = 0;
        this.post({ type: 'fileChanged', change });
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidChangeViewState((e) => this.events.onActive(this, e.webviewPanel.active)),
    );
  }

  post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.search.dispose();
    this.queue.length = 0;
    for (const d of this.disposables) d.dispose();
  }

  private onMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return; // Malformed or out of range: ignored, never acted on.
    switch (message.type) {
      case 'ready': {
        const info = this.document.info;
        if (info) {
          this.post({ type: 'init', document: info, settings: viewSettings() });
          const progress = this.document.lineProgress();
          if (progress) this.post({ type: 'lineIndex', progress });
        }
        else {
          const err = this.document.openError!;
          this.post({ type: 'openFailed', code: err.code, message: err.message });
        }
        this.events.onActive(this, this.panel.active);
        break;
      }
      case 'readPage':
        this.queue.push(message);
        this.drain();
        break;
      case 'cancel': {
        const ids = new Set(message.requestIds);
        for (let i = this.queue.length - 1; i >= 0; i--) if (ids.has(this.queue[i].requestId)) this.queue.splice(i, 1);
        break;
      }
      case 'rendered':
        this.rendered = { view: message.view, firstOffset: message.firstOffset, rows: message.rows };
        this.events.onRendered(this);
        break;
      case 'status':
        this.status = message.status;
        this.events.onStatus(this);
        break;
      case 'gotoFailed':
        this.events.onGotoFailed(message.message);
        break;
      case 'lineNumbers': {
        const lines = message.offsets.map((o) => {
          const line = this.document.lineOfOffset(o);
          return line === undefined ? -1 : line + 1;
        });
        this.post({ type: 'lineNumbers', requestId: message.requestId, offsets: message.offsets, lines });
        break;
      }
      case 'gotoLine': {
        const offset = this.document.offsetOfLine(message.line - 1);
        if (offset !== undefined) {
          this.post({ type: 'reveal', offset });
          break;
        }
        const progress = this.document.lineProgress();
        this.events.onGotoFailed(
          !progress
            ? 'Line numbers are not available for this file: go to an offset or a percentage'
            : progress.complete
              ? `Line ${message.line.toLocaleString('en-US')} is past the end: the file has ${progress.lines.toLocaleString('en-US')} lines`
              : `Line ${message.line.toLocaleString('en-US')} is not indexed yet (${Math.floor((100 * progress.indexed) / Math.max(1, progress.size))}% done)`,
        );
        break;
      }
      case 'find':
        void this.search.find(message);
        break;
      case 'cancelFind':
        this.search.cancel(message.searchId);
        break;
      case 'findResults':
        this.search.sendResults(message.searchId, message.start, message.count);
        break;
      case 'copy':
        this.events.onCopy(this, message.format, message.selection);
        break;
    }
  }

  /** Serves queued pages a few at a time, so a burst of requests never monopolizes the host. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => {
      this.draining = false;
      for (let n = 0; n < PAGES_PER_TURN && this.queue.length > 0; n++) this.serve(this.queue.shift()!);
      if (this.queue.length > 0) this.drain();
    });
  }

  private serve(request: PageRequest): void {
    try {
      const buffer = this.document.read(request.offset, request.length);
      // A plain Uint8Array view: VS Code transfers typed arrays to the webview as binary, but
      // would serialize a Node Buffer as a JSON object of numbers.
      const data = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      this.post({ type: 'page', requestId: request.requestId, offset: request.offset, data });
    } catch (e) {
      const err = toEngineError(e);
      this.post({ type: 'pageFailed', requestId: request.requestId, code: err.code, message: err.message });
    }
  }
}

function viewSettings(): ViewSettings {
  const config = vscode.workspace.getConfiguration('largeFile');
  const bytesPerRow = config.get<number | string>('bytesPerRow', 16);
  return {
    bytesPerRow: bytesPerRow === 'fit' ? 0 : Number(bytesPerRow) || 16,
    defaultView: config.get<string>('defaultView') === 'text' ? 'text' : 'hex',
    encoding: config.get<string>('encoding', 'utf-8'),
    maxFindResults: Math.max(1, Math.floor(config.get<number>('maxFindResults', 100_000))),
  };
}
