// The virtualized text view. Its position is a byte offset (the first character of the top
// row), not a line number, so it opens anywhere in a file of any size before any line index
// exists; long lines wrap, so a 1 GB single-line file scrolls like any other.
import { PageCache } from './pageCache';
import { measureRow } from './measure';
import { ViewFrame } from './viewFrame';
import { Selection } from './selection';
import type { TextCodec } from './textCodec';
import { lastLineBreakEnd, layoutRows, TextRow } from './textLayout';
import { formatOffset, offsetDigits } from './hexFormat';

export interface TextViewEvents {
  onCursor(selection: Selection): void;
  onRendered(firstOffset: number, rows: string[]): void;
  onTopChanged(topOffset: number): void;
  /** A key the view does not use for moving: typing, deleting. Returns true if it was handled. */
  onEditKey(e: KeyboardEvent): boolean;
}

/** How far back to look for the start of a line before treating the window edge as one. */
const BACK_WINDOW = 64 * 1024;
const MAX_CHAR_BYTES = 4;
const OVERSCAN_ROWS = 2;

interface RowElements {
  readonly row: HTMLElement;
  readonly gutter: HTMLElement;
  readonly text: HTMLElement;
}

/** A move that may have to wait for pages: returns false to be retried when they arrive. */
type PendingMove = () => boolean;

export class TextView {
  private readonly frame: ViewFrame;
  private pool: RowElements[] = [];
  private rows: TextRow[] = [];
  private top = 0;
  private topIsLineStart = true;
  private charWidth = 8;
  private columns = 80;
  private pending: PendingMove | undefined;
  /** Line numbers, once known: returns the 1-based line of a line-start offset, or undefined. */
  lineOf: (offset: number) => number | undefined = () => undefined;

  constructor(
    private readonly cache: PageCache,
    private size: number,
    private codec: TextCodec,
    private readonly selection: Selection,
    private readonly events: TextViewEvents,
    private readonly tabSize = 4,
  ) {
    this.frame = new ViewFrame('text-view', 'document', 'Text view', {
      scrollTo: (offset) => this.jumpTo(offset, 'top'),
      page: (dir) => this.scrollRows(dir * this.visibleRows()),
      wheelRows: (rows) => this.scrollRows(rows),
      key: (e) => this.onKey(e),
      pointer: (e, extending) => this.onPointer(e, extending),
    });
  }

  get element(): HTMLElement {
    return this.frame.element;
  }

  get topOffset(): number {
    return this.top;
  }

  focus(): void {
    this.frame.rows.focus();
  }

  setCodec(codec: TextCodec): void {
    this.codec = codec;
    this.jumpTo(this.top, 'top');
  }

  setSize(size: number): void {
    this.size = size;
    this.rows = [];
    if (this.top >= size) this.jumpTo(Math.max(0, size - 1), 'top');
    else this.run(() => true);
  }

  /** Shows the view with the row holding `offset` at the top. */
  show(offset: number): void {
    this.measure();
    this.jumpTo(offset, 'top');
  }

  /** After a resize: measures again and keeps the position. */
  layout(): void {
    this.measure();
    this.jumpTo(this.top, 'top');
  }

  private measure(): void {
    const { rowHeight, charWidth } = measureRow(this.frame.rows);
    this.frame.rowHeight = rowHeight;
    this.charWidth = charWidth;
    // The gutter is at least 10ch wide plus a 2ch margin (style.css); the padding is 2 × 10px.
    const gutterChars = Math.max(10, offsetDigits(this.size)) + 2;
    this.columns = Math.max(8, Math.floor((this.frame.rows.clientWidth - 20) / this.charWidth) - gutterChars - 1);
    const wanted = this.visibleRows() + OVERSCAN_ROWS;
    while (this.pool.length < wanted) this.pool.push(this.createRow());
    while (this.pool.length > wanted) this.pool.pop()!.row.remove();
  }

  /** Called when pages arrive: finishes a move that waited for them, then redraws. */
  pagesArrived(): void {
    if (this.pending) {
      if (!this.pending()) return;
      this.pending = undefined;
    }
    this.render();
  }

