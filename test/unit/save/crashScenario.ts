// The known file and edits of the crash harness, shared by the test and its child process so
// both know the old and the new content.
import type { EditJournal } from '../../../extension/edits/editJournal';

export type CrashMode = 'inplace' | 'rewrite';

export const CRASH_FILE_SIZE = 2 << 20;
/** Small rewrite chunks, so a random kill lands inside the temp file's writing often. */
export const CRASH_CHUNK = 64 * 1024;

export function oldContent(): Buffer {
  const b = Buffer.alloc(CRASH_FILE_SIZE);
  for (let i = 0; i < b.length; i++) b[i] = (i * 131 + (i >> 12)) & 0xff;
  return b;
}

/** In place: 40 separate overwrites (40 journal chunks, 40 write chunks); rewrite: inserts and deletes. */
export function applyEdits(journal: EditJournal, mode: CrashMode): void {
  if (mode === 'inplace') {
    for (let i = 0; i < 40; i++) journal.overwrite(i * 50_000 + 123, Buffer.alloc(5000 + i * 300, 0x30 + (i % 40)));
  } else {
    journal.insert(0, Buffer.from('a new first line\n'));
    for (let i = 0; i < 20; i++) journal.delete(i * 90_000 + 7, 1000);
    journal.insert(journal.size, Buffer.alloc(100_000, 0x7a));
  }
}
