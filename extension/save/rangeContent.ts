// A range of a document as content of its own, for Save Selection As: written by the same
// crash-safe Save As path as a whole document (rewriteSave.ts: temp file in the target's folder,
// chunks of 4 MiB read from the journal, fsync, rename), so a selection of any size streams and
// never sits in memory. The range is of a snapshot taken now: edits made while it is written stay
// out of it (the document as the user saw it when they chose Save Selection As).
import { readIntoByCopy } from '../reader';
import type { SavedContent } from './rewriteSave';
import { SaveError } from './saveError';

/** [start, start + length) of `content` as it is now, clipped to its end. */
export function contentRange(content: SavedContent, start: number, length: number): SavedContent {
  const frozen = content.snapshot?.() ?? content;
  if (!Number.isSafeInteger(start) || start < 0 || start > frozen.size) {
    throw new SaveError('EINVAL', `The range starts at ${start}, past the end of the content (${frozen.size} bytes).`);
  }
  const size = Math.max(0, Math.min(length, frozen.size - start));
  const read = (offset: number, n: number): Uint8Array => frozen.read(start + offset, Math.max(0, Math.min(n, size - offset)));
  return { size, read, readInto: (offset, target) => readIntoByCopy({ read }, offset, target) };
}
