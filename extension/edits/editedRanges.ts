// Where the content differs from the file as last saved, for the views' marks of changed bytes:
// the pieces of [start, end) that come from the add buffer (typed, pasted, replaced). A save
// makes the table one base piece again (inPlaceSave adopts the base, a rewrite rebases), so
// what is marked is exactly what the next save writes. O(pieces in the range): a screen's worth.
import { isBasePiece } from './pieces';
import type { PieceTable } from './pieceTable';

/** The edited ranges in [start, end) as flattened [start, end) pairs, adjacent ones merged, at most `max` pairs. */
export function editedRanges(table: PieceTable, start: number, end: number, max: number): number[] {
  const out: number[] = [];
  table.visit(start, end, (docOffset, pieceStart, length) => {
    if (isBasePiece(pieceStart) || out.length >= 2 * max) return;
    if (out.length > 0 && out[out.length - 1] === docOffset) out[out.length - 1] = docOffset + length;
    else out.push(docOffset, docOffset + length);
  });
  return out;
}
