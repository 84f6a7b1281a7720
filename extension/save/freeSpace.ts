// Checks that a folder's file system has room for a file before a rewrite starts, so a full disk
// is refused up front with a clear message instead of failing half way.
import * as fs from 'node:fs';
import { logError } from '../log';
import { SaveError } from './saveError';

/** Bytes an unprivileged user may still write in `dir`'s file system, or undefined if unknown. */
export function freeBytes(dir: string): number | undefined {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch (e) {
    // Unknown free space does not stop a save: a full disk is then caught while writing.
    logError(`Asking how much space is free in ${dir}`, e);
    return undefined;
  }
}

/** Headroom kept for the file system's own metadata (block maps, journal). */
export const FREE_SPACE_MARGIN = 1 << 20;

/** Throws ENOSPC (nothing written yet) when `dir` has less than `needed` bytes plus a margin free. */
export function assertFreeSpace(dir: string, needed: number, what: string): void {
  const free = freeBytes(dir);
  if (free === undefined || free >= needed + FREE_SPACE_MARGIN) return;
  throw new SaveError('ENOSPC', `Cannot save ${what}: the disk is full (${formatBytes(needed)} needed, ${formatBytes(free)} free). Nothing was changed.`);
}

export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${n.toFixed(1)} ${units[u]}`;
}
