// The pieces of a replace-all: the old pieces of the span from the first match to the end of the
// last, with each match cut out and its replacement's add-buffer piece put in its place. Built by
// streaming into the table (no intermediate list of millions of pieces).
import type { MatchList } from './editJournal';
import { advanceStart, PieceList, PieceSink } from './pieces';

/** Where the replacements are: one shared add-buffer piece, or per match a slice of one packed run. */
export type ReplacementPieces =
  | { sharedStart: number; sharedLength: number }
  | { perMatchStart: number; ends: ArrayLike<number> };

/** Checks matches are integral, sorted, non-overlapping and inside [0, size); returns their span (undefined when empty). */
export function checkMatches(matches: MatchList, size: number): { start: number; end: number } | undefined {
  const { offsets, lengths } = matches;
  const n = offsets.length;
  if (lengths.length !== n) throw new RangeError('replaceAll: offsets and lengths differ in count');
  if (n === 0) return undefined;
  let prevEnd = 0;
  for (let i = 0; i < n; i++) {
    const o = offsets[i];
    const l = lengths[i];
    if (!(Number.isInteger(o) && Number.isInteger(l) && o >= prevEnd && l >= 0)) {
      throw new RangeError(`replaceAll: match ${i} at ${o} is out of order, overlapping or invalid`);
    }
    prevEnd = o + l;
  }
  if (prevEnd > size) throw new RangeError(`replaceAll: match ends at ${prevEnd}, past the end (${size})`);
  return { start: offsets[0], end: prevEnd };
}

/** Pushes the new pieces of the span starting at `spanStart`, whose current pieces are `old`. */
export function emitReplaceAll(old: PieceList, spanStart: number, matches: MatchList, replacements: ReplacementPieces, sink: PieceSink): void {
  const { offsets, lengths } = matches;
  let pi = 0;
  let pieceOffset = 0; // bytes of old piece pi already consumed
  let cursor = spanStart;
  /** Advances through the old pieces to document offset `target`, copying them when `keep`. */
  const advanceTo = (target: number, keep: boolean): void => {
    let need = target - cursor;
    while (need > 0) {
      const take = Math.min(old.lengths[pi] - pieceOffset, need);
      if (keep) sink.push(advanceStart(old.starts[pi], pieceOffset), take);
      need -= take;
      pieceOffset += take;
      if (pieceOffset === old.lengths[pi]) {
        pi++;
        pieceOffset = 0;
      }
    }
    cursor = target;
  };
  for (let i = 0; i < offsets.length; i++) {
    advanceTo(offsets[i], true);
    if ('ends' in replacements) {
      const from = i === 0 ? 0 : replacements.ends[i - 1];
      const to = replacements.ends[i];
      if (to > from) sink.push(advanceStart(replacements.perMatchStart, from), to - from);
    } else if (replacements.sharedLength > 0) sink.push(replacements.sharedStart, replacements.sharedLength);
    advanceTo(offsets[i] + lengths[i], false);
  }
}
