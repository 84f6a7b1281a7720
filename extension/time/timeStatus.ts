// The status bar's time: the timestamp of the cursor's line (or of its entry, for a stack trace
// line), shown on the file's own clock, with the detected format on hover. Reads one line (two
// for a continuation line) through the engine per cursor move: microseconds.
import type { TimeFormatDescriptor, TimeFormatName } from '../engine';
import { timeFor, TimeSource } from './documentTime';
import { timeSettings } from './timeSettings';
import { wallTime } from './timeText';

const FORMAT_LABEL: Record<TimeFormatName, string> = {
  iso8601: 'ISO 8601 / RFC 3339',
  log4j: 'log4j / logback (YYYY-MM-DD HH:MM:SS,mmm)',
  'ymd-slash': 'YYYY/MM/DD HH:MM:SS',
  syslog: "syslog (Mmm d HH:MM:SS; the year from the file's date)",
  ctime: 'ctime (Www Mmm d HH:MM:SS YYYY)',
  clf: 'Apache / nginx access log (DD/Mmm/YYYY:HH:MM:SS +ZZZZ)',
  'epoch-s': 'seconds since 1970',
  'epoch-ms': 'milliseconds since 1970',
  custom: 'largeFile.timestampFormat',
};

const ANCHOR_LABEL: Record<TimeFormatDescriptor['anchor'], string> = {
  'line-start': 'at the start of each line',
  bracket: 'after the first [ of each line',
  search: 'the first date in each line',
  pattern: 'where largeFile.timestampPattern matches',
};

/** The format in words: "ISO 8601 / RFC 3339, at the start of each line". */
export function describeFormat(format: TimeFormatDescriptor): string {
  return `${FORMAT_LABEL[format.name] ?? format.name}, ${ANCHOR_LABEL[format.anchor] ?? format.anchor}`;
}

export function timeStatus(document: TimeSource, offset: number): { text: string; tooltip: string } | undefined {
  let found;
  try {
    found = timeFor(document, timeSettings).lineTime(offset);
  } catch {
    // Bad timestamp settings: Go to says so when used
    return undefined;
  }
  if (!found) return undefined;
  const { line, format } = found;
  const text = `$(clock) ${wallTime(line.time, line.offsetMinutes)}`;
  const whose = line.own ? "The cursor's line" : "The cursor's line has no timestamp: its entry's (the line it continues)";
  const detected = format.name === 'custom' || format.anchor === 'pattern' ? 'as set' : 'detected';
  return { text, tooltip: `${whose}.\nFormat: ${describeFormat(format)} (${detected}).\nClick to go to a time (Ctrl+G: 12:00, +10m, 2026-03-01 12:00).` };
}
