// Time in logs for one editor (webview): Go to a time typed in Ctrl+G or the Go to box, the
// timeline (the engine's histogram, streamed to the webview as it fills in), and the time range
// that restricts its Find. The chart itself is the webview's; this is its data service:
//   webview → 'gotoTime' {input, from}          → 'reveal' {offset} | 'gotoFailed' {message}
//   webview → 'timeline' {timelineId, request}  → 'timeline' {timeline} (running …, then done)
//   webview → 'cancelTimeline' {timelineId}
//   webview → 'setTimeRange' {range | null}     → 'timeRange' {range (with its offsets) | null}
// The commands largeFile.timeline and largeFile.setTimeRange run the same for the active editor.
import * as vscode from 'vscode';
import { SearchQuery, SearchTask, TimeHistogram, toEngineError } from '../engine';
import { logError } from '../log';
import { toSearchQuery } from '../search/findQuery';
import type { SearchService } from '../search/searchService';
import type { HostMessage, TimelineData, TimelineRequest, TimeRange, TimeRangeInfo, TimeWebviewMessage } from '../../shared/protocol';
import { unhandledMessage } from '../../shared/protocol';
import { DocumentTime, TimeSource, timeFor } from './documentTime';
import { ERROR_LEVEL_QUERIES } from './errorLevel';
import { gotoTime, GotoTimeAnswer } from './gotoTime';
import { FilterTimeBound, FilterWindowAnswer, resolveFilterWindow } from './filterTimeWindow';
import { TimelineBuckets } from './timelineBuckets';
import { resolveTimeRange } from './timeRange';
import { timeSettings } from './timeSettings';

/** What a session's time needs from its document (a LargeFileDocument). */
export interface SessionTimeDocument extends TimeSource {
  read(offset: number, length: number): Uint8Array;
  readonly journal: { readonly size: number };
}

/** Timeline updates to the webview at most this often. */
const TIMELINE_INTERVAL_MS = 200;

export class SessionTime implements vscode.Disposable {
  private readonly time: DocumentTime;
  private range: TimeRange | undefined;
  private timeline: { id: number; task: SearchTask<TimeHistogram> } | undefined;
  /** Called when the time range changes (the filter runs again within it). */
  onRangeChanged: (() => void) | undefined;

  constructor(
    private readonly document: SessionTimeDocument,
    private readonly post: (m: HostMessage) => void,
    search: SearchService,
    private readonly onGotoFailed: (message: string) => void,
  ) {
    this.time = timeFor(document, timeSettings);
    search.setSearchRange(async () => (this.range ? this.resolveRange(this.range) : undefined));
  }

  /** Handles the time messages of the webview (shared/protocol.ts isTimeMessage says which). */
  handle(message: TimeWebviewMessage): void {
    switch (message.type) {
      case 'gotoTime':
        this.goto(message.input, message.from).catch((e) => logError('Go to time', e));
        return;
      case 'timeline':
        this.runTimeline(message.timelineId, message.request).catch((e) => logError('Timeline', e));
        return;
      case 'cancelTimeline':
        if (this.timeline?.id === message.timelineId) this.timeline.task.cancel();
        return;
      case 'setTimeRange':
        this.setTimeRange(message.range).catch((e) => logError('Time range', e));
        return;
      default:
        unhandledMessage(message);
    }
  }

  /** Go to what the user typed (a time, start, end); the webview gets a 'reveal' or a 'gotoFailed'. */
  async goto(input: string, from: number): Promise<GotoTimeAnswer> {
    const doc = { size: this.document.journal.size, read: (o: number, l: number) => this.document.read(o, l) };
    const answer = await gotoTime(this.time, doc, input, from);
    if ('error' in answer) {
      this.post({ type: 'gotoFailed', message: answer.error });
      this.onGotoFailed(answer.error);
      return answer;
    }
    this.post({ type: 'reveal', offset: answer.offset });
    if (answer.note) vscode.window.setStatusBarMessage(answer.note, 8000);
    return answer;
  }

  /** The time range Find (and the filter) are restricted to; null lifts it. Resolves to its offsets. */
  async setTimeRange(range: TimeRange | null): Promise<TimeRangeInfo | null> {
    this.range = range ?? undefined;
    const info = range ? await this.resolveRange(range) : null;
    this.post({ type: 'timeRange', range: info });
    this.onRangeChanged?.();
    return info;
  }

