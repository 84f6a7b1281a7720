// One webview showing a document: serves its page requests (cancellable, in order, never
// blocking the host for long) and relays commands to it.
import * as vscode from 'vscode';
import { LargeFileDocument } from './largeFileDocument';
import { toEngineError } from './engine';
import { webviewHtml } from './webviewHtml';
import { num, webviewLocale } from './l10n/locale';
import { SearchService } from './search/searchService';
import { FilterPane } from './filter/filterPane';
import { SessionTime } from './time/sessionTime';
import { encodeText } from './search/findQuery';
import { replaceAll, replacementAt } from './search/replaceService';
import { allowLengthChange, confirmReplaceAll, type LengthChangeKind } from './editGuard';
import type { EditRefusal } from './largeFileDocument';
import type { RewriteSpeed } from './save/rewriteSpeed';
import { configuredView, initialView, type ViewMemory } from './viewChoice';
import { CopyFormatName, CopyRange, EditOp, FindQuery, HostMessage, isFilterMessage, isTimeMessage, OpenMode, PAGE_SIZE, parseWebviewMessage, unhandledMessage, ViewKind, ViewSettings, ViewStatus, WordWrap } from '../shared/protocol';

/** What a webview last reported as rendered (only while a test asked for it); read by the integration tests. */
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
  /** The webview asked to switch modes (its read-only prompt). */
  onRequestMode(session: EditorSession, mode: OpenMode): void;
  /** How fast rewrite saves run here, for the length-change question. */
  readonly rewriteSpeed: RewriteSpeed;
  /** The view the user last switched each file to. */
  readonly viewMemory: ViewMemory;
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
  /** The notice the webview last reported showing instead of rows (only while a test asked). */
  notice: { readonly code: string; readonly text: string } | undefined;
  private readonly queue: PageRequest[] = [];
  private draining = false;
  private readonly disposables: vscode.Disposable[] = [];
  readonly search: SearchService;
  /** The filtered view, bookmarks and the overview ruler of this editor (filter/filterPane.ts). */
  readonly filterPane: FilterPane;
  /** Go to a time, the timeline and the time range of this editor (time/sessionTime.ts). */
  readonly time: SessionTime;
  /**
   * Edits, pastes and replaces run one after another, in the order typed: one may wait for an
   * answer (a length change in a big file) and the keys typed meanwhile must not overtake it.
   */
  private editChain: Promise<void> = Promise.resolve();
  /** A length change the user declined: the rest of that burst of keys is dropped without asking again. */
  private declined = false;

  constructor(
    readonly document: LargeFileDocument,
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly events: SessionEvents,
    /** Whether the webview reports what it draws (only when a test asked: LargeFileEditorApi.reportRendered). */
    private readonly reportRendered: () => boolean = () => false,
  ) {
    this.filterPane = new FilterPane(document, (m) => this.post(m));
    this.search = new SearchService(
      {
        searchable: () => document.searchable(),
        read: (offset, length) => document.read(offset, length),
        lineOfOffset: (offset) => document.lineOfOffset(offset),
        onFindDensity: (counts) => this.filterPane.overview.update('find', counts),
        onScan: (done) => this.filterPane.errorLane.yieldTo(done),
      },
      (m) => this.post(m),
    );
    this.time = new SessionTime(document, (m) => this.post(m), this.search, (message) => this.events.onGotoFailed(message));
    // The filter keeps to the time range and to its own time terms (time >= 12:00).
    this.filterPane.filters.setTimeWindow((terms) => this.time.filterWindow(terms));
    this.time.onRangeChanged = () => this.filterPane.filters.timeRangeChanged();
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    };
    panel.webview.html = webviewHtml(panel.webview, extensionUri);
    this.disposables.push(
      document.onLineIndexProgress((progress) => this.post({ type: 'lineIndex', progress })),
      document.onDidChangeContent((change) => {
        // Pending reads were for the old content.
        this.queue.length = 0;
        this.post({ type: 'contentChanged', size: change.size, dirty: change.dirty, grewFrom: change.grewFrom });
      }),
      document.onDidChangeMode((mode) => this.post({ type: 'modeChanged', mode })),
      document.onDidHoldSave(() => this.post({ type: 'saveHeld' })),
      document.onDidChangeOnDisk((change) => {
        // Pending reads were for the old content.
        this.queue.length = 0;
        this.post({ type: 'fileChanged', change });
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidChangeViewState((e) => this.events.onActive(this, e.webviewPanel.active)),
    );
    // Sent with the HTML, not in answer to 'ready': VS Code holds messages until the webview has
    // loaded, so its first rows need no round trip through the workbench (two of them: ready →
    // init, then the page request → page). 'ready' is still answered, without the page.
    this.sendInit(true);
  }

  post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.search.dispose();
    this.filterPane.dispose();
    this.time.dispose();
    this.queue.length = 0;
    for (const d of this.disposables) d.dispose();
  }

  private onMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return; // Malformed or out of range: ignored, never acted on.
    if (isFilterMessage(message)) {
      this.filterPane.handle(message);
      return;
    }
    if (isTimeMessage(message)) {
      this.time.handle(message);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.sendInit(false);
        this.events.onActive(this, this.panel.active);
        break;
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
        if (!this.reportRendered()) break; // Only a test asks for it (extension/testHooks.ts): otherwise ignored.
        this.rendered = { view: message.view, firstOffset: message.firstOffset, rows: message.rows };
        this.events.onRendered(this);
        break;
      case 'noticeShown':
        if (!this.reportRendered()) break; // As 'rendered': only a test asks for it.
        this.notice = { code: message.code, text: message.text };
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
        if (message.preview) break;
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
        void this.search.sendResults(message.searchId, message.start, message.count);
        break;
      case 'findVisible':
        void this.search.findVisible(message);
        break;
      case 'editedRanges':
        this.post({ type: 'editedRanges', requestId: message.requestId, ranges: this.document.editedRanges(message.start, message.end) });
        break;
      case 'edit':
        this.typed(message.edit);
        break;
      case 'runCommand':
        void vscode.commands.executeCommand(message.command);
        break;
      case 'requestMode':
        this.events.onRequestMode(this, message.mode);
        break;
      case 'viewChosen':
        this.events.viewMemory.remember(this.document.uri, message.view);
        break;
      case 'paste':
        this.queueEdit(() => this.paste(message));
        break;
      case 'replace':
        if (message.op === 'one') this.queueEdit(() => this.replace(message));
        else void this.replace(message);
        break;
      case 'copy':
        this.events.onCopy(this, message.format, message.selection);
        break;
      default:
        unhandledMessage(message);
    }
  }

  /** 'init' (with the first page, if asked) and the line index so far; or why the file cannot be shown. */
  private sendInit(withFirstPage: boolean): void {
    const info = this.document.info;
    if (!info) {
      const err = this.document.openError!;
      this.post({ type: 'openFailed', code: err.code, message: err.message, reportRendered: this.reportRendered() });
      return;
    }
    const firstPage = this.firstPage(info.size);
    const view = initialView(configuredView(), this.events.viewMemory.get(this.document.uri), info.size === 0 ? new Uint8Array(0) : firstPage?.data);
    this.post({ type: 'init', document: info, settings: viewSettings(this.reportRendered(), view), locale: webviewLocale(), firstPage: withFirstPage ? firstPage : undefined });
    const progress = this.document.lineProgress();
    if (progress) this.post({ type: 'lineIndex', progress });
  }

  private firstPage(size: number): { offset: number; data: Uint8Array } | undefined {
    if (size === 0) return undefined;
    try {
      const buffer = this.document.read(0, Math.min(PAGE_SIZE, size));
      return { offset: 0, data: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
    } catch {
      // Not lost: without a first page the webview asks for it, and that request reports the error (pageFailed).
      return undefined;
    }
  }

  /** Runs `work` after the edits queued before it; a failure is reported, never thrown at the host. */
  private queueEdit(work: () => Promise<void>): void {
    const next = this.editChain.then(work).catch((e: unknown) => this.refused({ refused: vscode.l10n.t('The edit failed: {0}', toEngineError(e).message), reason: 'invalid' }));
    this.editChain = next;
    // Nothing else waiting: the next key may ask again.
    void next.then(() => {
      if (this.editChain === next) this.declined = false;
    });
  }

  /** Whether an edit that changes the length by replacing `removed` bytes with `added` may go ahead. */
  private async lengthChangeAllowed(kind: LengthChangeKind, removed: number, added: number): Promise<boolean> {
    if (removed === added) return true;
    if (this.declined) return false;
    if (await allowLengthChange(this.document, kind, this.events.rewriteSpeed)) return true;
    this.declined = true;
    return false;
  }

  /** An edit typed in the webview (or sent by a test through the extension's API), applied in turn. */
  typed(edit: EditOp): void {
    this.queueEdit(() => this.applyEdit(edit));
  }

  private async applyEdit(edit: EditOp): Promise<void> {
    const refusal = this.document.editRefusal;
    if (refusal) {
      this.refused(refusal);
      return;
    }
    const size = this.document.journal.size;
    const end = edit.kind === 'delete' || edit.kind === 'replace' ? edit.offset + edit.length : edit.offset;
    const inRange = edit.offset <= size && end <= size;
    if (!inRange) return; // Out of range: a stale message about older content.
    let removed = 0;
    let added = 0;
    if (edit.kind === 'overwrite') [removed, added] = [Math.min(edit.bytes.length, size - edit.offset), edit.bytes.length];
    else if (edit.kind === 'insert') added = edit.bytes.length;
    else if (edit.kind === 'delete') removed = Math.min(edit.length, size - edit.offset);
    else if (edit.kind === 'replace') [removed, added] = [Math.min(edit.length, size - edit.offset), edit.bytes.length];
    if (!(await this.lengthChangeAllowed(edit.kind === 'overwrite' ? 'insert' : edit.kind, removed, added))) {
      this.refused({ refused: vscode.l10n.t('Not changed: the file keeps its length.'), reason: 'declined' });
      return;
    }
    // The low nibble of a hex byte: part of the step its high nibble made (a new one if that is gone).
    if (edit.kind === 'overwrite' && edit.amend) {
      const amended = this.document.amend((j) => j.amendLast(edit.offset, edit.bytes));
      if (typeof amended === 'object') {
        this.refused(amended);
        return;
      }
      if (amended) return;
    }
    const label = { overwrite: 'Overwrite', insert: 'Insert', delete: 'Delete', replace: 'Replace' }[edit.kind];
    const r = this.document.edit(label, (j) => {
      switch (edit.kind) {
        case 'overwrite':
          return j.overwrite(edit.offset, edit.bytes);
        case 'insert':
          return j.insert(edit.offset, edit.bytes);
        case 'delete':
          return j.delete(edit.offset, edit.length);
        case 'replace':
          return j.replace(edit.offset, edit.length, edit.bytes);
      }
    });
    if (typeof r === 'object') this.refused(r);
  }

  /**
   * Tells the webview why an edit did not happen, and the content as it is (it moved its cursor
   * and size ahead of the host's answer).
   */
  private refused(refusal: EditRefusal | { refused: string; reason: 'declined' | 'invalid' }): void {
    this.post({ type: 'editRefused', message: refusal.refused, reason: refusal.reason, untilSaved: refusal.reason === 'saving' });
    if (this.document.info) this.post({ type: 'contentChanged', size: this.document.journal.size, dirty: this.document.isDirty });
  }

  /** Pastes the clipboard, read here rather than sent through the webview (it may be 100 MB). */
  private async paste(p: { offset: number; replaceLength: number; insert: boolean; asHex: boolean; encoding: string }): Promise<void> {
    const refusal = this.document.editRefusal;
    if (refusal) {
      this.refused(refusal);
      return;
    }
    const text = await vscode.env.clipboard.readText();
    if (!text) return;
    const hex = text.replace(/\s+/g, '');
    const bytes = p.asHex && /^([0-9a-fA-F]{2})+$/.test(hex) ? Buffer.from(hex, 'hex') : encodeText(text, p.encoding);
    const size = this.document.journal.size;
    if (p.offset > size) return;
    // Insert mode or a selection replaces what it covers; otherwise the paste types over as many bytes as it has.
    const removeLength = Math.min(p.insert || p.replaceLength > 0 ? p.replaceLength : bytes.length, size - p.offset);
    if (!(await this.lengthChangeAllowed('paste', removeLength, bytes.length))) {
      this.refused({ refused: vscode.l10n.t('Not pasted: the file keeps its length.'), reason: 'declined' });
      return;
    }
    // The bytes were made for this paste alone: the journal keeps them without another copy.
    const r = this.document.edit('Paste', (j) => j.replace(p.offset, removeLength, bytes, true));
    if (typeof r === 'object') this.refused(r);
  }

  async replace(r: {
    op: 'one' | 'all';
    query: FindQuery;
    replacement: string;
    encoding: string;
    offset: number;
    length: number;
  }): Promise<void> {
    const refusal = this.document.editRefusal;
    if (refusal) {
      this.refused(refusal);
      return;
    }
    if (r.op === 'one') {
      const size = this.document.journal.size;
      if (r.length === 0 || r.offset + r.length > size) return;
      // Groups are expanded by the engine at the match; the document must not change meanwhile.
      const version = this.document.journal.version;
      const bytes = await replacementAt(this.document.searchable(), r.query, r.replacement, r.encoding, r);
      if (typeof bytes === 'string' || this.document.journal.version !== version) {
        this.post({ type: 'editRefused', message: typeof bytes === 'string' ? bytes : vscode.l10n.t('The document changed: find the match again'), reason: 'invalid' });
        return;
      }
      if (!(await this.lengthChangeAllowed('replace', r.length, bytes.length))) {
        this.refused({ refused: vscode.l10n.t('Not replaced: the file keeps its length.'), reason: 'declined' });
        return;
      }
      this.document.edit('Replace', (j) => j.replace(r.offset, r.length, bytes));
      this.post({ type: 'replaced', count: 1, message: vscode.l10n.t('Replaced 1 match') });
      return;
    }
    const searchable = this.document.searchable();
    if (!searchable) {
      this.post({ type: 'editRefused', message: vscode.l10n.t('Replace needs the native engine'), reason: 'invalid' });
      return;
    }
    let outcome: Awaited<ReturnType<typeof replaceAll>> = { count: 0, cancelled: true };
    let declined = false;
    const confirm = async (count: number, changesLength: boolean): Promise<boolean> => {
      const ok = await confirmReplaceAll(this.document, count, changesLength, this.events.rewriteSpeed);
      declined = !ok;
      return ok;
    };
    // The progress notification covers the search only: it ends (its Cancel button goes) before
    // any question is asked and before the matches are applied.
    const abort = new AbortController();
    let report: (scanned: number, total: number, found: number) => void = () => undefined;
    let searched: () => void = () => undefined;
    const searching = new Promise<void>((resolve) => (searched = resolve));
    const progressDone = vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Replace All: finding matches'), cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        let last = 0;
        report = (scanned, total, found) => {
          const percent = Math.floor((100 * scanned) / Math.max(1, total));
          if (percent > last) {
            progress.report({ increment: percent - last, message: vscode.l10n.t('{0} found', num(found)) });
            last = percent;
          }
        };
        return searching;
      },
    );
    try {
      // One undo step for every match, recorded once the search has found them all.
      await this.document.editAsync('Replace All', async (journal) => {
        outcome = await replaceAll(
          journal,
          searchable,
          r.query,
          r.replacement,
          r.encoding,
          (scanned, total, found) => report(scanned, total, found),
          abort.signal,
          async (count, changesLength) => {
            searched();
            return confirm(count, changesLength);
          },
        );
        return typeof outcome !== 'string' && outcome.count > 0;
      });
    } finally {
      searched();
      await progressDone;
    }
    if (typeof outcome === 'string') {
      this.post({ type: 'editRefused', message: outcome, reason: 'invalid' });
      return;
    }
    this.post({
      type: 'replaced',
      count: outcome.count,
      message: declined
        ? vscode.l10n.t('Replace All declined; nothing changed')
        : outcome.cancelled
          ? vscode.l10n.t('Replace All cancelled; nothing changed')
          : outcome.count === 0
            ? vscode.l10n.t('No matches to replace')
            : vscode.l10n.t('Replaced {0} matches', num(outcome.count)),
    });
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

