// Line breaks of a run of bytes, summarised so that runs can be joined without looking at them
// again: a piece of the document, a block of pieces, a prefix of blocks. Lines end at `\n`,
// `\r\n` (one break, at its `\n`) and a lone `\r`, as in the native line index.
//
// A run's summary is its `count` of breaks judged by its own bytes — a `\r` in its last byte is
// left out, since only what follows decides whether it is lone — and two flags: it starts with
// `\n`, it ends with `\r`. Joining A then B adds one break when A ends with `\r` and B does not
// start with `\n`; the document's total adds one more when its last byte is `\r`.

export const STARTS_LF = 1;
export const ENDS_CR = 2;
/** Flags of an empty run (the identity of `join`). */
export const EMPTY = 4;

const LF = 0x0a;
const CR = 0x0d;

/** The breaks a `\r` ending a run (flags `a`) makes before a run starting with flags `b`. */
export function seamBreak(a: number, b: number): number {
  return (a & ENDS_CR) !== 0 && (b & (STARTS_LF | EMPTY)) === 0 ? 1 : 0;
}

/** Flags of run A joined to run B. */
export function joinFlags(a: number, b: number): number {
  if (a & EMPTY) return b;
  if (b & EMPTY) return a;
  return (a & STARTS_LF) | (b & ENDS_CR);
}

/** Flags of bytes[from, to) (a non-empty range). */
export function runFlags(bytes: Uint8Array, from: number, to: number): number {
  return (bytes[from] === LF ? STARTS_LF : 0) | (bytes[to - 1] === CR ? ENDS_CR : 0);
}

/** Breaks in bytes[from, to) judged by its own bytes (see the header). */
export function countRun(bytes: Uint8Array, from: number, to: number): number {
  if (to - from > 4096) return countLong(bytes, from, to);
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b === LF) n++;
    else if (b === CR && i + 1 < to && bytes[i + 1] !== LF) n++;
  }
  return n;
}

/** Long runs (a 100 MB paste): indexOf, which skips between line ends at memchr speed. */
function countLong(bytes: Uint8Array, from: number, to: number): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from);
  let n = 0;
  for (let i = view.indexOf(LF); i >= 0; i = view.indexOf(LF, i + 1)) n++;
  for (let i = view.indexOf(CR); i >= 0; i = view.indexOf(CR, i + 1)) if (i + 1 < view.length && view[i + 1] !== LF) n++;
  return n;
}

/** Index in `bytes` of the k-th (1-based) break counted by `countRun(bytes, from, to)`, or -1. */
export function findBreakInRun(bytes: Uint8Array, from: number, to: number, k: number): number {
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b === LF || (b === CR && i + 1 < to && bytes[i + 1] !== LF)) {
      if (--k === 0) return i;
    }
  }
  return -1;
}
