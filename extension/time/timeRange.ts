// A time range [from, to) as byte offsets of the current content: the start of the first line
// at or after `from` and of the first line at or after `to` (engine go-to-time, so a range of a
// 10 GB log resolves in a few dozen page reads). Find, the filter and the timeline count over
// [start, end). Lines a little out of order at the edges follow the go-to-time rule (gotoTime.ts):
// the range is where the log's own order puts those times.
import type { TimeRange, TimeRangeInfo } from '../../shared/protocol';
import type { DocumentTime, TimeContent } from './documentTime';

export async function resolveTimeRange(time: DocumentTime, c: TimeContent, range: TimeRange, size: number): Promise<TimeRangeInfo> {
  const at = async (when: number) => {
    const r = await c.time.goto(when, c.format, { runs: time.knownRuns(c) }).done;
    time.rememberRuns(c, r.runs);
    return r.offset ?? size;
  };
  // An open end (a filter's `time >= 12:00` alone) is the file's start or end.
  const start = Number.isFinite(range.from) ? await at(range.from) : 0;
  const end = Number.isFinite(range.to) ? await at(range.to) : size;
  // A file in several runs can place `to` in an earlier run than `from`: then nothing is in range.
  return { from: range.from, to: range.to, start, end: Math.max(start, end) };
}