function viewSettings(reportRendered: boolean, defaultView: ViewKind): ViewSettings {
  const config = vscode.workspace.getConfiguration('largeFile');
  const bytesPerRow = config.get<number | string>('bytesPerRow', 16);
  return {
    bytesPerRow: bytesPerRow === 'fit' ? 0 : Number(bytesPerRow) || 16,
    defaultView,
    encoding: config.get<string>('encoding', 'utf-8'),
    maxFindResults: Math.max(1, Math.floor(config.get<number>('maxFindResults', 100_000))),
    ...wordWrapSettings(),
    reportRendered,
  };
}

/**
 * The text view's wrap: `largeFile.wordWrap` and `largeFile.wordWrapColumn`, or VS Code's
 * `editor.wordWrap` / `editor.wordWrapColumn` while they are left at 'inherit' / 0 (its
 * 'wordWrapColumn' wraps at the column only; here that is 'bounded').
 */
export function wordWrapSettings(): { wordWrap: WordWrap; wordWrapColumn: number } {
  const own = vscode.workspace.getConfiguration('largeFile');
  const editor = vscode.workspace.getConfiguration('editor');
  const asWrap = (v: unknown): WordWrap | undefined => (v === 'off' || v === 'on' || v === 'bounded' ? v : v === 'wordWrapColumn' ? 'bounded' : undefined);
  const wordWrap = asWrap(own.get<string>('wordWrap')) ?? asWrap(editor.get<string>('wordWrap')) ?? 'off';
  const column = own.get<number>('wordWrapColumn', 0) || editor.get<number>('wordWrapColumn', 80);
  return { wordWrap, wordWrapColumn: Math.max(1, Math.floor(column)) };
}
