// Webview entry: wires the page cache, the hex and text views and the toolbar to the host.
// File content only ever reaches the DOM through textContent: it is data, never markup.
import type { DiskChangeNotice, DocumentInfo, EditRefusalReason, HostMessage, TypingMode, ViewKind, ViewSettings, WebviewMessage } from '../shared/protocol';
import { parseGotoTarget } from './gotoTarget';
import { HexView } from './hexView';
import { EditController } from './editController';
import { FindController } from './findController';
import { Inspector } from './inspector';
import { LineNumbers } from './lineNumbers';
import { ModePrompt } from './modePrompt';
import { PageCache } from './pageCache';
import { Selection } from './selection';
import { codecFor, detectBom, TextCodec, Utf8Codec } from './textCodec';
import { TextView } from './textView';
import { Toolbar } from './toolbar';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What survives the webview being hidden and shown again (no retainContextWhenHidden). */
interface SavedState {
  readonly view: ViewKind;
  readonly topOffset: number;
  readonly cursor: number;
  readonly encoding?: string;
  readonly bytesPerRow?: number;
  readonly typing?: TypingMode;
}

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
const saved = vscode.getState() as SavedState | undefined;

class Editor {
  private readonly cache: PageCache;
  private readonly selection: Selection;
  private readonly hex: HexView;
  private readonly text: TextView;
  private readonly toolbar: Toolbar;
  private readonly inspector: Inspector;
  private readonly banner: HTMLElement;
  private readonly unsavedNote: HTMLElement;
  private readonly modePrompt: ModePrompt;
  private dirty = false;
  readonly lineNumbers: LineNumbers;
  readonly find: FindController;
  private readonly edits: EditController;
  private view: ViewKind;
  private codec: TextCodec = new Utf8Codec();
  private encodingChosen: boolean;
  private bytesPerRow: number;
  private statusQueued = false;

