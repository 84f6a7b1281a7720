// The overview ruler's error lane: where in the whole file the error-level lines are (ERROR,
// FATAL, CRITICAL… as whole words in any case: ../time/errorLevel.ts), so a reader sees where
// errors cluster before filtering for them, as lnav's scrollbar shows. Counted by the filter
// engine in one pass, in the background on one worker (the other core stays the user's), after
// the line index has had its pass; per bucket of the file (4,096, as the other lanes), the lines
// themselves are not kept. Text files only (a disk image's stray "error" is not news), and again
// once the content has stood still for 2 s after a change (an edit, a log that grew). It gives
// way to the user's own scans: a find or a filter started while it counts stops it until they
// end (sharing the cores, the filtered view's first row came at 112 ms instead of 36).
import type { EngineFilter, EngineFilterable } from '../engine';
import { codeOf } from '../engineError';
import { compileFilterText } from '../filter/filterProgram';
import { logError } from '../log';
import { ERROR_LEVEL_WORDS } from '../time/errorLevel';

export const ERROR_LANE_BUCKETS = 4096;
const QUIET_MS = 2000;
const PROGRESS_MS = 250;

export interface ErrorLaneHost {
  /** What to scan now (the document as the user sees it), or undefined where there is no engine. */
  target(): EngineFilterable | undefined;
  /** Whether the content is text (its head decoded as text). */
  isText(): boolean;
  /** Whether the line index has done its pass (the lane waits for it, not to share the cores). */
  indexed(): boolean;
  /** The lane's counts per bucket (undefined: none). */
  update(counts: Uint32Array | undefined): void;
}

export class ErrorLevelLane {
  private running: EngineFilter | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The ruler is on screen (the lane counts only for one). */
  private wanted = false;
  /** Counted for the content as it is. */
  private counted = false;
  /** The user's scans (find, filter) running now: the lane waits for them. */
  private userScans = 0;
  private disposed = false;

  constructor(
    private readonly host: ErrorLaneHost,
    private readonly enabled: () => boolean,
    private readonly quietMs = QUIET_MS,
  ) {}

  /** The ruler is on screen: count once the index is done (asked again by `indexProgress`). */
  show(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.startWhenReady();
  }

  /** The line index moved on: the lane may start now. */
  indexProgress(): void {
    this.startWhenReady();
  }

  /** The content changed: counted again once it stands still. */
  contentChanged(): void {
    this.cancel();
    this.counted = false;
    if (!this.wanted) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.startWhenReady();
    }, this.quietMs);
  }

  /** A scan the user asked for runs until `done` settles: the lane stops meanwhile, and counts after. */
  yieldTo(done: Promise<unknown>): void {
    this.userScans++;
    if (this.running) this.cancel();
    const settled = () => {
      this.userScans--;
      this.startWhenReady();
    };
    done.then(settled, settled);
  }

  /** The setting changed: on counts now, off clears the lane. */
  settingChanged(): void {
    this.cancel();
    this.counted = false;
    if (!this.enabled()) this.host.update(undefined);
    else if (this.wanted) this.startWhenReady();
  }

  private startWhenReady(): void {
    if (this.disposed || !this.wanted || this.counted || this.userScans > 0 || this.timer || !this.enabled() || this.running || !this.host.indexed()) return;
    const target = this.host.target();
    if (!target || !this.host.isText()) return;
    const compiled = compileFilterText(ERROR_LEVEL_WORDS.join(' or '), { matchCase: false, wholeWord: true }, 'utf-8');
    if (!compiled.ok) {
      logError("The error lane's expression", new Error(compiled.error.message));
      return;
    }
    let filter: EngineFilter;
    let last = 0;
    try {
      filter = target.filter(compiled.filter.program, {
        threads: 1,
        densityBuckets: ERROR_LANE_BUCKETS,
        onProgress: () => {
          const now = Date.now();
          if (now - last < PROGRESS_MS || this.running !== filter) return;
          last = now;
          this.host.update(filter.density());
        },
      });
    } catch (e) {
      logError('Counting the error-level lines for the overview ruler', e);
      return;
    }
    this.running = filter;
    filter.done.then(
      (outcome) => {
        if (this.running !== filter) return;
        this.running = undefined;
        if (!outcome.cancelled) {
          this.counted = true;
          this.host.update(filter.density());
        }
        filter.release();
      },
      (e: unknown) => {
        if (this.running === filter) this.running = undefined;
        // Closed or changed under the scan: the next change or opening counts again.
        if (codeOf(e) !== 'ECLOSED' && codeOf(e) !== 'EFILECHANGED') logError('Counting the error-level lines for the overview ruler', e);
      },
    );
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const running = this.running;
    this.running = undefined;
    if (running) {
      running.cancel();
      void running.done.then(
        () => running.release(),
        // Cancelled or closed: nothing left to free.
        () => undefined,
      );
    }
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }
}
