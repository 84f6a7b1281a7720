// Times as text: ISO 8601 for the command line (UTC, as `awk` and `date -u` print them), and the
// file's own wall clock for the status bar. Times are microseconds since the epoch (the engine's
// unit, exact in a double until the year 2255).

const MICROS_PER_MS = 1000;

/** `2026-03-01T00:00:00.019Z`; microseconds appear when there are any (`…00.019250Z`). */
export function isoTime(micros: number): string {
  const ms = Math.floor(micros / MICROS_PER_MS);
  const iso = new Date(ms).toISOString();
  const rest = micros - ms * MICROS_PER_MS;
  return rest === 0 ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

/** `+01:00`, `-05:30`, `UTC` for 0. */
export function zoneText(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * The time as the file's clock shows it: `2026-03-01 01:00:00.019 +01:00` for a stamp with an
 * offset, `2026-03-01 00:00:00.019` for one without a zone (read as UTC, shown as written).
 */
export function wallTime(micros: number, offsetMinutes: number | null): string {
  const local = micros + (offsetMinutes ?? 0) * 60_000_000;
  const iso = isoTime(local);
  const text = `${iso.slice(0, 10)} ${iso.slice(11, -1)}`.replace(/\.000$/, '');
  return offsetMinutes === null ? text : `${text} ${zoneText(offsetMinutes)}`;
}

/** A duration for messages: `1 h 30 min`, `45 s`, `250 ms`. */
export function durationText(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  let s = Math.abs(micros) / 1e6;
  if (s < 1) return `${sign}${Math.round(s * 1000)} ms`;
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60]] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)} ${unit}`);
      s %= size;
    }
  }
  if (s >= 1 || parts.length === 0) parts.push(`${Math.floor(s)} s`);
  return sign + parts.join(' ');
}