  constructor(private doc: DocumentInfo, settings: ViewSettings, firstPage?: { offset: number; data: Uint8Array }) {
    this.cache = new PageCache(
      {
        request: (requestId, offset, length) => vscode.postMessage({ type: 'readPage', requestId, offset, length }),
        cancel: (requestIds) => requestIds.length && vscode.postMessage({ type: 'cancel', requestIds }),
      },
      doc.size,
    );
    if (firstPage) this.cache.seed(firstPage.offset, firstPage.data);
    this.selection = new Selection(this.editableSize(doc.size));
    this.view = saved?.view ?? settings.defaultView;
    this.bytesPerRow = saved?.bytesPerRow ?? settings.bytesPerRow;
    const encoding = saved?.encoding ?? settings.encoding;
    this.encodingChosen = saved?.encoding !== undefined || settings.encoding !== 'utf-8';
    this.codec = codecFor(encoding) ?? new Utf8Codec();

    this.inspector = new Inspector(this.cache);
    this.edits = new EditController({
      post: (m) => vscode.postMessage(m),
      mode: () => this.doc.mode,
      view: () => this.view,
      selection: this.selection,
      size: () => this.doc.size,
      codec: () => this.codec,
      bytes: (start, end) => this.cache.bytes(start, end),
      flash: (message) => this.toolbar.flash(message),
      moveCursor: (offset, sizeDelta) => {
        if (sizeDelta !== 0) {
          this.doc = { ...this.doc, size: this.doc.size + sizeDelta };
          this.selection.setSize(this.editableSize(this.doc.size));
        }
        this.selection.moveTo(Math.min(offset, Math.max(0, this.doc.size)), false);
        this.inspector.update(this.selection.cursor);
        if (this.view === 'hex') this.hex.scrollToOffset(this.selection.cursor, 'nearest');
        else this.text.jumpTo(this.selection.cursor, 'nearest');
        this.queueStatus();
      },
      offerEditing: () => this.offerEditing(),
      typingChanged: () => this.queueStatus(),
    }, saved?.typing ?? 'overwrite');
    this.modePrompt = new ModePrompt({
      onChoose: (mode) => vscode.postMessage({ type: 'requestMode', mode }),
      onClose: () => this.focus(),
    });
    const viewEvents = {
      onCursor: () => {
        this.inspector.update(this.selection.cursor);
        this.queueStatus();
      },
      onRendered: (firstOffset: number, rows: string[]) =>
        vscode.postMessage({ type: 'rendered', view: this.view, firstOffset, rows }),
      onTopChanged: () => this.queueStatus(),
      onEditKey: (e: KeyboardEvent) => this.edits.key(e),
    };
    this.hex = new HexView(this.cache, doc.size, this.selection, viewEvents, this.bytesPerRow || 'fit');
    this.text = new TextView(this.cache, doc.size, this.codec, this.selection, viewEvents);
    this.lineNumbers = new LineNumbers(
      (requestId, offsets) => vscode.postMessage({ type: 'lineNumbers', requestId, offsets }),
      () => {
        if (this.view === 'text') this.text.render();
        this.toolbar.setLineIndex(this.lineNumbers.indexProgress);
      },
    );
    this.text.lineOf = (offset) => this.lineNumbers.lineOf(offset);
    this.toolbar = new Toolbar(doc, {
      onView: (view) => this.setView(view),
      onBytesPerRow: (n) => this.setBytesPerRow(n),
      onEncoding: (label) => this.setEncoding(label, true),
      onGoto: (input) => this.goto(input),
      onFollow: (on) => this.setFollow(on),
      onChangeMode: () => vscode.postMessage({ type: 'runCommand', command: 'largeFile.changeMode' }),
      onSave: () => vscode.postMessage({ type: 'runCommand', command: 'largeFile.save' }),
    });
    this.toolbar.update(this.view, this.bytesPerRow, this.codec.label);
    this.hex.element.appendChild(this.inspector.element);
    this.banner = document.createElement('div');
    this.banner.className = 'banner';
    this.banner.setAttribute('role', 'alert');
    this.banner.hidden = true;
    this.unsavedNote = document.createElement('div');
    this.unsavedNote.className = 'banner unsaved-note';
    this.unsavedNote.setAttribute('role', 'status');
    this.unsavedNote.hidden = true;
    this.find = new FindController({
      post: (m) => vscode.postMessage(m),
      cursor: () => this.selection.range()?.start ?? this.selection.cursor,
      fileSize: () => this.doc.size,
      encoding: () => this.codec.label,
      revealMatch: (offset, length) => this.revealRange(offset, length),
      focusView: () => this.focus(),
    }, settings.maxFindResults);
    const views = document.createElement('div');
    views.className = 'views';
    views.append(this.hex.element, this.text.element, this.find.widget.element);
    app.replaceChildren(this.toolbar.element, this.modePrompt.element, this.unsavedNote, this.banner, views, this.find.panel.element);
    window.addEventListener('keydown', (e) => this.onGlobalKey(e));

    if (saved) this.selection.moveTo(saved.cursor, false);
    this.inspector.update(this.selection.cursor);
    this.showView(this.view, saved?.topOffset ?? 0);
    new ResizeObserver(() => this.activeLayout()).observe(app);
    if (!this.encodingChosen) this.detectEncoding();
  }

  onPage(requestId: number, offset: number, data: Uint8Array): void {
    if (!this.cache.receive(requestId, offset, data)) return;
    if (this.view === 'hex') {
      this.hex.render();
      this.inspector.refresh();
    } else this.text.pagesArrived();
  }

  /** An edit, undo, redo, revert or save changed the content: fetch the pages again, keep the position. */
  onContentChanged(size: number, dirty: boolean): void {
    this.doc = { ...this.doc, size };
    this.cache.reset(size);
    this.selection.setSize(this.editableSize(size));
    this.lineNumbers.reset();
    this.toolbar.setSize(this.doc);
    this.toolbar.setDirty(dirty);
    this.dirty = dirty;
    if (!dirty) this.unsavedNote.hidden = true;
    this.hex.setSize(size);
    this.text.setSize(size);
    this.inspector.update(this.selection.cursor);
    this.queueStatus();
  }

  onModeChanged(mode: DocumentInfo['mode']): void {
    this.doc = { ...this.doc, mode };
    this.selection.setSize(this.editableSize(this.doc.size));
    this.toolbar.setMode(mode);
    this.toolbar.setDirty(this.dirty);
    if (mode !== 'read') this.modePrompt.close();
    this.edits.reset();
    this.queueStatus();
  }

