// Whether a file that changed on disk only grew at its end, as a log does. Then every line
// number below the old end still holds, and the webviews keep the gutter's numbers instead of
// asking for all of them again: a log appended to every 60 ms under load never let those answers
// arrive (each append made them stale), and the gutter showed byte offsets for as long as it grew.
// Told as `tail -F` tells it, plus the bytes: the same file (device and inode, as the document's
// fingerprint has them), not shorter, and the last 4 KiB before the old end unchanged. The sample is copied when the file is mapped, since
// a shared mapping shows the new bytes afterwards.
import type { ByteReader } from './reader';
import type { FileFingerprint } from './save';

const SAMPLE_BYTES = 4096;

export interface TailSample {
  /** The size when sampled: the old end. */
  readonly end: number;
  /** The bytes just before `end`. */
  readonly bytes: Uint8Array;
  /** The file's device and inode when sampled, where known. */
  readonly identity: string | undefined;
}

/** The last bytes of `reader` as it is now. */
export function sampleTail(reader: ByteReader, identity: string | undefined): TailSample {
  const length = Math.min(SAMPLE_BYTES, reader.size);
  return { end: reader.size, bytes: reader.read(reader.size - length, length), identity };
}

/** Whether `reader` holds what was sampled at the same place: the file only grew (or did not change). */
export function onlyGrew(sample: TailSample | undefined, reader: ByteReader, identity: string | undefined): boolean {
  if (!sample || reader.size < sample.end) return false;
  if (sample.identity === undefined || sample.identity !== identity) return false;
  const now = reader.read(sample.end - sample.bytes.length, sample.bytes.length);
  return now.length === sample.bytes.length && now.every((b, i) => b === sample.bytes[i]);
}

/** The file's device and inode, from the fingerprint the document keeps of it (save/fingerprint.ts). */
export function fileIdentity(fingerprint: FileFingerprint | undefined): string | undefined {
  return fingerprint ? `${fingerprint.dev}:${fingerprint.ino}` : undefined;
}
