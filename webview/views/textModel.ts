// Rows of the text view. Its position is a byte offset (the first character of the top row), not
// a line number, so it opens anywhere in a file of any size before any line index exists: the
// start of a line is found by looking back for a line break in the bytes before (up to 64 KiB;
// further back the row starts at a character boundary as a stand-in).
//
// Word wrap as VS Code's `editor.wordWrap`: 'on' wraps at the width, 'bounded' at the narrower of
// the width and a column, both at word boundaries; 'off' keeps each line on one row (the view
// scrolls sideways), up to UNWRAPPED_COLUMNS characters: a longer line goes on over the next
// rows, so a single line of 1 GB still scrolls, both down and sideways, a row at a time.
import type { PageCache } from '../pageCache';
import type { TextCodec } from '../textCodec';
import { firstLineBreakEnd, lastLineBreakEnd, layoutRows, type TextRow } from '../textLayout';
import type { WordWrap } from '../../shared/protocol';
import type { ByteRange, CaretMove, RowModel, Top, Viewport } from './documentView';

export type { TextRow };

/** How far back to look for the start of a line before treating the window edge as one. */
const BACK_WINDOW = 64 * 1024;
const MAX_CHAR_BYTES = 4;
/** Longest row with word wrap off (VS Code stops drawing a line after 10,000 characters). */
export const UNWRAPPED_COLUMNS = 16 * 1024;
/** A triple click selects up to this much of a line. */
const LINE_WINDOW = 1024 * 1024;
const WORD = /[\p{L}\p{N}\p{M}_]/u;
const SPACE = /\s/u;

export class TextModel implements RowModel<TextRow> {
  readonly kind = 'text';
  private viewport: Viewport = { rows: 1, columns: 80 };
  private wrap: WordWrap = 'on';
  private wrapColumn = 80;
  /** The last full screen's top, for the size and measures it was computed with. */
  private lastTop: { key: string; top: Top } | undefined;
  /** The last rows laid out for the screen: drawn again (a cursor move, line numbers) without laying out again. */
  private memo: { key: string; rows: readonly TextRow[] } | undefined;
  private version = 0;

  constructor(
    private readonly cache: PageCache,
    public size: number,
    private codec: TextCodec,
    private readonly tabSize = 4,
  ) {}

  setSize(size: number): void {
    this.size = size;
    this.changed();
  }

  setViewport(viewport: Viewport): void {
    this.viewport = viewport;
    this.changed();
  }

  setCodec(codec: TextCodec): void {
    this.codec = codec;
    this.changed();
  }

  /** The bytes or the measures changed: nothing laid out before holds. */
  private changed(): void {
    this.version++;
    this.lastTop = undefined;
    this.memo = undefined;
  }

  get wordWrap(): WordWrap {
    return this.wrap;
  }

  setWordWrap(wrap: WordWrap, column = this.wrapColumn): void {
    this.wrap = wrap;
    this.wrapColumn = Math.max(1, Math.floor(column));
    this.changed();
  }

  /** Characters per row. */
  get columns(): number {
    if (this.wrap === 'off') return UNWRAPPED_COLUMNS;
    if (this.wrap === 'bounded') return Math.min(this.viewport.columns, this.wrapColumn);
    return this.viewport.columns;
  }

  rowsFrom(top: Top, count: number): readonly TextRow[] | undefined {
    if (this.size === 0) return [];
    const key = `${this.version}:${top.offset}:${top.lineStart}:${count}`;
    if (this.memo?.key === key) return this.memo.rows;
    const rows = this.layoutScreen(top, count);
    if (rows) this.memo = { key, rows };
    return rows;
  }

  private layoutScreen(top: Top, count: number): readonly TextRow[] | undefined {
    // Most rows are short: lay out from a small window first, a wider one when it did not fill.
    let span = Math.min(this.maxBytes(count), 64 * 1024);
    for (;;) {
      const rows = this.layoutRange(top.offset, top.offset + span, top.lineStart, count);
      if (!rows) return undefined;
      if (rows.length >= count || top.offset + span >= this.size || span >= this.maxBytes(count)) return rows;
      span = Math.min(span * 4, this.maxBytes(count));
    }
  }

  topFor(offset: number, rowsAbove: number): Top | undefined {
    const target = Math.max(0, Math.min(offset, this.size - 1));
    const around = this.rowsAround(target);
    if (!around) return undefined;
    const row = around.rows[around.index];
    const top = row ? { offset: row.start, lineStart: row.lineStart } : { offset: 0, lineStart: true };
    return rowsAbove > 0 ? this.moveUp(top, rowsAbove) : top;
  }

