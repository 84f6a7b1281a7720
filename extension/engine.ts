// The only door to the native addon. Everything else in the extension goes through this module,
// so the binding's untyped surface is checked and typed in one place.
import * as path from 'node:path';
import type { OpenMode } from '../shared/protocol';

export type EngineErrorCode =
  | 'ENOENT'
  | 'EACCES'
  | 'EPERM'
  | 'EISDIR'
  | 'ENOTREG'
  | 'EFILECHANGED'
  | 'ECLOSED'
  | 'EINVAL'
  | 'ENOMEM'
  | 'EIO'
  | 'ENOADDON'
  | string;

/** An error from the engine, with a stable `code`. */
export class EngineError extends Error {
  constructor(readonly code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
  }
}

/** A memory-mapped file. Reads return copies in V8 memory. */
export interface MappedFile {
  readonly size: number;
  readonly mode: OpenMode;
  read(offset: number, length: number): Buffer;
  close(): void;
}

interface NativeMappedFile {
  readonly size: number;
  readonly mode: OpenMode;
  read(offset: number, length: number): Buffer;
  close(): void;
}

interface NativeBinding {
  readonly abiVersion: number;
  readonly MappedFile: new (path: string, mode: OpenMode) => NativeMappedFile;
}

let binding: NativeBinding | undefined;
let loadError: EngineError | undefined;

/** Where the compiled addon sits: next to the bundled extension, or overridden for tests. */
function addonPath(): string {
  return process.env.LFE_ADDON_PATH ?? path.join(__dirname, 'lfe.node');
}

/** Loads the addon once. Never throws: a failure is remembered and reported by `engineStatus`. */
export function loadEngine(): NativeBinding | undefined {
  if (binding || loadError) return binding;
  try {
    // A computed require keeps the bundler from trying to inline the binary.
    const req: NodeJS.Require = module.require.bind(module) as NodeJS.Require;
    binding = req(addonPath()) as NativeBinding;
  } catch (e) {
    loadError = new EngineError('ENOADDON', `The native engine could not be loaded: ${(e as Error).message}`);
  }
  return binding;
}

export function engineStatus(): { loaded: true } | { loaded: false; error: EngineError } {
  loadEngine();
  return binding ? { loaded: true } : { loaded: false, error: loadError! };
}

/** Wraps an error thrown by the binding into an EngineError. */
export function toEngineError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err?.code === 'string' ? err.code : 'EIO';
  const message = typeof err?.message === 'string' ? err.message : String(e);
  return new EngineError(code, message);
}

export function openMappedFile(filePath: string, mode: OpenMode): MappedFile {
  const b = loadEngine();
  if (!b) throw loadError!;
  let native: NativeMappedFile;
  try {
    native = new b.MappedFile(filePath, mode);
  } catch (e) {
    throw toEngineError(e);
  }
  return {
    get size() {
      return call(() => native.size);
    },
    get mode() {
      return call(() => native.mode);
    },
    read: (offset, length) => call(() => native.read(offset, length)),
    close: () => native.close(),
  };
}

function call<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw toEngineError(e);
  }
}
