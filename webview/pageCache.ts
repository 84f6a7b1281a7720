// The webview's bounded cache of file pages. Pages are fixed-size and aligned, whatever the row
// width, so a row may span two pages. Requests for pages the view has scrolled past are
// cancelled instead of being served late.
import { PAGE_SIZE } from '../shared/protocol';

export { PAGE_SIZE };

export interface PageTransport {
  request(requestId: number, offset: number, length: number): void;
  cancel(requestIds: number[]): void;
}

export class PageCache {
  private readonly pages = new Map<number, Uint8Array>(); // insertion order = LRU order
  private readonly pending = new Map<number, number>(); // page index → request id
  /** The page range each consumer last asked for. */
  private readonly wanted = new Map<string, { first: number; last: number }>();
  private nextRequestId = 1;

  constructor(
    private readonly transport: PageTransport,
    private size: number,
    private readonly maxPages = 256,
  ) {}

  get documentSize(): number {
    return this.size;
  }

  /** Forget everything, e.g. after an edit. */
  reset(size: number): void {
    this.grew(0, size);
  }

  /**
   * The document grew at its end (a log): the whole pages before `from` still hold, the rest is
   * asked again. Requests on their way are void (the host dropped them with the change).
   */
  grew(from: number, size: number): void {
    this.transport.cancel([...this.pending.values()]);
    this.pending.clear();
    for (const [page, data] of this.pages) if (page * PAGE_SIZE + PAGE_SIZE > from || data.length !== PAGE_SIZE) this.pages.delete(page);
    this.wanted.clear();
    this.size = size;
  }

  /**
   * Makes sure the pages covering [start, end) are cached or on their way, for `consumer` (the
   * view, the inspector, …). Pending requests that no consumer wants any more are cancelled.
   * Returns true if everything is already here.
   */
  want(start: number, end: number, consumer = 'view'): boolean {
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
    const last = Math.floor((Math.min(end, this.size) - 1) / PAGE_SIZE);
    this.wanted.set(consumer, { first, last });
    const stale: number[] = [];
    for (const [page, id] of this.pending) {
      if (![...this.wanted.values()].some((w) => page >= w.first && page <= w.last)) {
        stale.push(id);
        this.pending.delete(page);
      }
    }
    if (stale.length) this.transport.cancel(stale);
    let ready = true;
    for (let page = first; page <= last; page++) {
      if (this.pages.has(page)) continue;
      ready = false;
      if (!this.pending.has(page)) {
        const id = this.nextRequestId++;
        this.pending.set(page, id);
        const offset = page * PAGE_SIZE;
        this.transport.request(id, offset, Math.min(PAGE_SIZE, this.size - offset));
      }
    }
    return ready;
  }

  /** Stores a page the host sent. Returns false for a response nobody waits for any more. */
  receive(requestId: number, offset: number, data: Uint8Array): boolean {
    const page = Math.floor(offset / PAGE_SIZE);
    if (this.pending.get(page) !== requestId || offset % PAGE_SIZE !== 0) return false;
    this.pending.delete(page);
    this.pages.set(page, data);
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value as number;
      this.pages.delete(oldest);
    }
    return true;
  }

  /** Stores a page the host sent unasked (the first one comes with 'init'); ignores a misfit. */
  seed(offset: number, data: Uint8Array): void {
    if (offset % PAGE_SIZE !== 0 || offset >= this.size || data.length !== Math.min(PAGE_SIZE, this.size - offset)) return;
    this.pages.set(offset / PAGE_SIZE, data);
  }

  /** A failed request is forgotten so a later `want` asks again. */
  fail(requestId: number): void {
    for (const [page, id] of this.pending) if (id === requestId) this.pending.delete(page);
  }

  /** The bytes of [start, end) clipped to the file, or undefined if a page is missing. */
  bytes(start: number, end: number): Uint8Array | undefined {
    end = Math.min(end, this.size);
    if (end <= start) return new Uint8Array(0);
    const first = Math.floor(start / PAGE_SIZE);
    const last = Math.floor((end - 1) / PAGE_SIZE);
    if (first === last) {
      const page = this.touch(first);
      if (!page) return undefined;
      const base = first * PAGE_SIZE;
      return page.subarray(start - base, end - base);
    }
    const out = new Uint8Array(end - start);
    for (let p = first; p <= last; p++) {
      const page = this.touch(p);
      if (!page) return undefined;
      const base = p * PAGE_SIZE;
      const from = Math.max(start, base);
      const to = Math.min(end, base + page.length);
      out.set(page.subarray(from - base, to - base), from - start);
    }
    return out;
  }

  get cachedPages(): number {
    return this.pages.size;
  }

  get pendingRequests(): number {
    return this.pending.size;
  }

  private touch(page: number): Uint8Array | undefined {
    const data = this.pages.get(page);
    if (data) {
      this.pages.delete(page);
      this.pages.set(page, data);
    }
    return data;
  }
}
