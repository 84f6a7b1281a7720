// Re-pointing the undo history across a save that rewrites the file (an insert or a delete
// changed its length): the new file holds exactly the current content, so a base byte the
// history reads is either still in the document — and then in the new file at its document
// offset — or not (deleted, or overwritten) and must be copied out of the old file before it is
// replaced. Copies cost only the bytes the history needs that the new file lacks (a typed word,
// a deleted line), never the file; re-pointing costs a binary search per history piece.
import type { PieceTable } from './pieceTable';
import { isBasePiece, PieceList } from './pieces';
import type { BaseRangeCopier } from './repointPieces';

const BATCH = 1 << 14;

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
  const out = new PieceList(list.count);
  const offsets = new Float64Array(BATCH);
  const lengths = new Float64Array(BATCH);
  const missingOffsets = new Float64Array(BATCH);
  const missingLengths = new Float64Array(BATCH);
  const starts = new Float64Array(BATCH);
  const isMissing = new Uint8Array(BATCH);
  let queued = 0;
  let missing = 0;
  let anyMissing = false;
  const flush = (): void => {
    if (missing > 0) copy(missingOffsets, missingLengths, missing, starts);
    for (let i = 0, m = 0; i < queued; i++) out.push(isMissing[i] ? starts[m++] : offsets[i], lengths[i]);
    queued = 0;
    missing = 0;
  };
  const queue = (start: number, length: number, gone: boolean): void => {
    if (length <= 0) return;
    if (queued === BATCH || (gone && missing === BATCH)) flush();
    offsets[queued] = start;
    lengths[queued] = length;
    isMissing[queued++] = gone ? 1 : 0;
    if (gone) {
      missingOffsets[missing] = start;
      missingLengths[missing++] = length;
      anyMissing = true;
    }
  };
  const c = list.cursor();
  while (c.next()) {
    if (!isBasePiece(c.start)) {
      queue(c.start, c.length, false);
      continue;
    }
    const end = c.start + c.length;
    let at = c.start;
    table.visitBase(c.start, end, (_d, s, l) => {
      queue(at, s - at, true); // the gap before a held run is gone from the document
      queue(s, l, false);
      at = s + l;
    });
    queue(at, end - at, true);
  }
  flush();
  return anyMissing ? out.trim() : undefined;
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
