// The time commands of the active Large File Editor:
//   largeFile.timeline [request]      the timeline (entries per time bucket, errors stacked), streamed
//                                     to the webview; resolves with the final data. Without an
//                                     argument (the palette) it also says what it found.
//   largeFile.setTimeRange [range]    restrict Find (and the filter) to [from, to): numbers (µs
//                                     since the epoch) or text as Go to takes it; without an
//                                     argument it asks ("12:00 .. 12:30"). null clears it.
//   largeFile.clearTimeRange
//   largeFile.toggleTimeline          show or hide the timeline panel above the views (Shift+Alt+T)
import * as vscode from 'vscode';
import type { LargeFileEditorProvider } from '../largeFileEditorProvider';
import type { TimelineData, TimelineRequest, TimelineSeries, TimeRange, TimeRangeInfo } from '../../shared/protocol';
import { timeFor } from './documentTime';
import { parseTimeInput, parseTimeRangeInput, TimeInputContext } from './timeInput';
import { timeSettings } from './timeSettings';
import { num } from '../l10n/locale';
import { durationText, wallTime } from './timeText';

let nextTimelineId = 1_000_000; // apart from the webview's own ids

export function registerTimeCommands(provider: LargeFileEditorProvider): vscode.Disposable[] {
  const session = () => {
    const s = provider.activeSession;
    if (!s) void vscode.window.showInformationMessage(vscode.l10n.t('No Large File Editor is active.'));
    return s;
  };
  return [
    vscode.commands.registerCommand('largeFile.timeline', async (arg?: unknown): Promise<TimelineData | undefined> => {
      const s = session();
      if (!s) return undefined;
      const request = timelineRequest(arg);
      const data = await s.time.runTimeline(nextTimelineId++, request);
      if (arg === undefined) void vscode.window.showInformationMessage(summary(data));
      return data;
    }),
    vscode.commands.registerCommand('largeFile.setTimeRange', async (arg?: unknown): Promise<TimeRangeInfo | null | undefined> => {
      const s = session();
      if (!s) return undefined;
      const context = inputContext(s.document);
      let range: TimeRange | null | undefined;
      if (arg === null) range = null;
      else if (arg !== undefined) range = rangeArgument(arg, context);
      else {
        const text = await vscode.window.showInputBox({
          title: vscode.l10n.t('Restrict Find to a time range'),
          prompt: vscode.l10n.t('From .. to: 12:00 .. 12:30, 2026-03-01 12:00 .. +30m (empty: no range)'),
          validateInput: (v) => {
            if (v.trim() === '' || !context) return undefined;
            const r = parseTimeRangeInput(v, context);
            return 'error' in r ? r.error : undefined;
          },
        });
        if (text === undefined) return undefined;
        if (text.trim() === '') range = null;
        else if (context) {
          const r = parseTimeRangeInput(text, context);
          range = 'error' in r ? undefined : r;
        }
      }
      if (range === undefined) {
        void vscode.window.showWarningMessage(context ? vscode.l10n.t('Not a time range') : vscode.l10n.t('This file has no timestamps the editor can read'));
        return undefined;
      }
      try {
        const info = await s.time.setTimeRange(range);
        if (info && arg === undefined) {
          const zone = timeFor(s.document, timeSettings).formatNow()?.zoneMinutes ?? null;
          vscode.window.setStatusBarMessage(vscode.l10n.t('Find is restricted to {0} – {1} ({2})', wallTime(info.from, zone), wallTime(info.to, zone), durationText(info.to - info.from)), 8000);
        }
        return info;
      } catch (e) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The time range could not be set: {0}', (e as Error).message));
        return undefined;
      }
    }),
    vscode.commands.registerCommand('largeFile.clearTimeRange', async () => {
      await provider.activeSession?.time.setTimeRange(null);
    }),
    vscode.commands.registerCommand('largeFile.toggleTimeline', (on?: unknown) => {
      session()?.time.showTimeline(typeof on === 'boolean' ? on : 'toggle');
    }),
  ];
}

function inputContext(document: Parameters<typeof timeFor>[0]): TimeInputContext | undefined {
  let c;
  try {
    c = timeFor(document, timeSettings).content();
  } catch {
    // Timestamp settings that do not compile: the time commands say so when they run.
    return undefined;
  }
  if (!c) return undefined;
  const content = c;
  return {
    zoneMinutes: content.format.zoneMinutes ?? 0,
    firstTime: content.format.firstTime,
    parseNative: (text) => content.time.parse(text, content.format)?.time ?? null,
  };
}

/** { from, to } as µs numbers or as text (Go to's syntax; `to` may be relative to `from`). */
function rangeArgument(arg: unknown, context: TimeInputContext | undefined): TimeRange | undefined {
  if (typeof arg === 'string') {
    if (!context) return undefined;
    const r = parseTimeRangeInput(arg, context);
    return 'error' in r ? undefined : r;
  }
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { from, to } = arg as { from?: unknown; to?: unknown };
  const time = (v: unknown, base?: number): number | undefined => {
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v !== 'string' || !context) return undefined;
    const t = parseTimeInput(v, base === undefined ? context : { ...context, firstTime: base });
    return t.kind === 'absolute' ? t.time : t.kind === 'relative' && base !== undefined ? base + t.micros : undefined;
  };
  const f = time(from);
  const t = f === undefined ? undefined : time(to, f);
  return f !== undefined && t !== undefined && t > f ? { from: f, to: t } : undefined;
}

function timelineRequest(arg: unknown): TimelineRequest {
  const a = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : {};
  const series: TimelineSeries = a.series === 'none' || a.series === 'find' || a.series === 'errors' ? a.series : 'errors';
  const bucketSeconds = typeof a.bucketSeconds === 'number' && a.bucketSeconds > 0 ? a.bucketSeconds : undefined;
  const query = series === 'find' && typeof a.query === 'object' && a.query !== null ? (a.query as TimelineRequest['query']) : undefined;
  const range = typeof a.range === 'object' && a.range !== null ? (a.range as TimeRange) : undefined;
  return { series: query || series !== 'find' ? series : 'none', ...(bucketSeconds ? { bucketSeconds } : {}), ...(query ? { query } : {}), ...(range ? { range } : {}) };
}

function summary(data: TimelineData): string {
  if (data.state === 'error') return vscode.l10n.t('Timeline: {0}', data.error?.message ?? vscode.l10n.t('failed'));
  let busiest = -1;
  for (let i = 0; i < data.counts.length; i++) if (busiest < 0 || data.counts[i] > data.counts[busiest]) busiest = i;
  const at = (i: number) => wallTime(data.origin + (data.first + i) * data.bucket, data.zoneMinutes);
  // Clauses, each translated whole: ", 12 at error level", "; busiest 1 min: 12:00 (340)".
  const span = data.counts.length > 0 ? `${at(0)} – ${at(data.counts.length)}` : vscode.l10n.t('no entries');
  const matched = num(data.matched ?? 0);
  const series = data.series === 'errors' ? vscode.l10n.t(', {0} at error level', matched) : data.series === 'find' ? vscode.l10n.t(', {0} matching', matched) : '';
  const peak = busiest >= 0 ? vscode.l10n.t('; busiest {0}: {1} ({2})', durationText(data.bucket), at(busiest), num(data.counts[busiest])) : '';
  return vscode.l10n.t('Timeline ({0}): {1} entries{2}, {3}{4}', data.format, num(data.entries ?? 0), series, span, peak);
}
