// The position of a view and the moves of its cursor, for any RowModel, as VS Code's editor
// moves them: PageUp/PageDown move the screen by a page and the cursor with it (same row on
// screen, same column); every other key acts on the cursor where it is and brings it into view
// (so after a wheel scroll ArrowDown moves the cursor, it does not scroll by a row); the last
// screen is full (the last row at the bottom, never alone at the top). No DOM: unit-tested.
//
// A move whose pages are not here yet waits: `run` keeps it and tries it again when pages
// arrive, and nothing is drawn meanwhile (drawing the old position would ask for its pages and
// cancel the ones the move waits for). A move that fails changes nothing.
import type { Selection } from '../selection';
import { DOCUMENT_START, type CursorMove, type RevealAt, type RowModel, type Top, type ViewRow, type Viewport } from './documentView';

export interface NavigatorEvents {
  /** A move finished: draw. */
  changed(): void;
  /** The top changed; `byUser` for the user's own scrolling and cursor keys (not a reveal). */
  topChanged(byUser: boolean): void;
}

/** A try at a move: false (and nothing changed) while its pages are on the way. */
type Attempt = () => boolean;

export class ViewNavigator<R extends ViewRow> {
  private current: Top = DOCUMENT_START;
  private pending: Attempt | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private viewport: Viewport = { rows: 1, columns: 80 };

  constructor(
    readonly model: RowModel<R>,
    private readonly selection: Selection,
    private readonly events: NavigatorEvents,
  ) {}

  get top(): Top {
    return this.current;
  }

  get rows(): number {
    return this.viewport.rows;
  }

  /** A move is waiting for its pages. */
  get waiting(): boolean {
    return this.pending !== undefined;
  }

  setViewport(viewport: Viewport): void {
    this.viewport = viewport;
    this.model.setViewport(viewport);
  }

  /** The rows on screen, or undefined while their pages are on the way. */
  visibleRows(count = this.viewport.rows): readonly R[] | undefined {
    return this.model.rowsFrom(this.current, count);
  }

  /** Runs a move now, or once its pages are here; a newer move replaces a waiting one. */
  run(attempt: Attempt): void {
    this.pending = attempt;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    this.attempt();
  }

  pagesArrived(): void {
    if (this.pending) this.attempt();
  }

  /** Shows the row holding `top.offset` at the top (a restored or kept position). */
  show(top: Top): void {
    this.run(() => {
      const t = this.model.topFor(Math.min(top.offset, Math.max(0, this.model.size - 1)), 0);
      const clamped = t && this.model.clamp(t);
      return !!clamped && this.setTop(clamped, false);
    });
  }

  /** Measures changed (a resize, a wrap width): the same top, clamped again, unless a move waits. */
  relayout(): void {
    if (this.pending) return; // it will finish with the new measures
    this.show(this.current);
  }

  /** Brings `offset`'s row into view. */
  reveal(offset: number, at: RevealAt): void {
    this.run(() => {
      const t = this.revealTop(offset, at, this.current);
      return !!t && this.setTop(t, false);
    });
  }

  scrollRows(delta: number): void {
    if (delta === 0) return;
    this.run(() => {
      const moved = this.model.scrollFrom(this.current, delta);
      const t = moved && this.model.clamp(moved);
      return !!t && this.setTop(t, true);
    });
  }

  /** The scrollbar's thumb: the screen starts at `offset`'s row. */
  scrollTo(offset: number): void {
    this.run(() => {
      const t = this.model.topFor(offset, 0);
      const clamped = t && this.model.clamp(t);
      return !!clamped && this.setTop(clamped, true);
    });
  }

  /** A cursor key: moves the cursor (extending the selection with Shift) and keeps it in view. */
  move(move: CursorMove, extend: boolean): void {
    this.run(() => (move === 'pageUp' || move === 'pageDown' ? this.page(move === 'pageDown' ? 1 : -1, extend) : this.caret(move, extend)));
  }

  /** The document's last byte is on screen. */
  atEnd(): boolean {
    const rows = this.visibleRows();
    return !!rows && (rows.length === 0 || rows[rows.length - 1].end >= this.model.size);
  }

