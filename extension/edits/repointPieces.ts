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
 * Builds a piece list in which some runs of base bytes are read instead from copies `copy`
 * makes, batched: runs are queued in order, the ones to copy are copied a batch at a time, and
 * all go out in order. Millions of short runs cost a few large reads.
 */
export class CopyingListBuilder {
  readonly out: PieceList;
  private readonly offsets = new Float64Array(BATCH);
  private readonly lengths = new Float64Array(BATCH);
  private readonly copyOffsets = new Float64Array(BATCH);
  private readonly copyLengths = new Float64Array(BATCH);
  private readonly starts = new Float64Array(BATCH);
  private readonly copied = new Uint8Array(BATCH);
  private queued = 0;
  private copies = 0;
  /** Whether any run was copied. */
  anyCopied = false;

  constructor(capacity: number, private readonly copy: BaseRangeCopier) {
    this.out = new PieceList(capacity);
  }

  /** Queues a run: kept as the piece (start, length), or, when `copyIt`, read from a copy of base [start, +length). */
  queue(start: number, length: number, copyIt: boolean): void {
    if (length <= 0) return;
    if (this.queued === BATCH) this.flush();
    this.offsets[this.queued] = start;
    this.lengths[this.queued] = length;
    this.copied[this.queued++] = copyIt ? 1 : 0;
    if (copyIt) {
      this.copyOffsets[this.copies] = start;
      this.copyLengths[this.copies++] = length;
      this.anyCopied = true;
    }
  }

  /** The list, once every run is queued (undefined when nothing was copied: the source list can stay). */
  finish(): PieceList | undefined {
    this.flush();
    return this.anyCopied ? this.out.trim() : undefined;
  }

  private flush(): void {
    if (this.copies > 0) this.copy(this.copyOffsets, this.copyLengths, this.copies, this.starts);
    for (let i = 0, c = 0; i < this.queued; i++) this.out.push(this.copied[i] ? this.starts[c++] : this.offsets[i], this.lengths[i]);
    this.queued = 0;
    this.copies = 0;
  }
}

/**
 * `list` with every base byte that `table` (a length-preserving document: a byte's document
 * offset is its base offset) does not hold as that same base byte read instead from a copy of
 * the old base bytes made by `copy`. Undefined when no piece of `list` reads such a byte (the
 * list is kept as it is).
 */
export function repointOverwritten(list: PieceList, table: PieceTable, copy: BaseRangeCopier): PieceList | undefined {
  const builder = new CopyingListBuilder(list.count, copy);
  const c = list.cursor();
  while (c.next()) {
    if (!isBasePiece(c.start)) {
      builder.queue(c.start, c.length, false);
      continue;
    }
    // Unchanged runs of the table hold the base byte at its own offset.
    table.visit(c.start, c.start + c.length, (d, current, length) => builder.queue(d, length, current !== d));
  }
  return builder.finish();
}
