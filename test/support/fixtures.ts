// Files with known bytes and the hex rows the editor must show for them (16 bytes per row, the
// default). The rows are written out by hand, not computed with the webview's formatter, so a
// formatting bug cannot agree with itself.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Text, then control bytes, DEL and high bytes; 40 bytes, so the last row is short. */
export const KNOWN_BYTES = Buffer.concat([
  Buffer.from('Hello, Large File Editor!\n', 'latin1'),
  Buffer.from([0x00, 0x01, 0x02, 0x09, 0x0a, 0x0d, 0x1b, 0x20, 0x7e, 0x7f, 0x80, 0xa9, 0xfe, 0xff]),
]);

export const KNOWN_ROWS: readonly string[] = [
  '00000000  48 65 6C 6C 6F 2C 20 4C 61 72 67 65 20 46 69 6C  Hello, Large Fil',
  '00000010  65 20 45 64 69 74 6F 72 21 0A 00 01 02 09 0A 0D  e Editor!\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7',
  '00000020  1B 20 7E 7F 80 A9 FE FF                          \u00b7 ~\u00b7\u00b7\u00b7\u00b7\u00b7',
];

export interface FixturePaths {
  readonly dir: string;
  /** KNOWN_BYTES. */
  readonly known: string;
  /** A file of zero bytes. */
  readonly empty: string;
  /** A folder, which the editor cannot show. */
  readonly folder: string;
  /**
   * A symbolic link to a file that does not exist: listed like a file, but cannot be opened.
   * Undefined where links cannot be made (Windows without the privilege).
   */
  readonly dangling: string | undefined;
  /** A path where nothing exists at all. */
  readonly missing: string;
}

/** Writes the fixture files into `dir` (created if needed). */
export function writeFixtures(dir: string): FixturePaths {
  mkdirSync(dir, { recursive: true });
  const paths: FixturePaths = {
    dir,
    known: path.join(dir, 'known.bin'),
    empty: path.join(dir, 'empty.bin'),
    folder: path.join(dir, 'folder.bin'),
    dangling: makeDanglingLink(path.join(dir, 'dangling.bin'), path.join(dir, 'no-such-target.bin')),
    missing: path.join(dir, 'missing.bin'),
  };
  writeFileSync(paths.known, KNOWN_BYTES);
  writeFileSync(paths.empty, Buffer.alloc(0));
  mkdirSync(paths.folder, { recursive: true });
  return paths;
}

function makeDanglingLink(at: string, target: string): string | undefined {
  try {
    symlinkSync(target, at);
    return at;
  } catch {
    return undefined;
  }
}

/** A naive oracle: non-overlapping occurrences of `needle` in `haystack`, leftmost first. */
export function countOccurrences(haystack: Buffer, needle: Buffer | string): number {
  const n = typeof needle === 'string' ? Buffer.from(needle) : needle;
  let count = 0;
  for (let i = haystack.indexOf(n); i >= 0; i = haystack.indexOf(n, i + n.length)) count++;
  return count;
}