  /** A key (or paste, or replace) would edit a read-only document: offer In place or Copy. */
  offerEditing(): void {
    this.modePrompt.open(this.doc.fileName, this.doc.writable);
  }

  /** The host refused an edit: a read-only document offers the switch; anything else says why. */
  onEditRefused(message: string, reason: EditRefusalReason, untilSaved: boolean): void {
    if (reason === 'readOnly') this.offerEditing();
    else this.toolbar.flash(message, untilSaved);
  }

  /** VS Code tried to save automatically: nothing was written, and the editor says how to save. */
  onSaveHeld(): void {
    if (!this.dirty) return;
    const what = this.doc.mode === 'copy' ? 'the copy' : this.doc.fileName;
    this.unsavedNote.replaceChildren(
      document.createTextNode(`Unsaved: auto save does not write ${what} — only a save you make does. `),
      noteButton('Save (Ctrl+S)', () => vscode.postMessage({ type: 'runCommand', command: 'largeFile.save' })),
    );
    this.unsavedNote.hidden = false;
  }

  toggleTyping(): void {
    this.edits.toggleTyping();
  }

  paste(): void {
    this.edits.paste();
  }

  /** An editable document lets the cursor sit just past the last byte, to type at the end. */
  private editableSize(size: number): number {
    return this.doc.mode === 'read' ? size : size + 1;
  }

  /** The file changed on disk: the host mapped it again; keep the position, or follow the end. */
  onFileChanged(change: DiskChangeNotice): void {
    if (change.kind === 'deleted') {
      this.showBanner('The file was deleted on disk. What is shown is what was last read.');
      return;
    }
    if (change.kind === 'reloadFailed') {
      this.showBanner(`The file changed on disk and could not be read again: ${change.message}`);
      return;
    }
    const size = change.document.size;
    this.doc = change.document;
    this.cache.reset(size);
    this.selection.setSize(size);
    this.lineNumbers.reset();
    this.toolbar.setLineIndex(undefined);
    this.toolbar.setSize(change.document);
    if (size < change.previousSize) {
      this.showBanner(
        `Another program truncated the file from ${change.previousSize.toLocaleString('en-US')} to ${size.toLocaleString('en-US')} bytes; the view shows it as it is now.`,
      );
    } else {
      this.banner.hidden = true;
    }
    this.hex.setSize(size);
    this.text.setSize(size);
    if (this.following && size > 0) this.followEnd();
    this.queueStatus();
  }

  private following = false;

  get isFollowing(): boolean {
    return this.following;
  }

  /** Follow mode (like tail -f): the view stays at the end as the file grows. */
  setFollow(on: boolean): void {
    this.following = on;
    this.toolbar.setFollow(on);
    if (on && this.doc.size > 0) this.followEnd();
  }

  /** The last byte at the bottom of the screen, as tail -f shows a log. */
  private followEnd(): void {
    this.reveal(this.doc.size - 1, 'nearest');
  }

  private showBanner(text: string): void {
    this.banner.textContent = text;
    this.banner.hidden = false;
  }

  flash(message: string, untilSaved = false): void {
    this.toolbar.flash(message, untilSaved);
  }

  /** What Ctrl+C copies: hex digits from the hex view, decoded text from the text view. */
  get copyFormat(): 'hex' | 'text' {
    return this.view === 'hex' ? 'hex' : 'text';
  }

  get copyRange(): { start: number; length: number; encoding: string } {
    const r = this.selection.range();
    return { start: r?.start ?? this.selection.cursor, length: r ? r.end - r.start : 0, encoding: this.codec.label };
  }

  /** The webview got focus back (e.g. after a quick input closed): give it to the active view. */
  focus(): void {
    if (this.view === 'hex') this.hex.focus();
    else this.text.focus();
  }

  onPageFailed(requestId: number, code: string, message: string): void {
    this.cache.fail(requestId);
    // What is on screen stays; a banner says why the rest cannot be read.
    this.showBanner(
      code === 'EFILECHANGED'
        ? `The file was changed or truncated by another program: ${message}. What is shown may be out of date.`
        : `Cannot read the file: ${message}`,
    );
  }

  toggleView(): void {
    this.setView(this.view === 'hex' ? 'text' : 'hex');
  }

