// The timestamps of one open document: its format (detected once per file and settings, not per
// keystroke: an edit does not change how a log writes its times), and the engine's time
// operations over its current content — the mapping while unedited, else the edited document the
// engine assembles from the journal's pieces (the same subject a search over edits reads).
//
// Go to time keeps the file's sorted runs (engine.ts TimeRun) for the content they were found in,
// so the second search costs only its bisection (about 30 pages of a 10 GB log).
import { statSync } from 'node:fs';
import { EngineDocument, EngineTime, LineTime, MappedFile, TimeFormatDescriptor, TimeRun, TimeSettings, timeOf, toEngineError } from '../engine';
import type { Searchable } from '../search/searchService';

/** What the time of a document needs from it (a LargeFileDocument has these). */
export interface TimeSource {
  readonly uri: { readonly scheme: string; readonly fsPath: string };
  /** Bumped when the content is replaced (reload, revert, rewrite save). */
  readonly editGeneration: number;
  /** The engine's search subject over the current content (the MappedFile or an EngineDocument). */
  searchable(): Searchable | undefined;
}

export interface TimeContent {
  readonly time: EngineTime;
  /** The subject the operations run over (changes with every edit). */
  readonly target: object;
  readonly format: TimeFormatDescriptor;
}

export class DocumentTime {
  private detected: { key: string; format: TimeFormatDescriptor | null } | undefined;
  private runs: { target: object; format: TimeFormatDescriptor; runs: readonly TimeRun[] } | undefined;

  constructor(
    private readonly source: TimeSource,
    private readonly settings: () => TimeSettings = () => ({}),
  ) {}

  /** The engine's time over the current content with its format; undefined: no engine, or no timestamps. */
  content(): TimeContent | undefined {
    const target = this.source.searchable();
    if (!target) return undefined;
    let time: EngineTime;
    try {
      time = timeOf(target as MappedFile | EngineDocument);
    } catch {
      // Not the engine's (the JavaScript backend)
      return undefined;
    }
    const format = this.format(time);
    return format ? { time, target, format } : undefined;
  }

  /** The detected format (null: no line has a timestamp it knows). Throws EngineError for bad settings. */
  formatNow(): TimeFormatDescriptor | null {
    return this.content()?.format ?? null;
  }

  /** The time of the line holding `offset`, or its entry's; undefined when unknown. */
  lineTime(offset: number): { line: LineTime; format: TimeFormatDescriptor } | undefined {
    const c = this.content();
    if (!c) return undefined;
    try {
      const line = c.time.at(offset, c.format);
      return line ? { line, format: c.format } : undefined;
    } catch {
      // The file went away under us: no time, never a wrong one
      return undefined;
    }
  }

  /** The runs found for this content, if a search found them. */
  knownRuns(c: TimeContent): readonly TimeRun[] | undefined {
    return this.runs && this.runs.target === c.target && this.runs.format === c.format ? this.runs.runs : undefined;
  }

  rememberRuns(c: TimeContent, runs: readonly TimeRun[]): void {
    this.runs = { target: c.target, format: c.format, runs };
  }

  /** Forget the format (the settings changed). */
  reset(): void {
    this.detected = undefined;
    this.runs = undefined;
  }

  private format(time: EngineTime): TimeFormatDescriptor | null {
    const settings = this.settings();
    const key = `${this.source.editGeneration}|${settings.format ?? ''}|${settings.pattern ?? ''}`;
    if (this.detected?.key === key) return this.detected.format;
    let format: TimeFormatDescriptor | null;
    try {
      format = time.detect({ ...settings, referenceTime: this.modified() });
    } catch (e) {
      const err = toEngineError(e);
      // Bad settings (a regex or format that does not compile) say so; a file that went away has no times.
      if (err.code === 'EINVAL' || err.code === 'EBADREGEX' || err.code === 'ENOREGEX') throw err;
      format = null;
    }
    this.detected = { key, format };
    return format;
  }

  /** The file's modification time (ms): the year of year-less stamps. */
  private modified(): number | undefined {
    if (this.source.uri.scheme !== 'file') return undefined;
    try {
      return statSync(this.source.uri.fsPath).mtimeMs;
    } catch {
      // A file that cannot be stat-ed now: year-less stamps take the current year.
      return undefined;
    }
  }
}

const times = new WeakMap<TimeSource, DocumentTime>();

/** The one DocumentTime of a document (its webviews and the status bar share it). */
export function timeFor(source: TimeSource, settings?: () => TimeSettings): DocumentTime {
  let t = times.get(source);
  if (!t) {
    t = new DocumentTime(source, settings);
    times.set(source, t);
  }
  return t;
}
