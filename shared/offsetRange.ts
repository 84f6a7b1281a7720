// "Select between offsets": what the user types for a byte range, START-END (both included, as
// a hex dump's ranges read: 0x10-0x1F is 16 bytes) or START+LENGTH, each number decimal, 0x hex
// or h-suffixed hex (1F400h). Pure: unit-tested; the command (extension/gotoCommands.ts) and
// its input box use it.

export type OffsetRange = { readonly start: number; readonly end: number } | { readonly error: string };

const NUMBER = '(0x[0-9a-f]+|[0-9a-f]+h|\\d+)';
const RANGE = new RegExp(`^${NUMBER}\\s*([-+:]|\\.\\.)\\s*${NUMBER}$`, 'i');

function parseNumber(text: string): number {
  const t = text.toLowerCase();
  return t.startsWith('0x') ? parseInt(t.slice(2), 16) : t.endsWith('h') ? parseInt(t.slice(0, -1), 16) : Number(t);
}

/** [start, end) of the bytes `input` names in a document of `size` bytes, or why it names none. */
export function parseOffsetRange(input: string, size: number): OffsetRange {
  const text = input.trim().replace(/_/g, '');
  const m = RANGE.exec(text);
  if (!m) return { error: 'Type START-END (both included) or START+LENGTH, in decimal or 0x hex: 0x100-0x1FF, 4096+512' };
  const start = parseNumber(m[1]);
  const second = parseNumber(m[3]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(second)) return { error: 'Offset too large' };
  const byLength = m[2] === '+';
  const end = byLength ? start + second : second + 1;
  if (byLength && second === 0) return { error: 'The length must be at least 1' };
  if (!byLength && second < start) return { error: `The end (${second}) is before the start (${start})` };
  if (end > size) return { error: `The range ends at ${end}, past the end of the file (${size} bytes)` };
  return { start, end };
}
