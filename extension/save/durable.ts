// Small helpers for durable file-system steps: full reads and writes at a position, fsync of a
// folder (so a rename or unlink survives a power cut), and best-effort removal.
import * as fs from 'node:fs';
import { logError } from '../log';

/** Reads exactly target.length bytes at `position`; throws EFILECHANGED if the file is shorter. */
export function preadFully(fd: number, target: Uint8Array, position: number): void {
  let done = 0;
  while (done < target.length) {
    const n = fs.readSync(fd, target, done, target.length - done, position + done);
    if (n === 0) throw Object.assign(new Error(`the file ended at ${position + done}, expected ${position + target.length}`), { code: 'EFILECHANGED' });
    done += n;
  }
}

/** Writes all of `bytes` at `position` (or at the current position when null). */
export function pwriteFully(fd: number, bytes: Uint8Array, position: number | null): void {
  let done = 0;
  while (done < bytes.length) {
    done += fs.writeSync(fd, bytes, done, bytes.length - done, position === null ? null : position + done);
  }
}

/**
 * Makes a folder's entries (a created, renamed or removed file) durable. Windows cannot open a
 * folder for fsync and has no need to (NTFS journals metadata), so it is skipped there.
 */
export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Removes a file, never throwing (used while already handling an error, or tidying up after a save). */
export function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (e) {
    // Already gone is what was wanted; anything else leaves a file behind, which the log says.
    if ((e as { code?: unknown }).code !== 'ENOENT') logError(`Removing ${file}`, e);
  }
}

/**
 * A reader of many small ranges in increasing order (for example millions of replaced matches)
 * that reads the file in 1 MiB windows instead of one system call per range.
 */
export function windowedReader(fd: number): (offset: number, target: Uint8Array) => void {
  const size = fs.fstatSync(fd).size;
  const window = new Uint8Array(1 << 20);
  let start = 0;
  let length = 0;
  return (offset, target) => {
    if (target.length > window.length) return preadFully(fd, target, offset);
    if (offset < start || offset + target.length > start + length) {
      start = offset;
      length = Math.min(window.length, size - offset);
      preadFully(fd, window.subarray(0, length), offset);
    }
    target.set(window.subarray(offset - start, offset - start + target.length));
  };
}
