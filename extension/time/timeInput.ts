// What the user types into Go to (Ctrl+G or the Go to box) when it is a time:
//   start, end                        the first line, the last line
//   +10m, -1h30m, +90s, +1.5h, +2d    relative to the time of the cursor's line (d h m s ms)
//   2026-03-01 12:00, 2026-03-01T12:00:30.5Z, 2026/03/01 12:00:00 +01:00, 2026-03-01
//                                     a date with or without a time, seconds, fraction, zone
//   12:00, 12:00:30                   a time of day on the file's first day (the next day when
//                                     that is before the file's first line: a log that starts at
//                                     23:00 asked for 01:00 means the night after)
//   anything the engine reads in log lines: Mar  1 12:00:00, 01/Mar/2026:12:00:00 +0000,
//                                     1772366400, the file's own custom format…
// A time typed without a zone is on the file's clock: in the zone of its first timestamp (UTC
// when that has none, which is how the engine reads zone-less stamps).

import { l10n } from '../../shared/l10nText';

export type TimeTarget =
  | { readonly kind: 'start' }
  | { readonly kind: 'end' }
  | { readonly kind: 'relative'; readonly micros: number }
  | { readonly kind: 'absolute'; readonly time: number }
  | { readonly kind: 'error'; readonly message: string };

export interface TimeInputContext {
  /** Minutes east of UTC of the file's clock (its first stamp's offset; 0 when it has none). */
  readonly zoneMinutes: number;
  /** The file's first timestamp (µs): where a time of day alone is placed. */
  readonly firstTime: number;
  /** The engine's reading of text in the formats of log lines (µs), or null. */
  readonly parseNative?: (text: string) => number | null;
}

const UNIT_MICROS: Record<string, number> = {
  w: 7 * 86_400e6,
  d: 86_400e6,
  h: 3_600e6,
  m: 60e6,
  min: 60e6,
  s: 1e6,
  sec: 1e6,
  ms: 1e3,
};

const RELATIVE = /^([+-])\s*((?:\d+(?:\.\d+)?\s*(?:ms|min|sec|w|d|h|m|s)\s*)+)$/i;
const RELATIVE_PART = /(\d+(?:\.\d+)?)\s*(ms|min|sec|w|d|h|m|s)/gi;
const ZONE = '(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)';
const DATE_TIME = new RegExp(`^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:(?:T|\\s+)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?\\s*${ZONE}?$`, 'i');
const TIME_OF_DAY = new RegExp(`^(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*${ZONE}?$`, 'i');

/** Whether `input` looks like a relative time (`+10m`), whatever the file. */
export function isRelativeTime(input: string): boolean {
  return RELATIVE.test(input.trim());
}

export function parseTimeInput(input: string, context: TimeInputContext): TimeTarget {
  const text = input.trim();
  if (text === '') return { kind: 'error', message: l10n.t('Type a time: 2026-03-01 12:00, 12:00, +10m, start or end') };
  const word = text.toLowerCase();
  if (word === 'start' || word === 'begin' || word === 'first') return { kind: 'start' };
  if (word === 'end' || word === 'last') return { kind: 'end' };
  const relative = RELATIVE.exec(text);
  if (relative) {
    let micros = 0;
    for (const m of relative[2].matchAll(RELATIVE_PART)) micros += Number(m[1]) * UNIT_MICROS[m[2].toLowerCase()];
    return { kind: 'relative', micros: Math.round(relative[1] === '-' ? -micros : micros) };
  }
  const date = DATE_TIME.exec(text);
  if (date) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = date;
    const time = civil(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), frac);
    if (time === undefined) return { kind: 'error', message: l10n.t('Not a date and time: {0}', text) };
    return { kind: 'absolute', time: time - zoneOffset(zone, context.zoneMinutes) };
  }
  const clock = TIME_OF_DAY.exec(text);
  if (clock) {
    const [, h, mi, s = '0', frac = '', zone] = clock;
    const offset = zoneOffset(zone, context.zoneMinutes);
    const firstLocal = context.firstTime + context.zoneMinutes * 60e6;
    const day = Math.floor(firstLocal / 86_400e6) * 86_400e6;
    const ofDay = civil(1970, 1, 1, Number(h), Number(mi), Number(s), frac);
    if (ofDay === undefined) return { kind: 'error', message: l10n.t('Not a time of day: {0}', text) };
    let time = day + ofDay - offset;
    if (time < context.firstTime - 60e6) time += 86_400e6;
    return { kind: 'absolute', time };
  }
  const native = context.parseNative?.(text);
  if (native !== null && native !== undefined) return { kind: 'absolute', time: native };
  return { kind: 'error', message: l10n.t('Not an offset, line or time: {0}', text) };
}

/** µs since the epoch of a civil date and time read as UTC; undefined when out of range. */
function civil(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (!Number.isFinite(ms) || new Date(ms).getUTCDate() !== d) return undefined;
  const micros = frac === '' ? 0 : Math.floor(Number(`0.${frac}`) * 1e6 + 1e-6);
  return ms * 1000 + micros;
}

/** The zone's offset east of UTC in µs; none typed: the file's. */
function zoneOffset(zone: string | undefined, fileZoneMinutes: number): number {
  if (!zone) return fileZoneMinutes * 60e6;
  const z = zone.toUpperCase();
  if (z === 'Z' || z === 'UTC' || z === 'GMT') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z)!;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === '-' ? -minutes : minutes) * 60e6;
}

/**
 * A time range typed as two times: `12:00 .. 12:30`, `2026-03-01 12:00 to 2026-03-01 13:00`,
 * `12:00 - +30m` (the second relative to the first).
 */
export function parseTimeRangeInput(input: string, context: TimeInputContext): { from: number; to: number } | { error: string } {
  const parts = input.split(/\s+(?:\.\.|to|-|–)\s+|\.\./i).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length !== 2) return { error: l10n.t('Type two times: 12:00 .. 12:30, or 2026-03-01 12:00 .. +30m') };
  const from = parseTimeInput(parts[0], context);
  if (from.kind !== 'absolute') return { error: from.kind === 'error' ? from.message : l10n.t('The range starts with a time, not {0}', parts[0]) };
  const to = parseTimeInput(parts[1], { ...context, firstTime: from.time });
  const end = to.kind === 'absolute' ? to.time : to.kind === 'relative' ? from.time + to.micros : undefined;
  if (end === undefined) return { error: to.kind === 'error' ? to.message : l10n.t('The range ends with a time, not {0}', parts[1]) };
  if (end <= from.time) return { error: l10n.t('The range ends before it starts') };
  return { from: from.time, to: end };
}
