// The engine's packed rows (bytes and byte spans) as the pane's rows: text decoded in the
// document's encoding, with control characters as visible symbols (one UTF-16 unit each, so
// indexes do not move), and the match spans as UTF-16 indexes into that text. Only the rows
// shown are decoded: the spans are the engine's, computed for these rows, never stored.
import { FILTER_ROW_GAP, FILTER_ROW_MATCH, FILTER_ROW_TRUNCATED, type FilterRows } from '../engine';
import type { FilterRow } from '../../shared/filterProtocol';

const SINGLE_BYTE = /^(latin1|iso-8859-\d+|windows-125\d|us-ascii|ascii|koi8-[ru]|macintosh|ibm866)$/i;

function decoder(encoding: string): TextDecoder {
  try {
    return new TextDecoder(encoding);
  } catch {
    // An encoding TextDecoder does not know: the rows are decoded as UTF-8.
    return new TextDecoder('utf-8');
  }
}

/** Control characters as their visible symbols (tab kept: the pane expands it). */
function printable(s: string): string {
  return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, (c) => (c === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0))));
}

/**
 * Maps byte offsets of `bytes` to UTF-16 indexes of its decoded text: directly where each
 * character's byte length is known (single-byte encodings, UTF-16, valid UTF-8), by decoding the
 * prefix otherwise.
 */
function indexer(bytes: Uint8Array, text: string, encoding: string, decode: TextDecoder): (byte: number) => number {
  const e = encoding.toLowerCase();
  if (SINGLE_BYTE.test(e)) return (b) => Math.min(b, text.length);
  if (e === 'utf-16le' || e === 'utf-16be') return (b) => Math.min(b >> 1, text.length);
  if ((e === 'utf-8' || e === 'utf8') && !text.includes('\ufffd')) {
    // Valid UTF-8: each character's bytes by its lead byte; a character outside the BMP is two units.
    const at = new Uint32Array(bytes.length + 1);
    let unit = 0;
    for (let i = 0; i < bytes.length; ) {
      const lead = bytes[i];
      const n = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
      for (let k = 0; k < n && i + k <= bytes.length; k++) at[i + k] = unit;
      i += n;
      unit += n === 4 ? 2 : 1;
    }
    at[bytes.length] = unit;
    return (b) => at[Math.min(b, bytes.length)];
  }
  return (b) => decode.decode(bytes.subarray(0, Math.min(b, bytes.length))).length;
}

/** The engine's rows [start, …) as the pane's. */
export function toFilterRows(rows: FilterRows, start: number, encoding: string): FilterRow[] {
  const decode = decoder(encoding);
  const out: FilterRow[] = [];
  let byteStart = 0;
  let spanStart = 0;
  for (let i = 0; i < rows.lines.length; i++) {
    const bytes = rows.bytes.subarray(byteStart, rows.byteEnds[i]);
    byteStart = rows.byteEnds[i];
    const text = decode.decode(bytes);
    const index = indexer(bytes, text, encoding, decode);
    const spans: [number, number][] = [];
    for (let s = spanStart; s < rows.spanEnds[i]; s++) {
      const from = index(rows.spans[2 * s]);
      const to = index(rows.spans[2 * s] + rows.spans[2 * s + 1]);
      if (to > from) spans.push([from, to]);
    }
    spanStart = rows.spanEnds[i];
    const flags = rows.flags[i];
    out.push({
      index: start + i,
      line: rows.lines[i] + 1,
      offset: rows.offsets[i],
      length: rows.lengths[i],
      text: printable(text),
      spans,
      match: (flags & FILTER_ROW_MATCH) !== 0,
      gapBefore: (flags & FILTER_ROW_GAP) !== 0,
      truncated: (flags & FILTER_ROW_TRUNCATED) !== 0,
    });
  }
  return out;
}
