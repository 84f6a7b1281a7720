// The DOM half every view shares: a fixed pool of row elements reused as the view moves, the
// scrollbar, keys and the mouse turned into moves of the navigator (viewNavigator.ts), double
// and triple click, highlights. A subclass says how one row is drawn and which byte a click
// hits; its RowModel says where rows are. File bytes reach the DOM only through textContent.
import type { Selection } from '../selection';
import { measureRow } from '../measure';
import { cursorMoveOf } from './cursorKeys';
import type { ViewKind } from '../../shared/protocol';
import type { ByteRange, CursorMove, DocumentView, Highlight, PendingNibble, RevealAt, RowModel, Top, ViewEvents, ViewRow } from './documentView';
import { ViewNavigator } from './viewNavigator';
import { ViewFrame } from './viewFrame';

const OVERSCAN_ROWS = 2;

/** What a row is drawn with: the cursor, the selection and the highlights. */
export interface RowMarks {
  readonly cursor: number;
  readonly selection: ByteRange | undefined;
  readonly highlights: readonly Highlight[];
  /** The cursor is drawn (the view shows one). */
  readonly showCursor: boolean;
  /** A byte waiting for its second hex digit. */
  readonly pending?: PendingNibble;
}

export abstract class RowsView<R extends ViewRow> implements DocumentView {
  abstract readonly typing: 'hex' | 'text';
  protected readonly frame: ViewFrame;
  protected readonly nav: ViewNavigator<R>;
  protected charWidth = 8;
  private pool: HTMLElement[] = [];
  private shown: readonly R[] = [];
  private highlights: readonly Highlight[] = [];
  private pending: PendingNibble | undefined;
  /** The range last reported to onVisibleRange. */
  private reported: ByteRange | undefined;
  /** Where a drag started. */
  private press: number | undefined;
  /** A key or a reveal moved the cursor: the next draw keeps it in view sideways too. */
  protected cursorToShow = false;

  constructor(
    readonly model: RowModel<R>,
    protected readonly selection: Selection,
    protected readonly events: ViewEvents,
    className: string,
    role: string,
    label: string,
  ) {
    this.frame = new ViewFrame(className, role, label, {
      scrollTo: (offset) => this.nav.scrollTo(offset),
      page: (dir) => this.nav.scrollRows(dir * this.nav.rows),
      wheelRows: (rows) => this.nav.scrollRows(rows),
      key: (e) => this.onKey(e),
      pointer: (e, extending) => this.onPointer(e, extending),
      multiClick: (e, count) => this.onMultiClick(e, count),
    });
    // Hidden until the editor shows it.
    this.frame.element.hidden = true;
    this.nav = new ViewNavigator(model, selection, {
      changed: () => {
        this.render();
        this.events.onCursor();
      },
      topChanged: (byUser) => this.events.onTopChanged(byUser),
    });
  }

  get kind(): ViewKind {
    return this.model.kind;
  }

  get element(): HTMLElement {
    return this.frame.element;
  }

  get topOffset(): number {
    return this.nav.top.offset;
  }

  get topIsLineStart(): boolean {
    return this.nav.top.lineStart;
  }

  focus(): void {
    this.frame.rows.focus();
  }

  show(top: Top): void {
    this.cursorToShow = true;
    this.measure();
    this.nav.show(top);
  }

  /** A hidden view measures when it is shown (its size is 0 meanwhile). */
  layout(): void {
    if (this.element.hidden) return;
    this.measure();
    this.nav.relayout();
  }

  pagesArrived(): void {
    if (this.nav.waiting) this.nav.pagesArrived();
    else this.render();
  }

  setSize(size: number): void {
    this.model.setSize(size);
    this.nav.relayout();
  }

  reveal(offset: number, at: RevealAt): void {
    this.cursorToShow = true;
    this.nav.reveal(offset, at);
  }

  move(move: CursorMove, extend: boolean): void {
    this.cursorToShow = true;
    this.nav.move(move, extend);
  }

  scrollRows(delta: number): void {
    this.nav.scrollRows(delta);
  }

  unitAt(offset: number, unit: 'word' | 'line'): ByteRange | undefined {
    return this.model.unitAt(offset, unit);
  }

  setHighlights(highlights: readonly Highlight[]): void {
    this.highlights = highlights;
    this.render();
  }

  setPendingNibble(pending: PendingNibble | undefined): void {
    if (pending?.offset === this.pending?.offset && pending?.digit === this.pending?.digit) return;
    this.pending = pending;
    this.render();
  }

  visibleRange(): ByteRange | undefined {
    const rows = this.shown.slice(0, Math.max(1, this.nav.rows));
    return rows.length > 0 ? { start: rows[0].start, end: rows[rows.length - 1].end } : undefined;
  }

  atEnd(): boolean {
    return this.nav.atEnd();
  }

  /** Draws the rows from the cache; keeps what is on screen while a move waits for its pages. */
  render(): void {
    if (this.nav.waiting || this.element.hidden) return;
    const rows = this.nav.visibleRows(this.pool.length);
    if (!rows) return;
    this.shown = rows;
    const visible = Math.min(rows.length, this.nav.rows);
    const size = this.model.size;
    const onScreen = visible > 0 ? rows[visible - 1].end - this.topOffset : 0;
    this.frame.scrollbar.update({ totalRows: size, visibleRows: Math.max(1, onScreen), trackPx: this.frame.scrollbar.element.clientHeight }, this.topOffset);
    const marks: RowMarks = {
      cursor: this.selection.cursor,
      selection: this.selection.range(),
      highlights: this.highlights,
      showCursor: true,
      pending: this.pending,
    };
    this.beforeFill(rows);
    for (let i = 0; i < this.pool.length; i++) {
      const el = this.pool[i];
      const row = rows[i];
      el.hidden = !row;
      // Each row sees only the highlights that touch it (a screen may hold thousands of matches).
      if (row) this.fillRow(el, row, { ...marks, highlights: marks.highlights.filter((h) => h.start < row.end && h.end > row.start) });
    }
    const range = this.visibleRange();
    if (range && (range.start !== this.reported?.start || range.end !== this.reported?.end)) {
      this.reported = range;
      this.events.onVisibleRange(range);
    }
    this.afterRender(rows);
    if (this.events.wantsRows()) this.events.onRendered(this.kind, this.topOffset, rows.slice(0, visible).map((r) => this.model.rowText(r)));
  }

