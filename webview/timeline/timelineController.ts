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
import { num, t } from '../l10n';
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
    this.element.setAttribute('aria-label', t('timeline.label'));
    this.element.hidden = true;

    const header = document.createElement('div');
    header.className = 'timeline-header';
    const title = document.createElement('span');
    title.className = 'timeline-title';
    title.textContent = t('timeline.label');
    this.seriesSelect = document.createElement('select');
    this.seriesSelect.setAttribute('aria-label', t('timeline.seriesLabel'));
    this.seriesSelect.append(new Option(t('timeline.errors'), 'errors'), new Option(t('timeline.findHits'), 'find'), new Option(t('timeline.entriesOnly'), 'none'));
    this.seriesSelect.addEventListener('change', () => this.request(this.seriesSelect.value as TimelineSeries));
    this.status = document.createElement('span');
    this.status.className = 'timeline-status';
    this.status.setAttribute('aria-live', 'polite');
    const fit = button('zoom-out', t('timeline.wholeFile'), t('timeline.wholeFileTip'), () => this.zoom(0, 0));
    const close = button('close', '', t('timeline.close'), () => this.toggle(false));
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
        this.host.flash(t('timeline.needsFind'));
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
    this.status.textContent = t('timeline.scanning');
  }

  private onTimeline(timeline: TimelineData): void {
    if (timeline.timelineId >= HOST_TIMELINE_IDS && timeline.timelineId > this.currentId) {
      // The largeFile.timeline command: show what it computes.
      this.currentId = timeline.timelineId;
      this.view = undefined;
      this.full = undefined;
      if (!this.isOpen) this.toggle(true);
    }
    if (timeline.timelineId !== this.currentId) return;
    if (timeline.state === 'error') {
      this.data = timeline;
      this.status.textContent = timeline.error?.message ?? t('timeline.failed');
      this.chart.set(undefined, undefined, undefined);
      return;
    }
    this.data = timeline;
    const extent = timeline.counts.length > 0 && timeline.bucket > 0 ? { from: timeline.origin + timeline.first * timeline.bucket, to: timeline.origin + (timeline.first + timeline.counts.length) * timeline.bucket } : undefined;
    // While the whole file's timeline fills in, the view grows with it.
    if (!this.zoomed && extent) {
      this.full = extent;
      this.view = extent;
    }
    this.showStatus(timeline);
    this.redraw();
  }

  private get zoomed(): boolean {
    return !!this.view && !!this.full && !isWhole(this.view, this.full);
  }

  private showStatus(data: TimelineData): void {
    const per = data.bucket > 0 ? t('timeline.per', stepText(data.bucket)) : '';
    if (data.state === 'running') {
      this.status.textContent = t('timeline.scanningPercent', Math.floor((100 * data.scanned) / Math.max(1, data.total)), per);
      return;
    }
    if (data.state === 'cancelled') {
      this.status.textContent = t('timeline.stopped');
      return;
    }
    const matched = data.matched ?? 0;
    const series = data.series === 'errors' ? t('timeline.atErrorLevel', matched) : data.series === 'find' ? t('timeline.matching', matched) : '';
    this.status.textContent = t('timeline.summary', data.entries ?? 0, series, per);
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
      remove.setAttribute('aria-label', t('timeline.removeRange'));
      remove.title = t('timeline.removeRange');
      remove.addEventListener('click', () => this.clearRange());
      const icon = document.createElement('span');
      icon.className = 'codicon codicon-history';
      icon.setAttribute('aria-hidden', 'true');
      this.chip.replaceChildren(icon, label, remove);
      this.chip.title = t('timeline.rangeTip', clockText(range.from, zone), clockText(range.to, zone), num(range.start), num(range.end));
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
