// The filtered view in the webview (issue 15): a resizable pane below the main view listing only
// the lines that match a filter, streamed in as the host's engine scans (extension/filter/), with
// the refine chain as breadcrumbs, context lines, history, saved filters and export; its "Marks"
// list of bookmarks; the overview ruler beside the main view; and the highlight rules and bookmark
// marks the text view draws. It subscribes to the 'filter' host messages (messageRouter.ts).
// Nothing is held per line: rows come a page at a time (filterRowCache.ts).
import type { WebviewMessage } from '../../shared/protocol';
import type { BookmarkEntry, FilterContext, FilterOutcome, FilterRow, FilterSpec } from '../../shared/filterProtocol';
import { type MessagesFor, unhandled } from '../messageRouter';
import { compileUserRules, Highlighter } from '../highlight/highlightRules';
import { segments } from '../highlight/rowDecorations';
import { OverviewRuler } from '../overview/overviewRuler';
import { FilterBar } from './filterBar';
import { FilterRowCache } from './filterRowCache';
import { VirtualList } from './virtualList';
import { t } from '../l10n';

export interface FilterHost {
  post(m: WebviewMessage): void;
  encoding(): string;
  size(): number;
  /** Where the main view's cursor is. */
  cursor(): number;
  /** Moves the main view's cursor to `offset` (a line start) and brings it into view. */
  reveal(offset: number): void;
  focusMain(): void;
  /** The bookmarks or highlight rules changed: the main view draws again. */
  redrawMain(): void;
  flash(message: string): void;
  /** The pane's state changed (saved with the editor's). */
  stateChanged(): void;
}

/** What of the pane survives a reload of the webview. */
export interface FilterPaneState {
  readonly open: boolean;
  readonly height?: number;
  readonly expression?: string;
  readonly matchCase?: boolean;
  readonly wholeWord?: boolean;
  readonly before?: number;
  readonly after?: number;
}

const NEAREST_DELAY_MS = 120;
const MIN_HEIGHT = 90;

export class FilterController {
  readonly element: HTMLElement;
  readonly ruler: OverviewRuler;
  readonly highlighter = new Highlighter();
  private readonly bar: FilterBar;
  private readonly list: VirtualList;
  private readonly marksList: VirtualList;
  private readonly cache: FilterRowCache;
  private nextId = Date.now();
  /** The filter the pane shows (the last of the chain), and whether it is still scanning. */
  private filterId = -1;
  private running = false;
  private count = 0;
  private marks: readonly BookmarkEntry[] = [];
  private markOffsets = new Set<number>();
  private exportId = 0;
  private nearestTimer: ReturnType<typeof setTimeout> | undefined;
  /** The offset the pane itself moved the main view to (its own move does not move the pane). */
  private revealed = -1;
  private height: number;
  private showingMarks = false;
  private highlightErrors: string[] = [];
  /** The context the rows shown were asked with. */
  private shownContext: FilterContext = { before: 0, after: 0 };

  constructor(private readonly host: FilterHost, saved: FilterPaneState | undefined) {
    this.height = saved?.height ?? 0;
    this.element = document.createElement('section');
    this.element.className = 'filter-pane';
    this.element.setAttribute('aria-label', t('filter.paneLabel'));
    this.element.hidden = !saved?.open;
    const grip = document.createElement('div');
    grip.className = 'filter-resize';
    grip.title = t('filter.resize');
    grip.addEventListener('pointerdown', (e) => this.startResize(e, grip));
    this.bar = new FilterBar({
      run: (refine) => this.run(refine),
      cancel: () => this.host.post({ type: 'cancelFilter', filterId: this.filterId }),
      exportLines: () => this.exportLines(),
      bookmarkAll: () => (this.filterId >= 0 ? this.host.post({ type: 'bookmarkFilter', filterId: this.filterId }) : this.host.flash(t('filter.first'))),
      pop: (levels) => {
        for (let i = 0; i < levels; i++) this.host.post({ type: 'popFilter', clear: false });
      },
      clear: () => this.host.post({ type: 'popFilter', clear: true }),
      save: (name) => this.host.post({ type: 'saveFilter', name, spec: this.spec() }),
      close: () => this.setOpen(false),
      contextChanged: () => this.showFilter(this.filterId),
      showMarks: (on) => this.showMarks(on),
      toList: () => (this.showingMarks ? this.marksList : this.list).focus(),
    });
    if (saved) {
      this.bar.input.value = saved.expression ?? '';
      this.bar.setPressed(this.bar.matchCase, saved.matchCase ?? false);
      this.bar.setPressed(this.bar.wholeWord, saved.wholeWord ?? false);
      this.bar.before.value = String(saved.before ?? 0);
      this.bar.after.value = String(saved.after ?? 0);
    }
    this.cache = new FilterRowCache((filterId, start, count, context) =>
      this.host.post({ type: 'filterRows', filterId, start, count, context, encoding: this.host.encoding() }),
    );
    this.list = new VirtualList('filter-list', t('filter.paneLabel'), {
      draw: (el, index) => this.drawRow(el, this.cache.row(index)),
      activate: (index) => this.goToRow(index),
      drawn: (top, rows) => {
        this.element.dataset.top = String(top);
        this.element.dataset.drawn = String(rows);
      },
    });
    this.marksList = new VirtualList('marks-list', t('filter.bookmarksLabel'), {
      draw: (el, index) => this.drawMark(el, this.marks[index]),
      activate: (index) => {
        const m = this.marks[index];
        if (m) this.goTo(m.offset);
      },
    });
    this.marksList.element.hidden = true;
    this.element.append(grip, this.bar.element, this.list.element, this.marksList.element);
    this.ruler = new OverviewRuler({
      rows: (rows) => this.host.post({ type: 'overviewRows', rows }),
      jump: (offset) => this.host.reveal(offset),
      size: () => this.host.size(),
    });
    this.applyHeight();
    this.host.post({ type: 'filterPresets' });
    this.host.post({ type: 'bookmarks', encoding: this.host.encoding() });
    this.host.post({ type: 'highlightRules' });
  }

