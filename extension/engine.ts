// The only door to the native addon. Everything else in the extension goes through this module,
// so the binding's untyped surface is checked and typed in one place.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { EngineError, toEngineError } from './engineError';
import { logError } from './log';
import type { ByteReader } from './reader';

// The error codes, the error and the conversion of anything thrown live in engineError.ts (one
// closed list for the engine, the save paths and the host); re-exported for the engine's users.
export { EngineError, ERROR_CODES, isEngineErrorCode, toEngineError } from './engineError';
export type { EngineErrorCode } from './engineError';

/**
 * How a file is mapped: 'read' (what every document maps, whatever the user's mode) or 'write'
 * (what an in-place save maps, to write the changed bytes). Not the user's edit mode (OpenMode in
 * shared/protocol.ts): Copy mode is the host's rule, and a Copy document maps its file 'read'.
 */
export type MappingAccess = 'read' | 'write';

/** What to look for. Literal and regex patterns given as strings are searched as UTF-8 bytes. */
export interface SearchQuery {
  /** literal bytes (default), a hex pattern such as `4F 6B ?? 0A`, or a regular expression (PCRE2). */
  kind?: 'literal' | 'hex' | 'regex';
  pattern: string | Uint8Array;
  /** Unicode simple case folding in the text's `encoding` (ASCII only without one). */
  ignoreCase?: boolean;
  /**
   * Matches must not touch word characters: Unicode letters, marks, digits and `_` of the text's
   * `encoding` (without one: ASCII letters, digits, `_` and every byte >= 0x80).
   */
  wholeWord?: boolean;
  /** UTF-8 text (the same as `encoding: 'utf-8'`): regexes run with UTF and Unicode properties. */
  utf8?: boolean;
  /** How the text's bytes are characters, for whole word and case folding; default: bytes. */
  encoding?: TextEncodingName;
}

/** The encodings whose characters the engine knows (README: "Whole word and case per encoding"). */
export type TextEncodingName = 'utf-8' | 'latin1' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface SearchMatch {
  offset: number;
  length: number;
  /** findNext with `FindOneOptions.replacement`: the match's replacement, expanded by PCRE2. */
  replacement?: Uint8Array;
}

export interface SearchRangeOptions {
  /** The searched text is [start, end) of the file (default: all of it). */
  start?: number;
  end?: number;
  /** Tuning, mostly for tests: worker threads, scan window and segment sizes in bytes. */
  threads?: number;
  window?: number;
  segment?: number;
  onProgress?: (scanned: number, total: number) => void;
  /**
   * Which regex engine runs regex queries: PCRE2 inside the addon when it was built with it
   * (the default), else JS RegExp in a worker thread. 'js' forces the fallback (for tests).
   */
  regexEngine?: 'native' | 'js';
}

export interface FindAllOptions extends SearchRangeOptions {
  /** Stop after this many matches (`truncated` tells whether more exist). */
  maxResults?: number;
  /** Receive matches in batches, in file order, instead of in `result.matches`. */
  onMatches?: (offsets: Float64Array, lengths: Float64Array) => void;
  /** false: only count (no offsets cross into JavaScript). */
  collect?: boolean;
  /**
   * Only checkpoints, not every match, cross into JavaScript: a match is one when it comes
   * `every` matches after the last checkpoint or lies `gap` bytes or more past it (the first
   * match always is). `onCheckpoints` gets them with their indexes among all matches and the
   * count so far. A search that cannot choose them (the JavaScript regex fallback) calls
   * `onMatches` with every match instead.
   */
  checkpoints?: {
    every: number;
    gap: number;
    onCheckpoints: (indexes: Float64Array, offsets: Float64Array, lengths: Float64Array, count: number) => void;
  };
  /**
   * Regex queries: every match's replacement too, `template` (PCRE2's substitution syntax:
   * `$1`, `${12}`, `$name`, `${name}`, `$0`, `$$`) expanded by PCRE2 at the match.
   * `onMatches` gets them packed, match i's ending at `ends[i]` in `replacements`. One thread
   * scans in order. Needs the engine built with PCRE2 (ENOREGEX otherwise).
   */
  replace?: {
    template: Uint8Array;
    onMatches: (offsets: Float64Array, lengths: Float64Array, replacements: Uint8Array, ends: Float64Array) => void;
  };
  /**
   * Matches per bucket of `buckets` equal parts of the searched range, counted by the engine in
   * the same pass (an overview ruler): `onDensity` gets the counts so far with progress and once
   * before the search is done. Needs collecting (not `collect: false`); the JavaScript regex
   * fallback sends none.
   */
  density?: { buckets: number; onDensity: (counts: Uint32Array) => void };
}

export interface FindAllResult {
  count: number;
  truncated: boolean;
  cancelled: boolean;
  /** Present when collecting without `onMatches`. */
  matches?: SearchMatch[];
}

export interface FindOneOptions extends SearchRangeOptions {
  /** findNext: first match starting at or after `from`; findPrevious: last one starting before it. */
  from: number;
  wrap?: boolean;
  /** findNext of a regex: the match comes with its `replacement`, this template expanded (see FindAllOptions.replace). */
  replacement?: Uint8Array;
}

/** A running search: `done` settles with the result (or rejects with an EngineError). */
export interface SearchTask<T> {
  readonly done: Promise<T>;
  cancel(): void;
}

export interface LineIndexResult {
  /** Lines = breaks + 1 (`\n`, `\r\n` and lone `\r` each end a line). */
  lines: number;
  breaks: number;
  /** `\n` bytes alone, the way `wc -l` counts. */
  newlines: number;
  cancelled: boolean;
}

/** The index's bytes per block: one count per block is all it keeps (and all a stored index holds). */
export const LINE_INDEX_BLOCK = 64 * 1024;

/** Each block's line breaks, the lone `\r` among them, and whether it holds any `\r`: what a stored index holds. */
export interface LineBlockCounts {
  breaks: Uint32Array;
  loneCr: Uint32Array;
  /** 1 for a block holding a `\r` (a seed without it: every block is taken to). */
  hasCr?: Uint8Array;
}

