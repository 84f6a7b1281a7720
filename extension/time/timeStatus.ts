// The status bar's time: the timestamp of the cursor's line (or of its entry, for a stack trace
// line), shown on the file's own clock, with the detected format on hover. Reads one line (two
// for a continuation line) through the engine per cursor move: microseconds.
import type { TimeFormatDescriptor, TimeFormatName } from '../engine';
import { timeFor, TimeSource } from './documentTime';
import { timeSettings } from './timeSettings';
import { wallTime } from './timeText';
import { l10n } from '../../shared/l10nText';

/** Functions, so each label is translated when shown (after activation installs the translator). */
const FORMAT_LABEL: Record<TimeFormatName, () => string> = {
  iso8601: () => 'ISO 8601 / RFC 3339',
  log4j: () => 'log4j / logback (YYYY-MM-DD HH:MM:SS,mmm)',
  'ymd-slash': () => 'YYYY/MM/DD HH:MM:SS',
  syslog: () => l10n.t("syslog (Mmm d HH:MM:SS; the year from the file's date)"),
  ctime: () => 'ctime (Www Mmm d HH:MM:SS YYYY)',
  clf: () => l10n.t('Apache / nginx access log (DD/Mmm/YYYY:HH:MM:SS +ZZZZ)'),
  'epoch-s': () => l10n.t('seconds since 1970'),
  'epoch-ms': () => l10n.t('milliseconds since 1970'),
  custom: () => 'largeFile.timestampFormat',
};

const ANCHOR_LABEL: Record<TimeFormatDescriptor['anchor'], () => string> = {
  'line-start': () => l10n.t('at the start of each line'),
  bracket: () => l10n.t('after the first [ of each line'),
  search: () => l10n.t('the first date in each line'),
  pattern: () => l10n.t('where largeFile.timestampPattern matches'),
};

/** The format in words: "ISO 8601 / RFC 3339, at the start of each line". */
export function describeFormat(format: TimeFormatDescriptor): string {
  return l10n.t('{0}, {1}', FORMAT_LABEL[format.name]?.() ?? format.name, ANCHOR_LABEL[format.anchor]?.() ?? format.anchor);
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
  const whose = line.own ? l10n.t("The cursor's line.") : l10n.t("The cursor's line has no timestamp: its entry's (the line it continues).");
  const set = format.name === 'custom' || format.anchor === 'pattern';
  const described = describeFormat(format);
  const formatLine = set ? l10n.t('Format: {0} (as set).', described) : l10n.t('Format: {0} (detected).', described);
  return { text, tooltip: `${whose}\n${formatLine}\n${l10n.t('Click to go to a time (Ctrl+G: 12:00, +10m, 2026-03-01 12:00).')}` };
}
