// The pieces of a replace-all: the old pieces of the span from the first match to the end of the
// last, with each match cut out and its replacement's add-buffer piece put in its place. Built by
// streaming into the table (no intermediate list of millions of pieces).
import type { MatchList, MatchRuns } from './editJournal';
import { advanceStart, PieceList, PieceSink } from './pieces';

/** Where the replacements are: one shared add-buffer piece, or per match a slice of one packed run. */
export type ReplacementPieces =
  | { sharedStart: number; sharedLength: number }
  | { perMatchStart: number; ends: ArrayLike<number> };

/** Matches as MatchRuns, whichever form they came in. */
export function asMatchRuns(matches: MatchList | MatchRuns): MatchRuns {
  if ('forEach' in matches) return matches;
  const { offsets, lengths } = matches;
  if (lengths.length !== offsets.length) throw new RangeError('replaceAll: offsets and lengths differ in count');
  return {
    size: offsets.length,
    forEach(visit) {
      for (let i = 0; i < offsets.length; i++) visit(offsets[i], lengths[i], i);
    },
  };
}

/** Checks matches are integral, sorted, non-overlapping and inside [0, size); returns their span (undefined when empty). */
export function checkMatches(matches: MatchRuns, size: number): { start: number; end: number } | undefined {
  if (matches.size === 0) return undefined;
  let start = -1;
  let prevEnd = 0;
  matches.forEach((o, l, i) => {
    if (!(Number.isInteger(o) && Number.isInteger(l) && o >= prevEnd && l >= 0)) {
      throw new RangeError(`replaceAll: match ${i} at ${o} is out of order, overlapping or invalid`);
    }
    if (start < 0) start = o;
    prevEnd = o + l;
  });
  if (prevEnd > size) throw new RangeError(`replaceAll: match ends at ${prevEnd}, past the end (${size})`);
  return { start, end: prevEnd };
}

/** Pushes the new pieces of the span starting at `spanStart`, whose current pieces are `old`. */
export function emitReplaceAll(old: PieceList, spanStart: number, matches: MatchRuns, replacements: ReplacementPieces, sink: PieceSink): void {
  const piece = old.cursor();
  piece.next();
  let pieceOffset = 0; // bytes of the current old piece already consumed
  let cursor = spanStart;
  /** Advances through the old pieces to document offset `target`, copying them when `keep`. */
  const advanceTo = (target: number, keep: boolean): void => {
    let need = target - cursor;
    while (need > 0) {
      const take = Math.min(piece.length - pieceOffset, need);
      if (keep) sink.push(advanceStart(piece.start, pieceOffset), take);
      need -= take;
      pieceOffset += take;
      if (pieceOffset === piece.length) {
        piece.next();
        pieceOffset = 0;
      }
    }
    cursor = target;
  };
  matches.forEach((offset, length, i) => {
    advanceTo(offset, true);
    if ('ends' in replacements) {
      const from = i === 0 ? 0 : replacements.ends[i - 1];
      const to = replacements.ends[i];
      if (to > from) sink.push(advanceStart(replacements.perMatchStart, from), to - from);
    } else if (replacements.sharedLength > 0) sink.push(replacements.sharedStart, replacements.sharedLength);
    advanceTo(offset + length, false);
  });
}
