// What the filtered view adds to the main view's rows: the highlight rules' spans of a row's
// text, and the bookmarks (gutter marks, a gutter click toggles). The views ask through this
// interface only (views/textView.ts, views/hexView.ts); webview/filter/filterController.ts answers.
import type { HighlightSpan } from './highlightRules';

export interface RowDecorations {
  /** The highlight spans of `text` (a row's characters as drawn), sorted, not overlapping. */
  spans(text: string): readonly HighlightSpan[];
  /** Whether the line starting at `offset` is bookmarked. */
  isBookmarked(offset: number): boolean;
  /** A click in the gutter of the line starting at `offset`. */
  toggleBookmark(offset: number): void;
}

/** The highlight class (and a user rule's colour) at `column`, walking `spans` forward: `cursor.i` keeps the place. */
export function spanAt(spans: readonly HighlightSpan[], column: number, cursor: { i: number }): HighlightSpan | undefined {
  while (cursor.i < spans.length && spans[cursor.i].end <= column) cursor.i++;
  const s = spans[cursor.i];
  return s && s.start <= column ? s : undefined;
}