  scrollFrom(top: Top, delta: number): Top | undefined {
    if (delta < 0) return this.moveUp(top, -delta);
    const rows = this.rowsFrom(top, delta + 1);
    if (!rows) return undefined;
    const target = rows[Math.min(delta, rows.length - 1)];
    return target && target.start < this.size ? { offset: target.start, lineStart: target.lineStart } : top;
  }

  clamp(top: Top): Top | undefined {
    // A top this far from the end cannot be past the last full screen: no need for its pages.
    const rows = this.viewport.rows;
    if (this.size - top.offset > rows * (this.columns * MAX_CHAR_BYTES + 8)) return top;
    const key = `${this.size}:${rows}:${this.columns}:${this.codec.label}`;
    if (this.lastTop?.key !== key) {
      let last = this.topFor(this.size - 1, rows - 1);
      // Inside a line longer than the 64 KiB looked back, rows laid out from different starts
      // may not meet exactly: make sure the last screen really is full.
      for (let k = 0; k < 4 && last && last.offset > 0; k++) {
        const shown = this.rowsFrom(last, rows);
        if (!shown) return undefined;
        if (shown.length >= rows) break;
        last = this.moveUp(last, rows - shown.length);
      }
      if (!last) return undefined;
      this.lastTop = { key, top: last };
    }
    return top.offset > this.lastTop.top.offset ? this.lastTop.top : top;
  }

  /** Bytes of the byte-order mark at the file's start in this encoding (0: none, or not read yet). */
  get bomLength(): number {
    const head = this.cache.bytes(0, Math.min(this.size, MAX_CHAR_BYTES));
    const ch = head && this.codec.decode(head, 0);
    return ch && !ch.invalid && ch.text === '\ufeff' ? ch.length : 0;
  }

  /** Where the document starts for the cursor: after the byte-order mark. */
  docStart(): number {
    return this.size > 0 ? Math.min(this.bomLength, this.size) : 0;
  }

  caretAfter(cursor: number, move: CaretMove): number | undefined {
    const next = this.caretMove(Math.max(cursor, this.docStart()), move);
    return next === undefined ? undefined : Math.max(next, this.docStart());
  }

  private caretMove(cursor: number, move: CaretMove): number | undefined {
    if (this.size === 0) return 0;
    if (move === 'left') {
      if (cursor <= 0) return 0;
      const around = this.rowsAround(Math.min(cursor, this.size) - 1);
      if (!around) return undefined;
      const before = positions(around.rows[around.index], this.size).filter((p) => p < cursor);
      return before.length ? before[before.length - 1] : cursor - 1;
    }
    const around = this.rowsAround(Math.min(cursor, this.size - 1));
    if (!around) return undefined;
    const row = around.rows[around.index];
    if (!row) return cursor;
    switch (move) {
      case 'right': {
        if (cursor >= this.size) return this.size;
        const after = positions(row, this.size).find((p) => p > cursor);
        return after ?? row.end;
      }
      case 'rowStart': {
        if (!row.lineStart) return row.start;
        // Home goes to the first character that is not a space, then to the line's start (VS Code).
        const firstText = row.cells.find((c) => c.kind !== 'tab' && c.kind !== 'bom' && !SPACE.test(c.text))?.start ?? row.start;
        return cursor === firstText ? row.start : firstText;
      }
      case 'rowEnd': {
        const all = positions(row, this.size);
        return all[all.length - 1] ?? row.start;
      }
      case 'down': {
        const next = around.rows[around.index + 1];
        return next ? this.offsetAtColumn(next, this.columnOf(row, cursor)) : this.caretAfter(cursor, 'rowEnd');
      }
      case 'up': {
        if (around.index > 0) return this.offsetAtColumn(around.rows[around.index - 1], this.columnOf(row, cursor));
        if (row.start === 0) return 0;
        const previous = this.rowsAround(row.start - 1);
        if (!previous) return undefined;
        return this.offsetAtColumn(previous.rows[previous.index], this.columnOf(row, cursor));
      }
    }
  }

  columnOf(row: TextRow, offset: number): number {
    let col = 0;
    for (const cell of row.cells) {
      if (offset < cell.start + cell.length) return col;
      col += cell.text.length;
    }
    return col;
  }

  offsetAtColumn(row: TextRow, column: number): number {
    let at = 0;
    for (const cell of row.cells) {
      if (column < at + cell.text.length) return cell.start;
      at += cell.text.length;
    }
    const all = positions(row, this.size);
    return all[all.length - 1] ?? row.start;
  }

