// The edit model of a document: a piece table over the (never modified) base file, an
// append-only add buffer for new bytes, and undo/redo. Unsaved edits live only here — writes
// through a shared mapping reach the file even if the host dies — and the save paths
// (extension/save/) read the result from it.
//
// Memory: pieces are packed (a replace-all costs about 5 bytes per match), an undo step is one
// small object plus the pieces it displaced. A replace-all is one step however many matches it has; a paste is one copy of
// the pasted bytes into the add buffer (the base is never copied).
import type { DocumentPieces } from '../engine';
import type { ByteReader } from '../reader';
import { AddBuffer } from './addBuffer';
import { PieceTable } from './pieceTable';
import { decodeAddStart, encodeAddStart, isBasePiece, PieceList, PieceSink } from './pieces';
import { asMatchRuns, checkMatches, emitReplaceAll, ReplacementPieces } from './replaceAllPieces';
import { copyMissingBase, missingBaseBytes, translateHeldBase } from './rebasePieces';
import { BaseRangeCopier, repointOverwritten } from './repointPieces';

/**
 * Sorted, non-overlapping ranges of the current document, as two parallel arrays
 * (Float64Array from the engine's findAll batches, Uint32Array, or plain arrays).
 */
export interface MatchList {
  offsets: ArrayLike<number>;
  lengths: ArrayLike<number>;
}

/** Sorted, non-overlapping ranges of the current document, visited in order (a compact store of millions). */
export interface MatchRuns {
  readonly size: number;
  forEach(visit: (offset: number, length: number, index: number) => void): void;
}

/** One replacement per match, packed: replacement i is bytes[ends[i - 1] ?? 0, ends[i]). */
export interface PerMatchReplacements {
  bytes: Uint8Array;
  ends: ArrayLike<number>;
}

/** A batch of changed ranges (see EditJournal.changeBatches); `bytes` holds their new bytes packed, when asked for. */
export interface ChangeBatch {
  offsets: Float64Array;
  lengths: Float64Array;
  bytes: Uint8Array | undefined;
  /** Sum of `lengths`. */
  byteLength: number;
}

/** Limits of a ChangeBatch; `totalBytes`: the changed bytes, when the caller counted them already. */
export interface ChangeBatchOptions {
  maxRanges: number;
  maxBytes: number;
  withBytes: boolean;
  totalBytes?: number;
}

/** Pieces and the add bytes they refer to (add starts relative to `addBytes`), as journalCodec decodes them. */
export interface RestoredPieces {
  starts: Float64Array;
  lengths: Uint32Array;
  addBytes: Uint8Array;
}

export interface EditJournalOptions {
  /** Content to start from instead of the base (a decoded backup). */
  restored?: RestoredPieces;
  /** Pieces per table block; only tests change it, to exercise block seams. */
  blockPieces?: number;
}

/** A run of the document whose bytes are the base's, unchanged: document `offset`, base `baseOffset`. */
export interface BaseSegment {
  readonly offset: number;
  readonly baseOffset: number;
  readonly length: number;
}

/**
 * A change of content, as the journal's listeners hear it (bookmarks follow their bytes through
 * them): document [offset, offset + removed) became `inserted` bytes. An edit, its undo and its
 * redo carry the same `step`.
 */
export interface JournalChange {
  readonly cause: 'edit' | 'undo' | 'redo' | 'amend';
  readonly step: object;
  readonly offset: number;
  readonly removed: number;
  readonly inserted: number;
  /**
   * A Replace All (cause 'edit'): its matches, in order, as they were before the change, with the
   * length of each one's replacement; every byte between them keeps its content.
   */
  readonly matches?: { forEach(visit: (offset: number, length: number, replacedLength: number) => void): void };
}

/** What an undo step did, for labels in VS Code's edit events. */
export type EditKind = 'overwrite' | 'insert' | 'delete' | 'replace' | 'replaceAll';

/**
 * One undoable edit, position-based so it survives the table re-splitting pieces: the document
 * range [pos, pos + present) holds this step's side that is currently applied, `stored` holds
 * the other side. Undo and redo swap the two.
 */
interface Step {
  readonly kind: EditKind;
  readonly pos: number;
  present: number;
  stored: PieceList;
}

