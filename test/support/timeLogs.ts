// Generated logs whose every line's time is known, for the time tests: each format the engine
// reads, with lines out of order within small blocks (several threads writing one log), untimed
// continuation lines (stack traces, one of them longer than a scan window), day and year
// rollovers and lines in several time zones. The oracle is the generator's own record of each
// line's time, never a parse of the text.
import { rng } from './random';

export type LogFormat = 'iso-z' | 'iso-offsets' | 'iso-space' | 'log4j' | 'ymd-slash' | 'syslog' | 'clf' | 'ctime' | 'epoch-s' | 'epoch-ms' | 'json';

export interface GeneratedLine {
  readonly start: number;
  readonly end: number;
  /** µs since the epoch, UTC; null for an untimed line. */
  readonly time: number | null;
  readonly text: string;
}

export interface GeneratedLog {
  readonly bytes: Buffer;
  readonly lines: readonly GeneratedLine[];
  /** The name the engine should detect. */
  readonly formatName: string;
  /** For year-less formats: a modification time (ms) in the year of the last line. */
  readonly mtimeMs: number;
  /** The times' unit the format writes (µs): stamps are whole multiples of it. */
  readonly resolution: number;
}

export interface LogOptions {
  readonly lines: number;
  /** First line's time, ms since the epoch. */
  readonly startMs: number;
  /** Mean gap between lines, ms. */
  readonly gapMs: number;
  /** Lines shuffled within blocks of up to this many (1: in order). */
  readonly jitterBlock: number;
  /** Probability that a timed line is followed by continuation lines. */
  readonly continuation: number;
  /** Untimed lines before the first timestamp. */
  readonly header: number;
  readonly seed: number;
  /** Lines that say ERROR (their own or in their stack trace), for the match series. */
  readonly errorRate: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const RESOLUTION: Record<LogFormat, number> = {
  'iso-z': 1,
  'iso-offsets': 1000,
  'iso-space': 1e6,
  log4j: 1000,
  'ymd-slash': 1e6,
  syslog: 1e6,
  clf: 1e6,
  ctime: 1,
  'epoch-s': 1000,
  'epoch-ms': 1000,
  json: 1000,
};

const NAME: Record<LogFormat, string> = {
  'iso-z': 'iso8601',
  'iso-offsets': 'iso8601',
  'iso-space': 'iso8601',
  log4j: 'log4j',
  'ymd-slash': 'ymd-slash',
  syslog: 'syslog',
  clf: 'clf',
  ctime: 'ctime',
  'epoch-s': 'epoch-s',
  'epoch-ms': 'epoch-ms',
  json: 'iso8601',
};

/** The stamp of `micros` in `format`; `zone` minutes east of UTC for formats that write one. */
function stamp(format: LogFormat, micros: number, zone: number): string {
  const local = new Date(Math.floor(micros / 1000) + zone * 60_000);
  const Y = local.getUTCFullYear();
  const M = pad(local.getUTCMonth() + 1);
  const D = pad(local.getUTCDate());
  const h = pad(local.getUTCHours());
  const m = pad(local.getUTCMinutes());
  const s = pad(local.getUTCSeconds());
  const ms = pad(local.getUTCMilliseconds(), 3);
  const us = pad(((micros % 1e6) + 1e6) % 1e6, 6);
  const z = `${zone < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(zone) / 60))}:${pad(Math.abs(zone) % 60)}`;
  switch (format) {
    case 'iso-z': return `${Y}-${M}-${D}T${h}:${m}:${s}.${us}Z`;
    case 'iso-offsets': return `${Y}-${M}-${D}T${h}:${m}:${s}.${ms}${z}`;
    case 'iso-space': return `${Y}-${M}-${D} ${h}:${m}:${s}`;
    case 'log4j': return `${Y}-${M}-${D} ${h}:${m}:${s},${ms}`;
    case 'ymd-slash': return `${Y}/${M}/${D} ${h}:${m}:${s}`;
    case 'syslog': return `${MONTHS[local.getUTCMonth()]} ${String(local.getUTCDate()).padStart(2, ' ')} ${h}:${m}:${s}`;
    case 'clf': return `${D}/${MONTHS[local.getUTCMonth()]}/${Y}:${h}:${m}:${s} ${z.replace(':', '')}`;
    case 'ctime': return `${DAYS[local.getUTCDay()]} ${MONTHS[local.getUTCMonth()]} ${D} ${h}:${m}:${s}.${us} ${Y}`;
    case 'epoch-s': return `${Math.floor(micros / 1e6)}.${ms}`;
    case 'epoch-ms': return String(Math.floor(micros / 1000));
    case 'json': return `${Y}-${M}-${D}T${h}:${m}:${s}.${ms}${z}`;
  }
}

function line(format: LogFormat, micros: number, zone: number, body: string): string {
  const t = stamp(format, micros, zone);
  switch (format) {
    case 'syslog': return `${t} web-01 nginx[1234]: ${body}`;
    case 'clf': return `10.0.0.${(micros / 1000) % 250 | 0} - alice [${t}] "GET /api/items?q=${body.length} HTTP/1.1" 200 512 "${body}"`;
    case 'ctime': return `[${t}] [core:notice] [pid 77] ${body}`;
    case 'json': return `{"time":"${t}","level":"info","msg":"${body}"}`;
    case 'log4j': return `${t} [main] INFO  com.example.Service - ${body}`;
    default: return `${t} INFO  [worker-3] ${body}`;
  }
}

const CONTINUATIONS = [
  'java.lang.IllegalStateException: pool exhausted',
  '\tat com.example.pool.Pool.take(Pool.java:118)',
  '\tat com.example.Service.handle(Service.java:42)',
  'Caused by: java.net.SocketTimeoutException: read timed out',
  '',
  '    ... 12 more',
];

/** A log of `options.lines` timed lines in `format`. */
export function generateLog(format: LogFormat, options: LogOptions): GeneratedLog {
  const random = rng(options.seed);
  const resolution = RESOLUTION[format];
  // Times in order, then shuffled within blocks (lines written out of order by threads).
  const times: number[] = [];
  let t = options.startMs * 1000;
  for (let i = 0; i < options.lines; i++) {
    t += Math.floor(random() * 2 * options.gapMs * 1000);
    times.push(Math.floor(t / resolution) * resolution);
  }
  for (let b = 0; b < times.length; b += options.jitterBlock) {
    const block = times.slice(b, b + options.jitterBlock);
    for (let i = block.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [block[i], block[j]] = [block[j], block[i]];
    }
    times.splice(b, block.length, ...block);
  }
  const texts: { text: string; time: number | null }[] = [];
  for (let i = 0; i < options.header; i++) texts.push({ text: i === 0 ? '# log opened by the test generator' : `# header line ${i}`, time: null });
  for (let i = 0; i < times.length; i++) {
    // Lines of several hosts in their own zones (a merged log): +01:00, -05:00, +05:30.
    const zone = format === 'iso-offsets' || format === 'json' || format === 'clf' ? [60, -300, 330][Math.floor(random() * 3)] : 0;
    const error = random() < options.errorRate;
    const inTrace = error && random() < 0.5;
    texts.push({ text: line(format, times[i], zone, `request ${i} ${error && !inTrace ? 'ERROR failed' : 'handled'} in ${Math.floor(random() * 900)} ms`), time: times[i] });
    if (random() < options.continuation) {
      const n = 1 + Math.floor(random() * 4);
      for (let k = 0; k < n; k++) texts.push({ text: CONTINUATIONS[Math.floor(random() * CONTINUATIONS.length)], time: null });
      if (inTrace) texts.push({ text: 'Caused by: ERROR in the pool', time: null });
      if (random() < 0.02) texts.push({ text: `\tdata: ${'x'.repeat(6000)}`, time: null });
    } else if (inTrace) {
      texts.push({ text: '\tat ERROR.handler(Unknown Source)', time: null });
    }
  }
  const lines: GeneratedLine[] = [];
  let offset = 0;
  const parts: string[] = [];
  for (const { text, time } of texts) {
    const withNl = `${text}\n`;
    lines.push({ start: offset, end: offset + withNl.length, time, text });
    parts.push(withNl);
    offset += withNl.length;
  }
  const last = [...times].sort((a, b) => a - b).pop() ?? options.startMs * 1000;
  return { bytes: Buffer.from(parts.join(''), 'latin1'), lines, formatName: NAME[format], mtimeMs: Math.floor(last / 1000) + 3_600_000, resolution };
}

/** The oracle of go-to-time: where the first line (in file order) at or after `target` starts, or null. */
export function firstAtOrAfter(lines: readonly GeneratedLine[], target: number): number | null {
  for (const l of lines) if (l.time !== null && l.time >= target) return l.start;
  return null;
}

/** Entries per bucket (keyed by the bucket's start, µs) and those with a line that `matches` (a needle or a test). */
export function countPerBucket(
  lines: readonly GeneratedLine[],
  origin: number,
  bucket: number,
  matches?: string | ((text: string) => boolean),
): { counts: Map<number, number>; matches: Map<number, number>; untimed: number; continuation: number } {
  const test = typeof matches === 'string' ? (t: string) => t.includes(matches) : matches;
  const counts = new Map<number, number>();
  const matched = new Map<number, number>();
  let untimed = 0;
  let continuation = 0;
  let current: { key: number; marked: boolean } | undefined;
  for (const l of lines) {
    const hit = test !== undefined && test(l.text);
    if (l.time === null) {
      if (!current) untimed++;
      else {
        continuation++;
        if (hit && !current.marked) {
          current.marked = true;
          matched.set(current.key, (matched.get(current.key) ?? 0) + 1);
        }
      }
      continue;
    }
    const key = origin + Math.floor((l.time - origin) / bucket) * bucket;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    current = { key, marked: hit };
    if (hit) matched.set(key, (matched.get(key) ?? 0) + 1);
  }
  return { counts, matches: matched, untimed, continuation };
}
