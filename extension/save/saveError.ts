// Errors of the save paths, with stable codes the UI turns into messages. Every SaveError means
// the original file is intact (or, for an in-place save, restored from its rollback journal).
import { EngineError } from '../engine';

export type SaveErrorCode =
  /** No permission to write the file or its folder. */
  | 'EACCES'
  | 'EPERM'
  /** The file system is mounted read-only. */
  | 'EROFS'
  /** Not enough free space (checked before anything is written, or hit while writing). */
  | 'ENOSPC'
  | 'EDQUOT'
  /** The file was modified, replaced or deleted since it was opened. */
  | 'EFILECHANGED'
  /** A folder on the way to the target does not exist (Save As). */
  | 'ENOENT'
  /** The user cancelled (AbortSignal). */
  | 'ECANCELED'
  /** Another process holds the file (Windows sharing violation, a busy text file). */
  | 'EBUSY'
  /** An edit journal that cannot be saved this way (for example in place with a changed length). */
  | 'EINVAL'
  | 'EIO';

export class SaveError extends EngineError {
  constructor(
    override readonly code: SaveErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(code, message);
    this.name = 'SaveError';
  }
}

const REASONS: Record<string, SaveErrorCode> = {
  EACCES: 'EACCES',
  EPERM: 'EPERM',
  EROFS: 'EROFS',
  ENOSPC: 'ENOSPC',
  EDQUOT: 'EDQUOT',
  EBUSY: 'EBUSY',
  ETXTBSY: 'EBUSY',
  ECANCELED: 'ECANCELED',
  ABORT_ERR: 'ECANCELED',
  EFILECHANGED: 'EFILECHANGED',
  ENOENT: 'ENOENT',
};

const EXPLANATIONS: Partial<Record<SaveErrorCode, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  EBUSY: 'the file is in use by another process',
  ECANCELED: 'cancelled',
  EFILECHANGED: 'the file changed on disk',
  ENOENT: 'no such file or folder',
};

/** Wraps any error thrown while saving `what` into a SaveError with a message naming the cause. */
export function toSaveError(e: unknown, what: string): SaveError {
  if (e instanceof SaveError) return e;
  const err = e as { code?: unknown; message?: unknown; name?: unknown };
  const raw = typeof err?.code === 'string' ? err.code : err?.name === 'AbortError' ? 'ABORT_ERR' : 'EIO';
  const code = REASONS[raw] ?? 'EIO';
  const detail = typeof err?.message === 'string' ? err.message : String(e);
  const why = EXPLANATIONS[code];
  return new SaveError(code, `Cannot save ${what}: ${why ? `${why} (${detail})` : detail}`, e);
}