/** A line index being built; queries answer `undefined` for the part not indexed yet. */
export interface LineIndex {
  readonly done: Promise<LineIndexResult>;
  /** 0-based line of the byte at `offset`. */
  lineOfOffset(offset: number): number | undefined;
  /** Offset where 0-based `line` starts (undefined past the last line). */
  offsetOfLine(line: number): number | undefined;
  status(): { indexed: number; size: number; lines: number; complete: boolean };
  /**
   * Line breaks inside many ranges of the file at once (lengths >= 1), judged by the bytes inside
   * each: a `\r` in a range's last byte is left out (what follows it decides), a `\n` counts.
   * flags[i] going in: 1 asks whether the range starts with `\n` (needed only after a `\r`);
   * coming out: 1 it does (if asked), 2 it ends with `\r`. With `counts`, each range's count
   * lands there. Returns the sum; undefined if a range reaches past the indexed part.
   */
  countBreaks(starts: Float64Array, lengths: Float64Array, flags: Uint8Array, counts?: Float64Array): number | undefined;
  /** Every block's counts, once complete (to store the index); undefined before. */
  blockCounts(): LineBlockCounts | undefined;
  cancel(): void;
}

export interface IndexLinesOptions {
  threads?: number;
  onProgress?: (indexed: number, lines: number) => void;
  /** The first blocks' counts from a stored index: only the blocks after them are scanned. */
  seed?: LineBlockCounts;
}

/** What can be searched: the mapped file, or an edited document over it (`openDocument`). */
export interface EngineSearchable {
  readonly size: number;
  /** findAll honours `start`: a search from a match's offset finds what the whole search found from there. */
  readonly rangedFindAll: true;
  findAll(query: SearchQuery, options?: FindAllOptions): SearchTask<FindAllResult>;
  findNext(query: SearchQuery, options: FindOneOptions): SearchTask<SearchMatch | null>;
  findPrevious(query: SearchQuery, options: FindOneOptions): SearchTask<SearchMatch | null>;
}

/**
 * An edited document as the engine sees it: the edit journal's piece table blocks (pieces packed
 * as in edits/pieceCodec.ts) over the base file, and its add buffer's chunks. The engine reads
 * these arrays in place (no copy) and keeps them alive while it may read them: blocks must never
 * change once handed over, and chunks may only grow past `chunkUsed`.
 */
export interface DocumentPieces {
  /** The packed pieces of each block. */
  readonly blocks: readonly Uint8Array[];
  /** Document bytes each block covers. */
  readonly blockBytes: Float64Array;
  /** The add buffer's chunks, in order of their add-buffer offsets. */
  readonly chunks: readonly Uint8Array[];
  /** Add-buffer offset of each chunk's first byte. */
  readonly chunkStarts: Float64Array;
  /** Bytes written in each chunk. */
  readonly chunkUsed: Float64Array;
}

/**
 * A snapshot of an edited document in the engine: searched with the file's own scan loop,
 * matchers and regex dialect (PCRE2), its windows assembled from the pieces under the fault
 * guard. Edits made after it was opened do not change it.
 */
export interface EngineDocument extends EngineSearchable, EngineFilterable {
  /** A copy of [offset, offset + length), clipped to the end (as the engine assembles it). */
  read(offset: number, length: number): Buffer;
}

/** A memory-mapped file. Reads return copies in V8 memory. */
export interface MappedFile extends EngineSearchable, EngineFilterable, ByteReader {
  readonly size: number;
  readonly access: MappingAccess;
  readonly path: string;
  readonly closed: boolean;
  read(offset: number, length: number): Buffer;
  /** Writes through the shared mapping: 'write' access only (EPERM otherwise); call at save time, then flush. */
  write(offset: number, bytes: Uint8Array): number;
  /** msync + fsync (F_FULLFSYNC on macOS, FlushViewOfFile + FlushFileBuffers on Windows). */
  flush(): void;
  /**
   * Copies many sorted ranges into `target`, packed back to back (its length must be their sum).
   * One call for millions of small ranges, where `readInto` would be one call each.
   */
  readRanges(offsets: Float64Array, lengths: Float64Array, target: Uint8Array): number;
  /** `write` of many sorted ranges, their bytes packed in `bytes`; starts the disk writeback as it goes. */
  writeRanges(offsets: Float64Array, lengths: Float64Array, bytes: Uint8Array): number;
  indexLines(options?: IndexLinesOptions): LineIndex;
  /** Idempotent; running searches and indexes stop. Later calls throw ECLOSED. */
  close(): void;
}

interface MatchesEvent {
  offsets: Float64Array;
  lengths: Float64Array;
  indexes?: Float64Array;
  count?: number;
  replacements?: Uint8Array;
  replacementEnds?: Float64Array;
}

interface DoneEvent {
  count: number;
  truncated: boolean;
  cancelled: boolean;
  match: SearchMatch | null;
  replacement?: Uint8Array;
}

type SearchEvent =
  | ['matches', MatchesEvent]
  | ['progress', { scanned: number; total: number }]
  | ['density', { counts: Uint32Array }]
  | ['done', DoneEvent]
  | ['error', Error];

type IndexEvent =
  | ['progress', { indexed: number; lines: number }]
  | ['done', LineIndexResult]
  | ['error', Error];

interface NativeSearchHandle {
  cancel(): void;
}

interface NativeLineIndex {
  lineOfOffset(offset: number): number | undefined;
  offsetOfLine(line: number): number | undefined;
  status(): { indexed: number; size: number; lines: number; complete: boolean };
  countBreaks(starts: Float64Array, lengths: Float64Array, flags: Uint8Array, counts?: Float64Array): number | undefined;
  blockCounts(): LineBlockCounts | undefined;
  cancel(): void;
}

/** What the addon's MappedFile and Document have in common: a size and a search. */
interface NativeSearchable {
  readonly size: number;
  search(query: SearchQuery, options: Record<string, unknown>, onEvent: (...e: SearchEvent) => void): NativeSearchHandle;
  filter(program: FilterProgram, options: Record<string, unknown>, onEvent: (...e: FilterEvent) => void): NativeFilterHandle;
}

interface NativeDocument extends NativeSearchable {
  read(offset: number, length: number): Buffer;
}

