// Saving by writing the whole content to a new file: a length-changing save (temp file in the
// same folder, then an atomic rename over the original) and Save As. The original is never
// written: until the rename it is untouched, after it it is wholly replaced, so a kill at any
// instant leaves the old file or the new one (plus, at worst, a temp file recovery removes).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { logError } from '../log';
import type { ByteReader } from '../reader';
import type { OpenMode } from '../../shared/protocol';
import { fsyncDirectory, removeQuietly } from './durable';
import { assertUnchanged, FileFingerprint, fingerprintFile } from './fingerprint';
import { assertFreeSpace } from './freeSpace';
import { SaveError, toSaveError } from './saveError';
import type { SaveHooks } from './saveHooks';
import { rewriteTempPath } from './tempFiles';

/** What is written: an EditJournal fits. */
export interface SavedContent extends ByteReader {
  /** Content frozen now (EditJournal.snapshot): taken at the start, so edits during the save stay out of it. */
  snapshot?(): ByteReader;
}

export interface StreamSaveOptions {
  /** Cancels the save (ECANCELED); the target is left as it was and the temp file removed. */
  signal?: AbortSignal;
  /** Called after each chunk with the bytes written so far and the total. */
  onProgress?: (written: number, total: number) => void;
  /** Bytes per write (default 4 MiB). */
  chunkSize?: number;
  /** Refuse up front when the folder's file system lacks room (default true). */
  checkFreeSpace?: boolean;
  hooks?: SaveHooks;
}

export interface RewriteSaveOptions extends StreamSaveOptions {
  /** The file's fingerprint when the document was opened (or last saved): a different file is refused with EFILECHANGED. */
  expected?: FileFingerprint;
  /** The document's edit mode: a Copy document never writes its file (refused with EINVAL; Save As is its save). */
  documentMode?: OpenMode;
  /**
   * Called when the temp file is complete, right before it replaces the original. On Windows a
   * mapped file cannot be replaced: close the document's mapping here (and reopen it after the
   * save, or after a failure). If it throws, the save fails and the original is untouched.
   */
  beforeReplace?: () => void;
}

export interface SaveAsOptions extends StreamSaveOptions {
  /** Permissions of a new file (default 0o666 minus the umask); an existing target keeps its own. */
  mode?: number;
}

export interface StreamSaveResult {
  bytesWritten: number;
  /** The saved file's fingerprint: record it as the document's new `expected`. */
  fingerprint: FileFingerprint;
}

const DEFAULT_CHUNK = 4 << 20;

/**
 * Replaces `file` with `content` (any length) through a temp file and an atomic rename, keeping
 * the file's permissions (and owner, where allowed). Throws SaveError; the original is then intact.
 */
export async function saveRewrite(file: string, content: SavedContent, options: RewriteSaveOptions = {}): Promise<StreamSaveResult> {
  const what = `'${path.basename(file)}'`;
  if (options.documentMode === 'copy') throw new SaveError('EINVAL', `Cannot save ${what}: a copy-mode document never writes its file (use Save As).`);
  let st: fs.Stats;
  try {
    if (options.expected) assertUnchanged(file, options.expected, what);
    st = fs.statSync(file);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') throw new SaveError('EFILECHANGED', `Cannot save ${what}: it was deleted or moved since it was opened.`, e);
    throw toSaveError(e, what);
  }
  if (!st.isFile()) throw new SaveError('EINVAL', `Cannot save ${what}: it is not a regular file.`);
  const expected = options.expected;
  return writeReplacing(file, content, options, { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid }, () => {
    // The original must still be the file the document was opened from when it is replaced.
    if (expected) assertUnchanged(file, expected, what);
    options.beforeReplace?.();
  });
}

/** Writes `content` to `target` (new or existing, any folder) the same crash-safe way. */
export async function saveAs(content: SavedContent, target: string, options: SaveAsOptions = {}): Promise<StreamSaveResult> {
  let keep: Ownership | undefined;
  try {
    const st = fs.statSync(target);
    if (!st.isFile()) throw new SaveError('EINVAL', `Cannot save as '${path.basename(target)}': it is not a regular file.`);
    keep = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw toSaveError(e, `'${path.basename(target)}'`);
  }
  return writeReplacing(target, content, options, keep ?? (options.mode !== undefined ? { mode: options.mode } : undefined));
}

interface Ownership {
  mode: number;
  uid?: number;
  gid?: number;
}

async function writeReplacing(
  target: string,
  saved: SavedContent,
  options: StreamSaveOptions,
  ownership: Ownership | undefined,
  beforeRename?: () => void,
): Promise<StreamSaveResult> {
  const what = `'${path.basename(target)}'`;
  const dir = path.dirname(target);
  const content: ByteReader = saved.snapshot?.() ?? saved;
  const total = content.size;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const hooks = options.hooks;
  if (options.checkFreeSpace !== false) assertFreeSpace(dir, total, what);
  const temp = rewriteTempPath(target);
  let handle: fs.promises.FileHandle | undefined;
  try {
    throwIfAborted(options.signal, what);
    // Private until complete: the final mode is set at the end (a new file gets 0o666 minus the umask).
    handle = await fs.promises.open(temp, 'wx', ownership ? 0o600 : 0o666);
    let written = 0;
    while (written < total) {
      throwIfAborted(options.signal, what);
      const chunk = content.read(written, Math.min(chunkSize, total - written));
      // A reader shorter than its own size is a bug, not the disk's doing.
      if (chunk.length === 0) throw new SaveError('EINTERNAL', `Cannot save ${what}: the content ended at ${written} of ${total} bytes.`);
      for (let done = 0; done < chunk.length; ) {
        const { bytesWritten } = await handle.write(chunk, done, chunk.length - done, written + done);
        done += bytesWritten;
      }
      written += chunk.length;
      hooks?.step?.('temp-chunk', written);
      options.onProgress?.(written, total);
    }
    if (ownership) {
      await handle.chmod(ownership.mode);
      if (ownership.uid !== undefined && ownership.gid !== undefined && process.platform !== 'win32') {
        // Keeps the owner when we may (root, or the same user); otherwise the saver owns the file,
        // as any editor's save leaves it: EPERM here is expected, not a failure of the save.
        await handle.chown(ownership.uid, ownership.gid).catch(() => undefined);
      }
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    hooks?.step?.('temp-synced', written);
    throwIfAborted(options.signal, what);
    beforeRename?.();
    fs.renameSync(temp, target);
  } catch (e) {
    // The save already failed with `e`: a failure to close the temp file adds nothing (it is removed next).
    await handle?.close().catch(() => undefined);
    removeQuietly(temp);
    throw toSaveError(e, what);
  }
  // Renamed: the save has happened, whatever follows.
  hooks?.step?.('renamed', total);
  try {
    fsyncDirectory(dir);
  } catch (e) {
    // The rename is done; only its durability across a power cut is in doubt.
    logError(`Saving ${target}: flushing its folder after the rename`, e);
  }
  return { bytesWritten: total, fingerprint: fingerprintFile(target) };
}

function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new SaveError('ECANCELED', `Saving ${what} was cancelled; the file was not changed.`);
}
