// Go to a time: what the user typed (timeInput.ts) to the offset of the first line at or after it,
// by the engine's binary search over the current content (edits included). `start` and `end` work
// in any file; times need timestamps the engine can read.
import { toEngineError } from '../engine';
import { l10n } from '../../shared/l10nText';
import type { DocumentTime, TimeContent } from './documentTime';
import { parseTimeInput } from './timeInput';
import { durationText, wallTime } from './timeText';

export type GotoTimeAnswer =
  | {
      readonly offset: number;
      /** Where it landed and why, when it is not simply there (past the end, several runs). */
      readonly note?: string;
      /** The landed line's time (µs), when it is a time. */
      readonly time?: number;
      readonly pagesTouched?: number;
    }
  | { readonly error: string };

export interface GotoContext {
  readonly size: number;
  read(offset: number, length: number): Uint8Array;
}

/** Where the last line starts (the one holding the last byte; a final '\n' ends it). */
export function lastLineStart(doc: GotoContext): number {
  const CHUNK = 64 * 1024;
  let to = Math.max(0, doc.size - 1); // the last byte belongs to the last line, even if it is '\n'
  while (to > 0) {
    const from = Math.max(0, to - CHUNK);
    const bytes = doc.read(from, to - from);
    const nl = bytes.lastIndexOf(0x0a);
    if (nl >= 0) return from + nl + 1;
    if (doc.size - from > 16 * CHUNK) return from; // a line of more than a MiB: its tail
    to = from;
  }
  return 0;
}

const noTimes = (): string => l10n.t('This file has no timestamps the editor can read (ISO 8601, syslog, Apache/nginx, log4j, epoch…): set largeFile.timestampFormat');

export async function gotoTime(time: DocumentTime, doc: GotoContext, input: string, cursor: number): Promise<GotoTimeAnswer> {
  const word = input.trim().toLowerCase();
  if (word === 'start') return { offset: 0 };
  if (word === 'end') return { offset: lastLineStart(doc) };
  let content: TimeContent | undefined;
  try {
    content = time.content();
  } catch (e) {
    return { error: l10n.t('The timestamp settings are not valid: {0}', toEngineError(e).message) };
  }
  const c = content;
  const target = parseTimeInput(input, {
    zoneMinutes: c?.format.zoneMinutes ?? 0,
    firstTime: c?.format.firstTime ?? 0,
    parseNative: c ? (text) => c.time.parse(text, c.format)?.time ?? null : undefined,
  });
  if (target.kind === 'error') return { error: c || !/\d/.test(input) ? target.message : noTimes() };
  if (target.kind === 'start') return { offset: 0 };
  if (target.kind === 'end') return { offset: lastLineStart(doc) };
  if (!c) return { error: noTimes() };
  let when: number;
  if (target.kind === 'relative') {
    const here = c.time.at(cursor, c.format);
    if (!here) return { error: l10n.t("The cursor's line has no timestamp to go {0} from", durationText(target.micros)) };
    when = here.time + target.micros;
  } else when = target.time;
  try {
    const r = await c.time.goto(when, c.format, { runs: time.knownRuns(c) }).done;
    time.rememberRuns(c, r.runs);
    const zone = c.format.zoneMinutes;
    if (r.offset === null) {
      const last = r.runs[r.runs.length - 1];
      return { offset: lastLineStart(doc), note: l10n.t('{0} is after the last line ({1}): went to the end', wallTime(when, zone), wallTime(last.lastTime, zone)), pagesTouched: r.pagesTouched };
    }
    let note: string | undefined;
    if (r.runs.length > 1) {
      const back = r.runs.length - 1;
      const reaches = wallTime(when, zone);
      note =
        back === 1
          ? l10n.t('Time goes back {0} time in this file (it is {1} logs one after another): went to the first part that reaches {2}', back, r.runs.length, reaches)
          : l10n.t('Time goes back {0} times in this file (it is {1} logs one after another): went to the first part that reaches {2}', back, r.runs.length, reaches);
    } else if (when < r.runs[0].firstTime) {
      note = l10n.t('{0} is before the first line: went to the start ({1})', wallTime(when, zone), wallTime(r.runs[0].firstTime, zone));
    }
    return { offset: r.offset, time: r.time ?? undefined, note, pagesTouched: r.pagesTouched };
  } catch (e) {
    return { error: l10n.t('Go to time failed: {0}', toEngineError(e).message) };
  }
}