  setView(view: ViewKind): void {
    if (view === this.view) return;
    const top = this.view === 'hex' ? this.hex.topOffset : this.text.topOffset;
    this.view = view;
    this.showView(view, top);
    this.toolbar.update(this.view, this.bytesPerRow, this.codec.label);
  }

  setBytesPerRow(n: number): void {
    this.bytesPerRow = n;
    this.hex.setBytesPerRow(n || 'fit');
    this.toolbar.update(this.view, this.bytesPerRow, this.codec.label);
    this.queueStatus();
  }

  setEncoding(label: string, chosen: boolean): void {
    const codec = codecFor(label);
    if (!codec) {
      this.toolbar.flash(`This webview cannot decode '${label}'`);
      return;
    }
    this.codec = codec;
    this.encodingChosen ||= chosen;
    this.text.setCodec(codec);
    this.toolbar.update(this.view, this.bytesPerRow, this.codec.label);
    this.queueStatus();
  }

  goto(input: string): void {
    const target = parseGotoTarget(input, this.doc.size, this.selection.cursor, this.view === 'text');
    if (target.kind === 'error') {
      vscode.postMessage({ type: 'gotoFailed', message: target.message });
      this.toolbar.flash(target.message);
      return;
    }
    if (target.kind === 'line') {
      // The host's line index knows where lines start; it answers with a 'reveal'.
      vscode.postMessage({ type: 'gotoLine', line: target.line });
      return;
    }
    if (target.kind === 'host') {
      // A time, or text in the log's timestamp format: the host answers with a 'reveal' or a 'gotoFailed'.
      vscode.postMessage({ type: 'gotoTime', input: input.trim(), from: this.selection.cursor });
      return;
    }
    this.reveal(target.offset);
  }

  /** The host could not go where the Go to input said (a time it could not find or read). */
  gotoFailed(message: string): void {
    this.toolbar.flash(message);
  }

  /** Selects [offset, offset + length) and brings it into view: a find match. */
  revealRange(offset: number, length: number): void {
    this.reveal(offset);
    if (length > 0) this.selection.select(offset, offset + length);
    if (this.view === 'hex') this.hex.render();
    else this.text.render();
    this.queueStatus();
  }

  private onGlobalKey(e: KeyboardEvent): void {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && (e.key === 'f' || e.key === 'h')) {
      this.find.open(e.key === 'h');
      e.preventDefault();
    } else if (e.key === 'F3') {
      if (e.shiftKey) this.find.previous();
      else this.find.next();
      e.preventDefault();
    } else if (e.key === 'Escape' && this.find.widget.isOpen) {
      this.find.close();
      e.preventDefault();
    }
  }

  /** Moves the cursor to `offset` and brings it into view: in the middle, or as little as needed. */
  reveal(offset: number, where: 'center' | 'nearest' = 'center'): void {
    this.selection.moveTo(offset, false);
    this.inspector.update(offset);
    if (this.view === 'hex') {
      this.hex.scrollToOffset(offset, where);
      this.hex.render();
    } else {
      this.text.jumpTo(offset, where);
    }
    this.queueStatus();
  }

  private showView(view: ViewKind, topOffset: number): void {
    this.hex.element.hidden = view !== 'hex';
    this.text.element.hidden = view !== 'text';
    if (view === 'hex') {
      this.hex.show(topOffset);
      this.hex.focus();
    } else {
      this.text.show(topOffset);
      this.text.focus();
    }
    this.queueStatus();
  }

  private activeLayout(): void {
    if (this.view === 'hex') this.hex.layout();
    else this.text.layout();
  }

  /** A byte-order mark picks the encoding, unless the user chose one. */
  private detectEncoding(): void {
    const probe = () => {
      const head = this.cache.bytes(0, Math.min(4, this.doc.size));
      if (!head) return false;
      const bom = detectBom(head);
      if (bom && bom.label !== this.codec.label && !this.encodingChosen) this.setEncoding(bom.label, false);
      return true;
    };
    if (this.cache.want(0, Math.min(4, this.doc.size), 'encoding') && probe()) return;
    const timer = setInterval(() => probe() && clearInterval(timer), 50);
  }

  private queueStatus(): void {
    if (this.statusQueued) return;
    this.statusQueued = true;
    requestAnimationFrame(() => {
      this.statusQueued = false;
      const topOffset = this.view === 'hex' ? this.hex.topOffset : this.text.topOffset;
      const state: SavedState = {
        view: this.view,
        topOffset,
        cursor: this.selection.cursor,
        encoding: this.encodingChosen ? this.codec.label : undefined,
        bytesPerRow: this.bytesPerRow,
        typing: this.edits.typing,
      };
      vscode.setState(state);
      vscode.postMessage({
        type: 'status',
        status: {
          view: this.view,
          offset: this.selection.cursor,
          selectionStart: this.selection.range()?.start ?? this.selection.cursor,
          selectionLength: this.selection.length,
          encoding: this.codec.label,
          topOffset,
          typing: this.edits.typing,
        },
      });
    });
  }
}