  get state(): FilterPaneState {
    return {
      open: !this.element.hidden,
      height: this.height || undefined,
      expression: this.bar.input.value,
      matchCase: this.bar.pressed(this.bar.matchCase),
      wholeWord: this.bar.pressed(this.bar.wholeWord),
      before: this.context().before,
      after: this.context().after,
    };
  }

  /** Whether a line start carries a bookmark (the text view's gutter). */
  isBookmarked(offset: number): boolean {
    return this.markOffsets.has(offset);
  }

  /** A click in the text view's gutter: toggles the bookmark of that line. */
  toggleBookmark(lineStart: number): void {
    this.host.post({ type: 'bookmarkToggle', offset: lineStart });
  }

  handle(m: MessagesFor<'filter'>): void {
    switch (m.type) {
      case 'openFilter':
        return this.open();
      case 'filterProgress':
        if (m.filterId !== this.filterId) return;
        this.count = m.count;
        this.bar.setCount(t('filter.progress', m.count, m.total > 0 ? Math.floor((100 * m.scanned) / m.total) : 100), true);
        this.grow(m.count);
        return;
      case 'filterDone':
        return this.onDone(m.filterId, m.outcome);
      case 'filterRows':
        if (!this.cache.receive(m)) return;
        this.list.setCount(this.cache.rowCount);
        this.list.queueDraw();
        return;
      case 'filterChain': {
        this.bar.setChain(m.chain);
        const last = m.chain[m.chain.length - 1];
        if (!last) {
          this.filterId = -1;
          this.running = false;
          this.cache.reset(-1, this.context());
          this.list.setCount(0, false);
          this.bar.setCount('', false);
          return;
        }
        this.count = last.count;
        if (last.filterId !== this.filterId) {
          // A pop: the link before is shown again, at the row nearest to the main view.
          this.running = !last.complete;
          this.showFilter(last.filterId);
          this.requestNearest();
        }
        if (last.complete) this.bar.setCount(t('filter.lines', last.count), false);
        return;
      }
      case 'filterNearest':
        if (m.filterId !== this.filterId || this.showingMarks) return;
        this.list.select(m.rowIndex, true);
        return;
      case 'filterStale':
        if (m.filterId === this.filterId) this.bar.setCount(t('filter.stale'), true);
        return;
      case 'filterExportProgress':
        if (m.exportId === this.exportId) this.bar.setCount(t('filter.exporting', m.lines, m.total), false);
        return;
      case 'filterExportDone':
        if (m.exportId !== this.exportId) return;
        if (m.error) this.bar.showError({ message: t('filter.exportFailed', m.error) });
        this.bar.setCount(
          m.error ? '' : m.cancelled ? t('filter.exportCancelled') : t('filter.exported', m.lines, m.bytes),
          false,
        );
        return;
      case 'filterPresets':
        return this.bar.setPresets(m.history, m.saved);
      case 'bookmarks':
        this.marks = m.items;
        this.markOffsets = new Set(m.items.map((b) => b.offset));
        this.marksList.setCount(m.items.length);
        this.host.redrawMain();
        return;
      case 'overview':
        return this.ruler.update(m.kind, m.counts);
      case 'highlightRules': {
        const { rules, errors } = compileUserRules(m.rules);
        this.highlighter.setUserRules(rules);
        this.highlighter.enabled = m.enabled;
        if (errors.length && errors.join() !== this.highlightErrors.join()) this.host.flash(errors[0]);
        this.highlightErrors = errors;
        this.host.redrawMain();
        return;
      }
      default:
        return unhandled(m);
    }
  }

