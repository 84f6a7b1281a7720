// A virtualized list of fixed-height rows: a pool of row elements as tall as the list, its own
// scrollbar (a browser's scroll height is capped far below hundreds of millions of rows), the
// wheel, and keys that move a selected row. What a row shows is the owner's (`draw`); the list
// only knows how many rows there are and which one is selected.
import { measureRow } from '../measure';
import { Scrollbar } from '../scrollbar';

export interface VirtualListEvents {
  /** Fills `el` with row `index` (or marks it as waiting, while its data is on the way). */
  draw(el: HTMLElement, index: number): void;
  /** A row was clicked, or Enter pressed on the selected one. */
  activate(index: number): void;
  /** The selection moved by a key or a click. */
  selected?(index: number): void;
  /** After each draw (tests and benchmarks time frames from it). */
  drawn?(top: number, rows: number): void;
}

export class VirtualList {
  readonly element: HTMLElement;
  private readonly rowsEl: HTMLElement;
  private readonly scrollbar: Scrollbar;
  private pool: HTMLElement[] = [];
  private rowHeight = 20;
  private count = 0;
  private top = 0;
  private drawQueued = false;
  selectedIndex = -1;

  constructor(className: string, label: string, private readonly events: VirtualListEvents) {
    this.element = document.createElement('div');
    this.element.className = `vlist ${className}`;
    this.rowsEl = document.createElement('div');
    this.rowsEl.className = 'vlist-rows';
    this.rowsEl.tabIndex = 0;
    this.rowsEl.setAttribute('role', 'listbox');
    this.rowsEl.setAttribute('aria-label', label);
    this.scrollbar = new Scrollbar(
      (row) => this.scrollTo(row),
      (dir) => this.scrollTo(this.top + dir * this.visible()),
    );
    this.element.append(this.rowsEl, this.scrollbar.element);
    this.rowsEl.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const rows = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? e.deltaY : e.deltaY / this.rowHeight;
        if (rows !== 0) this.scrollTo(this.top + (rows > 0 ? Math.max(1, Math.round(rows)) : Math.min(-1, Math.round(rows))));
      },
      { passive: false },
    );
    this.rowsEl.addEventListener('keydown', (e) => this.onKey(e));
    this.rowsEl.addEventListener('pointerdown', (e) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('.vrow');
      if (!el || e.button !== 0 || (e.target as HTMLElement).closest('button')) return;
      const index = Number(el.dataset.index);
      if (!Number.isSafeInteger(index)) return;
      e.preventDefault();
      this.rowsEl.focus();
      this.select(index);
      this.events.activate(index);
    });
    new ResizeObserver(() => this.layout()).observe(this.rowsEl);
  }

  get topRow(): number {
    return this.top;
  }

  get rowCount(): number {
    return this.count;
  }

  focus(): void {
    this.rowsEl.focus();
  }

  /** The number of rows changed (a scan went on, another filter is shown). */
  setCount(count: number, keepTop = true): void {
    this.count = count;
    if (!keepTop) {
      this.top = 0;
      this.selectedIndex = -1;
    }
    if (this.selectedIndex >= count) this.selectedIndex = count - 1;
    this.top = this.clampTop(this.top);
    this.queueDraw();
  }

  /** Selects row `index` and scrolls as little as needed to show it (or centres it: `center`). */
  select(index: number, center = false): void {
    if (this.count === 0) return;
    this.selectedIndex = Math.max(0, Math.min(this.count - 1, index));
    const visible = this.visible();
    if (center && (this.selectedIndex < this.top || this.selectedIndex >= this.top + visible)) this.top = this.clampTop(this.selectedIndex - Math.floor(visible / 2));
    else if (this.selectedIndex < this.top) this.top = this.selectedIndex;
    else if (this.selectedIndex >= this.top + visible) this.top = this.clampTop(this.selectedIndex - visible + 1);
    this.queueDraw();
  }

  scrollTo(top: number): void {
    const t = this.clampTop(Math.round(top));
    if (t === this.top) return;
    this.top = t;
    this.draw();
  }

  /** Draws again (the data of some rows arrived). */
  queueDraw(): void {
    if (this.drawQueued) return;
    this.drawQueued = true;
    requestAnimationFrame(() => {
      this.drawQueued = false;
      this.draw();
    });
  }

  layout(): void {
    if (this.element.offsetParent === null) return;
    this.rowHeight = measureRow(this.rowsEl).rowHeight || this.rowHeight;
    const wanted = this.visible() + 1;
    while (this.pool.length < wanted) {
      const el = document.createElement('div');
      el.className = 'vrow';
      el.setAttribute('role', 'option');
      this.rowsEl.appendChild(el);
      this.pool.push(el);
    }
    while (this.pool.length > wanted) this.pool.pop()!.remove();
    this.top = this.clampTop(this.top);
    this.draw();
  }

  private visible(): number {
    return Math.max(1, Math.floor(this.rowsEl.clientHeight / this.rowHeight));
  }

  private clampTop(top: number): number {
    return Math.max(0, Math.min(top, this.count - this.visible()));
  }

  private draw(): void {
    for (let i = 0; i < this.pool.length; i++) {
      const el = this.pool[i];
      const index = this.top + i;
      const shown = index < this.count;
      el.hidden = !shown;
      if (!shown) continue;
      el.dataset.index = String(index);
      el.setAttribute('aria-selected', String(index === this.selectedIndex));
      this.events.draw(el, index);
    }
    this.scrollbar.update({ totalRows: this.count, visibleRows: this.visible(), trackPx: this.scrollbar.element.clientHeight }, this.top);
    this.events.drawn?.(this.top, Math.min(this.pool.length, this.count - this.top));
  }

  private onKey(e: KeyboardEvent): void {
    const page = this.visible();
    const at = this.selectedIndex < 0 ? this.top : this.selectedIndex;
    let to: number | undefined;
    if (e.key === 'ArrowDown') to = at + 1;
    else if (e.key === 'ArrowUp') to = at - 1;
    else if (e.key === 'PageDown') to = at + page;
    else if (e.key === 'PageUp') to = at - page;
    else if (e.key === 'Home' && (e.ctrlKey || e.metaKey)) to = 0;
    else if (e.key === 'End' && (e.ctrlKey || e.metaKey)) to = this.count - 1;
    else if (e.key === 'Enter' && this.selectedIndex >= 0) {
      e.preventDefault();
      e.stopPropagation();
      this.events.activate(this.selectedIndex);
      return;
    }
    if (to === undefined || this.count === 0) return;
    e.preventDefault();
    e.stopPropagation();
    this.select(to);
    this.events.selected?.(this.selectedIndex);
  }
}
