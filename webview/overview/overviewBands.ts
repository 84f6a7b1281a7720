// What the overview ruler draws, without the DOM: for each pixel row of the ruler, how strong
// each kind's mark is. The host counts hits per row of the ruler (one pass of the engine,
// extension/overview/); this turns counts into intensities, so a row with one hit is still
// visible and the densest rows stand out (log scale), and nothing is one element per hit.
import type { OverviewKind } from '../../shared/filterProtocol';

export const OVERVIEW_KINDS: readonly OverviewKind[] = ['find', 'filter', 'errors', 'bookmarks'];

/** Alpha 0 (no hit) or between MIN_ALPHA and 1 (the densest row of this kind). */
const MIN_ALPHA = 0.45;

/** Counts per `rows` pixel rows, resampled from counts over any number of buckets (max of the merged buckets). */
export function resample(counts: Uint32Array, rows: number): Uint32Array {
  const out = new Uint32Array(rows);
  if (counts.length === 0 || rows === 0) return out;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    const first = Math.floor((i * rows) / counts.length);
    const last = Math.max(first, Math.ceil(((i + 1) * rows) / counts.length) - 1);
    for (let r = first; r <= last && r < rows; r++) out[r] = Math.max(out[r], counts[i]);
  }
  return out;
}

/** The alpha of each row's mark. */
export function intensities(counts: Uint32Array): Float32Array {
  let max = 0;
  for (const c of counts) if (c > max) max = c;
  const out = new Float32Array(counts.length);
  if (max === 0) return out;
  const scale = Math.log1p(max);
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) out[i] = max === 1 ? 1 : MIN_ALPHA + (1 - MIN_ALPHA) * (Math.log1p(c) / scale);
  }
  return out;
}

/** The byte a click at `y` of a ruler `height` pixels tall jumps to. */
export function offsetAtY(y: number, height: number, size: number): number {
  if (height <= 0 || size <= 0) return 0;
  return Math.min(size - 1, Math.max(0, Math.floor((y / height) * size)));
}