export class EditJournal {
  private table: PieceTable;
  private readonly blockPieces: number | undefined;
  private readonly add = new AddBuffer();
  private readonly steps: Step[] = [];
  /** steps[0, applied) are applied; the rest can be redone. */
  private applied = 0;
  private changeCount = 0;
  private lengthPreservingCache: { version: number; value: boolean } | undefined;
  private readonly changeListeners = new Set<(change: JournalChange) => void>();

  /**
   * A journal over `base` (what unchanged bytes are read from: the mapped file). With no
   * `options.restored`, the document is the base (no edits); `restored` (from journalCodec)
   * rebuilds the pieces of a backup, whose add bytes are copied in.
   */
  private currentBase: ByteReader;

  constructor(
    base: ByteReader,
    options: EditJournalOptions = {},
  ) {
    this.currentBase = base;
    this.blockPieces = options.blockPieces;
    const restored = options.restored;
    if (!restored) {
      this.table = new PieceTable((sink) => sink.push(0, base.size), options.blockPieces);
      this.lengthPreservingCache = { version: this.changeCount, value: true };
      return;
    }
    const { starts, lengths } = restored;
    const addBytes = restored.addBytes;
    const addAt = addBytes.length > 0 ? this.add.append(addBytes) : 0;
    this.table = new PieceTable((sink) => {
      for (let i = 0; i < starts.length; i++) {
        const s = starts[i];
        const l = lengths[i];
        if (isBasePiece(s)) {
          if (s + l > base.size) throw new RangeError('a restored piece lies past the end of the base');
          sink.push(s, l);
        } else {
          const a = decodeAddStart(s);
          if (a + l > addBytes.length) throw new RangeError('a restored piece lies past the end of the add bytes');
          sink.push(encodeAddStart(addAt + a), l);
        }
      }
    }, options.blockPieces);
  }

