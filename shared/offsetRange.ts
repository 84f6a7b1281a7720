// "Select between offsets": what the user types for a byte range, START-END (both included, as
// a hex dump's ranges read: 0x10-0x1F is 16 bytes) or START+LENGTH, each number decimal, 0x hex
// or h-suffixed hex (1F400h). Pure: unit-tested; the command (extension/gotoCommands.ts) and
// its input box use it. Its messages go through l10n.t (shared/l10nText.ts): translated in the
// host, English in plain Node.
import { l10n } from './l10nText';

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
  if (!m) return { error: l10n.t('Type START-END (both included) or START+LENGTH, in decimal or 0x hex: 0x100-0x1FF, 4096+512') };
  const start = parseNumber(m[1]);
  const second = parseNumber(m[3]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(second)) return { error: l10n.t('Offset too large') };
  const byLength = m[2] === '+';
  const end = byLength ? start + second : second + 1;
  if (byLength && second === 0) return { error: l10n.t('The length must be at least 1') };
  if (!byLength && second < start) return { error: l10n.t('The end ({0}) is before the start ({1})', second, start) };
  if (end > size) return { error: l10n.t('The range ends at {0}, past the end of the file ({1} bytes)', end, size) };
  return { start, end };
}
