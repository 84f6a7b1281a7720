// The timeline's chart: one canvas of bars (entries per bucket, the series' hits stacked at the
// bottom of each bar in their own colour), the axis labels and the hover's tip as DOM beside it
// (so they read like the rest of the editor and tests can read them), the time range shaded.
// Colours are the theme's chart colours (--vscode-charts-*), read again on every draw, so a theme
// change (light, dark, high contrast) shows at the next frame. The canvas is drawn at the
// device's pixel ratio: a 1400 px panel of 350 one-minute buckets is 350 fillRects, well under a
// millisecond. Pointer input becomes times (hover, click, drag, wheel) for the controller.
import { clockText, stepText, type TimeView, ticks, snapRange } from './timeScale';
import { t } from '../l10n';

export interface ChartData {
  readonly origin: number;
  readonly bucket: number;
  readonly first: number;
  readonly counts: Float64Array;
  readonly matches: Float64Array;
  /** What the stacked series counts ('errors', 'find'; 'none': no second series). */
  readonly series: 'none' | 'errors' | 'find';
  readonly zoneMinutes: number | null;
}

export interface ChartEvents {
  /** A click on a bar: go to the first line at or after its start. */
  onClick(time: number): void;
  /** A drag across the chart: the range [from, to) on the bucket grid. */
  onBrush(range: TimeView): void;
  /** Wheel or +/-: zoom by `factor` (< 1: in) around `center`; 0 zooms back out to the whole file. */
  onZoom(factor: number, center: number): void;
}

const PAD = { left: 52, right: 8, top: 8, bottom: 20 };

export class TimelineChart {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly axis: HTMLElement;
  private readonly yMax: HTMLElement;
  private readonly tip: HTMLElement;
  private data: ChartData | undefined;
  private view: TimeView | undefined;
  private selection: TimeView | undefined;
  private brush: { start: number; x: number; moved: boolean; current?: TimeView } | undefined;
  private hoverX: number | undefined;
  private queued = false;

