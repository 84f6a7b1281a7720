// Searching small in-memory windows of an edited document in JavaScript, with the engine's
// semantics for each kind of query: literal bytes (ASCII case folding), hex with ?? wildcards,
// whole word (no word byte — ASCII letter, digit, _ or any byte ≥ 0x80 — on either side), and
// regexes (JavaScript RegExp over the bytes read one per character: PCRE2 and JS agree on the
// syntax people type in a find box, not on every corner).
import type { SearchQuery } from '../engine';
import { EngineError } from '../engine';

export interface WindowMatch {
  offset: number;
  length: number;
}

/** Finds non-overlapping leftmost-first matches in `bytes`. */
export type WindowMatcher = (bytes: Uint8Array) => WindowMatch[];

/** The longest match a query can make, or undefined when unbounded (a regex). */
export function maxMatchLength(query: SearchQuery): number | undefined {
  if (query.kind === 'regex') return undefined;
  return patternBytes(query).length;
}

function isWordByte(b: number | undefined): boolean {
  if (b === undefined) return false;
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b >= 0x80;
}

function lower(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b + 32 : b;
}

/** Pattern bytes, with -1 for a hex wildcard. */
function patternBytes(query: SearchQuery): number[] {
  if (query.kind === 'hex') {
    const text = typeof query.pattern === 'string' ? query.pattern.replace(/\s+/g, '') : '';
    const out: number[] = [];
    for (let i = 0; i + 1 < text.length; i += 2) out.push(text.slice(i, i + 2) === '??' ? -1 : parseInt(text.slice(i, i + 2), 16));
    return out;
  }
  const p = query.pattern;
  return [...(typeof p === 'string' ? Buffer.from(p, 'utf8') : p)];
}

export function windowMatcher(query: SearchQuery): WindowMatcher {
  const word = !!query.wholeWord;
  if (query.kind === 'regex') return regexMatcher(query, word);
  const pattern = patternBytes(query);
  if (pattern.length === 0) throw new EngineError('EINVAL', 'Empty pattern');
  const fold = query.kind !== 'hex' && !!query.ignoreCase;
  const want = fold ? pattern.map((b) => (b < 0 ? b : lower(b))) : pattern;
  return (bytes) => {
    const out: WindowMatch[] = [];
    const n = want.length;
    for (let i = 0; i + n <= bytes.length; ) {
      let k = 0;
      while (k < n && (want[k] < 0 || (fold ? lower(bytes[i + k]) : bytes[i + k]) === want[k])) k++;
      if (k === n && (!word || (!isWordByte(bytes[i - 1]) && !isWordByte(bytes[i + n])))) {
        out.push({ offset: i, length: n });
        i += n;
      } else {
        i++;
      }
    }
    return out;
  };
}

function regexMatcher(query: SearchQuery, word: boolean): WindowMatcher {
  const source = typeof query.pattern === 'string' ? query.pattern : Buffer.from(query.pattern).toString('latin1');
  let re: RegExp;
  try {
    re = new RegExp(source, `gm${query.ignoreCase ? 'i' : ''}`);
  } catch (e) {
    throw new EngineError('EBADREGEX', `Invalid regular expression /${source}/: ${(e as Error).message}`);
  }
  return (bytes) => {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const out: WindowMatch[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const length = m[0].length;
      if (length === 0) {
        re.lastIndex++;
        continue;
      }
      if (!word || (!isWordByte(bytes[m.index - 1]) && !isWordByte(bytes[m.index + length]))) out.push({ offset: m.index, length });
    }
    return out;
  };
}
