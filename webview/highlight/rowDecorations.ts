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

/** A piece of a row drawn one way: inside a filter's match or not, and under which rule's span. */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly hit: boolean;
  readonly rule: HighlightSpan | undefined;
}

/** Cuts [0, length) where a filter match or a rule's span starts or ends (the filtered view's rows). */
export function segments(length: number, hits: readonly (readonly [number, number])[], rules: readonly HighlightSpan[]): Segment[] {
  const cuts = new Set<number>([0, length]);
  for (const [s, e] of hits) cuts.add(Math.min(length, Math.max(0, s))).add(Math.min(length, Math.max(0, e)));
  for (const r of rules) cuts.add(r.start).add(r.end);
  const at = [...cuts].filter((c) => c >= 0 && c <= length).sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < at.length; i++) {
    const [start, end] = [at[i], at[i + 1]];
    out.push({ start, end, hit: hits.some(([s, e]) => s <= start && e >= end), rule: rules.find((r) => r.start <= start && r.end >= end) });
  }
  return out;
}
