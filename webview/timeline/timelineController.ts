// The timeline panel above the views ('time' in messageRouter.ts): asks the host for the
// timeline (extension/time/sessionTime.ts streams the engine's histogram as it fills in), draws
// it (timelineChart.ts), and turns the chart's input into the host's time operations:
//   open / series / zoom      → 'timeline' {timelineId, request: {series, bucketSeconds, range}}
//   click on a bar            → 'gotoTime' {input: the bucket's start}   (the host reveals the line)
//   drag across bars          → 'setTimeRange' {range}   (Find, the filter and export keep to it)
//   the chip's ×, Escape      → 'setTimeRange' {range: null}
// The whole file is asked for once with the bucket the engine picks for its span; a zoom asks for
// just the visible span (the engine resolves it to bytes by go-to-time and scans only those), at
// the bucket that gives bars of MIN_BAR_PX or more.
import type { FindQuery, TimelineData, TimelineSeries, TimeRangeInfo, WebviewMessage } from '../../shared/protocol';
import { type MessagesFor, unhandled } from '../messageRouter';
import { button } from '../toolbar';
import { type ChartData, TimelineChart } from './timelineChart';
import { bucketFor, clockText, isWhole, MIN_BAR_PX, stepText, type TimeView, zoomView } from './timeScale';

export interface TimelineHost {
  post(message: WebviewMessage): void;
  /** The cursor (relative times in Go to start there). */
  cursor(): number;
  /** The find box's query, if it has one (the 'find' series counts its hits). */
  findQuery(): FindQuery | undefined;
  encoding(): string;
  /** The panel opened or closed: the views have another height. */
  layoutChanged(): void;
  /** The time range changed: Find counts again within it. */
  rangeChanged(): void;
  flash(text: string): void;
}

/** The host's own timelines (the largeFile.timeline command) have ids from here. */
const HOST_TIMELINE_IDS = 1_000_000;
const ZOOM_DELAY_MS = 150;

export class TimelineController {
  readonly element: HTMLElement;
  /** The time range as a chip for the toolbar (shown while a range is set). */
  readonly chip: HTMLElement;
  private readonly chart: TimelineChart;
  private readonly seriesSelect: HTMLSelectElement;
  private readonly status: HTMLElement;
  private nextId = 1;
  private currentId = 0;
  private data: TimelineData | undefined;
  /** The whole file's span, from the first whole-file timeline. */
  private full: TimeView | undefined;
  private view: TimeView | undefined;
  private range: TimeRangeInfo | null = null;
  private zoomTimer: ReturnType<typeof setTimeout> | undefined;
  private onToggle: ((open: boolean) => void) | undefined;

