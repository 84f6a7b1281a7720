// Cutting decoded text into screen rows: newlines (\n, \r\n, lone \r) end a line, long lines
// wrap at a column — at a word boundary as VS Code wraps (after a space or a break-after mark
// such as `-` `/` `,`, before an opening bracket), or at any character where a word is longer
// than the row — tabs expand, control and invalid bytes get a visible stand-in. Pure, so the
// rules are unit-tested under node.
import type { TextCodec } from './textCodec';

/** One character on screen: what to draw and the bytes it stands for. */
export interface TextCell {
  readonly text: string;
  /** '' for plain text, 'tab', 'ctrl' for a control character, 'invalid' for bytes not in the encoding, 'bom' for a byte-order mark (no column: its text is ''). */
  readonly kind: '' | 'tab' | 'ctrl' | 'invalid' | 'bom';
  readonly start: number;
  readonly length: number;
}

export interface TextRow {
  /** Byte offset of the row's first character. */
  readonly start: number;
  /** Byte offset just past the row, its line break included. */
  readonly end: number;
  /** True when the row begins a line (it is not the continuation of a wrapped line). */
  readonly lineStart: boolean;
  readonly cells: readonly TextCell[];
}

export interface LayoutOptions {
  readonly wrapColumns: number;
  readonly tabSize: number;
  readonly maxRows: number;
  /** True when `bytes` runs to the end of the file, so a cut-off character is invalid, not pending. */
  readonly atEnd: boolean;
  /** Whether the first row begins a line. */
  readonly firstIsLineStart: boolean;
  /** Wrap at word boundaries (word wrap on); false cuts at the column (a line past the unwrapped limit). */
  readonly breakAtWords?: boolean;
}

/** After these a row may end (VS Code's editor.wordWrapBreakAfterCharacters, its ASCII part and common CJK marks). */
const BREAK_AFTER = new Set(' \t})]?|/&.,;-!:%、。，．：；？！）］｝」』】〉》”'.split(''));
/** Before these a row may end (editor.wordWrapBreakBeforeCharacters). */
const BREAK_BEFORE = new Set('([{‘“〈《「『【〔（［｛£¥$+'.split(''));

export function controlPicture(code: number): string {
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}

/**
 * Lays out rows from bytes[0], which sits at file offset `base` on a character boundary.
 * Stops early, without a partial row, where the bytes run out before a row is complete (unless
 * they run to the end of the file).
 */
export function layoutRows(bytes: Uint8Array, base: number, codec: TextCodec, o: LayoutOptions): TextRow[] {
  const rows: TextRow[] = [];
  let i = 0;
  let lineStart = o.firstIsLineStart;
  while (rows.length < o.maxRows && i < bytes.length) {
    const rowStart = i;
    const cells: TextCell[] = [];
    let col = 0;
    let ended = false;
    let starved = false;
    while (i < bytes.length) {
      const ch = codec.decode(bytes, i);
      if (!ch) {
        if (!o.atEnd) {
          starved = true;
          break;
        }
        cells.push({ text: '\ufffd', kind: 'invalid', start: base + i, length: bytes.length - i });
        i = bytes.length;
        break;
      }
      const code = ch.text.length === 1 ? ch.text.charCodeAt(0) : -1;
      if (code === 0x0a || code === 0x0d) {
        let next = i + ch.length;
        if (code === 0x0d) {
          const after = next < bytes.length ? codec.decode(bytes, next) : undefined;
          if (after === undefined && !o.atEnd) {
            starved = true; // Cannot tell \r\n from a lone \r yet.
            break;
          }
          if (after && after.text === '\n') next += after.length;
        }
        i = next;
        ended = true;
        break;
      }
      const width = code === 0x09 ? o.tabSize - (col % o.tabSize) : 1;
      if (col + width > o.wrapColumns && col > 0) {
        if (!o.breakAtWords) break;
        // A space hangs at the end of the row; otherwise the row ends at its last break
        // opportunity, and what follows it starts the next row.
        if (code === 0x20) {
          cells.push({ text: ' ', kind: '', start: base + i, length: ch.length });
          i += ch.length;
          break;
        }
        const k = lastBreak(cells, ch.text);
        if (k > 0 && k < cells.length) {
          i = cells[k].start - base;
          cells.length = k;
        }
        break;
      }
      if (base + i === 0 && !ch.invalid && ch.text === '\ufeff') {
        // The byte-order mark at the file's start takes no column (as in VS Code); its bytes stay in the row.
        cells.push({ text: '', kind: 'bom', start: 0, length: ch.length });
        i += ch.length;
        continue;
      }
      if (ch.invalid) cells.push({ text: '\ufffd', kind: 'invalid', start: base + i, length: ch.length });
      else if (code === 0x09) cells.push({ text: ' '.repeat(width), kind: 'tab', start: base + i, length: ch.length });
      else if (code >= 0 && (code < 0x20 || code === 0x7f)) {
        cells.push({ text: controlPicture(code), kind: 'ctrl', start: base + i, length: ch.length });
      } else cells.push({ text: ch.text, kind: '', start: base + i, length: ch.length });
      i += ch.length;
      col += width;
    }
    if (starved && col < o.wrapColumns) {
      i = rowStart;
      break;
    }
    rows.push({ start: base + rowStart, end: base + i, lineStart, cells });
    lineStart = ended;
    if (starved) break;
  }
  return rows;
}

/** The number of cells that end the row at its last break opportunity before `next`; 0 if none. */
function lastBreak(cells: readonly TextCell[], next: string): number {
  if (BREAK_BEFORE.has(next) && cells.length > 0 && !BREAK_BEFORE.has(cells[cells.length - 1].text)) return cells.length;
  for (let k = cells.length; k > 0; k--) {
    const t = cells[k - 1].text;
    if (cells[k - 1].kind === 'tab' || BREAK_AFTER.has(t)) return k;
    if (k < cells.length && BREAK_BEFORE.has(cells[k].text) && !BREAK_BEFORE.has(t)) return k;
  }
  return 0;
}

/** Offset just past the first line break in bytes[0..), relative to bytes[0]; -1 if none (or a \r at the very end). */
export function firstLineBreakEnd(bytes: Uint8Array, codec: TextCodec, atEnd: boolean): number {
  const nl = codec.newline;
  const cr = codec.carriageReturn;
  const step = nl.length;
  for (let i = 0; i + step <= bytes.length; i += step) {
    if (matchesAt(bytes, i, nl)) return i + step;
    if (matchesAt(bytes, i, cr)) {
      if (i + 2 * step <= bytes.length) return matchesAt(bytes, i + step, nl) ? i + 2 * step : i + step;
      return atEnd ? i + step : -1;
    }
  }
  return -1;
}

/** Offset just past the last line break in bytes[0..), relative to bytes[0]; -1 if none. */
export function lastLineBreakEnd(bytes: Uint8Array, codec: TextCodec): number {
  const nl = codec.newline;
  const cr = codec.carriageReturn;
  for (let i = bytes.length - nl.length; i >= 0; i -= 1) {
    if (matchesAt(bytes, i, nl) || matchesAt(bytes, i, cr)) {
      if (nl.length === 2 && i % 2 !== 0) continue; // UTF-16: units sit on even offsets.
      return i + nl.length;
    }
  }
  return -1;
}

function matchesAt(bytes: Uint8Array, i: number, needle: Uint8Array): boolean {
  for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) return false;
  return true;
}
