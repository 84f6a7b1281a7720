// Parsing what the user types into "Go to": an offset (decimal, 0x hex, with optional + or -
// relative sign), a percentage, or a line number in the text view. `100%` is where Ctrl+End
// goes: the cursor after the last byte, the last row at the bottom of a full screen. Anything
// else — a time (`2026-03-01 12:00`, `12:00`, `+10m`, `-1h30m`), `start` and `end` (the first
// and the last line, in any file), or text in the log's own
// timestamp format — goes to the host (`host`), which knows the file's timestamps and answers
// with a 'reveal' or a 'gotoFailed'. A signed decimal with an `h` (`+2h`) is two hours, not the
// hex offset 2 (write that `+0x2`); an unsigned `1F400h` stays a hex offset.
import { t } from './l10n';

export type GotoTarget =
  | { readonly kind: 'offset'; readonly offset: number }
  /** The end of the document (`100%`): the cursor after its last byte. */
  | { readonly kind: 'end'; readonly offset: number }
  | { readonly kind: 'line'; readonly line: number }
  | { readonly kind: 'host' }
  | { readonly kind: 'error'; readonly message: string };

export function parseGotoTarget(input: string, size: number, current: number, lineMode: boolean): GotoTarget {
  const text = input.trim().replace(/_/g, '');
  if (text === '') return { kind: 'error', message: t('goto.typeSomething') };
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) {
    const p = Number(percent[1]);
    if (p > 100) return { kind: 'error', message: 'A percentage must be between 0 and 100' };
    if (p === 100) return { kind: 'end', offset: size };
    return { kind: 'offset', offset: clampOffset(Math.floor((size * p) / 100), size) };
  }
  const lineMatch = /^(?:line\s*|:|l)(\d+)$/i.exec(text);
  if (lineMatch || (lineMode && /^\d+$/.test(text))) {
    const line = Number((lineMatch ?? [text, text])[1]);
    if (!Number.isSafeInteger(line) || line < 1) return { kind: 'error', message: t('goto.linesStartAt1') };
    return { kind: 'line', line };
  }
  const m = /^([+-]?)\s*(0x[0-9a-f]+|[0-9a-f]+h|\d+)$/i.exec(text);
  if (!m || (m[1] !== '' && /^\d+h$/i.test(m[2]))) return { kind: 'host' };
  const digits = m[2].toLowerCase();
  const value = digits.startsWith('0x')
    ? parseInt(digits.slice(2), 16)
    : digits.endsWith('h')
      ? parseInt(digits.slice(0, -1), 16)
      : Number(digits);
  if (!Number.isSafeInteger(value)) return { kind: 'error', message: t('goto.offsetTooLarge') };
  const offset = m[1] === '+' ? current + value : m[1] === '-' ? current - value : value;
  if (offset < 0 || offset > size) {
    return { kind: 'error', message: t('goto.outside', offset, size) };
  }
  return { kind: 'offset', offset: clampOffset(offset, size) };
}

function clampOffset(offset: number, size: number): number {
  return Math.max(0, Math.min(offset, Math.max(0, size - 1)));
}
