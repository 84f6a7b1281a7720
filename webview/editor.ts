// The editor of one document in the webview: the page cache, the views (one active, from the
// view table), the toolbar, the inspector, find, typing, and the position kept across reloads.
// It subscribes to the document's host messages ('editor' in messageRouter.ts); the page cache,
// the line numbers and find subscribe to their own.
// File content only ever reaches the DOM through textContent: it is data, never markup.
import type {
  DiskChangeNotice,
  DocumentInfo,
  EditRefusalReason,
  FindQuery,
  TypingMode,
  ViewKind,
  ViewSettings,
  WebviewMessage,
  WordWrap,
} from '../shared/protocol';
import { EditController } from './editController';
import { FindController } from './findController';
import { FilterController, type FilterPaneState } from './filter/filterController';
import { parseGotoTarget } from './gotoTarget';
import { Inspector } from './inspector';
import { LineNumbers } from './lineNumbers';
import { type MessageRouter, type MessagesFor, type HOST_ROUTES, unhandled } from './messageRouter';
import { ModePrompt } from './modePrompt';
import { PageCache } from './pageCache';
import { Selection } from './selection';
import { TimelineController } from './timeline/timelineController';
import { codecFor, decodeText, type TextCodec, Utf8Codec } from './textCodec';
import { countLineEnds, eolKind, sniffEncoding } from '../shared/contentSniff';
import { encodingName } from '../shared/encodingNames';
import { PAGE_SIZE } from '../shared/protocol';
import { Toolbar, type FollowState } from './toolbar';
import type { DocumentView, Highlight, RevealAt, Top, ViewEvents } from './views/documentView';
import { createViews, VIEW_TABLE, type Views } from './views/viewTable';
import { MAX_VISIBLE_BYTES, type HostMessage } from '../shared/protocol';
import { t } from './l10n';

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** What survives the webview being reloaded (a window reload, hot exit): vscode.setState. */
export interface SavedState {
  readonly view: ViewKind;
  readonly topOffset: number;
  readonly topIsLineStart?: boolean;
  readonly cursor: number;
  readonly encoding?: string;
  readonly bytesPerRow?: number;
  readonly typing?: TypingMode;
  /** Set by Alt+Z for this editor (otherwise the setting decides). */
  readonly wordWrap?: WordWrap;
  readonly findHistory?: readonly string[];
  readonly following?: boolean;
  /** The filtered view (webview/filter/). */
  readonly filter?: FilterPaneState;
}

/** Ctrl+ keys an input box handles itself (select all, undo, redo): kept from VS Code's workbench. */
const BOX_KEYS = new Set(['a', 'z', 'y']);

/** The selection seeds Ctrl+F's box when it is at most this long, on one line. */
const MAX_SEED_BYTES = 1000;

export class Editor {
  private readonly cache: PageCache;
  private readonly selection: Selection;
  private readonly views: Views;
  private readonly toolbar: Toolbar;
  private readonly inspector: Inspector;
  private readonly banner: HTMLElement;
  private readonly unsavedNote: HTMLElement;
  private readonly emptyNote: HTMLElement;
  private readonly modePrompt: ModePrompt;
  private readonly lineNumbers: LineNumbers;
  private readonly find: FindController;
  private readonly edits: EditController;
  private readonly timeline: TimelineController;
  private readonly filter: FilterController;
  private dirty = false;
  private view: ViewKind;
  private codec: TextCodec = new Utf8Codec();
  private encodingChosen: boolean;
  private bytesPerRow: number;
  private wordWrap: WordWrap;
  private wrapChosen: boolean;
  private wrapColumn: number;
  private reportRendered: boolean;
  private statusQueued = false;
  private following = false;
  private followPaused = false;
  /** What the views mark: the current match, every match on screen, the bytes edited since the save on screen. */
  private currentMark: Highlight | undefined;
  private matchMarks: readonly Highlight[] = [];
  private editedMarks: readonly Highlight[] = [];
  private editedRequest = 0;
  private editedTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where the view was before Go to's preview moved it (Escape goes back there). */
  private gotoOrigin: { top: Top; cursor: number; range: { start: number; end: number } | undefined } | undefined;
  /** Line ends counted in the first page (in the text view's encoding): the status bar's LF/CRLF, and what Enter types. */
  private lineEnds: { lf: number; crlf: number } | undefined;

