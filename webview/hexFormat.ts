// Turning bytes into the text of a hex row. Pure functions: unit-tested under node.

/** Hex digits needed for the largest offset in a file of `size` bytes (at least 8). */
export function offsetDigits(size: number): number {
  const last = Math.max(0, size - 1);
  return Math.max(8, last.toString(16).length);
}

export function formatOffset(offset: number, digits: number): string {
  return offset.toString(16).toUpperCase().padStart(digits, '0');
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

/** "48 65 6C" — padded with blanks to `bytesPerRow` columns so the text column lines up. */
export function formatHexBytes(bytes: Uint8Array, bytesPerRow: number): string {
  const cells: string[] = [];
  for (let i = 0; i < bytesPerRow; i++) cells.push(i < bytes.length ? HEX[bytes[i]] : '  ');
  return cells.join(' ');
}

/** Printable ASCII as itself, everything else as a middle dot, so no byte is invisible. */
export function formatAscii(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '\u00b7';
  return s;
}

/**
 * The column header over a hex row: blanks over the offset, each byte's position in the row
 * over its hex ("00 01 … 0F"), its last digit over its character ("0123…F"), so a header
 * cell lines up with the cells under it at any bytes per row.
 */
export function formatHexHeader(bytesPerRow: number, digits: number): { offset: string; hex: string; ascii: string } {
  const cells: string[] = [];
  let ascii = '';
  for (let i = 0; i < bytesPerRow; i++) {
    cells.push(HEX[i & 0xff]);
    ascii += (i & 0xf).toString(16).toUpperCase();
  }
  return { offset: ' '.repeat(digits), hex: cells.join(' '), ascii };
}

/** A hex row's text with the byte at `index` shown as its first typed digit and a blank for the second ("A_"). */
export function withPendingDigit(hex: string, index: number, digit: string): string {
  return `${hex.slice(0, index * 3)}${digit}_${hex.slice(index * 3 + 2)}`;
}

export function formatRow(offset: number, bytes: Uint8Array, bytesPerRow: number, digits: number): string {
  return `${formatOffset(offset, digits)}  ${formatHexBytes(bytes, bytesPerRow)}  ${formatAscii(bytes)}`;
}