  /** Puts the row holding `offset` at the top (or in the middle). */
  jumpTo(offset: number, where: 'top' | 'center' | 'nearest'): void {
    const target = Math.max(0, Math.min(offset, Math.max(0, this.size - 1)));
    if (where === 'nearest' && this.rows.length > 0) {
      const visible = this.rows.slice(0, this.visibleRows());
      const last = visible[visible.length - 1];
      if (target >= this.top && last && target < last.end) return;
      if (last && target >= last.end) {
        this.run(() => this.moveToRowOf(target, this.visibleRows() - 1));
        return;
      }
    }
    this.run(() => this.moveToRowOf(target, where === 'center' ? Math.floor(this.visibleRows() / 2) : 0));
  }

  scrollRows(delta: number): void {
    if (delta === 0) return;
    this.run(() => (delta > 0 ? this.moveDown(delta) : this.moveUp(-delta)));
  }

  render(): void {
    // A move waiting for its pages decides what is drawn next; drawing the old position now
    // would ask for (and so cancel the requests for) the wrong pages.
    if (this.pending) return;
    this.frame.scrollbar.update(
      { totalRows: this.size, visibleRows: Math.max(1, this.screenBytes()), trackPx: this.frame.scrollbar.element.clientHeight },
      this.top,
    );
    const rows = this.layoutFrom(this.top, this.topIsLineStart, this.pool.length);
    if (!rows) return;
    this.rows = rows;
    const digits = offsetDigits(this.size);
    const sel = this.selection.range();
    const cursor = this.selection.cursor;
    const texts: string[] = [];
    for (let i = 0; i < this.pool.length; i++) {
      const el = this.pool[i];
      const row = rows[i];
      if (!row) {
        el.row.hidden = true;
        continue;
      }
      el.row.hidden = false;
      const line = row.lineStart ? this.lineOf(row.start) : undefined;
      el.gutter.textContent = row.lineStart ? (line !== undefined ? String(line) : formatOffset(row.start, digits)) : '';
      el.gutter.title = row.lineStart && line === undefined ? 'Byte offset (line numbers appear once the file is indexed)' : '';
      fillRow(el.text, row, sel, cursor);
      if (i < this.visibleRows()) texts.push(row.cells.map((c) => c.text).join(''));
    }
    this.events.onRendered(this.top, texts);
  }

  /**
   * Runs a move now, or once its pages are here. Nothing is drawn meanwhile: drawing would ask
   * the cache for the old position's pages and cancel the ones the move waits for.
   */
  private run(move: PendingMove): void {
    this.pending = move;
    const attempt = () => {
      if (this.pending !== move) return;
      if (move()) {
        this.pending = undefined;
        this.render();
      } else {
        // Asks again if its pages never come (a request dropped on the way): never stuck.
        setTimeout(attempt, 1000);
      }
    };
    attempt();
  }

  private setTop(offset: number, lineStart: boolean): void {
    if (offset === this.top && lineStart === this.topIsLineStart) return;
    this.top = offset;
    this.topIsLineStart = lineStart;
    this.events.onTopChanged(offset);
  }

  private screenBytes(): number {
    if (this.rows.length === 0) return this.visibleRows() * this.columns;
    const visible = this.rows.slice(0, this.visibleRows());
    return visible[visible.length - 1].end - this.top;
  }

  private visibleRows(): number {
    return this.frame.visibleRows();
  }

  /** Rows starting at `start`, or undefined while their bytes are still on the way. */
  private layoutFrom(start: number, lineStart: boolean, maxRows: number): TextRow[] | undefined {
    return this.layoutRange(start, start + maxRows * this.columns * MAX_CHAR_BYTES + 8, lineStart, maxRows);
  }

  /** Rows of the bytes in [start, end), or undefined while they are still on the way. */
  private layoutRange(start: number, end: number, lineStart: boolean, maxRows = Infinity): TextRow[] | undefined {
    if (this.size === 0) return [];
    end = Math.min(this.size, end);
    if (!this.cache.want(start, end)) return undefined;
    const bytes = this.cache.bytes(start, end);
    if (!bytes) return undefined;
    return layoutRows(bytes, start, this.codec, {
      wrapColumns: this.columns,
      tabSize: this.tabSize,
      maxRows,
      atEnd: end >= this.size,
      firstIsLineStart: lineStart,
    });
  }

