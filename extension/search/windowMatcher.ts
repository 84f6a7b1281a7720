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

/**
 * Finds non-overlapping leftmost-first matches in `bytes`, starting the search at `from` (bytes
 * before it are context: look-behind, ^, whole word) and keeping matches that start before
 * `limit`. Offsets are relative to `bytes`.
 */
export type WindowMatcher = (bytes: Uint8Array, from?: number, limit?: number) => WindowMatch[];

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
  const n = want.length;
  const wordOk = (bytes: Uint8Array, i: number): boolean => !word || (!isWordByte(bytes[i - 1]) && !isWordByte(bytes[i + n]));
  const same = (bytes: Uint8Array, i: number): boolean => {
    for (let k = 0; k < n; k++) if (want[k] >= 0 && (fold ? lower(bytes[i + k]) : bytes[i + k]) !== want[k]) return false;
    return true;
  };
  if (!want.includes(-1)) {
    // No wildcard: Buffer.indexOf runs at memory speed, which matters when a document with
    // millions of edits is searched this way from end to end. Folding case, it runs over a
    // lower-cased copy (the string one folds Latin-1 letters too, so candidates are checked).
    const needle = fold ? Buffer.from(Buffer.from(want).toString('latin1').toLowerCase(), 'latin1') : Buffer.from(want);
    return (bytes, from = 0, limit = bytes.length) => {
      const out: WindowMatch[] = [];
      const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const haystack = fold ? Buffer.from(view.toString('latin1').toLowerCase(), 'latin1') : view;
      for (let i = haystack.indexOf(needle, from); i >= 0 && i < limit && i + n <= bytes.length; ) {
        if ((!fold || same(bytes, i)) && wordOk(bytes, i)) {
          out.push({ offset: i, length: n });
          i = haystack.indexOf(needle, i + n);
        } else i = haystack.indexOf(needle, i + 1);
      }
      return out;
    };
  }
  return (bytes, from = 0, limit = bytes.length) => {
    const out: WindowMatch[] = [];
    for (let i = from; i < limit && i + n <= bytes.length; ) {
      if (same(bytes, i) && wordOk(bytes, i)) {
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
  return (bytes, from = 0, limit = bytes.length) => {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const out: WindowMatch[] = [];
    re.lastIndex = from;
    for (let m = re.exec(text); m && m.index < limit; m = re.exec(text)) {
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
