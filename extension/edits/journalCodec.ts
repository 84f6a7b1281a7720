// A compact binary form of a journal's current content (not its undo history), for hot-exit
// backups: the pieces as raw typed arrays plus only the add-buffer bytes some piece still refers
// to. The base file's bytes are never included.
//
//   "LFEJRNL1"  u32 LE header length  header JSON {format, size, baseSize, pieces, addBytes}
//   Float64 starts[pieces]  Uint32 lengths[pieces]  add bytes[addBytes]     (little-endian)
import type { EditJournal, RestoredPieces } from './editJournal';
import { decodeAddStart, encodeAddStart, isBasePiece } from './pieces';

const MAGIC = 'LFEJRNL1';
const BATCH = 1 << 16;
const ADD_CHUNK = 4 << 20;

interface Header {
  format: 1;
  size: number;
  baseSize: number;
  pieces: number;
  addBytes: number;
}

export interface DecodedJournal extends RestoredPieces {
  /** Document size recorded at encode time. */
  size: number;
  /** Size of the base the pieces refer to. */
  baseSize: number;
}

/**
 * Union of the add-buffer ranges the pieces refer to, and where each lands in the compacted
 * add bytes. Sorting starts and ends separately (native numeric sorts, no object per piece) and
 * sweeping gives the union.
 */
function referencedAddRanges(journal: EditJournal): { from: Float64Array; to: Float64Array; packedAt: Float64Array; total: number } {
  let n = 0;
  journal.forEachPiece((_d, s) => {
    if (!isBasePiece(s)) n++;
  });
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  let k = 0;
  journal.forEachPiece((_d, s, l) => {
    if (isBasePiece(s)) return;
    starts[k] = decodeAddStart(s);
    ends[k++] = decodeAddStart(s) + l;
  });
  starts.sort();
  ends.sort();
  const from: number[] = [];
  const to: number[] = [];
  let depth = 0;
  let i = 0;
  let j = 0;
  while (i < n || j < n) {
    // Starts before ends at the same offset, so touching ranges merge.
    if (i < n && starts[i] <= ends[j]) {
      if (depth++ === 0) from.push(starts[i]);
      i++;
    } else {
      if (--depth === 0) to.push(ends[j]);
      j++;
    }
  }
  const packedAt = new Float64Array(from.length);
  let total = 0;
  for (let r = 0; r < from.length; r++) {
    packedAt[r] = total;
    total += to[r] - from[r];
  }
  return { from: Float64Array.from(from), to: Float64Array.from(to), packedAt, total };
}

/**
 * The encoded journal, in chunks to write one after another. The pieces are captured when the
 * first chunk is taken, so edits made while the chunks are written (between awaits) do not mix
 * in: the add bytes they refer to never change (the add buffer only grows).
 */
export function* encodeJournal(journal: EditJournal): Generator<Uint8Array> {
  const ranges = referencedAddRanges(journal);
  const remap = (s: number): number => {
    if (isBasePiece(s)) return s;
    const a = decodeAddStart(s);
    let lo = 0;
    let hi = ranges.from.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ranges.from[mid] <= a) lo = mid;
      else hi = mid - 1;
    }
    return encodeAddStart(ranges.packedAt[lo] + (a - ranges.from[lo]));
  };
  const pieceCount = journal.pieceCount;
  const starts = new Float64Array(pieceCount);
  const lengths = new Uint32Array(pieceCount);
  let k = 0;
  journal.forEachPiece((_d, s, l) => {
    starts[k] = remap(s);
    lengths[k++] = l;
  });
  const header: Header = { format: 1, size: journal.size, baseSize: journal.base.size, pieces: pieceCount, addBytes: ranges.total };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(MAGIC.length + 4);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, MAGIC.length);
  yield head;
  yield json;
  for (let i = 0; i < pieceCount; i += BATCH) yield new Uint8Array(starts.buffer, i * 8, Math.min(BATCH, pieceCount - i) * 8);
  for (let i = 0; i < pieceCount; i += BATCH) yield new Uint8Array(lengths.buffer, i * 4, Math.min(BATCH, pieceCount - i) * 4);
  for (let r = 0; r < ranges.from.length; r++) {
    for (let at = ranges.from[r]; at < ranges.to[r]; at += ADD_CHUNK) {
      const chunk = new Uint8Array(Math.min(ADD_CHUNK, ranges.to[r] - at));
      journal.readAdded(at, chunk);
      yield chunk;
    }
  }
}

/** Parses an encoded journal; throws RangeError on anything malformed. */
export function decodeJournal(bytes: Uint8Array): DecodedJournal {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < MAGIC.length + 4 || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new RangeError('not an encoded edit journal');
  const jsonLength = buf.readUInt32LE(MAGIC.length);
  let at = MAGIC.length + 4;
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', at, at + jsonLength)) as Header;
  } catch {
    // Not swallowed: the caller gets what it means (the parser's own message adds nothing).
    throw new RangeError('the journal header is damaged');
  }
  at += jsonLength;
  if (header.format !== 1) throw new RangeError(`unknown journal format ${String(header.format)}`);
  const expected = at + header.pieces * 12 + header.addBytes;
  if (buf.length !== expected) throw new RangeError(`the journal is ${buf.length} bytes, expected ${expected}`);
  // Copies, so the typed arrays are aligned and do not pin the file's buffer.
  const starts = new Float64Array(header.pieces);
  new Uint8Array(starts.buffer).set(buf.subarray(at, at + header.pieces * 8));
  at += header.pieces * 8;
  const lengths = new Uint32Array(header.pieces);
  new Uint8Array(lengths.buffer).set(buf.subarray(at, at + header.pieces * 4));
  at += header.pieces * 4;
  const addBytes = buf.subarray(at, at + header.addBytes);
  let total = 0;
  for (let i = 0; i < lengths.length; i++) total += lengths[i];
  if (total !== header.size) throw new RangeError('the journal pieces do not add up to its size');
  return { size: header.size, baseSize: header.baseSize, starts, lengths, addBytes };
}