  /** The start of the line holding the byte before `offset` (or a stand-in far back). */
  private lineStartBefore(offset: number, skipBreak: boolean): { start: number; real: boolean } | undefined {
    if (offset <= 0) return { start: 0, real: true };
    const from = Math.max(0, offset - BACK_WINDOW);
    if (!this.cache.want(from, offset)) return undefined;
    const window = this.cache.bytes(from, offset);
    if (!window) return undefined;
    let end = window.length;
    if (skipBreak) {
      const nl = this.codec.newline;
      const cr = this.codec.carriageReturn;
      if (endsWith(window, end, nl)) end -= nl.length;
      if (endsWith(window, end, cr)) end -= cr.length;
    }
    const k = lastLineBreakEnd(window.subarray(0, end), this.codec);
    if (k >= 0) return { start: from + k, real: true };
    if (from === 0) return { start: 0, real: true };
    const before = this.cache.bytes(Math.max(0, from - MAX_CHAR_BYTES), from) ?? new Uint8Array(0);
    return { start: this.codec.align(before, from), real: false };
  }

  private moveToRowOf(target: number, rowsAbove: number): boolean {
    const ls = this.lineStartBefore(target, false);
    if (!ls) return false;
    let start = ls.start;
    let lineStart = ls.real;
    // Walk rows forward from the line start to the row that holds the target.
    for (let guard = 0; guard < 10000; guard++) {
      const rows = this.layoutRange(start, target + this.columns * MAX_CHAR_BYTES + 8, lineStart);
      if (!rows) return false;
      if (rows.length === 0) break;
      const hit = rows.find((r) => target < r.end || r.end >= this.size);
      if (hit) {
        this.setTop(hit.start, hit.lineStart);
        return rowsAbove > 0 ? this.moveUp(rowsAbove) : true;
      }
      const last = rows[rows.length - 1];
      start = last.end;
      lineStart = endsWithBreak(last);
    }
    this.setTop(start, lineStart);
    return true;
  }

  private moveDown(n: number): boolean {
    const rows = this.layoutFrom(this.top, this.topIsLineStart, n + 1);
    if (!rows) return false;
    const target = rows[Math.min(n, rows.length - 1)];
    if (target && target.start < this.size) this.setTop(target.start, target.lineStart);
    return true;
  }

  private moveUp(n: number): boolean {
    let remaining = n;
    let top = this.top;
    let topLine = this.topIsLineStart;
    while (remaining > 0 && top > 0) {
      const ls = this.lineStartBefore(top, topLine);
      if (!ls) return false;
      // Only the bytes up to the current top: rows before it are all this needs.
      const rows = this.layoutRange(ls.start, top, ls.real);
      if (!rows) return false;
      const before = rows.filter((r) => r.start < top);
      if (before.length === 0) break;
      const take = Math.min(remaining, before.length);
      const row = before[before.length - take];
      top = row.start;
      topLine = row.lineStart;
      remaining -= take;
    }
    this.setTop(top, topLine);
    return true;
  }

  private createRow(): RowElements {
    const row = document.createElement('div');
    row.className = 'row';
    const gutter = document.createElement('span');
    gutter.className = 'gutter';
    gutter.setAttribute('aria-hidden', 'true');
    const text = document.createElement('span');
    text.className = 'text';
    row.append(gutter, text);
    this.frame.rows.appendChild(row);
    return { row, gutter, text };
  }

  private rowAt(e: PointerEvent): TextRow | undefined {
    const rowEl = (e.target as HTMLElement).closest('.row');
    const index = this.pool.findIndex((p) => p.row === rowEl);
    return index >= 0 ? this.rows[index] : undefined;
  }

  private onPointer(e: PointerEvent, extending: boolean): void {
    const row = this.rowAt(e);
    if (!row) return;
    const textEl = this.pool[this.rows.indexOf(row)].text;
    const col = Math.floor((e.clientX - textEl.getBoundingClientRect().left) / this.charWidth);
    const offset = offsetAtColumn(row, col);
    if (!extending) e.preventDefault();
    this.selection.moveTo(offset, extending || e.shiftKey);
    this.render();
    this.events.onCursor(this.selection);
  }