  constructor(private readonly events: ChartEvents) {
    this.element = document.createElement('div');
    this.element.className = 'timeline-chart';
    this.canvas = document.createElement('canvas');
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', t('timeline.label'));
    this.axis = document.createElement('div');
    this.axis.className = 'timeline-axis';
    this.axis.setAttribute('aria-hidden', 'true');
    this.yMax = document.createElement('span');
    this.yMax.className = 'timeline-ymax';
    this.tip = document.createElement('div');
    this.tip.className = 'timeline-tip';
    this.tip.setAttribute('role', 'tooltip');
    this.tip.hidden = true;
    this.element.append(this.canvas, this.axis, this.yMax, this.tip);

    this.canvas.addEventListener('pointerdown', (e) => this.onDown(e));
    this.canvas.addEventListener('pointermove', (e) => this.onMove(e));
    this.canvas.addEventListener('pointerup', (e) => this.onUp(e));
    this.canvas.addEventListener('pointerleave', () => {
      this.hoverX = undefined;
      this.tip.hidden = true;
      this.draw();
    });
    this.canvas.addEventListener('wheel', (e) => {
      const t = this.timeAt(e.offsetX);
      if (t === undefined) return;
      e.preventDefault();
      this.events.onZoom(e.deltaY < 0 ? 0.8 : 1.25, t);
    }, { passive: false });
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.draw()).observe(this.element);
    // The theme's class on <body> changes with the theme: draw in its colours.
    new MutationObserver(() => this.draw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  set(data: ChartData | undefined, view: TimeView | undefined, selection: TimeView | undefined): void {
    this.data = data;
    this.view = view;
    this.selection = selection;
    this.draw();
  }

  focus(): void {
    this.canvas.focus();
  }

  /** Redraws at the next frame (many updates, one draw). */
  draw(): void {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      this.paint();
    });
  }

  private plot(): { left: number; top: number; width: number; height: number } {
    const w = this.element.clientWidth;
    const h = this.element.clientHeight;
    return { left: PAD.left, top: PAD.top, width: Math.max(0, w - PAD.left - PAD.right), height: Math.max(0, h - PAD.top - PAD.bottom) };
  }

  private xOf(time: number): number {
    const p = this.plot();
    const v = this.view!;
    return p.left + ((time - v.from) / (v.to - v.from)) * p.width;
  }

  /** The time under x (CSS px in the chart), or undefined outside the plot / without a view. */
  private timeAt(x: number): number | undefined {
    const p = this.plot();
    const v = this.view;
    if (!v || p.width <= 0 || x < p.left - 2 || x > p.left + p.width + 2) return undefined;
    const at = Math.min(1, Math.max(0, (x - p.left) / p.width));
    return v.from + at * (v.to - v.from);
  }

  /** The bucket holding `time`: its index in the data and its start. */
  private bucketAt(time: number): { index: number; start: number } | undefined {
    const d = this.data;
    if (!d || d.bucket <= 0) return undefined;
    const k = Math.floor((time - d.origin) / d.bucket);
    const index = k - d.first;
    return index >= 0 && index < d.counts.length ? { index, start: d.origin + k * d.bucket } : undefined;
  }

  private colours() {
    const style = getComputedStyle(this.element);
    const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return {
      entries: v('--vscode-charts-blue', '#3794ff'),
      errors: v('--vscode-charts-red', '#f14c4c'),
      find: v('--vscode-charts-orange', '#d18616'),
      grid: v('--vscode-charts-lines', 'rgba(128,128,128,0.5)'),
      text: v('--vscode-descriptionForeground', '#888'),
      selection: v('--vscode-editor-selectionBackground', 'rgba(38,79,120,0.6)'),
      selectionBorder: v('--vscode-focusBorder', '#007fd4'),
      hover: v('--vscode-editor-foreground', '#ccc'),
      contrast: v('--vscode-contrastBorder', ''),
    };
  }

  private paint(): void {
    const dpr = window.devicePixelRatio || 1;
    const cssW = this.element.clientWidth;
    const cssH = this.element.clientHeight;
    if (this.canvas.width !== Math.round(cssW * dpr) || this.canvas.height !== Math.round(cssH * dpr)) {
      this.canvas.width = Math.round(cssW * dpr);
      this.canvas.height = Math.round(cssH * dpr);
      this.canvas.style.width = `${cssW}px`;
      this.canvas.style.height = `${cssH}px`;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssW, cssH);
    const p = this.plot();
    const d = this.data;
    const v = this.view;
    const c = this.colours();
    this.axis.replaceChildren();
    if (!d || !v || v.to <= v.from || p.width <= 0 || p.height <= 0) {
      this.yMax.textContent = '';
      this.setGeometry(undefined);
      return;
    }
    // The highest bar in view sets the scale.
    let max = 0;
    const lo = Math.max(0, Math.floor((v.from - d.origin) / d.bucket) - d.first);
    const hi = Math.min(d.counts.length, Math.ceil((v.to - d.origin) / d.bucket) - d.first);
    for (let i = lo; i < hi; i++) if (d.counts[i] > max) max = d.counts[i];
    const scale = max > 0 ? p.height / max : 0;
    const bottom = p.top + p.height;

    // Grid and labels.
    ctx.strokeStyle = c.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(p.left, bottom + 0.5);
    ctx.lineTo(p.left + p.width, bottom + 0.5);
    ctx.moveTo(p.left - 0.5, p.top);
    ctx.lineTo(p.left - 0.5, bottom);
    for (const t of ticks(v, p.width, d.zoneMinutes)) {
      const x = Math.round(this.xOf(t.time)) + 0.5;
      ctx.moveTo(x, bottom);
      ctx.lineTo(x, bottom + 4);
      const label = document.createElement('span');
      label.className = t.newDay ? 'tick new-day' : 'tick';
      label.textContent = t.label;
      label.dataset.time = String(t.time);
      label.style.left = `${x}px`;
      this.axis.append(label);
    }
    ctx.stroke();
    this.yMax.textContent = max.toLocaleString('en-US');
    this.yMax.style.top = `${p.top}px`;

    // Bars: entries, the series' hits at their bottom.
    const seriesColour = d.series === 'find' ? c.find : c.errors;
    const snap = (x: number) => Math.round(x * dpr) / dpr;
    for (let i = lo; i < hi; i++) {
      const count = d.counts[i];
      if (count <= 0) continue;
      const start = d.origin + (d.first + i) * d.bucket;
      const x0 = snap(Math.max(p.left, this.xOf(start)));
      const x1 = snap(Math.min(p.left + p.width, this.xOf(start + d.bucket)));
      const gap = x1 - x0 >= 4 ? 1 : 0;
      const w = Math.max(1 / dpr, x1 - x0 - gap);
      const h = snap(count * scale);
      ctx.fillStyle = c.entries;
      ctx.fillRect(x0, bottom - h, w, h);
      const m = d.matches[i];
      if (m > 0 && d.series !== 'none') {
        const hm = Math.max(1, snap(m * scale));
        ctx.fillStyle = seriesColour;
        ctx.fillRect(x0, bottom - hm, w, hm);
      }
      if (c.contrast && w >= 3) {
        ctx.strokeStyle = c.contrast;
        ctx.strokeRect(x0 + 0.5, bottom - h + 0.5, w - 1, h - 1);
      }
    }

    // The time range (set, or being dragged).
    const sel = this.brush?.current ?? this.selection;
    if (sel && sel.to > v.from && sel.from < v.to) {
      const x0 = Math.max(p.left, this.xOf(sel.from));
      const x1 = Math.min(p.left + p.width, this.xOf(sel.to));
      ctx.globalAlpha = 0.45;
      ctx.fillStyle = c.selection;
      ctx.fillRect(x0, p.top, x1 - x0, p.height);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = c.selectionBorder;
      ctx.strokeRect(Math.round(x0) + 0.5, p.top + 0.5, Math.max(1, Math.round(x1 - x0) - 1), p.height - 1);
    }

    // The hovered bucket.
    const hovered = this.hoverX === undefined ? undefined : this.timeAt(this.hoverX);
    const b = hovered === undefined ? undefined : this.bucketAt(hovered);
    if (b) {
      const x0 = Math.max(p.left, this.xOf(b.start));
      const x1 = Math.min(p.left + p.width, this.xOf(b.start + d.bucket));
      ctx.strokeStyle = c.hover;
      ctx.strokeRect(Math.round(x0) + 0.5, p.top + 0.5, Math.max(1, Math.round(x1 - x0) - 1), p.height - 1);
    }
    this.setGeometry({ ...p, max });
  }

  /** Where the plot is and its scale, on the canvas's dataset (the e2e test reads bars by it). */
  private setGeometry(g: { left: number; top: number; width: number; height: number; max: number } | undefined): void {
    const ds = this.canvas.dataset;
    if (!g || !this.view || !this.data) {
      for (const k of Object.keys(ds)) delete ds[k];
      return;
    }
    Object.assign(ds, {
      plotLeft: String(g.left),
      plotTop: String(g.top),
      plotWidth: String(g.width),
      plotHeight: String(g.height),
      max: String(g.max),
      viewFrom: String(this.view.from),
      viewTo: String(this.view.to),
      origin: String(this.data.origin),
      bucket: String(this.data.bucket),
      first: String(this.data.first),
      buckets: String(this.data.counts.length),
    });
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    const t = this.timeAt(e.offsetX);
    if (t === undefined) return;
    this.canvas.setPointerCapture(e.pointerId);
    this.brush = { start: t, x: e.offsetX, moved: false };
  }

  private onMove(e: PointerEvent): void {
    this.hoverX = e.offsetX;
    const b = this.brush;
    if (b) {
      if (Math.abs(e.offsetX - b.x) > 3) b.moved = true;
      const t = this.timeAt(Math.min(this.plot().left + this.plot().width, Math.max(this.plot().left, e.offsetX)));
      if (b.moved && t !== undefined && this.data) b.current = snapRange(b.start, t, this.data.origin, this.data.bucket);
    }
    this.showTip(e.offsetX);
    this.draw();
  }

  private onUp(e: PointerEvent): void {
    const b = this.brush;
    this.brush = undefined;
    if (!b) return;
    if (b.moved && b.current) this.events.onBrush(b.current);
    else {
      const t = this.timeAt(e.offsetX);
      const bucket = t === undefined ? undefined : this.bucketAt(t);
      if (bucket) this.events.onClick(bucket.start);
    }
    this.draw();
  }

  private onKey(e: KeyboardEvent): void {
    const v = this.view;
    if (!v) return;
    const center = (v.from + v.to) / 2;
    if (e.key === '+' || e.key === '=') this.events.onZoom(0.5, center);
    else if (e.key === '-' || e.key === '_') this.events.onZoom(2, center);
    else if (e.key === '0') this.events.onZoom(0, center);
    else return;
    e.preventDefault();
    e.stopPropagation();
  }

  private showTip(x: number): void {
    const time = this.timeAt(x);
    const d = this.data;
    const b = time === undefined ? undefined : this.bucketAt(time);
    if (!d || !b) {
      this.tip.hidden = true;
      return;
    }
    const count = d.counts[b.index];
    const matches = d.matches[b.index];
    const series = d.series === 'errors' ? t('timeline.tipErrors', matches) : d.series === 'find' ? t('timeline.tipFind', matches) : '';
    this.tip.textContent = t(count === 1 ? 'timeline.tipEntry' : 'timeline.tipEntries', clockText(b.start, d.zoneMinutes), stepText(d.bucket), count, series);
    this.tip.hidden = false;
    const w = this.element.clientWidth;
    const tipW = this.tip.offsetWidth;
    this.tip.style.left = `${Math.max(0, Math.min(w - tipW, x + 12))}px`;
    // Along the top edge: over the bars' tops, not over the bar under the pointer.
    this.tip.style.top = '0px';
  }
}