  unitAt(offset: number, unit: 'word' | 'line'): ByteRange | undefined {
    if (this.size === 0) return undefined;
    const target = Math.min(offset, this.size - 1);
    if (unit === 'line') return this.lineAt(target);
    const around = this.rowsAround(target);
    if (!around) return undefined;
    // The cells of the line's rows around the target: a word may continue on a wrapped row.
    let first = around.index;
    while (first > 0 && !around.rows[first].lineStart) first--;
    let last = around.index;
    while (last + 1 < around.rows.length && !around.rows[last + 1].lineStart) last++;
    const cells = around.rows.slice(first, last + 1).flatMap((r) => r.cells);
    const at = cells.findIndex((c) => target >= c.start && target < c.start + c.length);
    if (at < 0) return { start: target, end: Math.min(this.size, target + 1) };
    const kind = (t: string) => (WORD.test(t) ? 'word' : SPACE.test(t) ? 'space' : 'other');
    const k = kind(cells[at].text);
    let s = at;
    let e = at;
    if (k !== 'other') {
      while (s > 0 && kind(cells[s - 1].text) === k) s--;
      while (e + 1 < cells.length && kind(cells[e + 1].text) === k) e++;
    }
    return { start: cells[s].start, end: cells[e].start + cells[e].length };
  }

  rowText(row: TextRow): string {
    return row.cells.map((c) => c.text).join('');
  }

  /** The line holding `offset`, its break included (bounded: a line longer than 1 MiB is cut). */
  private lineAt(offset: number): ByteRange | undefined {
    const ls = this.lineStartBefore(offset + 1, true);
    if (!ls) return undefined;
    const end = Math.min(this.size, offset + LINE_WINDOW);
    if (!this.cache.want(offset, end)) return undefined;
    const bytes = this.cache.bytes(offset, end);
    if (!bytes) return undefined;
    const k = firstLineBreakEnd(bytes, this.codec, end >= this.size);
    return { start: ls.start, end: k >= 0 ? offset + k : end };
  }

  private maxBytes(rows: number): number {
    return rows * (this.columns * MAX_CHAR_BYTES + 8);
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
      breakAtWords: this.wrap !== 'off',
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

  /** The rows from the start of `target`'s line through the row after the one holding it. */
  private rowsAround(target: number): { rows: TextRow[]; index: number } | undefined {
    const ls = this.lineStartBefore(target + 1, true);
    if (!ls) return undefined;
    let start = ls.start;
    let lineStart = ls.real;
    const collected: TextRow[] = [];
    for (let guard = 0; guard < 10000; guard++) {
      const rows = this.layoutRange(start, target + 2 * (this.columns * MAX_CHAR_BYTES + 8), lineStart);
      if (!rows) return undefined;
      if (rows.length === 0) break;
      const hit = rows.findIndex((r) => target < r.end || r.end >= this.size);
      if (hit >= 0) {
        // Keep only the rows of this pass from a bounded distance back: a wrapped line of 1 GB
        // is laid out a pass at a time, and only the rows near the target matter.
        const all = collected.slice(-4).concat(rows);
        const index = all.length - rows.length + hit;
        return { rows: all, index };
      }
      collected.push(...rows.slice(-4));
      const last = rows[rows.length - 1];
      start = last.end;
      lineStart = endsWithBreak(last);
    }
    return undefined;
  }

  private moveUp(from: Top, n: number): Top | undefined {
    let remaining = n;
    let top = from.offset;
    let topLine = from.lineStart;
    while (remaining > 0 && top > 0) {
      const ls = this.lineStartBefore(top, topLine);
      if (!ls) return undefined;
      // Only the bytes up to the current top: rows before it are all this needs.
      const rows = this.layoutRange(ls.start, top, ls.real);
      if (!rows) return undefined;
      const before = rows.filter((r) => r.start < top);
      if (before.length === 0) break;
      const take = Math.min(remaining, before.length);
      const row = before[before.length - take];
      top = row.start;
      topLine = row.lineStart;
      remaining -= take;
    }
    return { offset: top, lineStart: topLine };
  }
}

/** Where a cursor can stand in a row: each character, the line break, the end of the document. */
function positions(row: TextRow | undefined, size: number): number[] {
  if (!row) return [];
  const at = row.cells.filter((c) => c.text !== '').map((c) => c.start);
  const consumed = row.cells.reduce((n, c) => n + c.length, 0);
  if (row.end - row.start > consumed) at.push(row.start + consumed); // the line break
  else if (row.end >= size) at.push(size);
  return at;
}

function endsWith(bytes: Uint8Array, end: number, suffix: Uint8Array): boolean {
  if (end < suffix.length) return false;
  for (let k = 0; k < suffix.length; k++) if (bytes[end - suffix.length + k] !== suffix[k]) return false;
  return true;
}

/** Whether the row after `row` starts a line: it does when `row` ended with a line break. */
export function endsWithBreak(row: TextRow): boolean {
  const consumed = row.cells.reduce((n, c) => n + c.length, 0);
  return row.end - row.start > consumed;
}
