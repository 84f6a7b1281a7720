// Row and scrollbar arithmetic for a file of any size. Offsets stay below 2^53, so plain
// numbers are exact; rows of a 2^40-byte file fit easily.

export interface ScrollGeometry {
  /** Rows in the whole document. */
  readonly totalRows: number;
  /** Rows that fit on screen. */
  readonly visibleRows: number;
  /** Height of the scrollbar track, in pixels. */
  readonly trackPx: number;
}

/** Smallest thumb the user can still grab. */
export const MIN_THUMB_PX = 20;

export function rowCount(size: number, bytesPerRow: number): number {
  return Math.ceil(size / bytesPerRow);
}

/** The last row that may be at the top: the final screen ends on the last row. */
export function maxTopRow(g: ScrollGeometry): number {
  return Math.max(0, g.totalRows - g.visibleRows);
}

export function clampTopRow(row: number, g: ScrollGeometry): number {
  return Math.min(maxTopRow(g), Math.max(0, Math.floor(row)));
}

export function rowOfOffset(offset: number, bytesPerRow: number): number {
  return Math.floor(offset / bytesPerRow);
}

export function thumbPx(g: ScrollGeometry): number {
  if (g.totalRows <= 0) return g.trackPx;
  const proportional = (g.visibleRows / g.totalRows) * g.trackPx;
  return Math.min(g.trackPx, Math.max(MIN_THUMB_PX, proportional));
}

/**
 * Where the thumb's top sits for a given top row. The mapping is linear over the whole file,
 * not through the browser's scroll height (capped far below a 20 GB file's rows).
 */
export function thumbTopPx(topRow: number, g: ScrollGeometry): number {
  const max = maxTopRow(g);
  const room = g.trackPx - thumbPx(g);
  return max === 0 || room <= 0 ? 0 : (topRow / max) * room;
}

/** The inverse of thumbTopPx: the top row for a thumb dragged to `px`. */
export function topRowAtThumb(px: number, g: ScrollGeometry): number {
  const max = maxTopRow(g);
  const room = g.trackPx - thumbPx(g);
  if (max === 0 || room <= 0) return 0;
  return clampTopRow(Math.round((Math.min(room, Math.max(0, px)) / room) * max), g);
}

/** Bytes per row that fit a width, rounded down to a multiple of 4 (at least 4). */
export function fitBytesPerRow(availableChars: number, offsetDigits: number): number {
  // Each byte costs 3 chars in the hex column ("AB ") and 1 in the text column; plus gaps.
  const perByte = 4;
  const fixed = offsetDigits + 4;
  const n = Math.floor((availableChars - fixed) / perByte);
  return Math.max(4, n - (n % 4));
}
