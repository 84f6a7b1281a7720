// Replace and Replace All. Replace All collects every match (compactly, in typed arrays) with the
// engine and applies them to the edit journal as ONE undo step; a same-length replacement keeps
// the document saveable in place. Regex replacements expand $1-style groups per match.
import type { EditJournal, MatchRuns, PerMatchReplacements } from '../edits/editJournal';
import type { SearchQuery } from '../engine';
import type { FindQuery } from '../../shared/protocol';
import { encodeText, toSearchQuery } from './findQuery';
import { ResultStore } from './resultStore';
import type { Searchable } from './searchService';

export interface ReplaceAllResult {
  readonly count: number;
  readonly cancelled: boolean;
}

/** The bytes a replacement string stands for: hex digits in hex mode, else text in the encoding. */
export function replacementBytes(find: FindQuery, replacement: string, encoding: string): Uint8Array | string {
  if (find.mode === 'hex') {
    const cleaned = replacement.replace(/\s+/g, '');
    if (!/^([0-9a-fA-F]{2})*$/.test(cleaned)) return 'A hex replacement is pairs of hex digits, e.g. DE AD BE EF';
    return Uint8Array.from(cleaned.match(/../g) ?? [], (h) => parseInt(h, 16));
  }
  return encodeText(replacement, encoding);
}

/** Whether a regex replacement refers to groups ($1, $<name>, $&), so each match needs its own bytes. */
export function usesGroups(find: FindQuery, replacement: string): boolean {
  return find.mode === 'regex' && /\$(\d|&|<|`|')/.test(replacement);
}

/** Expands a regex replacement for one match, reading the match as bytes one per character. */
export function expandReplacement(find: FindQuery, replacement: string, matched: Uint8Array, encoding: string): Uint8Array {
  return groupExpander(find, replacement, encoding)(matched);
}

/** Expands replacements for many matches with one compiled regex (Replace All of millions). */
function groupExpander(find: FindQuery, replacement: string, encoding: string): (matched: Uint8Array) => Uint8Array {
  const re = new RegExp(find.pattern, find.matchCase ? '' : 'i');
  return (matched) => {
    const text = Buffer.from(matched.buffer, matched.byteOffset, matched.byteLength).toString('latin1');
    return reencode(text.replace(re, replacement), replacement, encoding);
  };
}

/**
 * The expanded text back to bytes. Group text came from the match read as latin1 (one character
 * per byte); with an ASCII replacement every character is such a byte, so latin1 gives the exact
 * bytes back. Otherwise the whole text is encoded in the document's encoding.
 */
function reencode(expanded: string, replacement: string, encoding: string): Uint8Array {
  // A replacement that is plain ASCII apart from group references keeps every character a byte.
  if (/^[\x00-\x7f]*$/.test(replacement)) return new Uint8Array(Buffer.from(expanded, 'latin1'));
  return encodeText(expanded, encoding);
}

/**
 * Replaces every match of `find` in the journal's current content. Returns the count; nothing is
 * changed when there is no match or the search is cancelled.
 */
export async function replaceAll(
  journal: EditJournal,
  searchable: Searchable,
  find: FindQuery,
  replacement: string,
  encoding: string,
  onProgress?: (scanned: number, total: number, found: number) => void,
  signal?: AbortSignal,
  /** Asked once every match is found, before anything changes: false leaves the document as it was. */
  confirm?: (count: number, changesLength: boolean) => Promise<boolean>,
): Promise<ReplaceAllResult | string> {
  const q = toSearchQuery(find, encoding);
  if (!q.ok) return q.message;
  const fixed = replacementBytes(find, replacement, encoding);
  if (typeof fixed === 'string') return fixed;
  // Kept as they arrive, about 2 bytes a match (a frequent word has millions).
  const matches = new ResultStore();
  const task = searchable.findAll(q.query as SearchQuery, {
    onMatches: (offsets, lengths) => matches.add(offsets, lengths),
    onProgress: (scanned, total) => onProgress?.(scanned, total, matches.size),
  });
  const abort = () => task.cancel();
  signal?.addEventListener('abort', abort);
  let result;
  try {
    result = await task.done;
  } finally {
    signal?.removeEventListener('abort', abort);
  }
  if (result.cancelled) return { count: 0, cancelled: true };
  if (matches.size === 0) return { count: 0, cancelled: false };
  if (confirm) {
    const groups = usesGroups(find, replacement);
    let changesLength = groups; // expanded groups may be of any length
    if (!groups) matches.forEach((_o, length) => void (length !== fixed.length && (changesLength = true)));
    if (!(await confirm(matches.size, changesLength))) return { count: 0, cancelled: true };
  }
  if (!usesGroups(find, replacement)) {
    journal.replaceAll(matches, fixed);
  } else {
    journal.replaceAll(matches, perMatch(journal, find, replacement, encoding, matches));
  }
  return { count: matches.size, cancelled: false };
}

/** Every match's own replacement, expanded into one packed run (no array per match). */
function perMatch(journal: EditJournal, find: FindQuery, replacement: string, encoding: string, matches: MatchRuns): PerMatchReplacements {
  let bytes = new Uint8Array(1 << 16);
  const ends = new Float64Array(matches.size);
  let total = 0;
  const expand = groupExpander(find, replacement, encoding);
  matches.forEach((offset, length, i) => {
    const expanded = expand(journal.read(offset, length));
    if (total + expanded.length > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, total + expanded.length));
      grown.set(bytes.subarray(0, total));
      bytes = grown;
    }
    bytes.set(expanded, total);
    total += expanded.length;
    ends[i] = total;
  });
  return { bytes: bytes.subarray(0, total), ends };
}