  constructor(
    private readonly vscode: VsCodeApi,
    router: MessageRouter<HostMessage, typeof HOST_ROUTES>,
    app: HTMLElement,
    private doc: DocumentInfo,
    private readonly settings: ViewSettings,
    firstPage: { offset: number; data: Uint8Array } | undefined,
    saved: SavedState | undefined,
  ) {
    const post = (m: WebviewMessage) => vscode.postMessage(m);
    this.cache = new PageCache(
      {
        request: (requestId, offset, length) => post({ type: 'readPage', requestId, offset, length }),
        cancel: (requestIds) => requestIds.length && post({ type: 'cancel', requestIds }),
      },
      doc.size,
    );
    if (firstPage) this.cache.seed(firstPage.offset, firstPage.data);
    this.selection = new Selection(doc.size, doc.mode !== 'read');
    this.view = saved?.view && saved.view in VIEW_TABLE ? saved.view : settings.defaultView;
    this.bytesPerRow = saved?.bytesPerRow ?? settings.bytesPerRow;
    const encoding = saved?.encoding ?? settings.encoding;
    this.encodingChosen = saved?.encoding !== undefined || settings.encoding !== 'utf-8';
    this.codec = codecFor(encoding) ?? new Utf8Codec();
    this.wordWrap = saved?.wordWrap ?? settings.wordWrap;
    this.wrapChosen = saved?.wordWrap !== undefined;
    this.wrapColumn = settings.wordWrapColumn;
    this.reportRendered = settings.reportRendered;

    this.inspector = new Inspector(this.cache);
    this.edits = new EditController(
      {
        post,
        mode: () => this.doc.mode,
        input: () => this.active.typing,
        selection: this.selection,
        size: () => this.doc.size,
        codec: () => this.codec,
        lineBreak: () => (this.lineEnds && this.lineEnds.crlf > this.lineEnds.lf ? '\r\n' : '\n'),
        bytes: (start, end) => this.cache.bytes(start, end),
        flash: (message) => this.toolbar.flash(message),
        moveCursor: (offset, sizeDelta) => {
          if (sizeDelta !== 0) {
            this.doc = { ...this.doc, size: this.doc.size + sizeDelta };
            this.selection.setSize(this.doc.size);
          }
          this.selection.moveTo(Math.min(offset, Math.max(0, this.doc.size)), false);
          this.afterCursor();
          this.active.reveal(this.selection.cursor, 'nearest');
        },
        offerEditing: () => this.offerEditing(),
        typingChanged: () => this.queueStatus(),
        pendingChanged: (pending) => this.views.hex.setPendingNibble(pending),
      },
      saved?.typing ?? 'overwrite',
    );
    this.modePrompt = new ModePrompt({
      onChoose: (mode) => post({ type: 'requestMode', mode }),
      onClose: () => this.focus(),
    });
    const viewEvents: ViewEvents = {
      onCursor: () => this.afterCursor(),
      wantsRows: () => this.reportRendered,
      onRendered: (view, firstOffset, rows) => post({ type: 'rendered', view, firstOffset, rows }),
      onTopChanged: (byUser) => {
        if (byUser) this.userScrolled();
        this.queueStatus();
      },
      onEditKey: (e) => this.edits.key(e),
      onVisibleRange: () => {
        // Views draw once before find exists (the constructor's first show).
        this.find?.viewChanged();
        this.askEdited(false);
      },
    };
    this.views = createViews(
      { cache: this.cache, size: doc.size, codec: this.codec },
      { selection: this.selection, events: viewEvents, bytesPerRow: this.bytesPerRow || 'fit' },
    );
    this.views.text.setWordWrap(this.wordWrap, this.wrapColumn);
    this.lineNumbers = new LineNumbers(
      (requestId, offsets) => post({ type: 'lineNumbers', requestId, offsets }),
      () => {
        const progress = this.lineNumbers.indexProgress;
        this.views.text.setGutterLines(progress?.complete ? progress.lines + 1 : undefined);
        if (this.view === 'text') this.views.text.render();
        this.toolbar.setLineIndex(progress);
      },
    );
    router.subscribe('lines', this.lineNumbers);
    this.views.text.lineOf = (offset) => this.lineNumbers.lineOf(offset);
    this.views.text.lineAsked = (offset) => this.lineNumbers.asking(offset);
    this.toolbar = new Toolbar(doc, VIEW_TABLE, {
      onView: (view) => this.setView(view, true),
      onBytesPerRow: (n) => this.setBytesPerRow(n),
      onEncoding: (label) => this.setEncoding(label, true),
      onWordWrap: () => this.toggleWordWrap(),
      onGoto: (input) => this.goto(input),
      onGotoPreview: (input) => this.previewGoto(input),
      onGotoCancel: () => {
        this.cancelGoto();
        this.focus();
      },
      onFollow: () => this.setFollow(this.following && !this.followPaused ? false : true),
      onChangeMode: () => post({ type: 'runCommand', command: 'largeFile.changeMode' }),
      onSave: () => post({ type: 'runCommand', command: 'largeFile.save' }),
      onTimeline: () => this.timeline.toggle(),
    });
    this.views.hex.element.appendChild(this.inspector.element);
    this.banner = note('banner', 'alert');
    this.unsavedNote = note('banner unsaved-note', 'status');
    this.emptyNote = note('notice', 'status');
    this.emptyNote.dataset.code = 'EMPTY';
    this.emptyNote.textContent = t('editor.empty');
    this.find = new FindController(
      {
        post,
        cursor: () => this.selection.range()?.start ?? this.selection.cursor,
        fileSize: () => this.doc.size,
        encoding: () => this.codec.label,
        revealMatch: (offset, length) => this.revealRange(offset, length),
        focusView: () => this.focus(),
        seed: () => this.findSeed(),
        historyChanged: () => this.queueStatus(),
        visibleRange: () => this.active.visibleRange(),
        showMatches: (offsets, lengths) => {
          this.matchMarks = offsets.map((o, i) => ({ start: o, end: o + lengths[i], kind: 'match' }));
          this.applyMarks();
        },
        clearCurrent: () => {
          this.currentMark = undefined;
          this.applyMarks();
        },
      },
      settings.maxFindResults,
      saved?.findHistory ?? [],
    );
    router.subscribe('find', this.find);
    this.timeline = new TimelineController({
      post,
      cursor: () => this.selection.cursor,
      findQuery: () => this.find.currentQuery(),
      encoding: () => this.codec.label,
      layoutChanged: () => this.active.layout(),
      rangeChanged: () => this.find.recount(),
      flash: (text) => this.toolbar.flash(text),
    });
    this.timeline.onOpenChanged((open) => this.toolbar.setTimeline(open));
    this.toolbar.addChip(this.timeline.chip);
    router.subscribe('time', this.timeline);
    router.subscribe('pages', {
      handle: (m: MessagesFor<'pages'>) => {
        switch (m.type) {
          case 'page':
            return this.onPage(m.requestId, m.offset, m.data);
          case 'pageFailed':
            return this.onPageFailed(m.requestId, m.code, m.message);
          default:
            return unhandled(m);
        }
      },
    });
    router.subscribe('editor', this);
    this.filter = new FilterController(
      {
        post,
        encoding: () => this.codec.label,
        size: () => this.doc.size,
        cursor: () => this.selection.cursor,
        reveal: (offset) => this.reveal(offset),
        focusMain: () => this.focus(),
        redrawMain: () => this.active.render(),
        flash: (message) => this.toolbar.flash(message),
        stateChanged: () => this.queueStatus(),
      },
      saved?.filter,
    );
    router.subscribe('filter', this.filter);
    const decorations = {
      spans: (text: string) => this.filter.highlighter.spans(text),
      isBookmarked: (offset: number) => this.filter.isBookmarked(offset),
      toggleBookmark: (offset: number) => this.filter.toggleBookmark(offset),
    };
    this.views.text.decorations = decorations;
    this.views.hex.decorations = decorations;

    const viewsEl = document.createElement('div');
    viewsEl.className = 'views';
    viewsEl.append(...Object.values(this.views).map((v) => v.element), this.emptyNote, this.find.widget.element, this.filter.ruler.element);
    app.replaceChildren(this.toolbar.element, this.modePrompt.element, this.unsavedNote, this.banner, this.timeline.element, viewsEl, this.filter.element, this.find.panel.element);
    // On the document, before the webview host's own listener on the window sees the key.
    document.addEventListener('keydown', (e) => this.onGlobalKey(e));

    if (saved) this.selection.moveTo(saved.cursor, false);
    this.setFollow(saved?.following ?? false, false);
    this.updateEmpty();
    this.toolbar.update(this.view, this.bytesPerRow, this.codec.label, this.wordWrap);
    this.inspector.update(this.selection.cursor);
    this.showView(this.view, { offset: saved?.topOffset ?? 0, lineStart: saved?.topIsLineStart ?? true });
    new ResizeObserver(() => {
      this.active.layout();
      this.placeFind();
    }).observe(app);
    // The find widget may float over the inspector's corner: the inspector keeps that much room free.
    new ResizeObserver(() => this.roomForFind()).observe(this.find.widget.element);
    this.sniffHead();
  }

