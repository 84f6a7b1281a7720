// Cursor and selection, as byte offsets. The selection runs from the anchor to the cursor,
// both included, once the user has extended it.

export class Selection {
  private anchor: number | undefined;
  cursor = 0;

  constructor(private size: number) {}

  setSize(size: number): void {
    this.size = size;
    this.cursor = Math.min(this.cursor, Math.max(0, size - 1));
    if (this.anchor !== undefined) this.anchor = Math.min(this.anchor, Math.max(0, size - 1));
  }

  moveTo(offset: number, extend: boolean): void {
    const clamped = Math.max(0, Math.min(offset, Math.max(0, this.size - 1)));
    if (extend) this.anchor ??= this.cursor;
    else this.anchor = undefined;
    this.cursor = clamped;
  }

  select(start: number, endExclusive: number): void {
    this.anchor = start;
    this.cursor = Math.max(start, endExclusive - 1);
  }

  /** The selected bytes as [start, end), or undefined when nothing is selected. */
  range(): { start: number; end: number } | undefined {
    if (this.anchor === undefined) return undefined;
    return { start: Math.min(this.anchor, this.cursor), end: Math.max(this.anchor, this.cursor) + 1 };
  }

  get length(): number {
    const r = this.range();
    return r ? r.end - r.start : 0;
  }
}