  /** The main view's cursor moved: the nearest filtered line is selected (a moment later). */
  mainMoved(): void {
    if (this.element.hidden || this.filterId < 0) return;
    if (this.nearestTimer) clearTimeout(this.nearestTimer);
    this.nearestTimer = setTimeout(() => {
      this.nearestTimer = undefined;
      if (this.host.cursor() !== this.revealed) this.requestNearest();
    }, NEAREST_DELAY_MS);
  }

  private requestNearest(): void {
    if (this.filterId >= 0) this.host.post({ type: 'filterNearest', filterId: this.filterId, offset: this.host.cursor(), context: this.shownContext });
  }

  open(): void {
    this.setOpen(true);
    this.bar.input.focus();
    this.bar.input.select();
  }

  private setOpen(open: boolean): void {
    this.element.hidden = !open;
    if (open) {
      this.applyHeight();
      this.list.layout();
      this.marksList.layout();
    } else this.host.focusMain();
    this.host.stateChanged();
  }

  private context(): FilterContext {
    const n = (input: HTMLInputElement) => Math.max(0, Math.min(1000, Math.floor(Number(input.value)) || 0));
    return { before: n(this.bar.before), after: n(this.bar.after) };
  }

  private spec(): FilterSpec {
    const base = { matchCase: this.bar.pressed(this.bar.matchCase), wholeWord: this.bar.pressed(this.bar.wholeWord) };
    return this.bar.listsShown ? { expression: '', lists: this.bar.lists(), ...base } : { expression: this.bar.input.value, ...base };
  }

  private run(refine: boolean): void {
    const spec = this.spec();
    if (!spec.lists && spec.expression.trim() === '') {
      this.bar.showError({ message: t('filter.typeSomething') });
      return;
    }
    this.bar.showError(undefined);
    this.setShowMarks(false);
    const filterId = ++this.nextId;
    this.running = true;
    this.count = 0;
    this.showFilter(filterId);
    this.bar.setCount(t('filter.filtering'), true);
    this.element.dataset.filterId = String(filterId);
    this.host.post({ type: 'filter', filterId, spec, refine, encoding: this.host.encoding() });
    this.host.stateChanged();
    this.host.post({ type: 'filterPresets' });
  }

  /** Shows filter `filterId` from its first row (the host sends the first page unasked when it is new). */
  private showFilter(filterId: number): void {
    this.filterId = filterId;
    this.shownContext = this.context();
    this.cache.reset(filterId, this.shownContext);
    this.list.setCount(0, false);
    if (filterId < 0) return;
    this.cache.grew(1);
    this.list.setCount(this.count > 0 ? Math.max(1, this.count) : 0, false);
    // Asks for the first page: a new filter's comes unasked too, and the second one is dropped.
    if (this.count > 0 || !this.running) this.cache.row(0);
    this.host.stateChanged();
  }

  private grow(count: number): void {
    const ctx = this.context();
    if (ctx.before === 0 && ctx.after === 0) {
      this.cache.grew(count);
      this.list.setCount(count);
    } else {
      // With context the rows are more than the lines: the host says how many with each page.
      this.cache.askLast();
    }
  }

  private onDone(filterId: number, outcome: FilterOutcome): void {
    if (filterId !== this.filterId) return;
    this.running = false;
    switch (outcome.kind) {
      case 'done':
        this.count = outcome.count;
        this.bar.setCount(t(outcome.cancelled ? 'filter.linesCancelled' : 'filter.lines', outcome.count), false);
        this.grow(outcome.count);
        // The last page (and, with context, the number of rows) as they are at the end.
        if (outcome.count > 0) this.cache.askLast();
        else this.list.setCount(0);
        this.element.dataset.done = String(filterId);
        return;
      case 'invalid':
        this.bar.setCount('', false);
        this.list.setCount(0, false);
        this.bar.showError({ message: outcome.message, start: outcome.start, end: outcome.end, text: this.bar.listsShown ? undefined : this.bar.input.value });
        this.element.dataset.done = String(filterId);
        return;
      case 'error':
        this.bar.setCount('', false);
        this.bar.showError({ message: outcome.message });
        this.element.dataset.done = String(filterId);
        return;
    }
  }