  private get active(): DocumentView {
    return this.views[this.view];
  }

  /** The document's own host messages. */
  handle(m: MessagesFor<'editor'>): void {
    switch (m.type) {
      case 'goto':
        return this.goto(m.input);
      case 'gotoPreview':
        return this.previewGoto(m.input);
      case 'gotoCancel':
        return this.cancelGoto();
      case 'select':
        return this.selectRange(m.start, m.end);
      case 'gotoFailed':
        // The host could not go where the Go to input said (a time it could not find or read).
        return this.toolbar.flash(m.message);
      case 'toggleView':
        return this.setView(this.view === 'hex' ? 'text' : 'hex', true);
      case 'toggleTypingMode':
        return this.edits.toggleTyping();
      case 'setEncoding':
        return this.setEncoding(m.encoding, true);
      case 'setBytesPerRow':
        return this.setBytesPerRow(m.bytesPerRow);
      case 'setWordWrap':
        if (m.column !== undefined) this.wrapColumn = m.column;
        if (m.wrap === 'toggle') return this.toggleWordWrap();
        // A changed setting applies unless this editor's wrap was toggled by hand.
        return this.wrapChosen ? this.setWordWrap(this.wordWrap, false) : this.setWordWrap(m.wrap, false);
      case 'reportRendered':
        this.reportRendered = m.on;
        return this.active.render();
      case 'reveal':
        return m.length ? this.revealRange(m.offset, m.length) : this.reveal(m.offset);
      case 'fileChanged':
        return this.onFileChanged(m.change);
      case 'setFollow':
        return this.setFollow(m.on === 'toggle' ? !this.following : m.on);
      case 'contentChanged':
        return this.onContentChanged(m.size, m.dirty, m.grewFrom);
      case 'modeChanged':
        return this.onModeChanged(m.mode);
      case 'editRefused':
        return this.onEditRefused(m.message, m.reason, m.untilSaved ?? false);
      case 'saveHeld':
        return this.onSaveHeld();
      case 'editedRanges':
        return this.onEditedRanges(m.requestId, m.ranges);
      default:
        return unhandled(m);
    }
  }

