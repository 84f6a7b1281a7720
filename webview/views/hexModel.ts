// Rows of the hex view: fixed-width rows of bytes, so every position is arithmetic and only
// drawing needs the bytes themselves.
import type { PageCache } from '../pageCache';
import type { ByteRange, CaretMove, RowModel, Top, ViewRow, Viewport } from './documentView';
import { formatAscii, formatHexBytes, formatOffset, offsetDigits } from '../hexFormat';

export interface HexRow extends ViewRow {
  readonly bytes: Uint8Array;
}

/** Bytes read around a double click to find its word (a word longer than this is cut). */
const WORD_WINDOW = 256;

export class HexModel implements RowModel<HexRow> {
  readonly kind = 'hex';
  private viewport: Viewport = { rows: 1, columns: 80 };

  constructor(
    private readonly cache: PageCache,
    public size: number,
    public bytesPerRow = 16,
  ) {}

  setSize(size: number): void {
    this.size = size;
  }

  setViewport(viewport: Viewport): void {
    this.viewport = viewport;
  }

  private get totalRows(): number {
    return Math.ceil(this.size / this.bytesPerRow);
  }

  private topOfRow(row: number): Top {
    return { offset: Math.max(0, row) * this.bytesPerRow, lineStart: true };
  }

  rowsFrom(top: Top, count: number): readonly HexRow[] | undefined {
    const start = Math.floor(top.offset / this.bytesPerRow) * this.bytesPerRow;
    const end = Math.min(this.size, start + count * this.bytesPerRow);
    if (end <= start) return [];
    if (!this.cache.want(start, end)) return undefined;
    const bytes = this.cache.bytes(start, end);
    if (!bytes) return undefined;
    const rows: HexRow[] = [];
    for (let at = start; at < end; at += this.bytesPerRow) {
      const rowEnd = Math.min(end, at + this.bytesPerRow);
      rows.push({ start: at, end: rowEnd, bytes: bytes.subarray(at - start, rowEnd - start) });
    }
    return rows;
  }

  topFor(offset: number, rowsAbove: number): Top {
    return this.topOfRow(Math.floor(offset / this.bytesPerRow) - rowsAbove);
  }

  scrollFrom(top: Top, delta: number): Top {
    return this.clamp(this.topOfRow(Math.floor(top.offset / this.bytesPerRow) + delta));
  }

  clamp(top: Top): Top {
    const last = Math.max(0, this.totalRows - this.viewport.rows);
    return this.topOfRow(Math.min(last, Math.floor(top.offset / this.bytesPerRow)));
  }

  caretAfter(cursor: number, move: CaretMove): number {
    const bpr = this.bytesPerRow;
    const rowStart = cursor - (cursor % bpr);
    switch (move) {
      case 'left':
        return cursor - 1;
      case 'right':
        return cursor + 1;
      case 'up':
        return cursor - bpr < 0 ? 0 : cursor - bpr;
      case 'down':
        return cursor + bpr > this.size ? this.size : cursor + bpr;
      case 'rowStart':
        return rowStart;
      case 'rowEnd':
        return Math.min(rowStart + bpr - 1, this.size);
    }
  }

  columnOf(row: HexRow, offset: number): number {
    return Math.max(0, offset - row.start);
  }

  offsetAtColumn(row: HexRow, column: number): number {
    return Math.min(row.start + column, Math.max(row.start, row.end - 1));
  }

  /** A word of ASCII letters, digits and '_' (or the byte itself); a line is a row. */
  unitAt(offset: number, unit: 'word' | 'line'): ByteRange | undefined {
    if (unit === 'line') {
      const start = offset - (offset % this.bytesPerRow);
      return { start, end: Math.min(this.size, start + this.bytesPerRow) };
    }
    const from = Math.max(0, offset - WORD_WINDOW);
    const to = Math.min(this.size, offset + WORD_WINDOW);
    if (!this.cache.want(from, to, 'word')) return undefined;
    const bytes = this.cache.bytes(from, to);
    if (!bytes || offset >= to) return undefined;
    const isWord = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f;
    if (!isWord(bytes[offset - from])) return { start: offset, end: offset + 1 };
    let s = offset - from;
    let e = s + 1;
    while (s > 0 && isWord(bytes[s - 1])) s--;
    while (e < bytes.length && isWord(bytes[e])) e++;
    return { start: from + s, end: from + e };
  }

  rowText(row: HexRow): string {
    return `${formatOffset(row.start, offsetDigits(this.size))}  ${formatHexBytes(row.bytes, this.bytesPerRow)}  ${formatAscii(row.bytes)}`;
  }
}