interface NativeMappedFile extends NativeSearchable {
  readonly size: number;
  readonly access: MappingAccess;
  readonly path: string;
  readonly closed: boolean;
  read(offset: number, length: number): Buffer;
  readInto(offset: number, target: Uint8Array): number;
  write(offset: number, bytes: Uint8Array): number;
  flush(): void;
  readRanges(offsets: Float64Array, lengths: Float64Array, target: Uint8Array): number;
  writeRanges(offsets: Float64Array, lengths: Float64Array, bytes: Uint8Array): number;
  close(): void;
  search(query: SearchQuery, options: Record<string, unknown>, onEvent: (...e: SearchEvent) => void): NativeSearchHandle;
  indexLines(options: Record<string, unknown>, onEvent: (...e: IndexEvent) => void): NativeLineIndex;
}

interface NativeBinding {
  readonly abiVersion: number;
  readonly nativeRegex: boolean;
  readonly MappedFile: new (path: string, access: MappingAccess) => NativeMappedFile;
  readonly Document: new (
    file: NativeMappedFile,
    blocks: readonly Uint8Array[],
    blockBytes: Float64Array,
    chunks: readonly Uint8Array[],
    chunkStarts: Float64Array,
    chunkUsed: Float64Array,
  ) => NativeDocument;
  decodePieces(block: Uint8Array): Float64Array;
  readonly time: NativeTime;
}

/** The addon's object behind each MappedFile this module made (documents are built over it). */
const nativeFiles = new WeakMap<MappedFile, NativeMappedFile>();
/** The addon's Document behind each EngineDocument (made on first use), for time in logs. */
const nativeDocuments = new WeakMap<EngineDocument, () => NativeDocument>();

let binding: NativeBinding | undefined;
let loadError: EngineError | undefined;
let addonOverride: string | undefined;

/** Where the compiled addon sits: next to the bundled extension, or overridden for tests and tools. */
function addonPath(): string {
  return addonOverride ?? process.env.LFE_ADDON_PATH ?? path.join(__dirname, 'lfe.node');
}

/** For tools and tests that are not bundled next to the addon. Call before the first load. */
export function setAddonPath(file: string): void {
  addonOverride = file;
}

/** Loads the addon once. Never throws: a failure is remembered and reported by `engineStatus`. */
export function loadEngine(): NativeBinding | undefined {
  if (binding || loadError) return binding;
  try {
    // A computed require keeps the bundler from trying to inline the binary.
    const req: NodeJS.Require = module.require.bind(module) as NodeJS.Require;
    binding = req(addonPath()) as NativeBinding;
  } catch (e) {
    logError(`Loading the native engine from ${addonPath()}`, e);
    loadError = new EngineError('ENOADDON', `The native engine could not be loaded: ${(e as Error).message}`);
  }
  return binding;
}

export function engineStatus(): { loaded: true; nativeRegex: boolean } | { loaded: false; error: EngineError } {
  loadEngine();
  return binding ? { loaded: true, nativeRegex: binding.nativeRegex } : { loaded: false, error: loadError! };
}

/** Maps `filePath` with `access` ('read' for every document; 'write' only for an in-place save). */
export function openMappedFile(filePath: string, access: MappingAccess): MappedFile {
  const b = loadEngine();
  if (!b) throw loadError!;
  return wrap(call(() => new b.MappedFile(filePath, access)));
}

/**
 * A snapshot of an edited document over `file` (one of this module's MappedFiles) for the
 * engine's search. Cheap: O(blocks + chunks), nothing copied. The engine's object is made at the
 * first read or search, which throw EngineError as usual (ECLOSED when the file was closed;
 * EINVAL for pieces that do not fit together); the pieces are the snapshot's from here on.
 */
export function openDocument(file: MappedFile, pieces: DocumentPieces): EngineDocument {
  const nativeFile = nativeFiles.get(file);
  if (!nativeFile || !binding) throw new EngineError('EINVAL', 'openDocument needs a MappedFile opened by the engine');
  const b = binding;
  let size = 0;
  for (const n of pieces.blockBytes) size += n;
  // Once the engine's object holds the arrays, this side lets go of them (the engine keeps them
  // alive for as long as it may read them).
  let pending: DocumentPieces | undefined = pieces;
  let made: NativeDocument | undefined;
  const native = (): NativeDocument => {
    if (!made) {
      const p = pending!;
      made = call(() => new b.Document(nativeFile, p.blocks, p.blockBytes, p.chunks, p.chunkStarts, p.chunkUsed));
      pending = undefined;
    }
    return made;
  };
  const noRegex = (query: SearchQuery): void => {
    if (query.kind === 'regex' && !b.nativeRegex) {
      throw new EngineError('ENOREGEX', 'Regular expressions over unsaved edits need the engine built with PCRE2: save the edits first');
    }
  };
  const search = searchMethods(
    { size, search: (query, options, onEvent) => native().search(query, options, onEvent), filter: (program, options, onEvent) => native().filter(program, options, onEvent) },
    undefined,
  );
  const document: EngineDocument = {
    size,
    read: (offset, length) => call(() => native().read(offset, length)),
    rangedFindAll: true,
    findAll(query, options) {
      noRegex(query);
      return search.findAll(query, options);
    },
    findNext(query, options) {
      noRegex(query);
      return search.findNext(query, options);
    },
    findPrevious(query, options) {
      noRegex(query);
      return search.findPrevious(query, options);
    },
    filter(program, options) {
      for (const term of program.terms) noRegex(term);
      return startFilter((...args) => native().filter(...args), program, options);
    },
  };
  nativeDocuments.set(document, native);
  return document;
}

/** The engine's own reading of one block of packed pieces: [start, length] pairs (for the codec's differential test). */
export function decodePackedPieces(block: Uint8Array): Float64Array {
  const b = loadEngine();
  if (!b) throw loadError!;
  return call(() => b.decodePieces(block));
}