  /** The webview got focus back (e.g. after a quick input closed): give it to the active view. */
  focus(): void {
    this.active.focus();
  }

  paste(): void {
    this.edits.paste();
  }

  /**
   * What Ctrl+C copies: the selected bytes, as hex digits from the hex view and as text from the
   * text view; with nothing selected, the text view copies the cursor's line (as VS Code does).
   * The host reads them from the document and applies the size limit (copySelection.ts).
   */
  copy(): void {
    const r = this.selection.range() ?? (this.view === 'text' ? this.active.unitAt(this.selection.cursor, 'line') : undefined);
    this.vscode.postMessage({
      type: 'copy',
      format: this.view === 'hex' ? 'hex' : 'text',
      selection: { start: r?.start ?? this.selection.cursor, length: r ? r.end - r.start : 0, encoding: this.codec.label },
    });
  }

  private onPage(requestId: number, offset: number, data: Uint8Array): void {
    if (!this.cache.receive(requestId, offset, data)) return;
    this.active.pagesArrived();
    if (this.view === 'hex') this.inspector.refresh();
  }

  private onPageFailed(requestId: number, code: string, message: string): void {
    this.cache.fail(requestId);
    // What is on screen stays; a banner says why the rest cannot be read.
    this.showBanner(
      code === 'EFILECHANGED'
        ? t('banner.changedByOther', message)
        : t('banner.cannotRead', message),
    );
  }

  /** An edit, undo, redo, revert or save changed the content: fetch the pages again, keep the position. */
  private onContentChanged(size: number, dirty: boolean, grewFrom: number | undefined): void {
    this.doc = { ...this.doc, size };
    // A log that grew keeps its pages and line numbers before the old end.
    if (grewFrom !== undefined) {
      this.cache.grew(grewFrom, size);
      this.lineNumbers.grew(size);
    } else {
      this.cache.reset(size);
      this.lineNumbers.reset();
    }
    this.selection.setSize(size);
    this.toolbar.setSize(this.doc);
    this.toolbar.setDirty(dirty);
    this.dirty = dirty;
    if (!dirty) this.unsavedNote.hidden = true;
    this.setViewsSize(size);
    this.afterCursor();
    this.find.contentChanged();
    this.askEdited(true);
  }

