// The virtualized hex view: a fixed pool of row elements reused as the view moves, a cursor and
// a selection driven by mouse and keyboard. Rows are real text, so they can be selected and read
// by screen readers; file bytes reach the DOM only through textContent.
import { formatAscii, formatHexBytes, formatOffset, offsetDigits } from './hexFormat';
import { clampTopRow, fitBytesPerRow, rowCount, ScrollGeometry } from './layout';
import { PageCache } from './pageCache';
import { measureRow } from './measure';
import { ViewFrame } from './viewFrame';
import { Selection } from './selection';

interface RowElements {
  readonly row: HTMLElement;
  readonly offset: HTMLElement;
  readonly hex: HTMLElement;
  readonly ascii: HTMLElement;
}

export interface HexViewEvents {
  onCursor(selection: Selection): void;
  onRendered(firstOffset: number, rows: string[]): void;
  onTopChanged(topOffset: number): void;
  /** A key the view does not use for moving: typing, deleting. Returns true if it was handled. */
  onEditKey(e: KeyboardEvent): boolean;
}

const OVERSCAN_ROWS = 2;

export class HexView {
  private readonly frame: ViewFrame;
  private pool: RowElements[] = [];
  private topRow = 0;
  private charWidth = 8;
  private bytesPerRow = 16;

  constructor(
    private readonly cache: PageCache,
    private size: number,
    private readonly selection: Selection,
    private readonly events: HexViewEvents,
    private bytesPerRowSetting: number | 'fit',
  ) {
    this.frame = new ViewFrame('hex-view', 'grid', 'Hex view: offset, bytes and text', {
      scrollTo: (row) => this.scrollToRow(row),
      page: (dir) => this.scrollToRow(this.topRow + dir * this.visibleRows()),
      wheelRows: (rows) => this.scrollToRow(this.topRow + rows),
      key: (e) => this.onKey(e),
      pointer: (e, extending) => this.onPointer(e, extending),
    });
  }

  get element(): HTMLElement {
    return this.frame.element;
  }

  focus(): void {
    this.frame.rows.focus();
  }

  get topOffset(): number {
    return this.topRow * this.bytesPerRow;
  }

  setBytesPerRow(setting: number | 'fit'): void {
    const keep = this.topOffset;
    this.bytesPerRowSetting = setting;
    this.show(keep);
  }

  setSize(size: number): void {
    this.size = size;
    this.topRow = clampTopRow(this.topRow, this.geometry());
    this.render();
  }

  /** Shows the view with the row holding `offset` at the top. */
  show(offset: number): void {
    this.measure();
    this.topRow = clampTopRow(Math.floor(offset / this.bytesPerRow), this.geometry());
    this.render();
  }

  /** After a resize: measures again and keeps the position. */
  layout(): void {
    this.measure();
    this.topRow = clampTopRow(this.topRow, this.geometry());
    this.render();
  }

  /** Measures rows and characters and rebuilds the row pool to fit the height. */
  private measure(): void {
    const { rowHeight, charWidth } = measureRow(this.frame.rows);
    this.frame.rowHeight = rowHeight;
    this.charWidth = charWidth;

    this.bytesPerRow =
      this.bytesPerRowSetting === 'fit'
        ? fitBytesPerRow(Math.floor((this.frame.rows.clientWidth - 24) / this.charWidth), offsetDigits(this.size))
        : this.bytesPerRowSetting;

    const wanted = this.visibleRows() + OVERSCAN_ROWS;
    while (this.pool.length < wanted) this.pool.push(this.createRow());
    while (this.pool.length > wanted) this.pool.pop()!.row.remove();
  }

  scrollToRow(row: number): void {
    const next = clampTopRow(row, this.geometry());
    if (next === this.topRow) return;
    this.topRow = next;
    this.events.onTopChanged(this.topOffset);
    this.render();
  }

  /** Brings `offset` into view: at the top, in the middle, or minimally. */
  scrollToOffset(offset: number, where: 'top' | 'center' | 'nearest'): void {
    const row = Math.floor(offset / this.bytesPerRow);
    const visible = this.visibleRows();
    if (where === 'top') this.scrollToRow(row);
    else if (where === 'center') this.scrollToRow(row - Math.floor(visible / 2));
    else if (row < this.topRow) this.scrollToRow(row);
    else if (row >= this.topRow + visible) this.scrollToRow(row - visible + 1);
  }

  /** Draws the rows from the cache; keeps the previous rows on screen while pages are missing. */
  render(): void {
    const geometry = this.geometry();
    this.frame.scrollbar.update(geometry, this.topRow);
    const start = this.topRow * this.bytesPerRow;
    const end = Math.min(this.size, start + this.pool.length * this.bytesPerRow);
    if (!this.cache.want(start, end)) return;
    const bytes = this.cache.bytes(start, end);
    if (!bytes) return;

    const digits = offsetDigits(this.size);
    const texts: string[] = [];
    const sel = this.selection.range();
    const cursor = this.selection.cursor;
    for (let i = 0; i < this.pool.length; i++) {
      const el = this.pool[i];
      const rowStart = start + i * this.bytesPerRow;
      if (rowStart >= this.size || i * this.bytesPerRow >= bytes.length) {
        el.row.hidden = true;
        continue;
      }
      el.row.hidden = false;
      const rowBytes = bytes.subarray(i * this.bytesPerRow, Math.min(bytes.length, (i + 1) * this.bytesPerRow));
      const offsetText = formatOffset(rowStart, digits);
      const hexText = formatHexBytes(rowBytes, this.bytesPerRow);
      const asciiText = formatAscii(rowBytes);
      el.offset.textContent = offsetText;
      fillMarked(el.hex, hexText, rowStart, rowBytes.length, 3, 2, sel, cursor);
      fillMarked(el.ascii, asciiText, rowStart, rowBytes.length, 1, 1, sel, cursor);
      el.row.setAttribute('aria-rowindex', String(rowStart / this.bytesPerRow + 1));
      if (i < this.visibleRows()) texts.push(`${offsetText}  ${hexText}  ${asciiText}`);
    }
    this.events.onRendered(start, texts);
  }

