// The timeline's arithmetic, DOM-free: which bucket length suits a span (the engine's own steps,
// 1 s … 7 days, native/src/time/time_histogram.h), where the axis ticks go and how they read on
// the file's clock, and how a zoom moves the visible span. Times are µs since the epoch (UTC);
// the file's clock is its first stamp's zone (minutes east of UTC; null: no zone, shown as UTC).

import { t } from '../l10n';

const S = 1e6;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;

/** Bucket lengths the chart uses (the engine's steps). */
export const BUCKET_STEPS: readonly number[] = [
  S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S,
  MIN, 2 * MIN, 5 * MIN, 10 * MIN, 15 * MIN, 30 * MIN,
  H, 2 * H, 3 * H, 6 * H, 12 * H,
  DAY, 2 * DAY, 7 * DAY,
];

/** A bar this wide (CSS px) at least: narrower ones are noise, wider ones too coarse. */
export const MIN_BAR_PX = 4;

export interface TimeView {
  readonly from: number;
  readonly to: number;
}

/**
 * The smallest step giving bars at least MIN_BAR_PX wide over `width` px for `span` µs (so at
 * most width / MIN_BAR_PX buckets); the largest step when even that is too fine.
 */
export function bucketFor(span: number, width: number): number {
  const most = Math.max(1, Math.floor(width / MIN_BAR_PX));
  for (const step of BUCKET_STEPS) if (span / step <= most) return step;
  return BUCKET_STEPS[BUCKET_STEPS.length - 1];
}

/** Tick steps of the axis: bucket steps and a few longer ones. */
const TICK_STEPS: readonly number[] = [...BUCKET_STEPS, 14 * DAY, 28 * DAY];

/** A label at least this far from the next (CSS px). */
const LABEL_PX = 90;

export interface Tick {
  readonly time: number;
  readonly label: string;
  /** The first tick of a day (the label carries the date). */
  readonly newDay: boolean;
}

/** Ticks over `view` for `width` px, aligned to the file's clock (whole minutes, hours, local midnights). */
export function ticks(view: TimeView, width: number, zoneMinutes: number | null): Tick[] {
  const span = view.to - view.from;
  if (!(span > 0) || width <= 0) return [];
  const most = Math.max(1, Math.floor(width / LABEL_PX));
  const step = TICK_STEPS.find((s) => span / s <= most) ?? TICK_STEPS[TICK_STEPS.length - 1];
  const zone = (zoneMinutes ?? 0) * MIN;
  const out: Tick[] = [];
  let previousDay: number | undefined;
  for (let local = Math.ceil((view.from + zone) / step) * step; local - zone <= view.to; local += step) {
    const day = Math.floor(local / DAY);
    const newDay = previousDay === undefined || day !== previousDay;
    previousDay = day;
    out.push({ time: local - zone, label: tickLabel(local, step, newDay), newDay });
    if (out.length > 1000) break;
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12:30`, `12:30:15`, `Mar 1 12:00` (a new day), `Mar 1` (steps of days). */
function tickLabel(local: number, step: number, newDay: boolean): string {
  const d = new Date(Math.floor(local / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  if (step >= DAY) return date;
  const clock = step < MIN ? `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}` : `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  return newDay ? `${date} ${clock}` : clock;
}

/** A time on the file's clock for the hover: `2026-03-01 12:30:00` (`+01:00` when the file has a zone). */
export function clockText(micros: number, zoneMinutes: number | null): string {
  const local = micros + (zoneMinutes ?? 0) * MIN;
  const iso = new Date(Math.floor(local / 1000)).toISOString();
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  if (zoneMinutes === null || zoneMinutes === 0) return text;
  const m = Math.abs(zoneMinutes);
  return `${text} ${zoneMinutes < 0 ? '-' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** `1 s`, `5 min`, `1 h`, `1 day`: a bucket's length. */
export function stepText(step: number): string {
  if (step >= DAY) return step === DAY ? t('timeline.oneDay') : t('timeline.days', step / DAY);
  if (step >= H) return `${step / H} h`;
  if (step >= MIN) return `${step / MIN} min`;
  return `${step / S} s`;
}

/** The view zoomed by `factor` (< 1: in) around `center`, kept inside `full` and at least a second wide. */
export function zoomView(view: TimeView, center: number, factor: number, full: TimeView): TimeView {
  const fullSpan = full.to - full.from;
  const span = Math.min(fullSpan, Math.max(10 * S, (view.to - view.from) * factor));
  const at = Math.min(1, Math.max(0, (center - view.from) / Math.max(1, view.to - view.from)));
  let from = center - at * span;
  from = Math.min(full.to - span, Math.max(full.from, from));
  return { from, to: from + span };
}

/** Whether `view` covers all of `full` (the chart is not zoomed). */
export function isWhole(view: TimeView, full: TimeView): boolean {
  return view.from <= full.from && view.to >= full.to;
}

/** The bucket boundaries around [a, b) (the drag's ends, in either order) for a bucket grid. */
export function snapRange(a: number, b: number, origin: number, bucket: number): TimeView {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const from = origin + Math.floor((lo - origin) / bucket) * bucket;
  const to = origin + Math.max(Math.floor((lo - origin) / bucket) + 1, Math.ceil((hi - origin) / bucket)) * bucket;
  return { from, to };
}