  /** The inspector's header stays below the find widget when the widget is open over it. */
  private roomForFind(): void {
    const widget = this.find.widget.element;
    if (widget.hidden) return this.inspector.reserveTop(0);
    const w = widget.getBoundingClientRect();
    const i = this.inspector.element.getBoundingClientRect();
    const overlaps = w.left < i.right && w.right > i.left;
    this.inspector.reserveTop(overlaps ? Math.max(0, w.bottom - i.top) : 0);
  }

  /** Asks the host which bytes on screen were edited since the save (none to ask about when saved). */
  private askEdited(now: boolean): void {
    if (!now && this.editedTimer) return; // one request per interval while the screen moves
    if (this.editedTimer) clearTimeout(this.editedTimer);
    this.editedTimer = undefined;
    if (!this.dirty) {
      this.editedRequest++;
      if (this.editedMarks.length > 0) {
        this.editedMarks = [];
        this.applyMarks();
      }
      return;
    }
    const ask = () => {
      const range = this.active.visibleRange();
      if (!range) return;
      const end = Math.min(range.end, range.start + MAX_VISIBLE_BYTES);
      this.vscode.postMessage({ type: 'editedRanges', requestId: ++this.editedRequest, start: range.start, end });
    };
    if (now) ask();
    else
      this.editedTimer = setTimeout(() => {
        this.editedTimer = undefined;
        ask();
      }, 40);
  }

  private onEditedRanges(requestId: number, ranges: readonly number[]): void {
    if (requestId !== this.editedRequest) return;
    const marks: Highlight[] = [];
    for (let i = 0; i + 1 < ranges.length; i += 2) marks.push({ start: ranges[i], end: ranges[i + 1], kind: 'edited' });
    this.editedMarks = marks;
    this.applyMarks();
  }

  /** The views draw the current match, the matches and the edited bytes on screen. */
  private applyMarks(): void {
    const marks = [...(this.currentMark ? [this.currentMark] : []), ...this.matchMarks, ...this.editedMarks];
    this.active.setHighlights(marks);
  }

  private onModeChanged(mode: DocumentInfo['mode']): void {
    this.doc = { ...this.doc, mode };
    this.selection.setSize(this.doc.size, mode !== 'read');
    this.toolbar.setMode(mode);
    this.toolbar.setDirty(this.dirty);
    if (mode !== 'read') this.modePrompt.close();
    this.edits.reset();
    this.queueStatus();
  }

  /** A key (or paste, or replace) would edit a read-only document: offer In place or Copy. */
  private offerEditing(): void {
    this.modePrompt.open(this.doc.fileName, this.doc.writable);
  }

  /** The host refused an edit: a read-only document offers the switch; anything else says why. */
  private onEditRefused(message: string, reason: EditRefusalReason, untilSaved: boolean): void {
    // A half-typed hex byte whose edit was refused (read-only, declined) is not pending any more.
    this.edits.reset();
    if (reason === 'readOnly') this.offerEditing();
    else this.toolbar.flash(message, untilSaved);
  }

  /** VS Code tried to save automatically: nothing was written, and the editor says how to save. */
  private onSaveHeld(): void {
    if (!this.dirty) return;
    const what = this.doc.mode === 'copy' ? t('banner.unsavedTheCopy') : this.doc.fileName;
    const save = document.createElement('button');
    save.className = 'link';
    save.textContent = t('banner.saveButton');
    save.addEventListener('click', () => this.vscode.postMessage({ type: 'runCommand', command: 'largeFile.save' }));
    this.unsavedNote.replaceChildren(document.createTextNode(t('banner.unsaved', what)), save);
    this.unsavedNote.hidden = false;
  }

  /** The file changed on disk: the host mapped it again; keep the position, or follow the end. */
  private onFileChanged(change: DiskChangeNotice): void {
    if (change.kind === 'deleted') {
      this.showBanner(t('banner.deleted'));
      return;
    }
    if (change.kind === 'reloadFailed') {
      this.showBanner(t('banner.reloadFailed', change.message));
      return;
    }
    const size = change.document.size;
    this.doc = change.document;
    // The pages and line numbers went with the 'contentChanged' the host sent just before.
    this.selection.setSize(size, this.doc.mode !== 'read');
    this.toolbar.setSize(change.document);
    if (size < change.previousSize) {
      this.showBanner(
        t('banner.truncated', change.previousSize, size),
      );
    } else {
      this.banner.hidden = true;
    }
    this.setViewsSize(size);
    if (this.following && !this.followPaused) this.followEnd();
    this.find.contentChanged();
    this.queueStatus();
  }

  private setViewsSize(size: number): void {
    for (const v of Object.values(this.views)) v.setSize(size);
    this.updateEmpty();
  }

