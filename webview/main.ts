// Webview entry: asks the host for the bytes it needs and renders hex rows. File content only
// ever reaches the DOM through textContent: it is data, never markup.
import type { DocumentInfo, HostMessage, WebviewMessage } from '../shared/protocol';
import { formatAscii, formatHexBytes, formatOffset, offsetDigits } from './hexFormat';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

interface ViewState {
  topRow: number;
}

let doc: DocumentInfo | undefined;
let bytesPerRow = 16;
let topRow = (vscode.getState() as ViewState | undefined)?.topRow ?? 0;
let nextRequestId = 1;
let pendingRequest = 0;
let rowsEl: HTMLElement | undefined;

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      doc = message.document;
      bytesPerRow = message.bytesPerRow;
      buildView(doc);
      requestRows();
      break;
    case 'openFailed':
      showNotice(`Cannot open this file: ${message.message}`, message.code);
      break;
    case 'page':
      if (message.requestId === pendingRequest) renderRows(message.offset, message.data);
      break;
    case 'pageFailed':
      if (message.requestId === pendingRequest) showNotice(`Cannot read the file: ${message.message}`, message.code);
      break;
  }
});

function showNotice(text: string, code: string): void {
  app.replaceChildren();
  const notice = document.createElement('div');
  notice.className = 'notice';
  notice.setAttribute('role', 'alert');
  notice.dataset.code = code;
  notice.textContent = text;
  app.appendChild(notice);
}

function buildView(info: DocumentInfo): void {
  app.replaceChildren();
  if (info.size === 0) {
    showNotice('Empty file', 'EMPTY');
    return;
  }
  const header = document.createElement('div');
  header.className = 'header';
  header.textContent = `${info.fileName} — ${info.size.toLocaleString('en-US')} bytes`;
  rowsEl = document.createElement('div');
  rowsEl.className = 'rows';
  rowsEl.setAttribute('role', 'grid');
  rowsEl.setAttribute('aria-label', 'Hex view');
  rowsEl.tabIndex = 0;
  rowsEl.addEventListener('wheel', onWheel, { passive: true });
  app.append(header, rowsEl);
}

function visibleRowCount(): number {
  const rowHeight = 20;
  return Math.max(1, Math.ceil((rowsEl?.clientHeight || window.innerHeight) / rowHeight));
}

function totalRows(): number {
  return doc ? Math.ceil(doc.size / bytesPerRow) : 0;
}

function onWheel(event: WheelEvent): void {
  const delta = Math.sign(event.deltaY) * 3;
  const maxTop = Math.max(0, totalRows() - visibleRowCount());
  const next = Math.min(maxTop, Math.max(0, topRow + delta));
  if (next !== topRow) {
    topRow = next;
    vscode.setState({ topRow } satisfies ViewState);
    requestRows();
  }
}

function requestRows(): void {
  if (!doc || doc.size === 0) return;
  pendingRequest = nextRequestId++;
  const offset = topRow * bytesPerRow;
  vscode.postMessage({ type: 'readPage', requestId: pendingRequest, offset, length: visibleRowCount() * bytesPerRow });
}

function renderRows(offset: number, data: Uint8Array): void {
  if (!doc || !rowsEl) return;
  const digits = offsetDigits(doc.size);
  const texts: string[] = [];
  const rows: HTMLElement[] = [];
  for (let i = 0; i < data.length; i += bytesPerRow) {
    const bytes = data.subarray(i, Math.min(data.length, i + bytesPerRow));
    const row = document.createElement('div');
    row.className = 'row';
    row.setAttribute('role', 'row');
    const cells = [
      ['offset', formatOffset(offset + i, digits)],
      ['hex', formatHexBytes(bytes, bytesPerRow)],
      ['ascii', formatAscii(bytes)],
    ];
    for (const [cls, text] of cells) {
      const cell = document.createElement('span');
      cell.className = cls;
      cell.setAttribute('role', 'gridcell');
      cell.textContent = text;
      row.appendChild(cell);
    }
    rows.push(row);
    texts.push(cells.map((c) => c[1]).join('  '));
  }
  rowsEl.replaceChildren(...rows);
  vscode.postMessage({ type: 'rendered', firstOffset: offset, rows: texts });
}

vscode.postMessage({ type: 'ready' });