function wrap(native: NativeMappedFile): MappedFile {
  const search = searchMethods(native, native);
  const file: MappedFile = {
    get size() {
      return call(() => native.size);
    },
    get access() {
      return call(() => native.access);
    },
    get path() {
      return call(() => native.path);
    },
    get closed() {
      return native.closed;
    },
    read: (offset, length) => call(() => native.read(offset, length)),
    readInto: (offset, target) => call(() => native.readInto(offset, target)),
    write: (offset, bytes) => call(() => native.write(offset, bytes)),
    flush: () => call(() => native.flush()),
    readRanges: (offsets, lengths, target) => call(() => native.readRanges(offsets, lengths, target)),
    writeRanges: (offsets, lengths, bytes) => call(() => native.writeRanges(offsets, lengths, bytes)),
    close: () => native.close(),
    rangedFindAll: true,
    findAll: search.findAll,
    findNext: search.findNext,
    findPrevious: search.findPrevious,
    filter(program, options) {
      if (!binding?.nativeRegex && program.terms.some((t) => t.kind === 'regex')) {
        throw new EngineError('ENOREGEX', 'Regular expressions in filters need the engine built with PCRE2');
      }
      return startFilter((...args) => native.filter(...args), program, options);
    },
    indexLines(options = {}) {
      let resolve!: (r: LineIndexResult) => void;
      let reject!: (e: EngineError) => void;
      const done = new Promise<LineIndexResult>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const handle = call(() =>
        native.indexLines({ threads: options.threads, seed: options.seed }, (...event: IndexEvent) => {
          if (event[0] === 'progress') options.onProgress?.(event[1].indexed, event[1].lines);
          else if (event[0] === 'done') resolve(event[1]);
          else reject(toEngineError(event[1]));
        }),
      );
      return {
        done,
        lineOfOffset: (offset) => call(() => handle.lineOfOffset(offset)),
        offsetOfLine: (line) => call(() => handle.offsetOfLine(line)),
        status: () => handle.status(),
        countBreaks: (starts, lengths, flags, counts) => call(() => handle.countBreaks(starts, lengths, flags, counts)),
        blockCounts: () => call(() => handle.blockCounts()),
        cancel: () => handle.cancel(),
      };
    },
  };
  nativeFiles.set(file, native);
  return file;
}

/**
 * findAll / findNext / findPrevious over a native searchable; `fallbackFile` (the mapped file
 * itself) lets regexes run in the JS RegExp worker when the addon has no PCRE2.
 */
function searchMethods(native: NativeSearchable, fallbackFile: NativeMappedFile | undefined): Pick<EngineSearchable, 'findAll' | 'findNext' | 'findPrevious'> {
  const start = <T>(query: SearchQuery, options: SearchRangeOptions & { replace?: unknown; replacement?: unknown }): typeof startSearch<T> => {
    if (!fallbackFile || !useFallback(query, options)) return startSearch;
    if (options.replace || options.replacement) throw new EngineError('ENOREGEX', 'Replacements with groups need the engine built with PCRE2');
    return (_native, ...rest) => startFallbackSearch(fallbackFile, ...rest);
  };
  return {
    findAll(query, options = {}) {
      const matches: SearchMatch[] | undefined = options.onMatches || options.replace || options.collect === false ? undefined : [];
      const searchStart = start<FindAllResult>(query, options);
      const fallback = searchStart !== startSearch;
      const checkpoints = !fallback && options.checkpoints ? { checkpointEvery: options.checkpoints.every, checkpointGap: options.checkpoints.gap } : {};
      const replacement = options.replace ? { replacement: options.replace.template } : {};
      const density = options.density ? { densityBuckets: options.density.buckets } : {};
      return searchStart(native, query, { ...nativeRange(options), op: 'all', maxResults: options.maxResults, collect: options.collect !== false, ...checkpoints, ...replacement, ...density }, options, {
        onDensity: options.density?.onDensity,
        onMatches(batch) {
          const { offsets, lengths, indexes, count } = batch;
          if (options.replace && batch.replacements && batch.replacementEnds) options.replace.onMatches(offsets, lengths, batch.replacements, batch.replacementEnds);
          else if (indexes && count !== undefined && options.checkpoints) options.checkpoints.onCheckpoints(indexes, offsets, lengths, count);
          else if (options.onMatches) options.onMatches(offsets, lengths);
          else if (matches) for (let i = 0; i < offsets.length; i++) matches.push({ offset: offsets[i], length: lengths[i] });
        },
        result: (done) => ({ count: done.count, truncated: done.truncated, cancelled: done.cancelled, ...(matches ? { matches } : {}) }),
      });
    },
    findNext(query, options) {
      const replacement = options.replacement ? { replacement: options.replacement } : {};
      return start<SearchMatch | null>(query, options)(native, query, { ...nativeRange(options), op: 'next', from: options.from, wrap: !!options.wrap, ...replacement }, options, {
        result: (done) => (done.match && done.replacement ? { ...done.match, replacement: done.replacement } : done.match),
      });
    },
    findPrevious(query, options) {
      return start<SearchMatch | null>(query, options)(native, query, { ...nativeRange(options), op: 'previous', from: options.from, wrap: !!options.wrap }, options, {
        result: (done) => done.match,
      });
    },
  };
}

function nativeRange(o: SearchRangeOptions): Record<string, unknown> {
  return { start: o.start, end: o.end, threads: o.threads, window: o.window, segment: o.segment };
}

function startSearch<T>(
  native: NativeSearchable,
  query: SearchQuery,
  nativeOptions: Record<string, unknown>,
  options: SearchRangeOptions,
  handlers: {
    onMatches?: (batch: MatchesEvent) => void;
    onDensity?: (counts: Uint32Array) => void;
    result: (done: DoneEvent) => T;
  },
): SearchTask<T> {
  let resolve!: (r: T) => void;
  let reject!: (e: EngineError) => void;
  const done = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The addon keeps its callback until the next search starts: dropping the handlers when this
  // one ends frees what they hold (a Replace All's matches, millions of them) at once.
  let live: { handlers: typeof handlers; onProgress: SearchRangeOptions['onProgress'] } | undefined = { handlers, onProgress: options.onProgress };
  const handle = call(() =>
    native.search(query, nativeOptions, (...event: SearchEvent) => {
      const current = live;
      if (!current) return;
      switch (event[0]) {
        case 'matches':
          current.handlers.onMatches?.(event[1]);
          break;
        case 'progress':
          current.onProgress?.(event[1].scanned, event[1].total);
          break;
        case 'density':
          current.handlers.onDensity?.(event[1].counts);
          break;
        case 'done':
          live = undefined;
          resolve(current.handlers.result(event[1]));
          break;
        case 'error':
          live = undefined;
          reject(toEngineError(event[1]));
          break;
      }
    }),
  );
  return { done, cancel: () => handle.cancel() };
}

function useFallback(query: SearchQuery, options: SearchRangeOptions): boolean {
  if (query.kind !== 'regex') return false;
  return options.regexEngine === 'js' || !binding?.nativeRegex;
}

type SearchHandlers<T> = Parameters<typeof startSearch<T>>[4];

