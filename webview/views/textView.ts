// The text view: a gutter (line numbers, or byte offsets until the line index gets there) and
// the decoded text, wrapped as the word-wrap setting says; with wrap off the rows scroll
// sideways (the browser's own scrolling, the gutter staying put).
import { formatOffset, offsetDigits } from '../hexFormat';
import type { Selection } from '../selection';
import type { TextCodec } from '../textCodec';
import type { WordWrap } from '../../shared/protocol';
import type { ViewEvents } from './documentView';
import { type RowDecorations, spanAt } from '../highlight/rowDecorations';
import type { HighlightSpan } from '../highlight/highlightRules';
import { markClass, RowsView, type RowMarks } from './rowsView';
import { endsWithBreak, type TextModel, type TextRow } from './textModel';
import { t } from '../l10n';

export class TextView extends RowsView<TextRow> {
  readonly typing = 'text';
  private readonly textModel: TextModel;
  /** Line numbers, once known: the 1-based line of a line-start offset, or undefined. */
  lineOf: (offset: number) => number | undefined = () => undefined;
  /** Whether the number of the line at `offset` is on its way: its gutter stays blank, not an offset, meanwhile. */
  lineAsked: (offset: number) => boolean = () => false;
  /** Highlight rules and bookmarks (webview/highlight/rowDecorations.ts), once the editor gives them. */
  decorations: RowDecorations | undefined;

  private scrollQueued = false;
  /** Characters the gutter needs: the line count's digits once every line is numbered, the offsets' before. */
  private gutterChars: number;
  /** The line number of each line-start row being drawn. */
  private lines = new Map<number, number>();

  constructor(model: TextModel, selection: Selection, events: ViewEvents) {
    super(model, selection, events, 'text-view', 'document', t('view.textLabel'));
    this.textModel = model;
    this.gutterChars = offsetDigits(model.size);
    this.element.style.setProperty('--gutter-ch', `${this.gutterChars}ch`);
    // Wrap off draws only the columns in view (a row may be 16,384 characters): scrolling
    // sideways draws the new ones.
    this.frame.rows.addEventListener('scroll', () => {
      if (this.scrollQueued || this.wordWrap !== 'off') return;
      this.scrollQueued = true;
      requestAnimationFrame(() => {
        this.scrollQueued = false;
        this.render();
      });
    });
  }

  get wordWrap(): WordWrap {
    return this.textModel.wordWrap;
  }

  setWordWrap(wrap: WordWrap, column?: number): void {
    this.textModel.setWordWrap(wrap, column);
    this.element.dataset.wrap = wrap;
    if (wrap !== 'off') this.frame.rows.scrollLeft = 0;
    this.layout();
    // The cursor stays in view, down and sideways, as VS Code's does when wrap changes.
    if (!this.element.hidden) this.reveal(this.selection.cursor, 'nearest');
  }

  /** Bytes of the byte-order mark the text view skips at the file's start (0: none). */
  get bomLength(): number {
    return this.textModel.bomLength;
  }

  setCodec(codec: TextCodec): void {
    this.textModel.setCodec(codec);
    this.layout();
  }

  /**
   * The gutter sized to what it shows: `lines` digits (at least 3) once the line index has
   * numbered every line; until then byte offsets, as wide as the file's last offset needs.
   */
  setGutterLines(lines: number | undefined): void {
    const chars = lines !== undefined ? Math.max(3, String(lines).length) : offsetDigits(this.model.size);
    if (chars === this.gutterChars) return;
    this.gutterChars = chars;
    this.element.style.setProperty('--gutter-ch', `${chars}ch`);
    if (!this.element.hidden) this.layout();
  }

  protected columnsFor(widthPx: number): number {
    // The gutter (gutterChars) plus its 2ch margin (style.css); the padding is 2 × 10px.
    const gutterChars = this.gutterChars + 2;
    return Math.max(8, Math.floor((widthPx - 20) / this.charWidth) - gutterChars - 1);
  }

  protected createRow(row: HTMLElement): void {
    const gutter = document.createElement('span');
    gutter.className = 'gutter';
    gutter.setAttribute('aria-hidden', 'true');
    // A click in the gutter of a line's first row toggles its bookmark (before the rows' own press handling).
    gutter.addEventListener('pointerdown', (e) => {
      const lineStart = row.dataset.lineStart;
      if (e.button !== 0 || lineStart === undefined || !this.decorations) return;
      e.preventDefault();
      e.stopPropagation();
      this.decorations.toggleBookmark(Number(lineStart));
    });
    const text = document.createElement('span');
    text.className = 'text';
    row.append(gutter, text);
  }

  /**
   * Numbers the screen's lines from any one the line index knows: the rows are consecutive, so
   * the lines after it count up and those before it count down. A line that just appeared at the
   * bottom (a growing log) is numbered at once, before the host has been asked about it.
   */
  protected override beforeFill(rows: readonly TextRow[]): void {
    this.lines = new Map();
    const known = rows.map((r) => (r.lineStart ? this.lineOf(r.start) : undefined));
    const k = known.findIndex((n) => n !== undefined);
    if (k < 0) return;
    let n = known[k]!;
    for (let i = k; i < rows.length; i++) {
      if (i > k && rows[i].lineStart) n++;
      if (rows[i].lineStart) this.lines.set(rows[i].start, n);
    }
    n = known[k]!;
    for (let i = k - 1; i >= 0 && n > 1; i--) {
      if (rows[i + 1].lineStart) n--;
      if (rows[i].lineStart) this.lines.set(rows[i].start, n);
    }
  }