  /**
   * The bytes a filter keeps to: its time terms (`time >= 12:00`: any time Go to takes; a
   * relative one from the file's first line) within this editor's time range. Undefined: the
   * whole file; an error names the term (its index) that is not a time.
   */
  filterWindow(terms: readonly FilterTimeBound[]): Promise<FilterWindowAnswer> | undefined {
    if (terms.length === 0 && !this.range) return undefined;
    return resolveFilterWindow(this.time, this.range, terms, this.document.journal.size);
  }


  /** Shows, hides or toggles the webview's timeline panel. */
  showTimeline(on: boolean | 'toggle'): void {
    this.post({ type: 'showTimeline', on });
  }

  get timeRange(): TimeRange | undefined {
    return this.range;
  }

  /** The byte offsets of a time range over the current content. */
  async resolveRange(range: TimeRange): Promise<TimeRangeInfo> {
    const c = this.time.content();
    if (!c) throw toEngineError({ code: 'ENOTIMESTAMPS', message: vscode.l10n.t('This file has no timestamps the editor can read') });
    return resolveTimeRange(this.time, c, range, this.document.journal.size);
  }

  /** Runs a timeline (one at a time: a new one cancels the old), streaming it to the webview. */
  async runTimeline(timelineId: number, request: TimelineRequest): Promise<TimelineData> {
    this.timeline?.task.cancel();
    const empty = new Float64Array(0);
    const base = { timelineId, series: request.series, origin: 0, bucket: 0, first: 0, counts: empty, matches: empty, scanned: 0, total: 0, zoneMinutes: null, format: '' };
    const fail = (code: string, message: string): TimelineData => {
      const data: TimelineData = { ...base, state: 'error', error: { code, message } };
      this.post({ type: 'timeline', timeline: data });
      return data;
    };
    let c;
    try {
      c = this.time.content();
    } catch (e) {
      const err = toEngineError(e);
      return fail(err.code, vscode.l10n.t('The timestamp settings are not valid: {0}', err.message));
    }
    if (!c) return fail('ENOTIMESTAMPS', vscode.l10n.t('This file has no timestamps the editor can read'));
    const content = c;
    let query: SearchQuery | readonly SearchQuery[] | undefined;
    if (request.series === 'errors') query = ERROR_LEVEL_QUERIES;
    else if (request.series === 'find' && request.query) {
      const q = toSearchQuery(request.query, request.encoding ?? 'utf-8');
      if (!q.ok) return fail('EINVAL', q.message);
      query = q.query;
    }
    let bytes: { start?: number; end?: number } = {};
    if (request.range) {
      try {
        const r = await resolveTimeRange(this.time, content, request.range, this.document.journal.size);
        bytes = { start: r.start, end: r.end };
      } catch (e) {
        const err = toEngineError(e);
        return fail(err.code, err.message);
      }
    }
    const buckets = new TimelineBuckets();
    const head = { timelineId, series: request.series, zoneMinutes: content.format.zoneMinutes, format: content.format.name };
    let last = 0;
    let scanned = 0;
    const task = content.time.histogram(content.format, {
      bucket: request.bucketSeconds ? request.bucketSeconds * 1e6 : undefined,
      targetBuckets: request.bucketSeconds ? undefined : request.targetBuckets,
      query,
      runs: bytes.start === undefined ? this.time.knownRuns(content) : undefined,
      ...bytes,
      onUpdate: (u) => {
        buckets.apply(u);
        scanned = u.scanned;
        const now = Date.now();
        if (now - last < TIMELINE_INTERVAL_MS) return;
        last = now;
        this.post({
          type: 'timeline',
          timeline: { ...head, state: 'running', origin: u.origin, bucket: u.bucket, first: buckets.first, counts: buckets.counts.slice(), matches: buckets.matches.slice(), scanned: u.scanned, total: u.total },
        });
      },
    });
    this.timeline = { id: timelineId, task };
    try {
      const h = await task.done;
      const total = (bytes.end ?? this.document.journal.size) - (bytes.start ?? 0);
      if (bytes.start === undefined) this.time.rememberRuns(content, h.runs);
      const data: TimelineData = {
        ...head,
        state: h.cancelled ? 'cancelled' : 'done',
        origin: h.origin,
        bucket: h.bucket,
        first: h.first,
        counts: h.counts,
        matches: h.matches,
        scanned: h.cancelled ? scanned : total,
        total,
        entries: h.entries,
        matched: h.matched,
        untimed: h.untimed,
        outside: h.outside,
      };
      this.post({ type: 'timeline', timeline: data });
      return data;
    } catch (e) {
      const err = toEngineError(e);
      return fail(err.code, err.message);
    } finally {
      if (this.timeline?.id === timelineId) this.timeline = undefined;
    }
  }

  dispose(): void {
    this.timeline?.task.cancel();
    this.timeline = undefined;
  }
}