  private onKey(e: KeyboardEvent): void {
    const c = this.selection.cursor;
    const visible = this.rows.slice(0, this.visibleRows());
    const rowIndex = visible.findIndex((r) => c >= r.start && c < r.end);
    const row = rowIndex >= 0 ? visible[rowIndex] : undefined;
    let next: number | undefined;
    switch (e.key) {
      case 'ArrowLeft': {
        const cell = row?.cells.findIndex((x) => x.start === c) ?? -1;
        next = row && cell > 0 ? row.cells[cell - 1].start : c - 1;
        break;
      }
      case 'ArrowRight': {
        const cell = row?.cells.find((x) => x.start === c);
        next = c + (cell?.length ?? 1);
        break;
      }
      case 'ArrowDown':
      case 'ArrowUp': {
        const delta = e.key === 'ArrowDown' ? 1 : -1;
        const col = row ? columnOf(row, c) : 0;
        const target = rowIndex >= 0 ? this.rows[rowIndex + delta] : undefined;
        if (target) next = offsetAtColumn(target, col);
        else {
          this.scrollRows(delta);
          return;
        }
        break;
      }
      case 'PageDown':
      case 'PageUp':
        this.scrollRows((e.key === 'PageDown' ? 1 : -1) * this.visibleRows());
        e.preventDefault();
        return;
      case 'Home':
        next = e.ctrlKey || e.metaKey ? 0 : (row?.start ?? c);
        break;
      case 'End':
        next = e.ctrlKey || e.metaKey ? this.size - 1 : row ? lastCellStart(row) : c;
        break;
      default:
        if (this.events.onEditKey(e)) e.preventDefault();
        return;
    }
    e.preventDefault();
    this.selection.moveTo(Math.max(0, Math.min(this.size - 1, next)), e.shiftKey);
    this.jumpTo(this.selection.cursor, 'nearest');
    this.events.onCursor(this.selection);
  }
}

function endsWith(bytes: Uint8Array, end: number, suffix: Uint8Array): boolean {
  if (end < suffix.length) return false;
  for (let k = 0; k < suffix.length; k++) if (bytes[end - suffix.length + k] !== suffix[k]) return false;
  return true;
}

/** Whether the row after `row` starts a line: it does when `row` ended with a line break. */
function endsWithBreak(row: TextRow): boolean {
  const consumed = row.cells.reduce((n, c) => n + c.length, 0);
  return row.end - row.start > consumed;
}

function columnOf(row: TextRow, offset: number): number {
  let col = 0;
  for (const cell of row.cells) {
    if (offset < cell.start + cell.length) return col;
    col += cell.text.length;
  }
  return col;
}

function offsetAtColumn(row: TextRow, col: number): number {
  let at = 0;
  for (const cell of row.cells) {
    if (col < at + cell.text.length) return cell.start;
    at += cell.text.length;
  }
  return row.cells.length ? lastCellStart(row) : row.start;
}

function lastCellStart(row: TextRow): number {
  return row.cells.length ? row.cells[row.cells.length - 1].start : row.start;
}

/** Fills a row's text, merging plain characters into text nodes and marking the cursor and selection. */
function fillRow(el: HTMLElement, row: TextRow, sel: { start: number; end: number } | undefined, cursor: number): void {
  const nodes: Node[] = [];
  let plain = '';
  const flush = () => {
    if (plain) nodes.push(document.createTextNode(plain));
    plain = '';
  };
  for (const cell of row.cells) {
    const marks: string[] = [];
    if (cell.kind) marks.push(cell.kind);
    if (sel && cell.start >= sel.start && cell.start < sel.end) marks.push('sel');
    if (cursor === cell.start) marks.push('cur');
    if (marks.length === 0) {
      plain += cell.text;
      continue;
    }
    flush();
    const span = document.createElement('span');
    span.className = marks.join(' ');
    span.textContent = cell.text;
    nodes.push(span);
  }
  flush();
  // The cursor sits on the line break or at the end of the file.
  if (cursor >= row.start && cursor < row.end && !row.cells.some((c) => c.start === cursor)) {
    const span = document.createElement('span');
    span.className = 'cur eol';
    span.textContent = ' ';
    nodes.push(span);
  }
  el.replaceChildren(...nodes);
}
