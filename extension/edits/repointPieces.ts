// Re-pointing pieces that read base bytes an in-place save is about to overwrite: the parts of
// base pieces inside the given ranges are redirected to copies of the old bytes (so undo history
// keeps meaning the old content once the base file has changed).
import type { MatchList } from './editJournal';
import { advanceStart, isBasePiece, PieceList } from './pieces';

/** Index of the first of the sorted ranges that ends after `at` (ranges.length if none). */
export function firstRangeEndingAfter(offsets: ArrayLike<number>, lengths: ArrayLike<number>, at: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] + lengths[mid] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `list` with every base byte inside `ranges` (sorted, non-overlapping) read instead from
 * `copyStart(i) + (offset - ranges.offsets[i])` (an encoded add start); undefined when no piece
 * touches a range (the list is kept as is).
 */
export function repointBasePieces(list: PieceList, ranges: MatchList, copyStart: (range: number) => number): PieceList | undefined {
  const { offsets, lengths } = ranges;
  let out: PieceList | undefined;
  for (let p = 0; p < list.count; p++) {
    const s = list.starts[p];
    const l = list.lengths[p];
    const first = isBasePiece(s) ? firstRangeEndingAfter(offsets, lengths, s) : offsets.length;
    const touches = first < offsets.length && offsets[first] < s + l;
    if (!out && !touches) continue;
    if (!out) {
      out = new PieceList(capacityFor(list, p, ranges));
      for (let q = 0; q < p; q++) out.push(list.starts[q], list.lengths[q]);
    }
    if (!touches) {
      out.push(s, l);
      continue;
    }
    let cur = s;
    const end = s + l;
    for (let i = first; cur < end; i++) {
      if (i >= offsets.length || offsets[i] >= end) {
        out.push(cur, end - cur);
        break;
      }
      if (offsets[i] > cur) {
        out.push(cur, offsets[i] - cur);
        cur = offsets[i];
      }
      const z = Math.min(end, offsets[i] + lengths[i]);
      out.push(advanceStart(copyStart(i), cur - offsets[i]), z - cur);
      cur = z;
    }
  }
  // A list kept for undo should not carry spare capacity, but trimming a big exact-size one
  // would only copy it.
  return out && out.starts.length - out.count > out.count / 8 ? out.trim() : out;
}

/** At most how many pieces re-pointing list[from..] gives: each range inside a base piece adds two. */
function capacityFor(list: PieceList, from: number, ranges: MatchList): number {
  let n = list.count;
  for (let p = from; p < list.count; p++) {
    const s = list.starts[p];
    if (!isBasePiece(s)) continue;
    const first = firstRangeEndingAfter(ranges.offsets, ranges.lengths, s);
    const end = firstRangeStartingAtOrAfter(ranges.offsets, s + list.lengths[p]);
    if (end > first) n += 2 * (end - first);
  }
  return n;
}

function firstRangeStartingAtOrAfter(offsets: ArrayLike<number>, at: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
