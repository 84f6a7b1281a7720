// Replace and Replace All. Replace All collects every match (compactly, in typed arrays) with the
// engine and applies them to the edit journal as ONE undo step; a same-length replacement keeps
// the document saveable in place. A regex replacement with groups is expanded by the engine's
// PCRE2 at each match (replacementTemplate.ts), over the document as it is, edits included.
import type { EditJournal, PerMatchReplacements } from '../edits/editJournal';
import { SearchMatch, toEngineError } from '../engine';
import type { FindQuery } from '../../shared/protocol';
import { encodeText, toSearchQuery } from './findQuery';
import { refersToGroups, replacementTemplate } from './replacementTemplate';
import { ResultStore } from './resultStore';
import type { Searchable } from './searchService';
import { l10n } from '../../shared/l10nText';

export interface ReplaceAllResult {
  readonly count: number;
  readonly cancelled: boolean;
}

/** The bytes a replacement string stands for: hex digits in hex mode, else text in the encoding. */
export function replacementBytes(find: FindQuery, replacement: string, encoding: string): Uint8Array | string {
  if (find.mode === 'hex') {
    const cleaned = replacement.replace(/\s+/g, '');
    if (!/^([0-9a-fA-F]{2})*$/.test(cleaned)) return l10n.t('A hex replacement is pairs of hex digits, e.g. DE AD BE EF');
    return Uint8Array.from(cleaned.match(/../g) ?? [], (h) => parseInt(h, 16));
  }
  return encodeText(replacement, encoding);
}

/** Whether a regex replacement refers to groups ($1, ${name}, $&), so each match needs its own bytes. */
export function usesGroups(find: FindQuery, replacement: string): boolean {
  return find.mode === 'regex' && refersToGroups(replacement);
}

/**
 * The bytes that replace the match at [match.offset, +length) of what `searchable` searches:
 * the fixed replacement, or its groups expanded by the engine at that match. A string says why
 * not (the match is not there any more, the replacement names a group the pattern lacks).
 */
export async function replacementAt(
  searchable: Searchable | undefined,
  find: FindQuery,
  replacement: string,
  encoding: string,
  match: { offset: number; length: number },
): Promise<Uint8Array | string> {
  const fixed = replacementBytes(find, replacement, encoding);
  if (typeof fixed === 'string' || !usesGroups(find, replacement)) return fixed;
  if (!searchable) return l10n.t('Replace needs the native engine');
  const q = toSearchQuery(find, encoding);
  if (!q.ok) return q.message;
  let found: SearchMatch | null;
  try {
    found = await searchable.findNext(q.query, { from: match.offset, replacement: replacementTemplate(replacement, encoding) }).done;
  } catch (e) {
    return toEngineError(e).message;
  }
  if (!found?.replacement || found.offset !== match.offset || found.length !== match.length) return l10n.t('The match is no longer there: find it again');
  return found.replacement;
}

/**
 * Replaces every match of `find` in the journal's current content (`searchable` searches it).
 * Returns the count; nothing is changed when there is no match or the search is cancelled.
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
  const expanded = usesGroups(find, replacement) ? new PackedReplacements() : undefined;
  const task = searchable.findAll(q.query, {
    onMatches: (offsets, lengths) => matches.add(offsets, lengths),
    ...(expanded
      ? {
          replace: {
            template: replacementTemplate(replacement, encoding),
            onMatches: (offsets: Float64Array, lengths: Float64Array, bytes: Uint8Array, ends: Float64Array) => {
              matches.add(offsets, lengths);
              expanded.add(bytes, ends);
            },
          },
        }
      : {}),
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
    const per = expanded?.finish();
    let changesLength = false;
    matches.forEach((_o, length, i) => {
      const replaced = per ? per.ends[i] - (i === 0 ? 0 : per.ends[i - 1]) : fixed.length;
      if (replaced !== length) changesLength = true;
    });
    if (!(await confirm(matches.size, changesLength))) return { count: 0, cancelled: true };
  }
  journal.replaceAll(matches, expanded ? expanded.finish() : fixed);
  return { count: matches.size, cancelled: false };
}

/** Every match's own replacement, as the engine sends them, packed into one run (no array per match). */
class PackedReplacements {
  private bytes = new Uint8Array(1 << 16);
  private ends = new Float64Array(1 << 12);
  private used = 0;
  private count = 0;

  add(bytes: Uint8Array, ends: Float64Array): void {
    if (this.used + bytes.length > this.bytes.length) this.bytes = grow(this.bytes, this.used + bytes.length);
    if (this.count + ends.length > this.ends.length) this.ends = grow(this.ends, this.count + ends.length);
    this.bytes.set(bytes, this.used);
    for (let i = 0; i < ends.length; i++) this.ends[this.count + i] = this.used + ends[i];
    this.used += bytes.length;
    this.count += ends.length;
  }

  finish(): PerMatchReplacements {
    return { bytes: this.bytes.subarray(0, this.used), ends: this.ends.subarray(0, this.count) };
  }
}

function grow<T extends Uint8Array | Float64Array>(array: T, needed: number): T {
  const grown = new (array.constructor as new (n: number) => T)(Math.max(array.length * 2, needed));
  grown.set(array);
  return grown;
}
