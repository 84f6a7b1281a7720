// The URI of a slice says everything needed to find its bytes again: the big file (the slice's
// own folder and the file name in `f`), the range, a hash of the bytes it was opened on, the
// encoding and whether it is a JSON record. So a slice VS Code brings back after a reload (hot
// exit keeps a dirty one's text) finds its place in the big document once that is open again.
// Its name ends in the big file's extension, since VS Code picks the language (and so the
// highlighting) from it: `app (bytes 1,024–2,047).log`, `app (lines 10–20).log`,
// `events (line 12).json`. The query is short: VS Code quotes the whole URI in its save errors.
//   largefile-slice:/var/log/app (bytes 0–320).log?f=app.log&o=0&l=321&h=3997…&e=utf-8&k=bytes

export const SLICE_SCHEME = 'largefile-slice';

export type SliceKind = 'bytes' | 'json';

export interface SliceAddress {
  /** The big file's path (a file: URI's). */
  readonly file: string;
  readonly offset: number;
  readonly length: number;
  /** Hash of the bytes the slice was opened on (sliceStates.ts hashBytes: 32 hex digits). */
  readonly hash: string;
  /** The big document's text encoding (the text view's label). */
  readonly encoding: string;
  readonly kind: SliceKind;
}

/** "bytes 1,024–2,047": the range as the slice's name shows it. */
export function byteRangeLabel(offset: number, length: number): string {
  return `bytes ${offset.toLocaleString('en-US')}–${(offset + Math.max(1, length) - 1).toLocaleString('en-US')}`;
}

/** "lines 10–20" or "line 12" (1-based, inclusive). */
export function lineRangeLabel(first: number, last: number): string {
  return first === last ? `line ${first.toLocaleString('en-US')}` : `lines ${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')}`;
}

/** "120", "120-180", "120–180", "120:180" (digits may have , or _ separators); first ≤ last. */
export function parseLineRange(value: string): { first: number; last: number } | undefined {
  const m = /^\s*(\d[\d,_]*)\s*(?:[-–:]\s*(\d[\d,_]*))?\s*$/.exec(value);
  if (!m) return undefined;
  const first = Number(m[1].replace(/[,_]/g, ''));
  const last = m[2] === undefined ? first : Number(m[2].replace(/[,_]/g, ''));
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || first < 1 || last < first) return undefined;
  return { first, last };
}

/** The slice's path: the big file's folder, then `stem (label).ext` (`.json` for a JSON record). */
export function slicePath(bigFilePath: string, label: string, kind: SliceKind): string {
  const slash = bigFilePath.lastIndexOf('/');
  const folder = bigFilePath.slice(0, slash + 1);
  const name = bigFilePath.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return `${folder}${stem} (${label.replace(/[/\\]/g, '-')})${kind === 'json' ? '.json' : ext}`;
}

/** The query of a slice whose path is `slicePath(address.file, …)`. */
export function sliceQuery(a: SliceAddress): string {
  const name = a.file.slice(a.file.lastIndexOf('/') + 1);
  return new URLSearchParams({ f: name, o: String(a.offset), l: String(a.length), h: a.hash, e: a.encoding, k: a.kind }).toString();
}

/** The address in a slice URI (its path and query), or undefined if it is not one of ours. */
export function parseSliceAddress(path: string, query: string): SliceAddress | undefined {
  const p = new URLSearchParams(query);
  const name = p.get('f');
  const offset = Number(p.get('o'));
  const length = Number(p.get('l'));
  const hash = p.get('h');
  const encoding = p.get('e');
  const kind = p.get('k');
  if (!name || name.includes('/') || !hash || !/^[0-9a-f]{32}$/.test(hash) || !encoding || encoding.length > 64) return undefined;
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) return undefined;
  if (kind !== 'bytes' && kind !== 'json') return undefined;
  return { file: path.slice(0, path.lastIndexOf('/') + 1) + name, offset, length, hash, encoding, kind };
}
