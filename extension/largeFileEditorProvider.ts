// The custom editor: opens documents and serves their pages to the webview.
import * as vscode from 'vscode';
import { LargeFileDocument } from './largeFileDocument';
import { toEngineError } from './engine';
import { webviewHtml } from './webviewHtml';
import { HostMessage, parseWebviewMessage } from '../shared/protocol';

export const VIEW_TYPE = 'largeFile.editor';

/** What a webview last reported as rendered; read by the integration tests. */
export interface RenderedRows {
  readonly firstOffset: number;
  readonly rows: readonly string[];
}

export class LargeFileEditorProvider implements vscode.CustomReadonlyEditorProvider<LargeFileDocument> {
  private readonly rendered = new Map<string, RenderedRows>();
  private readonly renderedEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidRender = this.renderedEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  lastRendered(uri: vscode.Uri): RenderedRows | undefined {
    return this.rendered.get(uri.toString());
  }

  openCustomDocument(uri: vscode.Uri): LargeFileDocument {
    return LargeFileDocument.open(uri, 'read');
  }

  resolveCustomEditor(document: LargeFileDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
    webview.html = webviewHtml(webview, this.extensionUri);

    const post = (message: HostMessage) => void webview.postMessage(message);
    const subscription = webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseWebviewMessage(raw);
      if (!message) return; // Malformed or out of range: ignored, never acted on.
      switch (message.type) {
        case 'ready': {
          const info = document.info;
          if (info) {
            const bytesPerRow = vscode.workspace.getConfiguration('largeFile').get<number>('bytesPerRow', 16);
            post({ type: 'init', document: info, bytesPerRow });
          } else {
            const err = document.openError!;
            post({ type: 'openFailed', code: err.code, message: err.message });
          }
          break;
        }
        case 'readPage':
          try {
            const data = document.read(message.offset, message.length);
            post({ type: 'page', requestId: message.requestId, offset: message.offset, data });
          } catch (e) {
            const err = toEngineError(e);
            post({ type: 'pageFailed', requestId: message.requestId, code: err.code, message: err.message });
          }
          break;
        case 'rendered':
          this.rendered.set(document.uri.toString(), { firstOffset: message.firstOffset, rows: message.rows });
          this.renderedEmitter.fire(document.uri);
          break;
      }
    });
    panel.onDidDispose(() => subscription.dispose());
  }
}