  /** "Empty file" while there is nothing to show; the active view otherwise (measured again when it reappears). */
  private updateEmpty(): void {
    this.emptyNote.hidden = this.doc.size > 0;
    const shown = this.doc.size === 0 ? undefined : this.views[this.view];
    // The others go first: measured beside a view still showing, the new one would get half the height.
    for (const v of Object.values(this.views)) if (v !== shown) v.element.hidden = true;
    if (shown?.element.hidden) {
      shown.element.hidden = false;
      shown.layout();
    }
  }

  /** Follow mode (like tail -f): the view stays at the end as the file grows; scrolling up pauses it. */
  private setFollow(on: boolean, reveal = true): void {
    this.following = on;
    this.followPaused = false;
    this.toolbar.setFollow(this.followState);
    if (on && reveal) this.followEnd();
    this.queueStatus();
  }

  private get followState(): FollowState {
    return !this.following ? 'off' : this.followPaused ? 'paused' : 'on';
  }

  /** The user scrolled: following pauses while the end is out of view, and goes on when it is back. */
  private userScrolled(): void {
    if (!this.following) return;
    const paused = !this.active.atEnd();
    if (paused === this.followPaused) return;
    this.followPaused = paused;
    this.toolbar.setFollow(this.followState);
  }

  /** The last line at the bottom of a full screen, the cursor on the end, as tail -f shows a log. */
  private followEnd(): void {
    if (this.doc.size === 0) return;
    if (!this.selection.range()) this.selection.moveTo(this.doc.size, false);
    this.active.reveal(this.doc.size - 1, 'bottom');
    this.afterCursor();
  }

  private showBanner(text: string): void {
    this.banner.textContent = text;
    this.banner.hidden = false;
  }

  /** `chosen`: the user switched (the host remembers it for this file). */
  private setView(view: ViewKind, chosen: boolean): void {
    if (chosen) this.vscode.postMessage({ type: 'viewChosen', view });
    if (view === this.view) return;
    const top = { offset: this.active.topOffset, lineStart: this.active.topIsLineStart };
    this.view = view;
    this.showView(view, top);
    this.toolbar.update(this.view, this.bytesPerRow, this.codec.label, this.wordWrap);
  }

  private setBytesPerRow(n: number): void {
    this.bytesPerRow = n;
    this.views.hex.setBytesPerRow(n || 'fit');
    this.toolbar.update(this.view, this.bytesPerRow, this.codec.label, this.wordWrap);
    this.queueStatus();
  }

  private setEncoding(label: string, chosen: boolean): void {
    const codec = codecFor(label);
    if (!codec) {
      this.toolbar.flash(t('toolbar.cannotDecode', encodingName(label)));
      return;
    }
    this.codec = codec;
    this.encodingChosen ||= chosen;
    this.views.text.setCodec(codec);
    this.countLineEnds();
    this.toolbar.update(this.view, this.bytesPerRow, this.codec.label, this.wordWrap);
    this.queueStatus();
  }

  /** Alt+Z: wrap off, or back on as the setting says (VS Code's View: Toggle Word Wrap). */
  private toggleWordWrap(): void {
    const on = this.settings.wordWrap === 'off' ? 'on' : this.settings.wordWrap;
    this.setWordWrap(this.wordWrap === 'off' ? on : 'off', true);
  }

  private setWordWrap(wrap: WordWrap, chosen: boolean): void {
    this.wordWrap = wrap;
    this.wrapChosen ||= chosen;
    this.views.text.setWordWrap(wrap, this.wrapColumn);
    this.toolbar.update(this.view, this.bytesPerRow, this.codec.label, this.wordWrap);
    if (chosen) this.toolbar.flash(wrap === 'off' ? t('toolbar.wrapOff') : wrap === 'bounded' ? t('toolbar.wrapAtColumn', this.wrapColumn) : t('toolbar.wrapOn'));
    this.queueStatus();
  }

  /** Go to is being typed: the view moves there for now (where it was is kept for Escape). Errors wait for Enter. */
  private previewGoto(input: string): void {
    this.gotoOrigin ??= {
      top: { offset: this.active.topOffset, lineStart: this.active.topIsLineStart },
      cursor: this.selection.cursor,
      range: this.selection.range(),
    };
    const target = parseGotoTarget(input, this.doc.size, this.gotoOrigin.cursor, this.view === 'text');
    if (target.kind === 'offset') this.reveal(target.offset);
    else if (target.kind === 'end') this.reveal(target.offset, 'bottom');
    else if (target.kind === 'line') this.vscode.postMessage({ type: 'gotoLine', line: target.line, preview: true });
  }