  private goToRow(index: number): void {
    const row = this.cache.row(index);
    if (row) this.goTo(row.offset);
  }

  private goTo(offset: number): void {
    this.revealed = offset;
    this.host.reveal(offset);
  }

  private exportLines(): void {
    if (this.filterId < 0) return this.host.flash(t('filter.first'));
    this.exportId++;
    const ctx = this.context();
    this.host.post({ type: 'exportFilter', filterId: this.filterId, exportId: this.exportId, context: ctx, separators: ctx.before > 0 || ctx.after > 0 });
  }

  private showMarks(on: boolean): void {
    this.showingMarks = on;
    this.list.element.hidden = on;
    this.marksList.element.hidden = !on;
    if (on) {
      this.host.post({ type: 'bookmarks', encoding: this.host.encoding() });
      this.marksList.layout();
    } else this.list.layout();
  }

  private setShowMarks(on: boolean): void {
    if (this.showingMarks === on) return;
    this.bar.setPressed(this.bar.marksButton, on);
    this.showMarks(on);
  }

  private drawRow(el: HTMLElement, row: FilterRow | undefined): void {
    if (!row) {
      el.className = 'vrow row waiting';
      el.replaceChildren();
      return;
    }
    // Gaps matter between context groups (grep's "--"); without context every row is one.
    const ctx = this.shownContext;
    const gap = row.gapBefore && row.index > 0 && (ctx.before > 0 || ctx.after > 0);
    el.className = `vrow row${row.match ? '' : ' ctx'}${gap ? ' gap' : ''}${this.markOffsets.has(row.offset) ? ' bookmarked' : ''}`;
    const gutter = document.createElement('span');
    gutter.className = 'gutter';
    gutter.textContent = `${row.line}${row.match ? ':' : '-'}`;
    const text = document.createElement('span');
    text.className = 'text';
    // The filter's matches, over the highlight rules' colours.
    const nodes: Node[] = segments(row.text.length, row.spans, this.highlighter.spans(row.text)).map((seg) => {
      const piece = row.text.slice(seg.start, seg.end);
      if (!seg.hit && !seg.rule) return document.createTextNode(piece);
      const span = document.createElement('span');
      span.className = [seg.hit ? 'filter-hit' : '', seg.rule?.style.className ?? ''].filter(Boolean).join(' ');
      if (seg.rule?.style.color) span.style.color = seg.rule.style.color;
      span.textContent = piece;
      return span;
    });
    if (row.truncated) {
      const more = document.createElement('span');
      more.className = 'more';
      more.textContent = ' …';
      nodes.push(more);
    }
    text.replaceChildren(...nodes);
    el.replaceChildren(gutter, text);
  }

  private drawMark(el: HTMLElement, b: BookmarkEntry | undefined): void {
    el.className = 'vrow row mark';
    if (!b) return el.replaceChildren();
    const gutter = document.createElement('span');
    gutter.className = 'gutter';
    gutter.textContent = b.line > 0 ? String(b.line) : '…';
    const label = document.createElement('span');
    label.className = 'mark-label';
    label.textContent = b.label ? `${b.label}  ` : '';
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = b.preview;
    const remove = document.createElement('button');
    remove.className = 'icon codicon codicon-close mark-remove';
    remove.title = t('filter.removeBookmark');
    remove.setAttribute('aria-label', t('filter.removeBookmark'));
    remove.addEventListener('click', () => this.host.post({ type: 'bookmarkRemove', id: b.id }));
    el.replaceChildren(gutter, label, text, remove);
  }

  private applyHeight(): void {
    if (this.height > 0) this.element.style.height = `${this.height}px`;
  }

  private startResize(e: PointerEvent, grip: HTMLElement): void {
    e.preventDefault();
    grip.setPointerCapture(e.pointerId);
    const startY = e.clientY;
    const startH = this.element.getBoundingClientRect().height;
    const move = (ev: PointerEvent) => {
      const max = Math.max(MIN_HEIGHT, window.innerHeight - 120);
      this.height = Math.max(MIN_HEIGHT, Math.min(max, Math.round(startH - (ev.clientY - startY))));
      this.applyHeight();
    };
    const up = () => {
      grip.removeEventListener('pointermove', move);
      grip.removeEventListener('pointerup', up);
      this.host.stateChanged();
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up);
  }
}
