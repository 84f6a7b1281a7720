// The bytes a filter keeps to: its time terms (`time >= 12:00 and time < 12:30`, filter/
// filterExpression.ts) within the editor's time range (the timeline's dragged range), as one
// [from, to) of times resolved to byte offsets by go-to-time (timeRange.ts: a few dozen page
// reads of a 10 GB log). A term's time is anything Go to takes; a relative one (`+10m`) counts
// from the file's first line. `>` and `<=` are a microsecond past the time (the engine's unit).
import { toEngineError } from '../engine';
import { l10n } from '../../shared/l10nText';
import type { TimeRange } from '../../shared/protocol';
import type { DocumentTime } from './documentTime';
import { parseTimeInput } from './timeInput';
import { resolveTimeRange } from './timeRange';

export interface FilterTimeBound {
  readonly op: '>=' | '>' | '<=' | '<';
  readonly text: string;
}

/** undefined: the whole file; an error names the bound (its index) that is not a time. */
export type FilterWindowAnswer = { start: number; end: number; size: number } | { error: string; term?: number } | undefined;

export async function resolveFilterWindow(time: DocumentTime, range: TimeRange | undefined, bounds: readonly FilterTimeBound[], size: number): Promise<FilterWindowAnswer> {
  if (bounds.length === 0 && !range) return undefined;
  let c;
  try {
    c = time.content();
  } catch (e) {
    return { error: l10n.t('The timestamp settings are not valid: {0}', toEngineError(e).message) };
  }
  if (!c) return { error: l10n.t('This file has no timestamps the editor can read: a time range cannot apply') };
  const content = c;
  let from = range?.from ?? -Infinity;
  let to = range?.to ?? Infinity;
  for (const [i, bound] of bounds.entries()) {
    const t = parseTimeInput(bound.text, {
      zoneMinutes: content.format.zoneMinutes ?? 0,
      firstTime: content.format.firstTime,
      parseNative: (text) => content.time.parse(text, content.format)?.time ?? null,
    });
    let when: number;
    if (t.kind === 'absolute') when = t.time;
    else if (t.kind === 'relative') when = content.format.firstTime + t.micros;
    else if (t.kind === 'start') when = -Infinity;
    else if (t.kind === 'end') when = Infinity;
    else return { error: t.message, term: i };
    if (bound.op === '>=') from = Math.max(from, when);
    else if (bound.op === '>') from = Math.max(from, when + 1);
    else if (bound.op === '<') to = Math.min(to, when);
    else to = Math.min(to, when + 1);
  }
  if (!(to > from)) return { start: 0, end: 0, size };
  const r = await resolveTimeRange(time, content, { from, to }, size);
  return { start: r.start, end: r.end, size };
}
