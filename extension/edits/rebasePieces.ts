// Re-pointing the undo history across a save that rewrites the file (an insert or a delete
// changed its length): the new file holds exactly the current content, so a base byte the
// history reads is either still in the document — and then in the new file at its document
// offset — or not (deleted, or overwritten) and must be copied out of the old file before it is
// replaced. Copies cost only the bytes the history needs that the new file lacks (a typed word,
// a deleted line), never the file; re-pointing costs a binary search per history piece.
import type { PieceTable } from './pieceTable';
import { isBasePiece, PieceList } from './pieces';
import { CopyingListBuilder, type BaseRangeCopier } from './repointPieces';


/** Base bytes of `list` that `table` (the current document) does not hold. */
export function missingBaseBytes(list: PieceList, table: PieceTable): number {
  let missing = 0;
  const c = list.cursor();
  while (c.next()) {
    if (!isBasePiece(c.start)) continue;
    let held = 0;
    table.visitBase(c.start, c.start + c.length, (_d, _s, l) => (held += l));
    missing += c.length - held;
  }
  return missing;
}

/**
 * Before the old file goes: `list` with every base byte the current document does not hold read
 * instead from a copy made by `copy` (in the add buffer). Bytes it holds stay base pieces (they
 * are re-pointed by `translateHeldBase` once the new file is in place). Undefined when nothing
 * needed a copy. Harmless if the save then fails: the copies hold what the base holds.
 */
export function copyMissingBase(list: PieceList, table: PieceTable, copy: BaseRangeCopier): PieceList | undefined {
  const builder = new CopyingListBuilder(list.count, copy);
  const c = list.cursor();
  while (c.next()) {
    if (!isBasePiece(c.start)) {
      builder.queue(c.start, c.length, false);
      continue;
    }
    const end = c.start + c.length;
    let at = c.start;
    table.visitBase(c.start, end, (_d, s, l) => {
      builder.queue(at, s - at, true); // the gap before a held run is gone from the document
      builder.queue(s, l, false);
      at = s + l;
    });
    builder.queue(at, end - at, true);
  }
  return builder.finish();
}

/**
 * Once the new file (holding exactly the content of `table`) is the base: `list` with every base
 * piece moved to where its bytes are in the new file. Every base byte must be held by `table`
 * (run copyMissingBase first); throws RangeError otherwise.
 */
export function translateHeldBase(list: PieceList, table: PieceTable): PieceList {
  const out = new PieceList(list.count);
  const c = list.cursor();
  while (c.next()) {
    if (!isBasePiece(c.start)) {
      out.push(c.start, c.length);
      continue;
    }
    let held = 0;
    table.visitBase(c.start, c.start + c.length, (d, _s, l) => {
      out.push(d, l);
      held += l;
    });
    if (held !== c.length) throw new RangeError('translateHeldBase: a history piece reads base bytes the document no longer holds');
  }
  return out.trim();
}