  /** Escape in Go to: back to the screen, cursor and selection from before the preview. */
  private cancelGoto(): void {
    const origin = this.gotoOrigin;
    this.gotoOrigin = undefined;
    if (!origin) return;
    if (origin.range) this.selection.select(origin.range.start, origin.range.end);
    else this.selection.moveTo(origin.cursor, false);
    this.active.show(origin.top);
    this.afterCursor();
  }

  /** Select Between Offsets: [start, end) selected, its start in view. */
  private selectRange(start: number, end: number): void {
    this.selection.select(start, Math.min(end, this.doc.size));
    this.active.reveal(start, 'center');
    this.afterCursor();
  }

  private goto(input: string): void {
    // Relative offsets count from where the cursor was before the preview moved it.
    const from = this.gotoOrigin?.cursor ?? this.selection.cursor;
    this.gotoOrigin = undefined;
    const target = parseGotoTarget(input, this.doc.size, from, this.view === 'text');
    if (target.kind === 'error') {
      this.vscode.postMessage({ type: 'gotoFailed', message: target.message });
      this.toolbar.flash(target.message);
      return;
    }
    if (target.kind === 'line') {
      // The host's line index knows where lines start; it answers with a 'reveal'.
      this.vscode.postMessage({ type: 'gotoLine', line: target.line });
      return;
    }
    if (target.kind === 'host') {
      // A time, or text in the log's timestamp format: the host answers with a 'reveal' or a 'gotoFailed'.
      this.vscode.postMessage({ type: 'gotoTime', input: input.trim(), from });
      return;
    }
    this.reveal(target.offset, target.kind === 'end' ? 'bottom' : 'center');
  }

  /** Selects [offset, offset + length) and brings it into view: a find match. */
  private revealRange(offset: number, length: number): void {
    this.active.reveal(offset, 'center');
    if (length > 0) this.selection.select(offset, offset + length);
    else this.selection.moveTo(offset, false);
    this.currentMark = length > 0 ? { start: offset, end: offset + length, kind: 'current' } : undefined;
    this.applyMarks();
    this.afterCursor();
  }

  /** Moves the cursor to `offset` and brings it into view. */
  private reveal(offset: number, at: RevealAt = 'center'): void {
    this.selection.moveTo(offset, false);
    this.active.reveal(offset, at);
    this.afterCursor();
  }

  /** Ctrl+A: the whole document (its bytes, not the page). */
  private selectAll(): void {
    this.selection.select(0, this.doc.size);
    this.active.render();
    this.afterCursor();
  }

  /** What Ctrl+F puts in the box: the selection if it is short and on one line, else the word at the cursor (text view). */
  private findSeed(): Partial<FindQuery> | undefined {
    const r = this.selection.range();
    if (r && r.end - r.start <= MAX_SEED_BYTES) {
      const bytes = this.cache.bytes(r.start, r.end);
      if (!bytes) return undefined;
      if (this.view === 'hex') return { pattern: [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' '), mode: 'hex' };
      const text = decodeText(bytes, this.codec);
      return /[\r\n]/.test(text) ? undefined : { pattern: text };
    }
    if (r || this.view !== 'text') return undefined;
    const word = this.active.unitAt(this.selection.cursor, 'word');
    const bytes = word && this.cache.bytes(word.start, word.end);
    const text = bytes ? decodeText(bytes, this.codec) : '';
    return /^[\p{L}\p{N}\p{M}_]+$/u.test(text) ? { pattern: text } : undefined;
  }

  /** Keys of the whole editor; ours alone stop there, so VS Code's workbench does not act on them too. */
  private onGlobalKey(e: KeyboardEvent): void {
    const mod = e.ctrlKey || e.metaKey;
    const inInput = !!(e.target as HTMLElement | null)?.closest?.('input, textarea, select');
    if (inInput && mod && !e.altKey && BOX_KEYS.has(e.key.toLowerCase())) {
      // The box's own Select All, Undo and Redo, done by the browser. VS Code's workbench would
      // act on them too, later: its Select All came back after more was typed and selected it
      // (the next keys replaced it), and its Undo undid an edit of the document.
      e.stopPropagation();
      return;
    }
    let ours = true;
    if (mod && !e.altKey && !e.shiftKey && (e.key === 'f' || e.key === 'h')) {
      this.placeFind();
      this.find.open(e.key === 'h');
    }
    else if (e.key === 'F3' && !mod) {
      if (e.shiftKey) this.find.previous();
      else this.find.next();
    } else if (e.key === 'Escape' && this.find.widget.isOpen) this.find.close();
    else if (mod && !e.altKey && !e.shiftKey && e.key === 'a' && !inInput) this.selectAll();
    else if (e.altKey && !mod && !e.shiftKey && e.code === 'KeyZ') this.toggleWordWrap();
    else if (mod && !e.altKey && e.key === 'End' && !inInput) {
      // The view moved the cursor to the end (a key of its own); following goes on from there.
      if (this.following && this.followPaused) this.setFollow(true);
      ours = false;
    } else ours = false;
    if (!ours) return;
    e.preventDefault();
    e.stopPropagation();
  }