  /** Calls `listener` after every change of content (edits, undo, redo); returns its removal. */
  onChange(listener: (change: JournalChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(change: JournalChange): void {
    for (const listener of this.changeListeners) listener(change);
  }

  /** What unchanged bytes are read from: the file as mapped (a rewrite save moves it to the new file). */
  get base(): ByteReader {
    return this.currentBase;
  }

  /** Size of the current document. */
  get size(): number {
    return this.table.size;
  }

  /** Increases on every change of content (edit, undo, redo). */
  get version(): number {
    return this.changeCount;
  }

  get canUndo(): boolean {
    return this.applied > 0;
  }

  get canRedo(): boolean {
    return this.applied < this.steps.length;
  }

  /** Number of pieces in the table (a measure of fragmentation, for diagnostics and tests). */
  get pieceCount(): number {
    return this.table.pieceCount;
  }

  /** Bytes held in the add buffer. */
  get addedBytes(): number {
    return this.add.byteLength;
  }

  // Each edit returns whether it recorded an undo step (false for a no-op such as deleting zero
  // bytes): fire VS Code's edit event only when it did.

  /**
   * Replaces the bytes at `offset` with `bytes`; bytes reaching past the end extend the document
   * (typing over the end of a hex view appends).
   */
  overwrite(offset: number, bytes: Uint8Array): boolean {
    this.checkOffset(offset);
    return this.replaceRange('overwrite', offset, Math.min(bytes.length, this.size - offset), bytes);
  }

  /** Inserts `bytes` before the byte at `offset` (offset === size appends). */
  insert(offset: number, bytes: Uint8Array): boolean {
    this.checkOffset(offset);
    return this.replaceRange('insert', offset, 0, bytes);
  }

  /** Deletes [offset, offset + length), clipped to the end. */
  delete(offset: number, length: number): boolean {
    this.checkOffset(offset);
    return this.replaceRange('delete', offset, Math.min(Math.max(0, length), this.size - offset), new Uint8Array(0));
  }

  /**
   * Replaces [offset, offset + length) with `bytes` (any lengths) as one undo step. `handOver`:
   * the caller will never touch `bytes` again, so a large one is kept as it is instead of copied
   * (a 100 MB paste then costs 100 MB, not 200).
   */
  replace(offset: number, length: number, bytes: Uint8Array, handOver = false): boolean {
    this.checkOffset(offset);
    return this.replaceRange('replace', offset, Math.min(Math.max(0, length), this.size - offset), bytes, handOver);
  }

  /**
   * Replaces every match (sorted, non-overlapping, inside the document) with `replacement`, or
   * with its own replacement from `PerMatchReplacements`, as ONE undo step. A shared replacement
   * is stored once; the step costs two packed pieces (about 5 bytes) per match. Returns false
   * (no step) for an empty match list.
   */
  replaceAll(matchList: MatchList | MatchRuns, replacement: Uint8Array | PerMatchReplacements): boolean {
    const matches = asMatchRuns(matchList);
    const span = checkMatches(matches, this.size);
    if (!span) return false;
    // Each replacement's bytes go into the add buffer once.
    let replacementAt: ReplacementPieces;
    if (replacement instanceof Uint8Array) {
      const at = replacement.length > 0 ? this.add.append(replacement) : 0;
      replacementAt = { sharedStart: encodeAddStart(at), sharedLength: replacement.length };
    } else {
      if (replacement.ends.length !== matches.size) throw new RangeError('replaceAll: one replacement per match is needed');
      const at = replacement.bytes.length > 0 ? this.add.append(replacement.bytes) : 0;
      replacementAt = { perMatchStart: encodeAddStart(at), ends: replacement.ends };
    }
    // Same-length replacements keep every other byte in its place (no pass over the pieces to learn it).
    let keepsPlaces = true;
    matches.forEach((_o, length, i) => {
      const replaced = 'ends' in replacementAt ? replacementAt.ends[i] - (i === 0 ? 0 : replacementAt.ends[i - 1]) : replacementAt.sharedLength;
      if (replaced !== length) keepsPlaces = false;
    });
    const old = this.table.slice(span.start, span.end);
    const replaced = {
      forEach: (visit: (offset: number, length: number, replacedLength: number) => void) =>
        matches.forEach((o, length, i) => visit(o, length, 'ends' in replacementAt ? replacementAt.ends[i] - (i === 0 ? 0 : replacementAt.ends[i - 1]) : replacementAt.sharedLength)),
    };
    this.apply('replaceAll', span.start, span.end - span.start, (sink) => emitReplaceAll(old, span.start, matches, replacementAt, sink), keepsPlaces, replaced);
    return true;
  }

  /**
   * Puts `bytes` over [offset, offset + bytes.length) as part of the last step instead of a new
   * one: the low nibble of a hex byte completes the byte its high nibble started, and one undo
   * takes the whole byte back. Only when the last step is applied, is the newest, and covers
   * exactly that range; returns false (nothing changed) otherwise.
   */
  amendLast(offset: number, bytes: Uint8Array): boolean {
    const step = this.steps[this.applied - 1];
    if (!step || this.applied !== this.steps.length || step.pos !== offset || step.present !== bytes.length || bytes.length === 0) return false;
    const at = this.add.append(bytes);
    const keepsPlaces = true;
    const wasPreserving = this.lengthPreservingCache?.version === this.changeCount && this.lengthPreservingCache.value;
    this.table.splice(offset, bytes.length, (sink) => sink.push(encodeAddStart(at), bytes.length));
    this.changeCount++;
    if (wasPreserving && keepsPlaces) this.lengthPreservingCache = { version: this.changeCount, value: true };
    this.changed({ cause: 'amend', step, offset, removed: bytes.length, inserted: bytes.length });
    return true;
  }

  /**
   * The document's unchanged runs in [start, end), in document order, with where they are in the
   * base (adjacent runs merged). Edits only cut and insert, so the runs are in base order too: a
   * sorted list of offsets maps through them in one merge walk (bookmarks, bookmarkCoordinates.ts).
   */
  *baseSegments(start = 0, end = this.size): Generator<BaseSegment> {
    let open: { offset: number; baseOffset: number; length: number } | undefined;
    for (const [d, s, l] of this.table.pieces(start, end)) {
      if (!isBasePiece(s)) continue;
      if (open && open.offset + open.length === d && open.baseOffset + open.length === s) {
        open.length += l;
        continue;
      }
      if (open) yield open;
      open = { offset: d, baseOffset: s, length: l };
    }
    if (open) yield open;
  }

  /** Undoes the last applied step; false when there is none. */
  undo(): boolean {
    if (this.applied === 0) return false;
    this.swap(this.steps[--this.applied], 'undo');
    return true;
  }

  /** Redoes the last undone step; false when there is none. */
  redo(): boolean {
    if (this.applied === this.steps.length) return false;
    this.swap(this.steps[this.applied++], 'redo');
    return true;
  }

  /** The kind of the step `undo` would undo, if any. */
  get undoKind(): EditKind | undefined {
    return this.steps[this.applied - 1]?.kind;
  }

  /** Forgets the undo/redo history (keeps the content), releasing the pieces it held. */
  clearHistory(): void {
    this.steps.length = 0;
    this.applied = 0;
  }

  /** A copy of the current content in [offset, offset + length), clipped to the end. */
  read(offset: number, length: number): Uint8Array {
    const n = Math.max(0, Math.min(length, this.size - offset));
    const out = new Uint8Array(n);
    this.readInto(offset, out);
    return out;
  }

  /** Copies current content from `offset` into `target`; returns the bytes copied (short at the end). */
  readInto(offset: number, target: Uint8Array): number {
    return readPieces(this.table, this.add, this.base, offset, target);
  }

  /**
   * A read-only view of the current content that later edits do not change (it shares the
   * table's blocks, which edits replace rather than change, and the append-only add buffer;
   * O(blocks), not O(pieces)). An asynchronous save
   * writes from a snapshot, so edits made while it runs are not mixed into the file.
   */
  snapshot(): ByteReader {
    const table = this.table.clone();
    const { add, base } = this;
    return {
      size: table.size,
      read(offset: number, length: number): Uint8Array {
        const out = new Uint8Array(Math.max(0, Math.min(length, table.size - offset)));
        readPieces(table, add, base, offset, out);
        return out;
      },
      readInto: (offset: number, target: Uint8Array): number => readPieces(table, add, base, offset, target),
    };
  }

  /**
   * The current content as the engine's document search reads it (engine.ts openDocument): the
   * table's packed blocks and the add buffer's chunks, shared, not copied. O(blocks + chunks).
   */
  enginePieces(): DocumentPieces {
    return { ...this.table.packedBlocks(), ...this.add.chunkViews() };
  }

  /** The current content from `start` to `end`, in chunks of at most `chunkSize` bytes (for rewrite saves). */
  *chunks(chunkSize = 4 << 20, start = 0, end = this.size): Generator<Uint8Array> {
    end = Math.min(end, this.size);
    for (let at = start; at < end; at += chunkSize) yield this.read(at, Math.min(chunkSize, end - at));
  }

  /**
   * True when the document can be saved by overwriting bytes in place: it has the base's length
   * and every unchanged base byte sits at its own base offset (only overwrites, or edits that
   * cancel out). O(pieces), cached per version.
   */
  get lengthPreserving(): boolean {
    if (this.lengthPreservingCache?.version === this.changeCount) return this.lengthPreservingCache.value;
    let value = this.size === this.base.size;
    if (value) {
      this.table.forEach((d, s) => {
        if (isBasePiece(s) && s !== d) value = false;
      });
    }
    this.lengthPreservingCache = { version: this.changeCount, value };
    return value;
  }

  /**
   * The ranges whose bytes come from edits (adjacent ones merged), in order, as a callback (no
   * object per range: there may be millions). When `lengthPreserving`, document offsets are base
   * offsets: an in-place save writes `read(offset, length)` at each. A range may hold bytes equal
   * to the base's.
   */
  forEachChangedRange(visitor: (offset: number, length: number) => void): void {
    let open = -1;
    let openEnd = -1;
    this.table.forEach((d, s, l) => {
      if (isBasePiece(s)) return;
      if (open >= 0 && openEnd === d) {
        openEnd = d + l;
        return;
      }
      if (open >= 0) visitor(open, openEnd - open);
      open = d;
      openEnd = d + l;
    });
    if (open >= 0) visitor(open, openEnd - open);
  }

  /**
   * `forEachChangedRange` in batches for a save: at most `maxRanges` ranges and `maxBytes` bytes each
   * (a longer range is split), with their new bytes packed back to back when `withBytes`. The
   * arrays are reused from one batch to the next: use a batch before asking for another. Memory
   * stays that of one batch however many millions of ranges there are; a generator, so an
   * asynchronous save lets other work run between batches (the journal must not change meanwhile).
   */
  *changeBatches(options: ChangeBatchOptions): Generator<ChangeBatch> {
    const maxRanges = Math.max(1, options.maxRanges);
    const maxBytes = Math.max(1, options.maxBytes);
    const offsets = new Float64Array(Math.min(maxRanges, 1 << 16));
    const lengths = new Float64Array(offsets.length);
    let capacity = offsets.length;
    let ranges = { offsets, lengths };
    // No bigger than all the changed bytes (`totalBytes` when the caller counted them already).
    const total = options.totalBytes ?? this.changedByteCount();
    const bytes = options.withBytes ? new Uint8Array(Math.max(1, Math.min(maxBytes, total))) : undefined;
    let n = 0;
    let used = 0;
    const batch = (): ChangeBatch => ({ offsets: ranges.offsets.subarray(0, n), lengths: ranges.lengths.subarray(0, n), bytes: bytes?.subarray(0, used), byteLength: used });
    const c = this.table.cursor();
    while (c.next()) {
      if (isBasePiece(c.start)) continue;
      let d = c.docOffset;
      let from = decodeAddStart(c.start);
      let left = c.length;
      while (left > 0) {
        let adjacent = n > 0 && ranges.offsets[n - 1] + ranges.lengths[n - 1] === d;
        if (used === maxBytes || (!adjacent && n === maxRanges)) {
          yield batch();
          n = 0;
          used = 0;
          adjacent = false;
        }
        const take = Math.min(left, maxBytes - used);
        if (bytes) this.add.copyTo(from, take, bytes, used);
        if (adjacent) {
          ranges.lengths[n - 1] += take;
        } else {
          if (n === capacity) {
            capacity = Math.min(maxRanges, capacity * 2);
            const grown = { offsets: new Float64Array(capacity), lengths: new Float64Array(capacity) };
            grown.offsets.set(ranges.offsets);
            grown.lengths.set(ranges.lengths);
            ranges = grown;
          }
          ranges.offsets[n] = d;
          ranges.lengths[n++] = take;
        }
        used += take;
        d += take;
        from += take;
        left -= take;
      }
    }
    if (n > 0) yield batch();
  }

  /** Whether there is anything to undo or redo. */
  get hasHistory(): boolean {
    return this.steps.length > 0;
  }

  /** Total bytes in the changed ranges (`forEachChangedRange`). */
  changedByteCount(): number {
    return this.table.addedByteCount();
  }

  /**
   * Call before an in-place save writes the changed bytes into the base file: every piece of the
   * undo/redo history that reads a base byte the save overwrites is re-pointed to a copy of that
   * byte in the add buffer, so undo after the save still gives the old content. Neighbouring
   * copies of the same bytes are shared: a literal Replace All keeps one copy of the old word,
   * not millions. The document must be `lengthPreserving` (a changed byte's document offset is
   * its base offset). If the save then fails, the copies still hold the bytes the base has.
   */
  preserveHistoryForInPlaceSave(): void {
    if (!this.lengthPreserving) throw new RangeError('preserveHistoryForInPlaceSave: the document is not length preserving');
    const copy = this.baseCopier();
    for (const step of this.steps) {
      const repointed = repointOverwritten(step.stored, this.table, copy);
      if (repointed) step.stored = repointed;
    }
  }

  /**
   * Call once the base file holds exactly the current content (after a successful in-place save,
   * which calls it): the table collapses to one base piece, so later saves write only later
   * edits and searches see the whole document as base bytes. Undo/redo keep working (steps are
   * positional; run `preserveHistoryForInPlaceSave` before the save so they do not read overwritten bytes).
   */
  adoptBaseAsContent(): void {
    if (this.base.size !== this.size) throw new RangeError('adoptBaseAsContent: the base does not have the document\'s size');
    this.table = new PieceTable((sink) => sink.push(0, this.base.size), this.blockPieces);
    this.changeCount++;
    this.lengthPreservingCache = { version: this.changeCount, value: true };
  }

  /**
   * Bytes a rewrite save must copy out of the old file so the undo/redo history survives it: the
   * base bytes the history reads that the current content does not hold (deleted or overwritten).
   * O(history pieces × log blocks).
   */
  historyBytesMissingFromContent(): number {
    let n = 0;
    for (const step of this.steps) n += missingBaseBytes(step.stored, this.table);
    return n;
  }

  /**
   * Call before a rewrite save replaces the base file (it holds the current content in a new
   * file): every base byte the history reads that the current content lacks is copied into the
   * add buffer, so undo after the save still gives the old content. If the save then fails, the
   * copies hold the bytes the base has.
   */
  preserveHistoryForRewrite(): void {
    const copy = this.baseCopier();
    for (const step of this.steps) {
      const repointed = copyMissingBase(step.stored, this.table, copy);
      if (repointed) step.stored = repointed;
    }
  }

  /**
   * Call once `newBase` (the file a rewrite save wrote) holds exactly the current content: the
   * history's base pieces move to where their bytes are in it, and the table becomes one base
   * piece. Undo and redo keep working across the save (run `preserveHistoryForRewrite` before
   * the old file goes). The content is unchanged.
   */
  rebase(newBase: ByteReader): void {
    if (newBase.size !== this.size) throw new RangeError(`rebase: the new base has ${newBase.size} bytes, the document ${this.size}`);
    const moved = this.steps.map((step) => translateHeldBase(step.stored, this.table));
    moved.forEach((stored, i) => (this.steps[i].stored = stored));
    this.currentBase = newBase;
    this.table = new PieceTable((sink) => sink.push(0, newBase.size), this.blockPieces);
    this.changeCount++;
    this.lengthPreservingCache = { version: this.changeCount, value: true };
  }

  /** Every piece in document order (encoded starts, see pieces.ts). @internal for journalCodec. */
  forEachPiece(visitor: (docOffset: number, start: number, length: number) => void): void {
    this.table.forEach(visitor);
  }

  /** The piece table as it is now (replaced by adoptBaseAsContent). @internal for line summaries (extension/lines/). */
  get pieceTable(): PieceTable {
    return this.table;
  }

  /** Add-buffer bytes, without a copy when they lie in one chunk. @internal for line summaries. */
  viewAdded(addOffset: number, length: number): Uint8Array {
    return this.add.view(addOffset, length);
  }

  /** Copies add-buffer bytes. @internal for journalCodec. */
  readAdded(addOffset: number, target: Uint8Array): void {
    this.add.readInto(addOffset, target);
  }

  /**
   * Copies base ranges into the add buffer for `repointOverwritten`, reading a batch at once
   * (one native call with the engine's mapping). A copy equal to the previous one is shared.
   */
  private baseCopier(): BaseRangeCopier {
    let buffer = new Uint8Array(1 << 16);
    let last: { bytes: Uint8Array; at: number } | undefined;
    return (offsets, lengths, count, starts) => {
      let total = 0;
      for (let i = 0; i < count; i++) total += lengths[i];
      if (buffer.length < total) buffer = new Uint8Array(total);
      const o = offsets.subarray(0, count);
      const l = lengths.subarray(0, count);
      const readRanges = this.base.readRanges?.bind(this.base);
      for (let i = 0, at = 0; i < count; ) {
        if (!readRanges) {
          readBase(this.base, o[i], buffer.subarray(at, at + l[i]));
          at += l[i++];
          continue;
        }
        // The engine reads sorted, disjoint ranges; history pieces may revisit earlier bytes.
        let j = i + 1;
        let bytes = l[i];
        while (j < count && o[j] >= o[j - 1] + l[j - 1]) bytes += l[j++];
        readRanges(o.subarray(i, j), l.subarray(i, j), buffer.subarray(at, at + bytes));
        at += bytes;
        i = j;
      }
      for (let i = 0, at = 0; i < count; at += l[i++]) {
        // Compared where they lie (no view per range: there are millions).
        if (last && sameAt(last.bytes, buffer, at, l[i])) {
          starts[i] = encodeAddStart(last.at);
          continue;
        }
        const bytes = buffer.subarray(at, at + l[i]);
        const copied = this.add.append(bytes);
        last = bytes.length <= SHARED_COPY_BYTES ? { bytes: bytes.slice(), at: copied } : undefined;
        starts[i] = encodeAddStart(copied);
      }
    };
  }

  private replaceRange(kind: EditKind, offset: number, removeLength: number, bytes: Uint8Array, handOver = false): boolean {
    if (removeLength === 0 && bytes.length === 0) return false;
    const at = bytes.length > 0 ? this.add.append(bytes, handOver) : 0;
    this.apply(
      kind,
      offset,
      removeLength,
      (sink) => {
        if (bytes.length > 0) sink.push(encodeAddStart(at), bytes.length);
      },
      bytes.length === removeLength,
    );
    return true;
  }

  /** `keepsPlaces`: the edit only puts new bytes over as many old ones, so a length-preserving document stays one. */
  private apply(kind: EditKind, pos: number, removeLength: number, insert: (sink: PieceSink) => void, keepsPlaces: boolean, matches?: JournalChange['matches']): void {
    const wasPreserving = this.lengthPreservingCache?.version === this.changeCount && this.lengthPreservingCache.value;
    const { removed, inserted } = this.table.splice(pos, removeLength, insert);
    this.steps.length = this.applied; // a new edit drops the redo branch
    const step: Step = { kind, pos, present: inserted, stored: removed };
    this.steps.push(step);
    this.applied++;
    this.changeCount++;
    if (wasPreserving && keepsPlaces) this.lengthPreservingCache = { version: this.changeCount, value: true };
    this.changed({ cause: 'edit', step, offset: pos, removed: removeLength, inserted, ...(matches ? { matches } : {}) });
  }

  private swap(step: Step, cause: 'undo' | 'redo'): void {
    const stored = step.stored;
    const present = step.present;
    const { removed, inserted } = this.table.splice(step.pos, step.present, (sink) => stored.forEach(sink));
    step.stored = removed;
    step.present = inserted;
    this.changeCount++;
    this.changed({ cause, step, offset: step.pos, removed: present, inserted });
  }

  private checkOffset(offset: number): void {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.size) throw new RangeError(`offset ${offset} is outside the document (0..${this.size})`);
  }
}

/** Copies of base bytes up to this long are compared with the previous copy, to share it. */
const SHARED_COPY_BYTES = 4096;

/** Whether `b[at, at + length)` holds the bytes of `a`. */
function sameAt(a: Uint8Array, b: Uint8Array, at: number, length: number): boolean {
  if (a.length !== length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== b[at + i]) return false;
  return true;
}

/** Copies content of `table` from `offset` into `target`; returns the bytes copied (short at the end). */
function readPieces(table: PieceTable, add: AddBuffer, base: ByteReader, offset: number, target: Uint8Array): number {
  if (!(offset >= 0)) throw new RangeError(`read offset ${offset} is negative`);
  const n = Math.max(0, Math.min(target.length, table.size - offset));
  const end = offset + n;
  // After a replace-all a page holds thousands of small pieces: rather than one base read per
  // piece, read the base span they cover once when it is not much larger than the page.
  let pieces = 0;
  let baseLow = Infinity;
  let baseHigh = -Infinity;
  // Whether every base piece sits at one distance from its place in the base (a document of
  // same-length replacements: distance 0). Then the base goes straight into `target`, and only
  // the added bytes are copied over it.
  let shift: number | undefined;
  let oneShift = true;
  table.visit(offset, end, (d, s, l) => {
    pieces++;
    if (isBasePiece(s)) {
      if (s < baseLow) baseLow = s;
      if (s + l > baseHigh) baseHigh = s + l;
      if (shift === undefined) shift = s - d;
      else if (s - d !== shift) oneShift = false;
    }
  });
  const direct = pieces > 4 && shift !== undefined && oneShift && offset + shift >= 0 && end + shift <= base.size;
  if (direct) readBase(base, offset + shift!, target.subarray(0, n));
  let span: Uint8Array | undefined;
  if (!direct && pieces > 4 && baseHigh > baseLow && baseHigh - baseLow <= Math.max(2 * n, 1 << 16)) {
    span = new Uint8Array(baseHigh - baseLow);
    readBase(base, baseLow, span);
  }
  table.visit(offset, end, (d, s, l) => {
    const at = d - offset;
    if (!isBasePiece(s)) add.copyTo(decodeAddStart(s), l, target, at);
    else if (direct) return;
    else if (span) copyBytes(span, s - baseLow, target, at, l);
    else readBase(base, s, target.subarray(at, at + l));
  });
  return n;
}

/** Reads exactly into.length base bytes at `start`. */
function readBase(base: ByteReader, start: number, into: Uint8Array): void {
  const n = base.readInto(start, into);
  if (n !== into.length) throw new RangeError(`the base file is shorter than expected (read ${n} of ${into.length} bytes at ${start})`);
}

/** Copies `length` bytes; a loop for the tiny runs of replace-all pieces (cheaper than a subarray and set). */
function copyBytes(from: Uint8Array, fromOffset: number, to: Uint8Array, toOffset: number, length: number): void {
  if (length <= 32) {
    for (let i = 0; i < length; i++) to[toOffset + i] = from[fromOffset + i];
  } else to.set(from.subarray(fromOffset, fromOffset + length), toOffset);
}
