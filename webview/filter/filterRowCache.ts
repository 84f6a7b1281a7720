// The rows of the filtered view the webview holds: pages of PAGE rows of the shown filter (with
// its context), asked of the host as the list scrolls and forgotten when far away, so a filter of
// hundreds of millions of lines costs the webview a few hundred rows (MAX_PAGES × PAGE).
// DOM-free: unit-tested under node.
import type { FilterContext, FilterRow } from '../../shared/filterProtocol';

export const PAGE = 100;
const MAX_PAGES = 40;

export interface RowPage {
  readonly filterId: number;
  readonly start: number;
  readonly context: FilterContext;
  readonly rowCount: number;
  readonly rows: readonly FilterRow[];
}

export class FilterRowCache {
  private filterId = -1;
  private context: FilterContext = { before: 0, after: 0 };
  private pages = new Map<number, readonly FilterRow[]>();
  private readonly requested = new Set<number>();
  /** Rows of the filter in the view with context (grows while the scan runs). */
  rowCount = 0;

  constructor(private readonly request: (filterId: number, start: number, count: number, context: FilterContext) => void) {}

  get shownFilter(): number {
    return this.filterId;
  }

  /** Shows filter `filterId` with `context`: what was held is dropped. */
  reset(filterId: number, context: FilterContext): void {
    this.filterId = filterId;
    this.context = context;
    this.pages.clear();
    this.requested.clear();
    this.rowCount = 0;
  }

  /** The scan found more lines: pages that were short may have more rows now. */
  grew(rowCount: number): void {
    if (rowCount <= this.rowCount) return;
    const lastPage = Math.floor(this.rowCount / PAGE);
    this.rowCount = rowCount;
    this.pages.delete(lastPage);
    this.requested.delete(lastPage);
  }

  /** Asks for the last page again (the scan went on or ended: it may be longer, and with context the host counts the rows). */
  askLast(): void {
    const page = Math.floor(Math.max(0, this.rowCount - 1) / PAGE);
    this.pages.delete(page);
    if (this.requested.has(page) || this.filterId < 0) return;
    this.requested.add(page);
    this.request(this.filterId, page * PAGE, PAGE, this.context);
  }

  /** Takes a page the host sent; false when it is of another filter or context. */
  receive(p: RowPage): boolean {
    if (p.filterId !== this.filterId || p.context.before !== this.context.before || p.context.after !== this.context.after) return false;
    const page = Math.floor(p.start / PAGE);
    this.requested.delete(page);
    // The host's count is the truth (the scan only adds rows; a page answers in order).
    this.rowCount = p.rowCount;
    if (p.start % PAGE === 0) this.pages.set(page, p.rows);
    while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as number);
    return true;
  }

  /** Row `index`, or undefined while its page is on the way (then it is asked for). */
  row(index: number): FilterRow | undefined {
    if (index < 0 || index >= this.rowCount) return undefined;
    const page = Math.floor(index / PAGE);
    const rows = this.pages.get(page);
    if (rows) {
      // Most recently used last: far pages go first.
      this.pages.delete(page);
      this.pages.set(page, rows);
      const row = rows[index - page * PAGE];
      if (row) return row;
      // A short page from while the scan ran: ask again.
      this.pages.delete(page);
    }
    if (!this.requested.has(page)) {
      this.requested.add(page);
      this.request(this.filterId, page * PAGE, PAGE, this.context);
    }
    return undefined;
  }
}