  private attempt(): void {
    const attempt = this.pending;
    if (!attempt) return;
    if (attempt()) {
      if (this.pending === attempt) this.pending = undefined;
      if (this.retry) clearTimeout(this.retry);
      this.retry = undefined;
      this.events.changed();
    } else if (!this.retry) {
      // Asks again if its pages never come (a request dropped on the way): never stuck.
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.attempt();
      }, 1000);
    }
  }

  private setTop(top: Top, byUser: boolean): true {
    const changed = top.offset !== this.current.offset || top.lineStart !== this.current.lineStart;
    this.current = top;
    if (changed) this.events.topChanged(byUser);
    return true;
  }

  /** The top that shows `offset` as `at` asks, from the screen at `from`; undefined while pages come. */
  private revealTop(offset: number, at: RevealAt, from: Top): Top | undefined {
    const n = this.viewport.rows;
    if (at === 'nearest') {
      const shown = this.model.rowsFrom(from, n);
      if (!shown) return undefined;
      // In view already; the screen is still clamped (after a re-layout it may be past the last full one).
      if (contains(shown, offset, this.model.size)) return this.model.clamp(from);
      at = offset < from.offset ? 'top' : 'bottom';
    }
    const above = at === 'top' ? 0 : at === 'center' ? Math.floor(n / 2) : n - 1;
    const t = this.model.topFor(Math.min(offset, Math.max(0, this.model.size - 1)), above);
    return t && this.model.clamp(t);
  }

  private caret(move: Exclude<CursorMove, 'pageUp' | 'pageDown'>, extend: boolean): boolean {
    const size = this.model.size;
    let next: number | undefined;
    if (move === 'docStart') next = this.model.docStart?.() ?? 0;
    else if (move === 'docEnd') next = size;
    else {
      // Unless it extends a selection, a move from a selection starts at the cursor, as VS Code's
      // does for up and down (left and right collapse to the selection's side).
      const range = this.selection.range();
      if (range && !extend && (move === 'left' || move === 'right')) next = move === 'left' ? range.start : range.end;
      else next = this.model.caretAfter(this.selection.cursor, move);
    }
    if (next === undefined) return false;
    next = Math.max(0, Math.min(next, size));
    const top = this.revealTop(next, move === 'docEnd' ? 'bottom' : 'nearest', this.current);
    if (!top) return false;
    this.selection.moveTo(next, extend);
    this.setTop(top, true);
    return true;
  }

  /** PageDown (1) / PageUp (-1): the screen a page on, the cursor on the same row of it. */
  private page(direction: 1 | -1, extend: boolean): boolean {
    const n = this.viewport.rows;
    const cursor = this.selection.cursor;
    // The cursor's place on screen; a cursor off screen is brought into view first.
    let from = this.current;
    let shown = this.model.rowsFrom(from, n);
    if (!shown) return false;
    if (!contains(shown, cursor, this.model.size)) {
      const t = this.revealTop(cursor, 'center', from);
      shown = t && this.model.rowsFrom(t, n);
      if (!t || !shown) return false;
      from = t;
    }
    const index = Math.max(0, shown.findIndex((r) => cursor >= r.start && cursor < r.end));
    const row = shown[index];
    const column = row ? this.model.columnOf(row, cursor) : 0;
    const moved = this.model.scrollFrom(from, direction * n);
    const top = moved && this.model.clamp(moved);
    const rows = top && this.model.rowsFrom(top, n);
    if (!top || !rows) return false;
    // No further to go: the cursor goes to the document's start or end, as VS Code's does on
    // the first and last page; otherwise it keeps its row on the screen, and its column.
    const target = rows[Math.min(index, rows.length - 1)];
    const next = top.offset === from.offset || !target ? (direction > 0 ? this.model.size : 0) : this.model.offsetAtColumn(target, column);
    this.selection.moveTo(next, extend);
    this.setTop(top, true);
    return true;
  }
}

/** Whether `offset` is in the rows shown (the end of the document counts as in the last row). */
export function contains(rows: readonly ViewRow[], offset: number, size: number): boolean {
  if (rows.length === 0) return true;
  const last = rows[rows.length - 1];
  return offset >= rows[0].start && (offset < last.end || (offset >= size && last.end >= size));
}
