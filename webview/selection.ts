// Cursor and selection, as byte offsets, the way VS Code's editor counts them: the selection
// runs from the anchor to the cursor, the cursor's own byte not included, so Shift+→ once
// selects one character and the cursor then sits on the byte after it. A selection can reach
// the end of the document (Ctrl+A); a plain cursor stops on the last byte unless the document
// takes typing at its end.

export class Selection {
  private anchor: number | undefined;
  cursor = 0;

  /** `size`: the document's bytes; `caretAtEnd`: the cursor may sit just past the last one (editable). */
  constructor(private size: number, private caretAtEnd = false) {}

  get documentSize(): number {
    return this.size;
  }

  setSize(size: number, caretAtEnd = this.caretAtEnd): void {
    this.size = size;
    this.caretAtEnd = caretAtEnd;
    this.cursor = Math.min(this.cursor, this.maxCursor(this.anchor !== undefined));
    if (this.anchor !== undefined) this.anchor = Math.min(this.anchor, size);
  }

  /** The cursor to `offset`; `extend` keeps (or sets) the anchor, growing the selection. */
  moveTo(offset: number, extend: boolean): void {
    if (extend) this.anchor ??= this.cursor;
    else this.anchor = undefined;
    this.cursor = Math.max(0, Math.min(offset, this.maxCursor(extend)));
    if (this.anchor === this.cursor) this.anchor = extend ? this.anchor : undefined;
  }

  /** Selects [start, endExclusive), the cursor at its end (a find match, a word, Ctrl+A). */
  select(start: number, endExclusive: number): void {
    const s = Math.max(0, Math.min(start, this.size));
    const e = Math.max(s, Math.min(endExclusive, this.size));
    this.anchor = s;
    this.cursor = e;
  }

  /** The selected bytes as [start, end), or undefined when nothing is selected. */
  range(): { start: number; end: number } | undefined {
    if (this.anchor === undefined || this.anchor === this.cursor) return undefined;
    return { start: Math.min(this.anchor, this.cursor), end: Math.max(this.anchor, this.cursor) };
  }

  get length(): number {
    const r = this.range();
    return r ? r.end - r.start : 0;
  }

  private maxCursor(extending: boolean): number {
    return extending || this.caretAtEnd ? this.size : Math.max(0, this.size - 1);
  }
}