let editor: Editor | undefined;

function noteButton(label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.className = 'link';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function showNotice(text: string, code: string): void {
  const notice = document.createElement('div');
  notice.className = 'notice';
  notice.setAttribute('role', 'alert');
  notice.dataset.code = code;
  notice.textContent = text;
  app.replaceChildren(notice);
}

window.addEventListener('focus', () => editor?.focus());

document.addEventListener('paste', (e) => {
  if (!editor || (e.target as HTMLElement | null)?.closest?.('input, textarea')) return;
  e.preventDefault();
  editor.paste();
});

// Copy of the byte selection goes through the host, which reads the bytes from the file: the
// webview only holds a few pages. A text selection made with the mouse in the rows copies as is.
document.addEventListener('copy', (e) => {
  if (!editor || (document.getSelection()?.toString() ?? '') !== '') return;
  e.preventDefault();
  vscode.postMessage({ type: 'copy', format: editor.copyFormat, selection: editor.copyRange });
});

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      // The host sends one 'init' with the HTML and answers 'ready' with another (in case the
      // first was lost): the first one that arrives counts.
      if (editor) break;
      if (message.document.size === 0) {
        showNotice('Empty file', 'EMPTY');
        break;
      }
      editor = new Editor(message.document, message.settings, message.firstPage);
      break;
    case 'openFailed':
      showNotice(`Cannot open this file: ${message.message}`, message.code);
      break;
    case 'page':
      editor?.onPage(message.requestId, message.offset, message.data);
      break;
    case 'pageFailed':
      editor?.onPageFailed(message.requestId, message.code, message.message);
      break;
    case 'goto':
      editor?.goto(message.input);
      break;
    case 'gotoFailed':
      editor?.gotoFailed(message.message);
      break;
    case 'toggleView':
      editor?.toggleView();
      break;
    case 'setEncoding':
      editor?.setEncoding(message.encoding, true);
      break;
    case 'setBytesPerRow':
      editor?.setBytesPerRow(message.bytesPerRow);
      break;
    case 'lineIndex':
      editor?.lineNumbers.setProgress(message.progress);
      break;
    case 'lineNumbers':
      editor?.lineNumbers.receive(message.requestId, message.offsets, message.lines);
      break;
    case 'reveal':
      if (message.length) editor?.revealRange(message.offset, message.length);
      else editor?.reveal(message.offset);
      break;
    case 'contentChanged':
      editor?.onContentChanged(message.size, message.dirty);
      break;
    case 'modeChanged':
      editor?.onModeChanged(message.mode);
      break;
    case 'editRefused':
      editor?.onEditRefused(message.message, message.reason, message.untilSaved ?? false);
      break;
    case 'saveHeld':
      editor?.onSaveHeld();
      break;
    case 'toggleTypingMode':
      editor?.toggleTyping();
      break;
    case 'replaced':
      editor?.find.onReplaced(message.count, message.message);
      break;
    case 'setFollow':
      editor?.setFollow(message.on === 'toggle' ? !editor.isFollowing : message.on);
      break;
    case 'fileChanged':
      editor?.onFileChanged(message.change);
      break;
    case 'openFind':
      editor?.find.open(message.replace, message.query);
      break;
    case 'findProgress':
      editor?.find.onProgress(message.searchId, message.scanned, message.total, message.count);
      break;
    case 'findDone':
      editor?.find.onDone(message.searchId, message.result);
      break;
    case 'findResults':
      editor?.find.onResults(message.searchId, message.start, message.items);
      break;
  }
});

vscode.postMessage({ type: 'ready' });