  private showView(view: ViewKind, top: { offset: number; lineStart: boolean }): void {
    this.updateEmpty();
    const v = this.views[view];
    v.show(top);
    v.focus();
    this.applyMarks();
    this.roomForFind();
    this.placeFind();
    this.queueStatus();
  }

  /** The find widget stays over the rows: right of it are the scrollbar and, in the hex view, the inspector. */
  private placeFind(): void {
    const container = this.find.widget.element.parentElement;
    const rows = this.active.element.querySelector('.rows');
    const box = rows?.getBoundingClientRect();
    if (!container || !box || box.width === 0) return;
    const right = container.getBoundingClientRect().right - box.right;
    this.find.widget.element.style.setProperty('--find-right', `${Math.max(0, Math.round(right)) + 14}px`);
  }

  private afterCursor(): void {
    // A half-typed byte is forgotten once the cursor leaves it.
    const pending = this.edits.pendingOffset;
    if (pending !== undefined && pending !== this.selection.cursor) this.edits.reset();
    this.inspector.update(this.selection.range()?.start ?? this.selection.cursor);
    this.filter?.mainMoved();
    this.queueStatus();
  }

  /**
   * The first page (shared/contentSniff.ts): a byte-order mark or UTF-16 without one picks the
   * encoding, unless the user chose one; then the line ends are counted in it.
   */
  private sniffHead(): void {
    if (this.doc.size === 0) return;
    const end = Math.min(PAGE_SIZE, this.doc.size);
    const probe = () => {
      const head = this.cache.bytes(0, end);
      if (!head) return false;
      const sniffed = sniffEncoding(head);
      if (sniffed && sniffed.label !== this.codec.label && !this.encodingChosen) this.setEncoding(sniffed.label, false);
      else this.countLineEnds();
      // The cursor does not stand inside the byte-order mark (the text view shows none).
      const bom = this.views.text.bomLength;
      if (bom > 0 && this.selection.cursor < bom && !this.selection.range()) {
        this.selection.moveTo(bom, false);
        this.afterCursor();
      }
      return true;
    };
    if (this.cache.want(0, end, 'encoding') && probe()) return;
    const timer = setInterval(() => probe() && clearInterval(timer), 50);
  }

  private countLineEnds(): void {
    const head = this.cache.bytes(0, Math.min(PAGE_SIZE, this.doc.size));
    if (!head) return;
    this.lineEnds = countLineEnds(head, this.codec.newline, this.codec.carriageReturn);
    this.queueStatus();
  }

  private queueStatus(): void {
    if (this.statusQueued) return;
    this.statusQueued = true;
    requestAnimationFrame(() => {
      this.statusQueued = false;
      const v = this.active;
      const state: SavedState = {
        view: this.view,
        topOffset: v.topOffset,
        topIsLineStart: v.topIsLineStart,
        cursor: this.selection.cursor,
        encoding: this.encodingChosen ? this.codec.label : undefined,
        bytesPerRow: this.bytesPerRow,
        typing: this.edits.typing,
        wordWrap: this.wrapChosen ? this.wordWrap : undefined,
        findHistory: this.find.history,
        following: this.following,
        filter: this.filter.state,
      };
      this.vscode.setState(state);
      this.vscode.postMessage({
        type: 'status',
        status: {
          view: this.view,
          offset: this.selection.cursor,
          selectionStart: this.selection.range()?.start ?? this.selection.cursor,
          selectionLength: this.selection.length,
          encoding: this.codec.label,
          eol: this.lineEnds ? eolKind(this.lineEnds) : undefined,
          topOffset: v.topOffset,
          typing: this.edits.typing,
        },
      });
    });
  }
}

function note(className: string, role: string): HTMLElement {
  const el = document.createElement('div');
  el.className = className;
  el.setAttribute('role', role);
  el.hidden = true;
  return el;
}
