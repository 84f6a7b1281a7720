// The URI of a slice says everything needed to find its bytes again: the big file, the range,
// the SHA-256 of the bytes it was opened on, the encoding and whether it is a JSON record. So a
// slice VS Code brings back after a reload (hot exit keeps a dirty one's text) finds its place
// in the big document once that is open again, with nothing else remembered. Its path is the big
// file's folder and a name that ends in the big file's extension (VS Code picks the language,
// and so the highlighting, from it): `app (bytes 1,024–2,047).log`, `app (lines 10–20).log`,
// `events (line 12).json`.

export const SLICE_SCHEME = 'largefile-slice';

export type SliceKind = 'bytes' | 'json';

export interface SliceAddress {
  /** The big file's URI, as a string. */
  readonly file: string;
  readonly offset: number;
  readonly length: number;
  /** SHA-256 (hex) of the bytes the slice was opened on. */
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

/** The slice's path: the big file's folder, then `stem (label).ext` (`.json` for a JSON record). */
export function slicePath(bigFilePath: string, label: string, kind: SliceKind): string {
  const slash = bigFilePath.lastIndexOf('/');
  const folder = bigFilePath.slice(0, slash + 1);
  const name = bigFilePath.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return `${folder}${stem} (${label.replace(/[/\\]/g, '-')})${kind === 'json' ? '.json' : ext}`;
}

export function sliceQuery(a: SliceAddress): string {
  return new URLSearchParams({
    file: a.file,
    offset: String(a.offset),
    length: String(a.length),
    sha256: a.hash,
    encoding: a.encoding,
    kind: a.kind,
  }).toString();
}

/** The address in a slice URI's query, or undefined if it is not one of ours. */
export function parseSliceQuery(query: string): SliceAddress | undefined {
  const p = new URLSearchParams(query);
  const offset = Number(p.get('offset'));
  const length = Number(p.get('length'));
  const file = p.get('file');
  const hash = p.get('sha256');
  const encoding = p.get('encoding');
  const kind = p.get('kind');
  if (!file || !hash || !/^[0-9a-f]{64}$/.test(hash) || !encoding || encoding.length > 64) return undefined;
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) return undefined;
  if (kind !== 'bytes' && kind !== 'json') return undefined;
  return { file, offset, length, hash, encoding, kind };
}