/**
 * Regex search without PCRE2: JS RegExp in a worker thread, over chunks the worker copies out of
 * its own read-only mapping of the file, with the same options, events and results as the native
 * search (non-overlapping, leftmost-first; empty matches advance one character). Matches may be up
 * to FALLBACK_MAX_MATCH bytes long; a match that reaches the end of a chunk is retried with a
 * larger chunk. In UTF-8 mode offsets are exact for valid UTF-8 (invalid bytes decode to U+FFFD
 * and may shift them).
 */
function startFallbackSearch<T>(
  native: NativeMappedFile,
  query: SearchQuery,
  nativeOptions: Record<string, unknown>,
  options: SearchRangeOptions,
  handlers: SearchHandlers<T>,
): SearchTask<T> {
  const size = call(() => native.size);
  if (query.encoding === 'utf-8') query = { ...query, utf8: true };
  if (typeof query.pattern !== 'string') query = { ...query, pattern: Buffer.from(query.pattern).toString(query.utf8 ? 'utf8' : 'latin1') };
  const source = query.pattern as string;
  const word = query.utf8 ? '[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]' : '[\\w\\x80-\\xff]';
  const body = query.wholeWord ? `(?<!${word})(?:${source})(?!${word})` : source;
  const flags = 'gm' + (query.ignoreCase ? 'i' : '') + (query.utf8 ? 'u' : '');
  try {
    new RegExp(body, flags);
  } catch (e) {
    throw new EngineError('EBADREGEX', `Invalid regular expression /${source}/: ${(e as Error).message}`);
  }
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  let resolve!: (r: T) => void;
  let reject!: (e: EngineError) => void;
  const done = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const worker = new Worker(FALLBACK_WORKER, {
    eval: true,
    workerData: {
      addon: addonPath(),
      file: call(() => native.path),
      body,
      flags,
      utf8: !!query.utf8,
      size,
      cancel: cancelFlag,
      ...nativeOptions,
    },
  });
  let settled = false;
  worker.on('message', (m: { type: string; [k: string]: unknown }) => {
    if (m.type === 'matches') handlers.onMatches?.({ offsets: m.offsets as Float64Array, lengths: m.lengths as Float64Array });
    else if (m.type === 'progress') options.onProgress?.(m.scanned as number, m.total as number);
    else if (m.type === 'done') {
      settled = true;
      resolve(handlers.result(m.result as DoneEvent));
    } else if (m.type === 'error') {
      settled = true;
      reject(toEngineError({ code: m.code, message: m.message }));
    }
  });
  worker.on('error', (e) => {
    if (!settled) reject(toEngineError(e));
    settled = true;
  });
  worker.on('exit', () => {
    if (!settled) reject(new EngineError('EINTERNAL', 'The regex worker stopped unexpectedly'));
  });
  return { done, cancel: () => Atomics.store(cancelFlag, 0, 1) };
}

// The fallback worker's source (plain JS, run with `eval`, so it needs no file of its own).
const FALLBACK_WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const CHUNK = Math.max(4096, Math.min(w.window || (4 << 20), 64 << 20));
const MAX_MATCH = 1 << 20; // FALLBACK_MAX_MATCH
const CONTEXT = 256;

