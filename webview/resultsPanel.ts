// The find-all results panel: offset, line and a context snippet per match. Virtualized like the
// views (millions of results overflow any browser scroll height); rows are fetched from the host
// a window at a time and forgotten when far away.
import type { FindResultItem } from '../shared/protocol';
import { clampTopRow, ScrollGeometry } from './layout';
import { measureRow } from './measure';
import { Scrollbar } from './scrollbar';
import { t } from './l10n';

const WINDOW = 100;
const MAX_CACHED = 2000;

export interface ResultsPanelEvents {
  requestWindow(start: number, count: number): void;
  onSelect(item: FindResultItem): void;
  onClose(): void;
}

export class ResultsPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly header: HTMLElement;
  private readonly scrollbar: Scrollbar;
  private readonly items = new Map<number, FindResultItem>();
  private readonly requested = new Set<number>();
  private total = 0;
  private top = 0;
  private rowHeight = 20;
  private rows: HTMLElement[] = [];
  private digits = 8;

  constructor(private readonly events: ResultsPanelEvents) {
    this.element = document.createElement('section');
    this.element.className = 'results-panel';
    this.element.setAttribute('aria-label', t('results.label'));
    this.element.hidden = true;
    const bar = document.createElement('div');
    bar.className = 'results-header';
    this.header = document.createElement('span');
    const close = document.createElement('button');
    close.className = 'icon codicon codicon-close';
    close.setAttribute('aria-label', t('results.close'));
    close.addEventListener('click', () => this.events.onClose());
    bar.append(this.header, close);
    const body = document.createElement('div');
    body.className = 'results-body';
    this.list = document.createElement('div');
    this.list.className = 'results-list';
    this.list.setAttribute('role', 'listbox');
    this.list.tabIndex = 0;
    this.scrollbar = new Scrollbar(
      (row) => this.scrollTo(row),
      (dir) => this.scrollTo(this.top + dir * this.visible()),
    );
    body.append(this.list, this.scrollbar.element);
    this.element.append(bar, body);
    this.list.addEventListener('wheel', (e) => {
      e.preventDefault();
      this.scrollTo(this.top + Math.sign(e.deltaY) * Math.max(1, Math.round(Math.abs(e.deltaY) / this.rowHeight)));
    }, { passive: false });
    this.list.addEventListener('keydown', (e) => {
      const step = { ArrowDown: 1, ArrowUp: -1, PageDown: this.visible(), PageUp: -this.visible() }[e.key];
      if (step !== undefined) {
        this.scrollTo(this.top + step);
        e.preventDefault();
      }
    });
  }

  /** A new find-all: forget old rows. */
  reset(fileSize: number): void {
    this.items.clear();
    this.requested.clear();
    this.total = 0;
    this.top = 0;
    this.digits = Math.max(8, Math.max(0, fileSize - 1).toString(16).length);
    this.render();
  }

  show(): void {
    const wasHidden = this.element.hidden;
    this.element.hidden = false;
    if (wasHidden) this.layout();
  }

  hide(): void {
    this.element.hidden = true;
  }

  setTotal(total: number, summary: string): void {
    this.total = total;
    this.header.textContent = summary;
    this.render();
  }

  receive(start: number, items: readonly FindResultItem[]): void {
    items.forEach((item, i) => this.items.set(start + i, item));
    this.requested.delete(Math.floor(start / WINDOW));
    while (this.items.size > MAX_CACHED) this.items.delete(this.items.keys().next().value as number);
    this.render();
  }

  layout(): void {
    if (this.element.hidden) return;
    this.rowHeight = measureRow(this.list).rowHeight;
    const wanted = this.visible() + 1;
    while (this.rows.length < wanted) {
      const row = document.createElement('div');
      row.className = 'result-row';
      row.setAttribute('role', 'option');
      row.addEventListener('click', () => {
        const index = Number(row.dataset.index);
        const item = this.items.get(index);
        if (item) this.events.onSelect(item);
      });
      this.list.appendChild(row);
      this.rows.push(row);
    }
    while (this.rows.length > wanted) this.rows.pop()!.remove();
    this.render();
  }

  private visible(): number {
    return Math.max(1, Math.floor(this.list.clientHeight / this.rowHeight));
  }

  private geometry(): ScrollGeometry {
    return { totalRows: this.total, visibleRows: this.visible(), trackPx: this.scrollbar.element.clientHeight };
  }

  private scrollTo(row: number): void {
    this.top = clampTopRow(row, this.geometry());
    this.render();
  }

  private render(): void {
    if (this.element.hidden) return;
    this.scrollbar.update(this.geometry(), this.top);
    for (let i = 0; i < this.rows.length; i++) {
      const index = this.top + i;
      const row = this.rows[i];
      row.dataset.index = String(index);
      if (index >= this.total) {
        row.hidden = true;
        continue;
      }
      row.hidden = false;
      const item = this.items.get(index);
      if (!item) {
        row.textContent = '…';
        this.want(index);
        continue;
      }
      const offset = span('result-offset', item.offset.toString(16).toUpperCase().padStart(this.digits, '0'));
      const line = span('result-line', item.line > 0 ? t('results.line', item.line) : '');
      const text = span('result-text', '');
      text.append(document.createTextNode(item.before), span('result-match', item.match), document.createTextNode(item.after));
      row.replaceChildren(offset, line, text);
      row.setAttribute('aria-label', item.line ? t('results.matchAtLine', item.offset, item.line, item.match) : t('results.matchAt', item.offset, item.match));
    }
  }

  private want(index: number): void {
    const w = Math.floor(index / WINDOW);
    if (this.requested.has(w)) return;
    this.requested.add(w);
    this.events.requestWindow(w * WINDOW, WINDOW);
  }
}

function span(cls: string, text: string): HTMLElement {
  const s = document.createElement('span');
  s.className = cls;
  s.textContent = text;
  return s;
}
