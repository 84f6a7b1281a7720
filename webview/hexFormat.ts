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

export function formatRow(offset: number, bytes: Uint8Array, bytesPerRow: number, digits: number): string {
  return `${formatOffset(offset, digits)}  ${formatHexBytes(bytes, bytesPerRow)}  ${formatAscii(bytes)}`;
}