  private visibleRows(): number {
    return this.frame.visibleRows();
  }

  private geometry(): ScrollGeometry {
    return {
      totalRows: rowCount(this.size, this.bytesPerRow),
      visibleRows: this.visibleRows(),
      trackPx: this.frame.scrollbar.element.clientHeight || this.frame.rows.clientHeight,
    };
  }

  private createRow(): RowElements {
    const row = document.createElement('div');
    row.className = 'row';
    row.setAttribute('role', 'row');
    const cell = (cls: string, label: string) => {
      const el = document.createElement('span');
      el.className = cls;
      el.setAttribute('role', 'gridcell');
      el.setAttribute('aria-label', label);
      row.appendChild(el);
      return el;
    };
    // Real spaces between the cells, so the row's text reads (and copies) as one line.
    const gap = () => row.appendChild(document.createTextNode('  '));
    const offset = cell('offset', 'Offset');
    gap();
    const hex = cell('hex', 'Bytes');
    gap();
    const elements = { row, offset, hex, ascii: cell('ascii', 'Text') };
    this.frame.rows.appendChild(row);
    return elements;
  }

  private onPointer(e: PointerEvent, extending: boolean): void {
    const target = e.target as HTMLElement;
    const cell = target.closest('.hex, .ascii') as HTMLElement | null;
    const rowEl = target.closest('.row') as HTMLElement | null;
    if (!cell || !rowEl) return;
    const rowIndex = this.pool.findIndex((p) => p.row === rowEl);
    if (rowIndex < 0) return;
    const x = e.clientX - cell.getBoundingClientRect().left;
    const ch = Math.floor(x / this.charWidth);
    const byteInRow = cell.classList.contains('hex') ? Math.floor(ch / 3) : ch;
    const rowStart = (this.topRow + rowIndex) * this.bytesPerRow;
    const offset = Math.min(this.size - 1, rowStart + Math.max(0, Math.min(this.bytesPerRow - 1, byteInRow)));
    if (!extending) e.preventDefault();
    this.selection.moveTo(offset, extending || e.shiftKey);
    this.afterCursorMove();
  }

  private onKey(e: KeyboardEvent): void {
    const bpr = this.bytesPerRow;
    const page = this.visibleRows() * bpr;
    const c = this.selection.cursor;
    let next: number | undefined;
    switch (e.key) {
      case 'ArrowLeft': next = c - 1; break;
      case 'ArrowRight': next = c + 1; break;
      case 'ArrowUp': next = c - bpr; break;
      case 'ArrowDown': next = c + bpr; break;
      case 'PageUp': next = c - page; break;
      case 'PageDown': next = c + page; break;
      case 'Home': next = e.ctrlKey || e.metaKey ? 0 : c - (c % bpr); break;
      case 'End': next = e.ctrlKey || e.metaKey ? this.size - 1 : c - (c % bpr) + bpr - 1; break;
      default:
        if (this.events.onEditKey(e)) e.preventDefault();
        return;
    }
    e.preventDefault();
    if (e.key === 'PageUp' || e.key === 'PageDown') {
      this.scrollToRow(this.topRow + (e.key === 'PageUp' ? -1 : 1) * this.visibleRows());
    }
    this.selection.moveTo(Math.max(0, Math.min(this.size - 1, next)), e.shiftKey);
    this.afterCursorMove();
  }

  private afterCursorMove(): void {
    this.scrollToOffset(this.selection.cursor, 'nearest');
    this.render();
    this.events.onCursor(this.selection);
  }
}

/**
 * Fills a cell with its text, wrapping the selected bytes and the cursor byte in spans; the
 * cell's text stays exactly `text`. Byte i occupies characters [i*stride, i*stride + width).
 */
function fillMarked(
  cell: HTMLElement,
  text: string,
  rowStart: number,
  count: number,
  stride: number,
  width: number,
  sel: { start: number; end: number } | undefined,
  cursor: number,
): void {
  const classOf = (byte: number) =>
    byte === cursor ? 'cur' : sel && byte >= sel.start && byte < sel.end ? 'sel' : '';
  const rowEnd = rowStart + count;
  const marked = (cursor >= rowStart && cursor < rowEnd) || (sel !== undefined && sel.start < rowEnd && sel.end > rowStart);
  if (!marked) {
    cell.textContent = text;
    return;
  }
  const pieces: Node[] = [];
  let pos = 0;
  const push = (to: number, cls: string) => {
    if (to <= pos) return;
    const chunk = text.slice(pos, to);
    if (cls) {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = chunk;
      pieces.push(span);
    } else {
      pieces.push(document.createTextNode(chunk));
    }
    pos = to;
  };
  for (let i = 0; i < count; ) {
    const cls = classOf(rowStart + i);
    let j = i + 1;
    while (j < count && classOf(rowStart + j) === cls) j++;
    if (cls) {
      push(i * stride, '');
      push((j - 1) * stride + width, cls);
    }
    i = j;
  }
  push(text.length, '');
  cell.replaceChildren(...pieces);
}