  /** Creates the elements of one row inside `row` (a div with class "row"). */
  protected abstract createRow(row: HTMLElement): void;
  protected abstract fillRow(el: HTMLElement, row: R, marks: RowMarks): void;
  /** The byte under the pointer in a drawn row, or undefined outside the data. */
  protected abstract offsetAt(el: HTMLElement, row: R, e: MouseEvent): number | undefined;
  /** The viewport's character columns for the model, from the measured frame. */
  protected abstract columnsFor(widthPx: number): number;
  /** Before the rows are filled, with all of them (the text view numbers its lines from one it knows). */
  protected beforeFill(_rows: readonly R[]): void {}
  /** After each draw with the rows drawn (the text view keeps the cursor in view sideways). */
  protected afterRender(_rows: readonly R[]): void {}

  /** Measures rows and characters and rebuilds the row pool to fit the height. */
  protected measure(): void {
    const { rowHeight, charWidth } = measureRow(this.frame.rows);
    this.frame.rowHeight = rowHeight;
    this.charWidth = charWidth;
    const rows = this.frame.visibleRows();
    this.nav.setViewport({ rows, columns: this.columnsFor(this.frame.rows.clientWidth) });
    const wanted = rows + OVERSCAN_ROWS;
    while (this.pool.length < wanted) {
      const row = document.createElement('div');
      row.className = 'row';
      this.createRow(row);
      this.frame.rows.appendChild(row);
      this.pool.push(row);
    }
    while (this.pool.length > wanted) this.pool.pop()!.remove();
  }

  private hit(e: MouseEvent): number | undefined {
    const rowEl = (e.target as HTMLElement).closest<HTMLElement>('.row');
    const index = rowEl ? this.pool.indexOf(rowEl) : -1;
    const row = index >= 0 ? this.shown[index] : undefined;
    return row && rowEl ? this.offsetAt(rowEl, row, e) : undefined;
  }

  private onPointer(e: PointerEvent, extending: boolean): void {
    const offset = this.hit(e);
    if (offset === undefined) return;
    if (!extending) {
      e.preventDefault();
      this.selection.moveTo(offset, e.shiftKey);
      this.press = e.shiftKey ? (this.selection.range()?.start ?? offset) : offset;
    } else if (this.press !== undefined) {
      // Dragging forward includes the byte under the pointer; backward, the pressed one.
      const p = this.press;
      if (offset >= p) this.selectRange(p, offset + 1);
      else this.selectRange(p + 1, offset);
    }
    this.render();
    this.events.onCursor();
  }

  private onMultiClick(e: PointerEvent, count: 2 | 3): void {
    const offset = this.hit(e);
    if (offset === undefined) return;
    e.preventDefault();
    const unit = this.model.unitAt(offset, count === 2 ? 'word' : 'line');
    if (!unit) return;
    this.selection.select(unit.start, unit.end);
    this.render();
    this.events.onCursor();
  }

  /** Selects from `anchor` to `cursor` (either way round). */
  private selectRange(anchor: number, cursor: number): void {
    this.selection.moveTo(anchor, false);
    this.selection.moveTo(cursor, true);
  }

  private onKey(e: KeyboardEvent): void {
    const move = cursorMoveOf(e);
    if (move) {
      e.preventDefault();
      this.move(move.move, move.extend);
      return;
    }
    if (this.events.onEditKey(e)) e.preventDefault();
  }
}

/**
 * The classes a byte is drawn with (space-separated; '' for none): the cursor, the selection, a
 * find match ('hl', the current one 'hl-current', which wins), changed since the save ('edited'),
 * waiting for its second hex digit ('pending').
 */
export function markClass(marks: RowMarks, byte: number): string {
  const names: string[] = [];
  if (marks.showCursor && byte === marks.cursor) names.push('cur');
  const sel = marks.selection;
  if (sel && byte >= sel.start && byte < sel.end) names.push('sel');
  let match: string | undefined;
  let edited = false;
  for (const h of marks.highlights) {
    if (byte < h.start || byte >= h.end) continue;
    if (h.kind === 'edited') edited = true;
    else if (h.kind === 'current') match = 'hl-current';
    else match ??= 'hl';
  }
  if (match) names.push(match);
  if (edited) names.push('edited');
  if (marks.pending?.offset === byte) names.push('pending');
  return names.join(' ');
}

/** Whether anything marks a byte in [start, end): the row can then be drawn as plain text. */
export function marksTouch(marks: RowMarks, start: number, end: number): boolean {
  if (marks.showCursor && marks.cursor >= start && marks.cursor < end) return true;
  const sel = marks.selection;
  if (sel && sel.start < end && sel.end > start) return true;
  if (marks.pending && marks.pending.offset >= start && marks.pending.offset < end) return true;
  return marks.highlights.some((h) => h.start < end && h.end > start);
}
