// The hex view: offset, bytes in hex and as text, side by side. Rows are real text, so they can
// be read by screen readers; file bytes reach the DOM only through textContent.
import { fitBytesPerRow } from '../layout';
import { formatAscii, formatHexBytes, formatHexHeader, formatOffset, offsetDigits, withPendingDigit } from '../hexFormat';
import type { Selection } from '../selection';
import type { ViewEvents } from './documentView';
import type { HexModel, HexRow } from './hexModel';
import { markClass, marksTouch, RowsView, type RowMarks } from './rowsView';
import { t } from '../l10n';
import { type RowDecorations, spanAt } from '../highlight/rowDecorations';
import type { HighlightSpan } from '../highlight/highlightRules';

export class HexView extends RowsView<HexRow> {
  readonly typing = 'hex';
  private readonly hexModel: HexModel;
  /** The column header (00 01 … 0F) over the rows: it stays at the top, and scrolls sideways with them. */
  private readonly header: HTMLElement;
  private headerFor = '';
  /** Highlight rules for the decoded column (webview/highlight/rowDecorations.ts). */
  decorations: RowDecorations | undefined;

  constructor(model: HexModel, selection: Selection, events: ViewEvents, private bytesPerRowSetting: number | 'fit') {
    super(model, selection, events, 'hex-view', 'grid', t('view.hexLabel'));
    this.hexModel = model;
    this.header = document.createElement('div');
    this.header.className = 'hex-header';
    this.header.setAttribute('role', 'row');
    this.header.setAttribute('aria-hidden', 'true');
    for (const cls of ['offset', 'hex', 'ascii']) {
      const el = document.createElement('span');
      el.className = cls;
      el.setAttribute('role', 'columnheader');
      this.header.append(el, document.createTextNode(cls === 'ascii' ? '' : '  '));
    }
    this.frame.rows.prepend(this.header);
  }

  /** The header follows the row width and the offset column's digits. */
  protected override beforeFill(): void {
    const digits = offsetDigits(this.model.size);
    const key = `${this.bytesPerRow}:${digits}`;
    if (key === this.headerFor) return;
    this.headerFor = key;
    const text = formatHexHeader(this.bytesPerRow, digits);
    const [offset, hex, ascii] = this.header.querySelectorAll<HTMLElement>('.offset, .hex, .ascii');
    offset.textContent = text.offset;
    hex.textContent = text.hex;
    ascii.textContent = text.ascii;
  }

  get bytesPerRow(): number {
    return this.hexModel.bytesPerRow;
  }

  setBytesPerRow(setting: number | 'fit'): void {
    const keep = this.topOffset;
    this.bytesPerRowSetting = setting;
    this.show({ offset: keep, lineStart: true });
  }

  protected columnsFor(widthPx: number): number {
    const chars = Math.floor((widthPx - 24) / this.charWidth);
    this.hexModel.bytesPerRow = this.bytesPerRowSetting === 'fit' ? fitBytesPerRow(chars, offsetDigits(this.model.size)) : this.bytesPerRowSetting;
    return chars;
  }

  protected createRow(row: HTMLElement): void {
    row.setAttribute('role', 'row');
    const cell = (cls: string, label: string) => {
      const el = document.createElement('span');
      el.className = cls;
      el.setAttribute('role', 'gridcell');
      el.setAttribute('aria-label', label);
      row.appendChild(el);
    };
    // Real spaces between the cells, so the row's text reads (and copies) as one line.
    const gap = () => row.appendChild(document.createTextNode('  '));
    cell('offset', t('view.offset'));
    gap();
    cell('hex', t('view.bytes'));
    gap();
    cell('ascii', t('view.textColumn'));
  }

  protected fillRow(el: HTMLElement, row: HexRow, marks: RowMarks): void {
    const [offset, hex, ascii] = el.querySelectorAll<HTMLElement>('.offset, .hex, .ascii');
    offset.textContent = formatOffset(row.start, offsetDigits(this.model.size));
    const pending = marks.pending && marks.pending.offset >= row.start && marks.pending.offset < row.end ? marks.pending : undefined;
    const hexText = formatHexBytes(row.bytes, this.bytesPerRow);
    fillMarked(hex, pending ? withPendingDigit(hexText, pending.offset - row.start, pending.digit) : hexText, row.start, row.bytes.length, 3, 2, marks);
    const decoded = formatAscii(row.bytes);
    fillMarked(ascii, decoded, row.start, row.bytes.length, 1, 1, marks, this.decorations?.spans(decoded));
    el.setAttribute('aria-rowindex', String(row.start / this.bytesPerRow + 1));
  }

  protected offsetAt(el: HTMLElement, row: HexRow, e: MouseEvent): number | undefined {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('.hex, .ascii');
    if (!cell || !el.contains(cell)) return undefined;
    const ch = Math.floor((e.clientX - cell.getBoundingClientRect().left) / this.charWidth);
    const byteInRow = cell.classList.contains('hex') ? Math.floor(ch / 3) : ch;
    return Math.min(row.end - 1, row.start + Math.max(0, Math.min(this.bytesPerRow - 1, byteInRow)));
  }
}

/**
 * Fills a cell with its text, wrapping marked bytes (cursor, selection, highlights) in spans; the
 * cell's text stays exactly `text`. Byte i occupies characters [i*stride, i*stride + width).
 */
function fillMarked(cell: HTMLElement, text: string, rowStart: number, count: number, stride: number, width: number, marks: RowMarks, spans: readonly HighlightSpan[] = []): void {
  if (spans.length > 0) return fillRuled(cell, text, rowStart, count, marks, spans);
  if (!marksTouch(marks, rowStart, rowStart + count)) {
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
    const cls = markClass(marks, rowStart + i);
    let j = i + 1;
    while (j < count && markClass(marks, rowStart + j) === cls) j++;
    if (cls) {
      push(i * stride, '');
      push((j - 1) * stride + width, cls);
    }
    i = j;
  }
  push(text.length, '');
  cell.replaceChildren(...pieces);
}

/** The decoded column with highlight rules' spans (one character per byte): marks, then the rule's class. */
function fillRuled(cell: HTMLElement, text: string, rowStart: number, count: number, marks: RowMarks, spans: readonly HighlightSpan[]): void {
  const pieces: Node[] = [];
  const place = { i: 0 };
  const styleAt = (i: number) => {
    const rule = spanAt(spans, i, place);
    const mark = i < count ? markClass(marks, rowStart + i) : '';
    return { cls: [rule?.style.className, mark].filter(Boolean).join(' '), color: rule?.style.color };
  };
  for (let i = 0; i < text.length; ) {
    const s = styleAt(i);
    let j = i + 1;
    for (; j < text.length; j++) {
      const t = styleAt(j);
      if (t.cls !== s.cls || t.color !== s.color) break;
    }
    const chunk = text.slice(i, j);
    if (!s.cls && !s.color) pieces.push(document.createTextNode(chunk));
    else {
      const span = document.createElement('span');
      span.className = s.cls;
      if (s.color) span.style.color = s.color;
      span.textContent = chunk;
      pieces.push(span);
    }
    i = j;
  }
  cell.replaceChildren(...pieces);
}
