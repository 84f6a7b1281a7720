// Shared by the native engine's unit tests: where the addon is, temp files, and naive oracles.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MappedFile, SearchQuery, openMappedFile, setAddonPath } from '../../../extension/engine';

/** The repository root (tests run from out/test/unit/native). */
export const repoRoot = path.resolve(__dirname, '../../../..');

// Tests run with plain `node --test`: use the built addon unless LFE_ADDON_PATH says otherwise.
if (!process.env.LFE_ADDON_PATH) setAddonPath(path.join(repoRoot, 'dist', 'lfe.node'));

export function tempDir(prefix = 'lfe-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeTemp(dir: string, name: string, data: Uint8Array | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

export { rng } from '../../support/random';

export type Match = [offset: number, length: number];

let tempFiles = 0;

/** Writes `data` to a new file in `dir` and maps it read-only. */
export function openTemp(dir: string, data: Uint8Array): MappedFile {
  return openMappedFile(writeTemp(dir, `f${tempFiles++}.bin`, data), 'read');
}

/** findAll with a random tiny window, segment size and thread count, so matches straddle them. */
export async function findAllScattered(f: MappedFile, query: SearchQuery, random: () => number): Promise<Match[]> {
  const window = [1, 2, 3, 7, 16, 61, 256, 4096][Math.floor(random() * 8)];
  const segment = [1, 5, 33, 100, 1000, 0][Math.floor(random() * 6)];
  const threads = 1 + Math.floor(random() * 3);
  const r = await f.findAll(query, { window, segment, threads }).done;
  return r.matches!.map((m) => [m.offset, m.length]);
}

export function isWordByte(b: number | undefined): boolean {
  if (b === undefined) return false;
  return (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95 || b >= 0x80;
}

/**
 * Naive fixed-length matcher: byte b matches position i iff (b & mask[i]) === value[i] & mask[i].
 * Non-overlapping, leftmost-first; a whole-word reject moves on by one byte.
 */
export function oracleBytes(data: Uint8Array, value: number[], mask: number[], wholeWord: boolean, from = 0): Match[] {
  const out: Match[] = [];
  const n = value.length;
  for (let p = from; p + n <= data.length; ) {
    let ok = true;
    for (let i = 0; i < n && ok; i++) ok = (data[p + i] & mask[i]) === (value[i] & mask[i]);
    if (ok && wholeWord) ok = !isWordByte(p > 0 ? data[p - 1] : undefined) && !isWordByte(data[p + n]);
    if (ok) {
      out.push([p, n]);
      p += n;
    } else p++;
  }
  return out;
}

export function literalMask(pattern: Uint8Array, ignoreCase: boolean): { value: number[]; mask: number[] } {
  const value = [...pattern];
  const mask = value.map((b) => (ignoreCase && ((b | 0x20) >= 97 && (b | 0x20) <= 122) ? 0xdf : 0xff));
  return { value, mask };
}

/**
 * JS RegExp over the bytes decoded as latin1 (one char per byte), like the engine's non-UTF mode.
 * `from`: where the scan starts (the bytes before it are context).
 */
export function oracleRegex(data: Uint8Array, source: string, ignoreCase: boolean, wholeWord: boolean, from = 0): Match[] {
  const text = Buffer.from(data).toString('latin1');
  const body = wholeWord ? `(?<![\\w\\x80-\\xff])(?:${source})(?![\\w\\x80-\\xff])` : source;
  const re = new RegExp(body, ignoreCase ? 'gmi' : 'gm');
  re.lastIndex = from;
  const out: Match[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push([m.index, m[0].length]);
    if (m[0].length === 0) re.lastIndex = m.index + 1;
  }
  return out;
}