function main() {
  let file;
  try {
    const addon = require(w.addon);
    file = new addon.MappedFile(w.file, 'read');
  } catch (e) {
    parentPort.postMessage({ type: 'error', code: e.code, message: String(e.message ?? e) });
    return;
  }
  const re = new RegExp(w.body, w.flags);
  const end = Math.min(w.end ?? w.size, w.size);
  const begin = Math.min(w.start ?? 0, end);
  const cancelled = () => Atomics.load(w.cancel, 0) !== 0;
  let lastProgress = Date.now();

  // The text of [ctx, windowEnd), the string index of byte offset pos, and index -> byte offset.
  function decode(ctx, pos, windowEnd) {
    if (!w.utf8) {
      const text = file.read(ctx, windowEnd - ctx).toString('latin1');
      return { text, start: pos - ctx, byteAt: (i) => ctx + i };
    }
    const bytes = file.read(ctx, windowEnd - ctx);
    let skip = 0; // start the decode on a character boundary
    while (ctx + skip < pos && (bytes[skip] & 0xc0) === 0x80) skip++;
    const base = ctx + skip;
    const text = bytes.subarray(skip).toString('utf8');
    let ci = 0, bi = 0;
    const byteAt = (i) => {
      if (i < ci) { ci = 0; bi = 0; }
      bi += Buffer.byteLength(text.slice(ci, i), 'utf8');
      ci = i;
      return base + bi;
    };
    const start = bytes.subarray(skip, pos - ctx).toString('utf8').length;
    return { text, start, byteAt };
  }

  // Calls onMatch(offset, length) for matches starting in [first, last) (or at last == end), in order.
  function scan(first, last, onMatch) {
    const inclusive = last >= end;
    const past = (o) => (inclusive ? o > end : o >= last);
    let pos = first;
    let chunk = CHUNK;
    while (!past(pos)) {
      if (cancelled()) return;
      const ctx = Math.max(0, pos - CONTEXT);
      const windowEnd = Math.min(end, pos + chunk);
      const final = windowEnd >= end;
      const { text, start, byteAt } = decode(ctx, pos, windowEnd);
      re.lastIndex = start;
      let progressed = false;
      for (;;) {
        const m = re.exec(text);
        if (!m) {
          if (final) return;
          const safe = windowEnd - MAX_MATCH;
          if (safe > pos) { pos = safe; progressed = true; }
          break;
        }
        const at = byteAt(m.index);
        const length = byteAt(m.index + m[0].length) - at;
        if (past(at)) return;
        if (!final && at + length + MAX_MATCH > windowEnd) {
          // Too close to the end of the chunk: more bytes could change this match.
          if (at > pos) { pos = at; progressed = true; }
          break;
        }
        if (onMatch(at, length) === false) return;
        if (m[0].length === 0) re.lastIndex = m.index + (w.utf8 && text.codePointAt(m.index) > 0xffff ? 2 : 1);
        pos = at + (length || 1);
        progressed = true;
      }
      chunk = progressed ? CHUNK : Math.min(chunk * 2, 1 << 30);
      if (Date.now() - lastProgress > 100) {
        lastProgress = Date.now();
        parentPort.postMessage({ type: 'progress', scanned: pos - first, total: end - begin });
      }
    }
  }

  try {
    const op = w.op || 'all';
    const max = w.maxResults || 0;
    if (op === 'all') {
      let count = 0, truncated = false, batch = [];
      const flush = () => {
        if (batch.length && w.collect !== false) {
          parentPort.postMessage({ type: 'matches', offsets: Float64Array.from(batch, (m) => m[0]), lengths: Float64Array.from(batch, (m) => m[1]) });
        }
        batch = [];
      };
      scan(begin, end, (o, l) => {
        if (max && count >= max) { truncated = true; return false; }
        count++;
        batch.push([o, l]);
        if (batch.length >= 65536) flush();
      });
      flush();
      parentPort.postMessage({ type: 'done', result: { count, truncated, cancelled: cancelled(), match: null } });
    } else {
      const from = Math.max(begin, Math.min(w.from ?? begin, end));
      let match = null;
      const first = (o, l) => { match = { offset: o, length: l }; return false; };
      const last = (o, l) => { match = { offset: o, length: l }; };
      if (op === 'next') {
        scan(from, end, first);
        if (!match && w.wrap) scan(begin, from, first);
      } else {
        scan(begin, from, last);
        if (!match && w.wrap) scan(from, end, last);
      }
      parentPort.postMessage({ type: 'done', result: { count: match ? 1 : 0, truncated: false, cancelled: cancelled(), match } });
    }
  } catch (e) {
    parentPort.postMessage({ type: 'error', code: e.code, message: String(e.message ?? e) });
  } finally {
    file.close();
  }
}
main();
`;

// ---- Filters (issue 15): a filter of a searchable's lines, run by the engine (native/src/filter/) ----

/** One node of a filter expression over the program's terms. */
export type FilterNode =
  | { readonly op: 'term'; readonly term: number }
  | { readonly op: 'and' | 'or'; readonly args: readonly FilterNode[] }
  | { readonly op: 'not'; readonly arg: FilterNode };

/** A filter as the engine runs it: its terms (literal or regex queries, as find's) and how they combine. */
export interface FilterProgram {
  readonly terms: readonly SearchQuery[];
  readonly root: FilterNode;
}

export interface FilterRunOptions {
  /** Tuning, mostly for tests: worker threads, window bytes, segment size (bytes; a refine's: parent lines). */
  threads?: number;
  window?: number;
  segment?: number;
  /** Count hits per this many equal buckets of the subject, in the same pass (for an overview ruler). */
  densityBuckets?: number;
  /** scanned of total: bytes, or a refine's parent lines; count: matching lines so far. */
  onProgress?: (scanned: number, total: number, count: number) => void;
}

export interface FilterOutcome {
  /** Matching lines. */
  count: number;
  /** Lines of the subject (split at `\n`; a last line without one counts); 0 when cancelled. */
  lines: number;
  cancelled: boolean;
}

export interface FilterStatus extends FilterOutcome {
  scanned: number;
  total: number;
  complete: boolean;
}

export interface FilterRowOptions {
  /** Context lines before and after each match (grep -B / -A). */
  before?: number;
  after?: number;
  /** Bytes of each line to return (default 4096); longer lines come truncated. */
  maxBytes?: number;
  /** Match spans per row, at most (default 64). */
  maxSpans?: number;
}

/** Rows of a filtered view, packed: row i's bytes are bytes[byteEnds[i - 1] ?? 0, byteEnds[i]). */
export interface FilterRows {
  /** 0-based line numbers. */
  lines: Float64Array;
  /** Where each line starts, and its length without the `\n` (the bytes shown when truncated). */
  offsets: Float64Array;
  lengths: Float64Array;
  /** FILTER_ROW_MATCH | FILTER_ROW_GAP (the row before is not the line before) | FILTER_ROW_TRUNCATED. */
  flags: Uint8Array;
  bytes: Uint8Array;
  byteEnds: Float64Array;
  /** The positive terms' matches in each row, [start, length] pairs from the line's start; row i's end at spanEnds[i] pairs. */
  spans: Float64Array;
  spanEnds: Float64Array;
}

export const FILTER_ROW_MATCH = 1;
export const FILTER_ROW_GAP = 2;
export const FILTER_ROW_TRUNCATED = 4;

export interface FilterExportOptions {
  before?: number;
  after?: number;
  /** `--` between groups of context that do not touch, as grep and rg write (default true). */
  separators?: boolean;
  /** Only the rows' lines in [firstLine, endLine) (0-based line numbers): a time range. */
  firstLine?: number;
  endLine?: number;
  /** Workers finding and copying the lines (default: one per core). */
  threads?: number;
  /** Bytes of the file per worker's stretch (default 8 MiB; tests cut it small). */
  segment?: number;
  onProgress?: (lines: number, total: number) => void;
}

export interface FilterExportResult {
  lines: number;
  bytes: number;
  cancelled: boolean;
}

/** A filter running or done: its matching lines are stored in the engine (about a bit per line at most). */
export interface EngineFilter {
  readonly done: Promise<FilterOutcome>;
  cancel(): void;
  /** Frees the engine's memory now (later calls throw ECLOSED). */
  release(): void;
  status(): FilterStatus;
  /** Rows of the view: the matching lines, or with context the lines around them too. */
  rowCount(before?: number, after?: number): number;
  rows(start: number, count: number, options?: FilterRowOptions): FilterRows;
  /** The matching line nearest to the line holding `offset` (ties: the one before). */
  nearest(offset: number): { index: number; line: number; exact: boolean } | undefined;
  /** Hits per bucket (FilterRunOptions.densityBuckets) so far. */
  density(): Uint32Array;
  /** 0-based line numbers of matching lines [start, start + count). */
  lineNumbers(start: number, count: number): Float64Array;
  /** Heap bytes the engine holds for it. */
  memoryBytes(): number;
  /** The lines of this (complete) filter that `program` holds for: no scan of the rest of the file. */
  refine(program: FilterProgram, options?: FilterRunOptions): EngineFilter;
  /** Writes the lines (or with context) to `path`, each with its `\n`. The filter must be complete. */
  exportLines(path: string, options?: FilterExportOptions): SearchTask<FilterExportResult>;
}

export interface EngineFilterable {
  filter(program: FilterProgram, options?: FilterRunOptions): EngineFilter;
}

type FilterEvent = ['progress', { scanned: number; total: number; count: number }] | ['done', FilterOutcome] | ['error', Error];
type ExportEvent = ['progress', { lines: number; total: number }] | ['done', FilterExportResult] | ['error', Error];

interface NativeFilterHandle {
  cancel(): void;
  release(): void;
  summary(): FilterStatus;
  rowCount(before: number, after: number): number;
  rows(start: number, count: number, options: FilterRowOptions): FilterRows;
  nearest(offset: number): { index: number; line: number; exact: boolean } | null;
  density(): Uint32Array;
  lines(start: number, count: number): Float64Array;
  bytes(): number;
  refine(program: FilterProgram, options: Record<string, unknown>, onEvent: (...e: FilterEvent) => void): NativeFilterHandle;
  exportLines(path: string, options: Record<string, unknown>, onEvent: (...e: ExportEvent) => void): NativeSearchHandle;
}

function filterRunOptions(o: FilterRunOptions): Record<string, unknown> {
  return { threads: o.threads, window: o.window, segment: o.segment, densityBuckets: o.densityBuckets };
}

/** Starts a filter through `start` (a native filter or refine call) and wraps its handle. */
function startFilter(
  start: (program: FilterProgram, options: Record<string, unknown>, onEvent: (...e: FilterEvent) => void) => NativeFilterHandle,
  program: FilterProgram,
  options: FilterRunOptions = {},
): EngineFilter {
  let resolve!: (r: FilterOutcome) => void;
  let reject!: (e: EngineError) => void;
  const done = new Promise<FilterOutcome>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  let onProgress = options.onProgress;
  const handle = call(() =>
    start(program, filterRunOptions(options), (...event: FilterEvent) => {
      if (event[0] === 'progress') onProgress?.(event[1].scanned, event[1].total, event[1].count);
      else {
        onProgress = undefined;
        if (event[0] === 'done') resolve(event[1]);
        else reject(toEngineError(event[1]));
      }
    }),
  );
  return {
    done,
    cancel: () => handle.cancel(),
    release: () => handle.release(),
    status: () => call(() => handle.summary()),
    rowCount: (before = 0, after = 0) => call(() => handle.rowCount(before, after)),
    rows: (start, count, rowOptions = {}) => call(() => handle.rows(start, count, rowOptions)),
    nearest: (offset) => call(() => handle.nearest(offset) ?? undefined),
    density: () => call(() => handle.density()),
    lineNumbers: (start, count) => call(() => handle.lines(start, count)),
    memoryBytes: () => call(() => handle.bytes()),
    refine: (refineProgram, refineOptions) => startFilter((...args) => handle.refine(...args), refineProgram, refineOptions),
    exportLines(path, exportOptions = {}) {
      let settle!: (r: FilterExportResult) => void;
      let fail!: (e: EngineError) => void;
      const exported = new Promise<FilterExportResult>((res, rej) => {
        settle = res;
        fail = rej;
      });
      const task = call(() =>
        handle.exportLines(path, { before: exportOptions.before, after: exportOptions.after, separators: exportOptions.separators, firstLine: exportOptions.firstLine, endLine: exportOptions.endLine, threads: exportOptions.threads, segment: exportOptions.segment }, (...event: ExportEvent) => {
          if (event[0] === 'progress') exportOptions.onProgress?.(event[1].lines, event[1].total);
          else if (event[0] === 'done') settle(event[1]);
          else fail(toEngineError(event[1]));
        }),
      );
      return { done: exported, cancel: () => task.cancel() };
    },
  };
}

// ---- end of filters ----
// ---- Time in logs (issue #16): timestamps, go to a time, the timeline ------------------------
// The engine reads log timestamps natively (native/src/time/): detects the format from the first
// lines, reads the time of any line, finds a time by binary search over byte offsets (no line
// index), and counts entries per time bucket in one pass. Times are microseconds since the epoch
// (UTC); a stamp without a zone is read as UTC, and so should what the user types be.

/** The timestamp formats the engine knows (native/src/time/timestamp_format.h). */
export type TimeFormatName = 'iso8601' | 'log4j' | 'ymd-slash' | 'syslog' | 'ctime' | 'clf' | 'epoch-s' | 'epoch-ms' | 'custom';

/** What the user set (largeFile.timestampFormat / timestampPattern); nothing: detected. */
export interface TimeSettings {
  /** strftime-like: `%Y-%m-%d %H:%M:%S,%f` (native/src/time/custom_format.h). */
  readonly format?: string;
  /** A regex (PCRE2) whose match starts where the stamp does (`\K` skips a prefix). */
  readonly pattern?: string;
  /** The file's modification time (ms since the epoch): the year of year-less stamps (syslog). */
  readonly referenceTime?: number;
}

/** A detected format, passed back to every other time call as it is. */
export interface TimeFormatDescriptor {
  readonly name: TimeFormatName;
  readonly kind: string;
  /** Where in the line: 'line-start', 'bracket' (after the first `[`), 'search' (first date in 64 bytes), 'pattern'. */
  readonly anchor: 'line-start' | 'bracket' | 'search' | 'pattern';
  readonly dateSep: string;
  readonly commaFraction: boolean;
  readonly tSeparator: boolean;
  readonly syslogBaseYear: number;
  readonly syslogPivot: number;
  readonly custom?: string;
  readonly pattern?: string;
  /** The first timed line's zone offset in minutes (null: it has none). */
  readonly zoneMinutes: number | null;
  readonly firstOffset: number;
  readonly firstTime: number;
  readonly linesSampled: number;
  readonly linesTimed: number;
}

/** The time of the line holding an offset: its own, or (`own` false) its entry's. */
export interface LineTime {
  readonly lineStart: number;
  readonly lineEnd: number;
  /** The timed line the entry starts with (lineStart when `own`). */
  readonly entryStart: number;
  readonly time: number;
  readonly offsetMinutes: number | null;
  readonly own: boolean;
}

/** A sorted stretch of the file (a file can be several: logs joined one after another). */
export interface TimeRun {
  readonly begin: number;
  readonly end: number;
  readonly firstTime: number;
  readonly lastTime: number;
}

export interface GotoTimeResult {
  /** Where the first line at or after the time starts (null: the time is after every line). */
  readonly offset: number | null;
  readonly lineEnd: number | null;
  /** That line's time. */
  readonly time: number | null;
  readonly offsetMinutes: number | null;
  readonly after: boolean;
  /** Which run it is in, of `runs` (pass them back to spare the next search finding them). */
  readonly run: number;
  readonly runs: readonly TimeRun[];
  /** 4 KiB pages of the file the search read. */
  readonly pagesTouched: number;
}

/** Entries per bucket: bucket i of `counts` starts at origin + (first + i) * bucket. */
export interface TimeHistogramState {
  readonly origin: number;
  readonly bucket: number;
  readonly first: number;
  readonly counts: Float64Array;
  readonly matches: Float64Array;
}

export interface TimeHistogram extends TimeHistogramState {
  readonly runs: readonly TimeRun[];
  /** Timed lines counted; of them, matching the query. */
  readonly entries: number;
  readonly matched: number;
  /** Untimed lines after the first timed one (they belong to the entry above them). */
  readonly continuation: number;
  /** Lines before the first timestamp. */
  readonly untimed: number;
  /** Timed lines far outside the file's span (garbage stamps), not in any bucket. */
  readonly outside: number;
  readonly cancelled: boolean;
}

/** A histogram's buckets as they settle: [first, first + counts.length) are now these. */
export interface TimeHistogramUpdate {
  readonly origin: number;
  readonly bucket: number;
  readonly first: number;
  readonly counts: Float64Array;
  readonly matches: Float64Array;
  readonly scanned: number;
  readonly total: number;
}

export interface TimeHistogramOptions {
  /** Bucket size in µs; default: chosen for the span (second … week) to give at most `targetBuckets` (1000). */
  readonly bucket?: number;
  readonly targetBuckets?: number;
  /** The byte range counted (default: all). */
  readonly start?: number;
  readonly end?: number;
  /** The second series: entries where this matches, or any of these (the current find, error-level lines). */
  readonly query?: SearchQuery | readonly SearchQuery[];
  readonly runs?: readonly TimeRun[];
  readonly threads?: number;
  readonly segment?: number;
  readonly window?: number;
  readonly onUpdate?: (update: TimeHistogramUpdate) => void;
}

/** Time operations over a file or an edited document. */
export interface EngineTime {
  /** The timestamp format, from the first lines and samples further in; null when no line has a stamp. */
  detect(settings?: TimeSettings & { start?: number; end?: number }): TimeFormatDescriptor | null;
  at(offset: number, format: TimeFormatDescriptor): LineTime | null;
  /** Text in any format the engine knows (or the file's own), the whole of it. */
  parse(text: string, format: TimeFormatDescriptor): { time: number; offsetMinutes: number | null } | null;
  goto(time: number, format: TimeFormatDescriptor, options?: { runs?: readonly TimeRun[]; start?: number; end?: number }): SearchTask<GotoTimeResult>;
  histogram(format: TimeFormatDescriptor, options?: TimeHistogramOptions): SearchTask<TimeHistogram>;
}

type TimeEvent = [string, Record<string, unknown> | Error];

interface NativeTime {
  detect(target: object, options: Record<string, unknown>): TimeFormatDescriptor | null;
  at(target: object, offset: number, format: TimeFormatDescriptor): LineTime | null;
  parse(text: string, format: TimeFormatDescriptor): { time: number; offsetMinutes: number | null } | null;
  goto(target: object, options: Record<string, unknown>, onEvent: (...e: TimeEvent) => void): NativeSearchHandle;
  histogram(target: object, options: Record<string, unknown>, onEvent: (...e: TimeEvent) => void): NativeSearchHandle;
}

/** Time in logs over `target` (one of this module's MappedFiles, or an EngineDocument over one). */
export function timeOf(target: MappedFile | EngineDocument): EngineTime {
  const b = loadEngine();
  if (!b) throw loadError!;
  const file = nativeFiles.get(target as MappedFile);
  const document = nativeDocuments.get(target);
  if (!file && !document) throw new EngineError('EINVAL', 'timeOf needs a MappedFile or an EngineDocument made by the engine');
  const native = (): object => (file ?? document!());
  const job = <T>(start: (onEvent: (...e: TimeEvent) => void) => NativeSearchHandle, onEvent: (name: string, payload: Record<string, unknown>) => T | undefined): SearchTask<T> => {
    let resolve!: (r: T) => void;
    let reject!: (e: EngineError) => void;
    const done = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const handle = call(() =>
      start((name, payload) => {
        if (name === 'error') reject(toEngineError(payload));
        else {
          const r = onEvent(name, payload as Record<string, unknown>);
          if (r !== undefined) resolve(r);
        }
      }),
    );
    return { done, cancel: () => handle.cancel() };
  };
  return {
    detect: (settings = {}) => call(() => b.time.detect(native(), { ...settings })),
    at: (offset, format) => call(() => b.time.at(native(), offset, format)),
    parse: (text, format) => call(() => b.time.parse(text, format)),
    goto: (time, format, options = {}) =>
      job(
        (onEvent) => b.time.goto(native(), { format, time, runs: options.runs, start: options.start, end: options.end }, onEvent),
        (name, p) => (name === 'done' ? (p as unknown as GotoTimeResult) : undefined),
      ),
    histogram(format, options = {}) {
      let plan: { origin: number; bucket: number; runs: readonly TimeRun[]; total: number } | undefined;
      const nativeOptions = {
        format,
        bucket: options.bucket,
        targetBuckets: options.targetBuckets,
        start: options.start,
        end: options.end,
        query: options.query,
        runs: options.runs,
        threads: options.threads,
        segment: options.segment,
        window: options.window,
      };
      return job(
        (onEvent) => b.time.histogram(native(), nativeOptions, onEvent),
        (name, p) => {
          if (name === 'plan') plan = p as unknown as typeof plan;
          else if (name === 'update' && plan) {
            const u = p as { first: number; counts: Float64Array; matches: Float64Array; scanned: number };
            options.onUpdate?.({ origin: plan.origin, bucket: plan.bucket, first: u.first, counts: u.counts, matches: u.matches, scanned: u.scanned, total: plan.total });
          } else if (name === 'done' && plan) {
            return { ...(p as unknown as Omit<TimeHistogram, 'origin' | 'bucket' | 'runs'>), origin: plan.origin, bucket: plan.bucket, runs: plan.runs };
          }
          return undefined;
        },
      );
    },
  };
}
// ---- end of time in logs -----------------------------------------------------------------------

function call<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw toEngineError(e);
  }
}
