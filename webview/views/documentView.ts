// The view contract: what every view of a document answers, whatever it draws. A view is two
// halves:
// - a RowModel (no DOM, unit-tested under node): the rows for a position, where a position is
//   after scrolling, where the cursor goes for each key, the word or line around a byte;
// - a RowsView subclass (rowsView.ts): the DOM of one row, and which byte a click hits.
// Everything else — the position and its clamping to the last full screen, PageUp/PageDown
// moving the cursor with the screen, keys acting on the cursor (brought into view first), the
// selection, reveal, follow, highlights, double and triple click, waiting for pages — is shared
// (viewNavigator.ts, rowsView.ts). Adding a view is one class and one entry in viewTable.ts.
import type { ViewKind } from '../../shared/protocol';

/** A row on screen: the bytes it shows, [start, end). */
export interface ViewRow {
  readonly start: number;
  readonly end: number;
}

/** Where the screen starts: the first byte of its top row, and whether that row starts a line. */
export interface Top {
  readonly offset: number;
  readonly lineStart: boolean;
}

export const DOCUMENT_START: Top = { offset: 0, lineStart: true };

/** What fits on screen: whole rows, and characters across (the text view's wrap width). */
export interface Viewport {
  readonly rows: number;
  readonly columns: number;
}

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** Moves of the cursor a model answers by itself (the others are made of scrolling). */
export type CaretMove = 'left' | 'right' | 'up' | 'down' | 'rowStart' | 'rowEnd';
export type CursorMove = CaretMove | 'pageUp' | 'pageDown' | 'docStart' | 'docEnd';

/** Where `reveal` puts a byte's row: at the top, in the middle, at the bottom, or as little as needed. */
export type RevealAt = 'top' | 'center' | 'bottom' | 'nearest';

/**
 * A marked range: a find match ('match'; the current one 'current'), bytes changed since the
 * last save ('edited', drawn beside a match's mark), or anything a later view marks.
 */
export interface Highlight {
  readonly start: number;
  readonly end: number;
  readonly kind: 'match' | 'current' | 'edited';
}

/** The first hex digit typed into a byte, shown in its cell until the second one comes. */
export interface PendingNibble {
  readonly offset: number;
  /** The digit as typed (upper case). */
  readonly digit: string;
}

/**
 * Rows and geometry of one kind of view. Every method that needs bytes returns undefined while
 * their pages are on the way (it has asked for them); it is called again when they arrive.
 */
export interface RowModel<R extends ViewRow = ViewRow> {
  readonly kind: ViewKind;
  readonly size: number;
  setSize(size: number): void;
  setViewport(viewport: Viewport): void;
  /** Up to `count` rows from `top` (fewer at the end of the document). */
  rowsFrom(top: Top, count: number): readonly R[] | undefined;
  /** The top that has the row holding `offset` `rowsAbove` rows below it (fewer at the start). */
  topFor(offset: number, rowsAbove: number): Top | undefined;
  /** `top` moved by `delta` rows, stopping at the document's start and end. */
  scrollFrom(top: Top, delta: number): Top | undefined;
  /** `top`, or the last full screen's top if `top` is past it (the last row stays at the bottom). */
  clamp(top: Top): Top | undefined;
  /** The cursor after a move from `cursor` (not clamped to the document: the selection does that). */
  /** Where Ctrl+Home puts the cursor (the text view: after a byte-order mark); 0 without it. */
  docStart?(): number;
  caretAfter(cursor: number, move: CaretMove): number | undefined;
  /** Column of `offset` in `row`, and the offset at a column: keep the cursor's place on PageUp/PageDown. */
  columnOf(row: R, offset: number): number;
  offsetAtColumn(row: R, column: number): number;
  /** The word (double click) or line (triple click; a row in the hex view) around `offset`. */
  unitAt(offset: number, unit: 'word' | 'line'): ByteRange | undefined;
  /** What a row shows, as text: the rows tests read ('rendered'). */
  rowText(row: R): string;
}

/** A view as the editor uses it (implemented once, by RowsView, for every model). */
export interface DocumentView {
  readonly kind: ViewKind;
  readonly element: HTMLElement;
  /** First byte of the top row. */
  readonly topOffset: number;
  readonly topIsLineStart: boolean;
  /** Shown, with the row holding `offset` at the top. */
  show(top: Top): void;
  /** Measures again after a resize, keeping the position. */
  layout(): void;
  focus(): void;
  render(): void;
  pagesArrived(): void;
  /** The content changed (an edit, the file on disk): same position, new bytes. */
  setSize(size: number): void;
  reveal(offset: number, at: RevealAt): void;
  move(move: CursorMove, extend: boolean): void;
  scrollRows(delta: number): void;
  unitAt(offset: number, unit: 'word' | 'line'): ByteRange | undefined;
  setHighlights(highlights: readonly Highlight[]): void;
  setPendingNibble(pending: PendingNibble | undefined): void;
  /** The bytes the rows on screen show, [start, end); undefined before the first draw. */
  visibleRange(): ByteRange | undefined;
  /** The document's last byte is on screen. */
  atEnd(): boolean;
  /** What typing means here: hex digits nibble by nibble, or characters. */
  readonly typing: 'hex' | 'text';
}

/** What a view tells the editor. */
export interface ViewEvents {
  /** The cursor or the selection moved (by a key or the mouse). */
  onCursor(): void;
  /** Drawn: the rows on screen as text (only asked for when a test wants them, see `wantsRows`). */
  onRendered(view: ViewKind, firstOffset: number, rows: string[]): void;
  wantsRows(): boolean;
  /** The top changed; `byUser` when the user scrolled or moved the cursor (wheel, scrollbar, keys), not a reveal. */
  onTopChanged(byUser: boolean): void;
  /** A key the view does not use for moving: typing, deleting. Returns true if it was handled. */
  onEditKey(e: KeyboardEvent): boolean;
  /** The bytes on screen changed (a scroll, a resize, new content): highlights for them may be asked for. */
  onVisibleRange(range: ByteRange): void;
}
