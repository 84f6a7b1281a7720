// The one closed list of error codes: every failure the native engine (native/src/engine_error.h),
// the save paths (save/saveError.ts) and the host report carries one of these, so code can react
// to a code without parsing messages and a user's bug report names a cause. A code that is not
// here is a bug of ours and becomes EINTERNAL (never EIO: that one means the disk said so), its
// message kept and logged. test/unit/native/errorCodes.test.ts checks that every code the native
// sources name is in the list.
import { logError } from './log';

/** Each code and what it means. */
export const ERROR_CODES = {
  // The file and the operating system
  ENOENT: 'the file, or a folder on its path, does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'the path is a folder, not a file',
  ENOTREG: 'not a regular file: a device, FIFO or socket',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links on the path',
  EEXIST: 'a file that should not exist yet does (a leftover temp file)',
  EACCES: 'no permission to read or write the file or its folder',
  EPERM: 'not permitted: by the system, or a write to a file mapped read-only',
  EROFS: 'the file system is mounted read-only',
  EBUSY: 'another process holds the file (a Windows sharing violation, a running program)',
  EMFILE: 'this process has too many files open',
  ENFILE: 'the system has too many files open',
  EAGAIN: 'the system is out of a resource for now (mappings, locked memory); try again',
  ENODEV: 'the file system cannot map files into memory',
  EOVERFLOW: 'the file is too large to map on this system',
  EFBIG: 'the file is too large for this (a virtual file above 512 MiB)',
  ENOSPC: 'not enough free space on the disk',
  EDQUOT: 'the disk quota is exhausted',
  ENOMEM: 'out of memory, or of address space for a mapping',
  EIO: 'the operating system reported an input/output error (or one it has no name for: see the message)',
  EFILECHANGED: 'the file was truncated, replaced, modified or deleted since it was opened',
  // The engine and its arguments
  ENOADDON: 'the native engine could not be loaded',
  ECLOSED: 'the file or document has been closed',
  EINVAL: 'an argument refused: bad ranges or offsets, a bad hex pattern, corrupt pieces, a save this way cannot do',
  EBADREGEX: 'the regular expression does not compile',
  EREGEXLIMIT: "a regular expression reached PCRE2's match limit (catastrophic backtracking)",
  EREGEX: 'PCRE2 failed while matching for another reason (out of memory)',
  EBADREPLACEMENT: 'a replacement template that cannot be expanded (a group the pattern lacks)',
  ECHANGED: 'the match to replace is no longer there (the document changed since it was found)',
  ENOREGEX: 'the engine was built without PCRE2, which this query needs',
  ENOTIMESTAMPS: 'no line of the file has a timestamp in a format the engine knows (or the one set)',
  EBADTIME: 'a time that cannot be read (what was typed, or a timestamp format or pattern set)',
  EBADFILTER: 'a filter expression that does not parse (its message says where)',
  // The host
  ENOSEARCH: 'search needs the native engine, which is not in use for this file',
  ECANCELED: 'the user cancelled (a save, a backup)',
  EINTERNAL: 'a bug: an unexpected exception or a broken invariant (the log has the details)',
} as const;

export type EngineErrorCode = keyof typeof ERROR_CODES;

export function isEngineErrorCode(code: unknown): code is EngineErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}

/** An error from the engine, the save paths or the host, with a stable `code`. */
export class EngineError extends Error {
  /** A filter's error about one of its terms (EBADREGEX): the term's index in the program. */
  term?: number;
  constructor(readonly code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
  }
}

/**
 * Any thrown value as an EngineError: an EngineError as it is; an error with a code in the list
 * (the addon's, Node's fs errors) with that code; anything else — an unknown code, an error
 * without one, a value that is not an error — as EINTERNAL with its message, logged (a bug).
 */
export function toEngineError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  const err = e as { code?: unknown; message?: unknown } | null | undefined;
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (isEngineErrorCode(err?.code)) {
    const out = new EngineError(err.code, message);
    const term = (e as { term?: unknown }).term;
    if (typeof term === 'number') out.term = term;
    return out;
  }
  logError(`An error without a known code (${typeof err?.code === 'string' ? err.code : 'no code'}) became EINTERNAL`, e);
  return new EngineError('EINTERNAL', message);
}

/** The `code` a thrown value carries (an EngineError's, Node's fs errors'), if it has one; nothing is logged. */
export function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether `e` says a file (or a folder on its path) does not exist: what probing a file that may be gone expects. */
export function isNotFound(e: unknown): boolean {
  const code = codeOf(e);
  return code === 'ENOENT' || code === 'ENOTDIR';
}
