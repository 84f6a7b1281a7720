// Re-pointing history pieces away from base bytes an in-place save is about to overwrite: the
// parts of base pieces the current document has changed are redirected to copies of the old
// bytes, so the undo history keeps meaning the old content once the base file holds the new.
import type { PieceTable } from './pieceTable';
import { isBasePiece, PieceList } from './pieces';

/**
 * Copies base ranges (sorted within a call) into the add buffer: sets starts[i] to the encoded
 * add start of the copy of base [offsets[i], +lengths[i]), for i < count. Called with batches,
 * so millions of short ranges cost a few large reads.
 */
export type BaseRangeCopier = (offsets: Float64Array, lengths: Float64Array, count: number, starts: Float64Array) => void;

const BATCH = 1 << 14;

/**
 * `list` with every base byte that `table` (a length-preserving document: a byte's document
 * offset is its base offset) does not hold as that same base byte read instead from a copy of
 * the old base bytes made by `copy`. Undefined when no piece of `list` reads such a byte (the
 * list is kept as it is).
 */
export function repointOverwritten(list: PieceList, table: PieceTable, copy: BaseRangeCopier): PieceList | undefined {
  const out = new PieceList(list.count);
  // Runs waiting for their copies, in order: changed ones are copied in one batch, then all go out.
  const offsets = new Float64Array(BATCH);
  const lengths = new Float64Array(BATCH);
  const changedOffsets = new Float64Array(BATCH);
  const changedLengths = new Float64Array(BATCH);
  const starts = new Float64Array(BATCH);
  const changedAt = new Uint8Array(BATCH);
  let queued = 0;
  let changed = 0;
  let anyChanged = false;
  const flush = (): void => {
    if (changed > 0) copy(changedOffsets, changedLengths, changed, starts);
    for (let i = 0, c = 0; i < queued; i++) out.push(changedAt[i] ? starts[c++] : offsets[i], lengths[i]);
    queued = 0;
    changed = 0;
  };
  const queue = (start: number, length: number, isChanged: boolean): void => {
    if (queued === BATCH) flush();
    offsets[queued] = start;
    lengths[queued] = length;
    changedAt[queued++] = isChanged ? 1 : 0;
    if (isChanged) {
      changedOffsets[changed] = start;
      changedLengths[changed++] = length;
      anyChanged = true;
    }
  };
  const c = list.cursor();
  while (c.next()) {
    if (!isBasePiece(c.start)) {
      queue(c.start, c.length, false);
      continue;
    }
    // Unchanged runs of the table hold the base byte at its own offset.
    table.visit(c.start, c.start + c.length, (d, current, length) => queue(d, length, current !== d));
  }
  flush();
  return anyChanged ? out.trim() : undefined;
}
