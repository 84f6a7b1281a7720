// Errors of the save paths, with the stable codes of the one list (engineError.ts) that the UI
// turns into messages. Every SaveError means the original file is intact (or, for an in-place
// save, restored from its rollback journal). The codes saves give: EACCES, EPERM, EROFS, ENOSPC,
// EDQUOT, EFILECHANGED, ENOENT (Save As into a missing folder), ECANCELED, EBUSY, EINVAL (a save
// this way cannot do, for example in place with a changed length, or a Copy document over its
// file), EIO — and any other code of the list the cause had; EINTERNAL for a cause without one.
import { EngineError, type EngineErrorCode, isEngineErrorCode, toEngineError } from '../engineError';

export class SaveError extends EngineError {
  constructor(
    override readonly code: EngineErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(code, message);
    this.name = 'SaveError';
  }
}

/** Other names the same causes come under: Linux's busy executable, the DOM's abort. */
const ALIASES: Readonly<Record<string, EngineErrorCode>> = {
  ETXTBSY: 'EBUSY',
  ABORT_ERR: 'ECANCELED',
};

const EXPLANATIONS: Partial<Record<EngineErrorCode, string>> = {
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
  const err = e as { code?: unknown; message?: unknown; name?: unknown } | null | undefined;
  const raw = typeof err?.code === 'string' ? err.code : err?.name === 'AbortError' ? 'ABORT_ERR' : undefined;
  // An unknown cause is a bug: toEngineError logs it and names it EINTERNAL.
  const code = (raw !== undefined ? ALIASES[raw] : undefined) ?? (isEngineErrorCode(raw) ? raw : toEngineError(e).code);
  const detail = typeof err?.message === 'string' ? err.message : String(e);
  const why = EXPLANATIONS[code];
  return new SaveError(code, `Cannot save ${what}: ${why ? `${why} (${detail})` : detail}`, e);
}