  constructor(private readonly host: TimelineHost) {
    this.element = document.createElement('section');
    this.element.className = 'timeline-panel';
    this.element.setAttribute('aria-label', 'Timeline');
    this.element.hidden = true;

    const header = document.createElement('div');
    header.className = 'timeline-header';
    const title = document.createElement('span');
    title.className = 'timeline-title';
    title.textContent = 'Timeline';
    this.seriesSelect = document.createElement('select');
    this.seriesSelect.setAttribute('aria-label', 'What the red part of the bars counts');
    this.seriesSelect.append(new Option('Errors', 'errors'), new Option('Find hits', 'find'), new Option('Entries only', 'none'));
    this.seriesSelect.addEventListener('change', () => this.request(this.seriesSelect.value as TimelineSeries));
    this.status = document.createElement('span');
    this.status.className = 'timeline-status';
    this.status.setAttribute('aria-live', 'polite');
    const fit = button('zoom-out', 'Whole file', 'Show the whole file (0)', () => this.zoom(0, 0));
    const close = button('close', '', 'Close the timeline', () => this.toggle(false));
    close.classList.add('timeline-close');
    header.append(title, this.seriesSelect, this.status, fit, close);

    this.chart = new TimelineChart({
      onClick: (time) => this.host.post({ type: 'gotoTime', input: new Date(Math.floor(time / 1000)).toISOString(), from: this.host.cursor() }),
      onBrush: (range) => this.host.post({ type: 'setTimeRange', range: { from: Math.round(range.from), to: Math.round(range.to) } }),
      onZoom: (factor, center) => this.zoom(factor, center),
    });
    this.element.append(header, this.chart.element);

    this.chip = document.createElement('span');
    this.chip.className = 'time-range-chip';
    this.chip.hidden = true;

    // After the editor's own keys: Escape closes find first, then lifts the time range.
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || e.defaultPrevented || !this.range) return;
      if ((e.target as HTMLElement | null)?.closest?.('input, textarea, select')) return;
      this.clearRange();
      e.preventDefault();
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Called with the panel's state each time it opens or closes (the toolbar's button shows it). */
  onOpenChanged(listener: (open: boolean) => void): void {
    this.onToggle = listener;
  }

  /** Shows or hides the panel; the first show asks for the whole file's timeline. */
  toggle(open = !this.isOpen): void {
    if (open === this.isOpen) return;
    this.element.hidden = !open;
    this.onToggle?.(open);
    this.host.layoutChanged();
    if (open) {
      if (!this.data || this.data.state === 'error' || this.data.state === 'cancelled') this.request(this.series());
      this.chart.draw();
      this.chart.focus();
    } else if (this.data?.state === 'running') {
      this.host.post({ type: 'cancelTimeline', timelineId: this.currentId });
    }
  }

  handle(m: MessagesFor<'time'>): void {
    switch (m.type) {
      case 'timeline':
        return this.onTimeline(m.timeline);
      case 'timeRange':
        return this.onRange(m.range);
      case 'showTimeline':
        return this.toggle(m.on === 'toggle' ? !this.isOpen : m.on);
      default:
        return unhandled(m);
    }
  }

  private series(): TimelineSeries {
    return this.seriesSelect.value as TimelineSeries;
  }

  /** Asks for a timeline: the whole file, or with `view` that span at a bucket fit for it. */
  private request(series: TimelineSeries, view?: TimeView): void {
    let query: FindQuery | undefined;
    if (series === 'find') {
      query = this.host.findQuery();
      if (!query) {
        this.host.flash('Type something in Find (Ctrl+F) for the timeline to count its hits');
        this.seriesSelect.value = 'errors';
        series = 'errors';
      }
    }
    if (this.data?.state === 'running') this.host.post({ type: 'cancelTimeline', timelineId: this.currentId });
    const timelineId = this.nextId++;
    this.currentId = timelineId;
    const width = this.chart.element.clientWidth || 800;
    const bucketSeconds = view ? bucketFor(view.to - view.from, width) / 1e6 : undefined;
    // The whole file: the engine picks the bucket for its span, bars of MIN_BAR_PX or more.
    const targetBuckets = Math.max(10, Math.floor((width - 60) / MIN_BAR_PX));
    this.host.post({
      type: 'timeline',
      timelineId,
      request: {
        series,
        ...(bucketSeconds ? { bucketSeconds } : { targetBuckets }),
        ...(query ? { query, encoding: this.host.encoding() } : {}),
        ...(view ? { range: { from: Math.floor(view.from), to: Math.ceil(view.to) } } : {}),
      },
    });
    this.status.textContent = 'Scanning…';
  }

  private onTimeline(t: TimelineData): void {
    if (t.timelineId >= HOST_TIMELINE_IDS && t.timelineId > this.currentId) {
      // The largeFile.timeline command: show what it computes.
      this.currentId = t.timelineId;
      this.view = undefined;
      this.full = undefined;
      if (!this.isOpen) this.toggle(true);
    }
    if (t.timelineId !== this.currentId) return;
    if (t.state === 'error') {
      this.data = t;
      this.status.textContent = t.error?.message ?? 'The timeline failed';
      this.chart.set(undefined, undefined, undefined);
      return;
    }
    this.data = t;
    const extent = t.counts.length > 0 && t.bucket > 0 ? { from: t.origin + t.first * t.bucket, to: t.origin + (t.first + t.counts.length) * t.bucket } : undefined;
    // While the whole file's timeline fills in, the view grows with it.
    if (!this.zoomed && extent) {
      this.full = extent;
      this.view = extent;
    }
    this.showStatus(t);
    this.redraw();
  }

  private get zoomed(): boolean {
    return !!this.view && !!this.full && !isWhole(this.view, this.full);
  }

  private showStatus(t: TimelineData): void {
    const n = (v: number) => v.toLocaleString('en-US');
    const per = t.bucket > 0 ? ` per ${stepText(t.bucket)}` : '';
    if (t.state === 'running') {
      this.status.textContent = `Scanning… ${Math.floor((100 * t.scanned) / Math.max(1, t.total))}%${per}`;
      return;
    }
    if (t.state === 'cancelled') {
      this.status.textContent = 'Stopped';
      return;
    }
    const series = t.series === 'errors' ? `, ${n(t.matched ?? 0)} at error level` : t.series === 'find' ? `, ${n(t.matched ?? 0)} matching` : '';
    this.status.textContent = `${n(t.entries ?? 0)} entries${series}${per}`;
  }

  private redraw(): void {
    const t = this.data;
    const chartData: ChartData | undefined =
      t && t.state !== 'error' ? { origin: t.origin, bucket: t.bucket, first: t.first, counts: t.counts, matches: t.matches, series: t.series, zoneMinutes: t.zoneMinutes } : undefined;
    this.chart.set(chartData, this.view, this.range ?? undefined);
  }

  /** Zoom by `factor` around `center` (0: back to the whole file), then ask for the new span. */
  private zoom(factor: number, center: number): void {
    if (!this.full || !this.view) return;
    const whole = factor === 0;
    this.view = whole ? this.full : zoomView(this.view, center, factor, this.full);
    this.redraw();
    if (this.zoomTimer) clearTimeout(this.zoomTimer);
    this.zoomTimer = setTimeout(() => {
      this.zoomTimer = undefined;
      this.request(this.series(), this.zoomed ? this.view : undefined);
    }, ZOOM_DELAY_MS);
  }

  private onRange(range: TimeRangeInfo | null): void {
    this.range = range;
    const zone = this.data?.zoneMinutes ?? null;
    if (range) {
      const label = document.createElement('span');
      label.className = 'chip-label';
      const from = clockText(range.from, zone);
      const to = clockText(range.to, zone);
      // The end's date only when it is another day: `2026-03-01 12:00:00 – 12:10:00`.
      label.textContent = `${from} – ${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to}`;
      const remove = document.createElement('button');
      remove.className = 'chip-remove codicon codicon-close';
      remove.setAttribute('aria-label', 'Remove the time range (Escape)');
      remove.title = 'Remove the time range (Escape)';
      remove.addEventListener('click', () => this.clearRange());
      const icon = document.createElement('span');
      icon.className = 'codicon codicon-history';
      icon.setAttribute('aria-hidden', 'true');
      this.chip.replaceChildren(icon, label, remove);
      this.chip.title = `Find, the filter and export keep to ${clockText(range.from, zone)} – ${clockText(range.to, zone)} (bytes ${range.start.toLocaleString('en-US')} – ${range.end.toLocaleString('en-US')})`;
      this.chip.dataset.start = String(range.start);
      this.chip.dataset.end = String(range.end);
      this.chip.hidden = false;
    } else {
      this.chip.replaceChildren();
      delete this.chip.dataset.start;
      delete this.chip.dataset.end;
      this.chip.hidden = true;
    }
    this.redraw();
    this.host.rangeChanged();
  }

  private clearRange(): void {
    this.host.post({ type: 'setTimeRange', range: null });
  }
}