  protected fillRow(el: HTMLElement, row: TextRow, marks: RowMarks): void {
    // A cursor on the byte-order mark (which has no column) is drawn on the first character.
    const bom = row.start === 0 && row.cells[0]?.kind === 'bom' ? row.cells[0].length : 0;
    if (marks.cursor < bom) marks = { ...marks, cursor: bom };
    const gutter = el.firstElementChild as HTMLElement;
    const text = el.lastElementChild as HTMLElement;
    const line = row.lineStart ? this.lines.get(row.start) : undefined;
    const asked = row.lineStart && line === undefined && this.lineAsked(row.start);
    const label = row.lineStart
      ? line !== undefined ? String(line) : asked ? '' : formatOffset(row.start, offsetDigits(this.model.size))
      : row.start > 0 && this.wordWrap === 'off' ? '↪' : '';
    if (gutter.textContent !== label) gutter.textContent = label;
    gutter.title = row.lineStart && line === undefined && !asked ? t('view.gutterByteOffset') : '';
    if (row.lineStart) el.dataset.lineStart = String(row.start);
    else delete el.dataset.lineStart;
    gutter.classList.toggle('bookmarked', row.lineStart && !!this.decorations?.isBookmarked(row.start));
    const spans = this.decorations ? this.decorations.spans(this.model.rowText(row)) : [];
    if (this.wordWrap === 'off') {
      // Only the columns in view (and a few either side), at their place in a row as wide as the line.
      const first = Math.max(0, Math.floor(this.frame.rows.scrollLeft / this.charWidth) - 8);
      const columns = fillRow(text, row, marks, this.model.size, first, first + Math.ceil(this.frame.rows.clientWidth / this.charWidth) + 16, spans);
      text.style.paddingLeft = `${columns.drawnFrom * this.charWidth}px`;
      text.style.width = `${columns.total * this.charWidth + this.charWidth}px`;
    } else {
      fillRow(text, row, marks, this.model.size, 0, Infinity, spans);
      text.style.paddingLeft = '';
      text.style.width = '';
    }
  }

  protected offsetAt(el: HTMLElement, row: TextRow, e: MouseEvent): number | undefined {
    const textEl = el.lastElementChild as HTMLElement;
    const col = Math.max(0, Math.floor((e.clientX - textEl.getBoundingClientRect().left) / this.charWidth));
    return this.model.offsetAtColumn(row, col);
  }

  /** With wrap off, a key or a reveal that moved the cursor also scrolls sideways to it. */
  protected override afterRender(rows: readonly TextRow[]): void {
    if (!this.cursorToShow) return;
    this.cursorToShow = false;
    if (this.wordWrap !== 'off') return;
    const cursor = this.selection.cursor;
    const row = rows.find((r) => cursor >= r.start && (cursor < r.end || r.end >= this.model.size));
    if (!row) return;
    const el = this.frame.rows;
    const gutter = el.querySelector<HTMLElement>('.row .gutter')?.offsetWidth ?? 0;
    const x = this.model.columnOf(row, cursor) * this.charWidth;
    const room = el.clientWidth - gutter - 20;
    if (x < el.scrollLeft) el.scrollLeft = Math.max(0, x - 8 * this.charWidth);
    else if (x + this.charWidth > el.scrollLeft + room) el.scrollLeft = x + this.charWidth - room + 8 * this.charWidth;
  }
}

/**
 * Fills a row's text with its characters in columns [from, to), merging characters drawn alike
 * into one node and marking the cursor, selection, highlights and highlight rules' spans.
 * Returns the first column drawn and the row's width in columns.
 */
function fillRow(el: HTMLElement, row: TextRow, marks: RowMarks, size: number, from: number, to: number, spans: readonly HighlightSpan[] = []): { drawnFrom: number; total: number } {
  const nodes: Node[] = [];
  // Characters drawn alike so far: plain text, or one span of a class (and a user rule's colour).
  let run: { cls: string; color: string | undefined; text: string } | undefined;
  const flush = () => {
    if (!run) return;
    if (!run.cls && !run.color) nodes.push(document.createTextNode(run.text));
    else {
      const span = document.createElement('span');
      span.className = run.cls;
      if (run.color) span.style.color = run.color;
      span.textContent = run.text;
      nodes.push(span);
    }
    run = undefined;
  };
  let col = 0;
  let drawnFrom = -1;
  const place = { i: 0 };
  for (const cell of row.cells) {
    if (cell.text === '') continue; // a byte-order mark
    const at = col;
    col += cell.text.length;
    if (col <= from || at >= to) continue;
    if (drawnFrom < 0) drawnFrom = at;
    const mark = markClass(marks, cell.start);
    const rule = spans.length ? spanAt(spans, at, place) : undefined;
    const cls = [cell.kind, rule?.style.className, mark].filter(Boolean).join(' ');
    const color = rule?.style.color;
    // A cell of a kind (a tab, a control character) or with a mark (the cursor, the selection, a
    // find match) keeps its own span, as before; plain and rule-coloured characters merge.
    const alone = !!cell.kind || !!mark;
    if (run && !alone && run.cls === cls && run.color === color) {
      run.text += cell.text;
      continue;
    }
    flush();
    run = { cls, color, text: cell.text };
    if (alone) flush();
  }
  flush();
  // The cursor sits on the line break or at the end of the file.
  const cursor = marks.cursor;
  const onBreak = cursor >= row.start && cursor < row.end && !row.cells.some((c) => c.start === cursor || (c.kind === 'bom' && cursor < c.length));
  const atEnd = cursor === size && row.end === size && !endsWithBreak(row);
  if (marks.showCursor && (onBreak || atEnd) && col < to) {
    const span = document.createElement('span');
    span.className = 'cur eol';
    span.textContent = ' ';
    nodes.push(span);
  }
  el.replaceChildren(...nodes);
  return { drawnFrom: drawnFrom < 0 ? Math.min(col, from) : drawnFrom, total: col };
}

