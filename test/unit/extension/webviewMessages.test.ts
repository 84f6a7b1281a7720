// The trust boundary: every message the webview may send, well-formed and hostile. The webview
// renders file content, so the host parses what it sends as untrusted (shared/protocol.ts
// WEBVIEW_VALIDATORS). VALID below is typed by message type: a new message is a compile error here
// until it has a well-formed sample, and every sample is then mutated field by field into hostile
// variants (wrong types, offsets past 2^53, negative lengths, NaN, huge strings, missing fields)
// that must all be dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type FindOp, type OpenMode, parseWebviewMessage, WEBVIEW_VALIDATORS, type WebviewMessage } from '../../../shared/protocol';

type Message<K extends WebviewMessage['type']> = Extract<WebviewMessage, { type: K }>;

const query = { pattern: 'ERROR', mode: 'text', matchCase: false, wholeWord: true } as const;
const context = { before: 2, after: 1 };
const spec = { expression: 'ERROR and not /timeout/', matchCase: true, wholeWord: false };
const HOUR_US = 3_600_000_000;
const MARCH_1 = 1_772_323_200_000_000;

/** Well-formed samples of every message type (the first of each is the one mutated below). */
const VALID: { [K in WebviewMessage['type']]: Message<K>[] } = {
  ready: [{ type: 'ready' }],
  readPage: [{ type: 'readPage', requestId: 3, offset: 2 ** 53 - 1 - 65536, length: 65536 }],
  cancel: [{ type: 'cancel', requestIds: [1, 2, 3] }, { type: 'cancel', requestIds: [] }],
  rendered: [{ type: 'rendered', view: 'hex', firstOffset: 16, rows: ['00000010  41 42', ''] }],
  noticeShown: [{ type: 'noticeShown', code: 'ENOENT', text: 'Cannot open this file: no such file' }],
  status: [{ type: 'status', status: { view: 'text', offset: 5, selectionStart: 5, selectionLength: 0, encoding: 'utf-8', topOffset: 0, typing: 'insert' } }],
  gotoFailed: [{ type: 'gotoFailed', message: 'Not an offset' }],
  lineNumbers: [{ type: 'lineNumbers', requestId: 4, offsets: [0, 100, 2 ** 40] }],
  viewChosen: [{ type: 'viewChosen', view: 'text' }],
  gotoLine: [{ type: 'gotoLine', line: 1 }, { type: 'gotoLine', line: 7, preview: true }],
  findVisible: [{ type: 'findVisible', requestId: 3, query: { pattern: 'ab', mode: 'text', matchCase: true, wholeWord: false }, encoding: 'utf-8', start: 0, end: 4096 }],
  editedRanges: [{ type: 'editedRanges', requestId: 4, start: 0, end: 4096 }],
  find: [
    { type: 'find', searchId: 9, query, op: 'all', from: 0, maxResults: 100000, encoding: 'utf-8' },
    { type: 'find', searchId: 10, query: { pattern: '4142', mode: 'hex', matchCase: true, wholeWord: false }, op: 'previous', from: 7, maxResults: 0, encoding: 'latin1' },
  ],
  cancelFind: [{ type: 'cancelFind', searchId: 9 }],
  edit: [
    { type: 'edit', edit: { kind: 'overwrite', offset: 4, bytes: new Uint8Array([0x41, 0x42]) } },
    { type: 'edit', edit: { kind: 'insert', offset: 4, bytes: new Uint8Array([0x0f]), amend: true } },
    { type: 'edit', edit: { kind: 'delete', offset: 4, length: 2 } },
    { type: 'edit', edit: { kind: 'replace', offset: 4, length: 2, bytes: new Uint8Array([]) } },
  ],
  runCommand: [{ type: 'runCommand', command: 'largeFile.save' }],
  requestMode: [{ type: 'requestMode', mode: 'copy' }],
  paste: [{ type: 'paste', offset: 10, replaceLength: 2, insert: false, asHex: true, encoding: 'utf-8' }],
  replace: [{ type: 'replace', op: 'one', query, replacement: '$1-x', encoding: 'utf-8', offset: 40, length: 5 }],
  findResults: [{ type: 'findResults', searchId: 9, start: 100, count: 500 }],
  copy: [{ type: 'copy', format: 'csharp', selection: { start: 3, length: 4, encoding: 'utf-16le' } }],
  filter: [
    { type: 'filter', filterId: 1, spec, refine: false, encoding: 'utf-8' },
    { type: 'filter', filterId: 2, spec: { ...spec, lists: { include: ['ERROR', '/fail(ed)?/'], exclude: [] } }, refine: true, encoding: 'utf-8' },
  ],
  cancelFilter: [{ type: 'cancelFilter', filterId: 1 }],
  filterRows: [{ type: 'filterRows', filterId: 1, start: 0, count: 500, context, encoding: 'utf-8' }],
  popFilter: [{ type: 'popFilter', clear: true }],
  filterNearest: [{ type: 'filterNearest', filterId: 1, offset: 77, context }],
  exportFilter: [{ type: 'exportFilter', filterId: 1, exportId: 2, context, separators: true }],
  cancelExport: [{ type: 'cancelExport', exportId: 2 }],
  filterPresets: [{ type: 'filterPresets' }],
  saveFilter: [{ type: 'saveFilter', name: 'Errors', spec }],
  bookmarkToggle: [{ type: 'bookmarkToggle', offset: 12, label: 'start' }, { type: 'bookmarkToggle', offset: 12 }],
  bookmarkLabel: [{ type: 'bookmarkLabel', id: 1, label: 'here' }],
  bookmarkRemove: [{ type: 'bookmarkRemove', id: 1 }],
  bookmarkGo: [{ type: 'bookmarkGo', offset: 0, direction: 'previous' }],
  bookmarks: [{ type: 'bookmarks', encoding: 'utf-8' }],
  bookmarkFilter: [{ type: 'bookmarkFilter', filterId: 1 }],
  highlightRules: [{ type: 'highlightRules' }],
  overviewRows: [{ type: 'overviewRows', rows: 600 }],
  gotoTime: [{ type: 'gotoTime', input: '2026-03-01 12:00', from: 1234 }],
  timeline: [
    { type: 'timeline', timelineId: 7, request: { series: 'find', bucketSeconds: 60, query, encoding: 'utf-8', range: { from: MARCH_1, to: MARCH_1 + HOUR_US } } },
    { type: 'timeline', timelineId: 8, request: { series: 'errors' } },
  ],
  cancelTimeline: [{ type: 'cancelTimeline', timelineId: 7 }],
  setTimeRange: [{ type: 'setTimeRange', range: { from: -HOUR_US, to: MARCH_1 } }, { type: 'setTimeRange', range: null }],
};

/** Fields a message may leave out (path below the message, dot-separated). */
const OPTIONAL = new Set(['edit.amend', 'request.bucketSeconds', 'request.query', 'request.encoding', 'request.range', 'spec.lists', 'label']);
/** Numbers that may be negative: times in µs (before 1970 is a time). */
const SIGNED = new Set(['range.from', 'range.to', 'request.range.from', 'request.range.to']);
/** Numbers that may be fractional: a bucket of the timeline in seconds. */
const FRACTIONAL = new Set(['request.bucketSeconds']);
/** Fields that may be null: no time range. */
const NULLABLE = new Set(['setTimeRange.range']);

/** Compile-time checks: the derived union holds no `any`, and its literal fields were not widened to string. */
type IsAny<T> = 0 extends 1 & T ? true : false;
type HasAny<T, Depth extends unknown[] = []> = Depth['length'] extends 6
  ? false
  : IsAny<T> extends true
    ? true
    : T extends Uint8Array
      ? false
      : T extends readonly (infer E)[]
        ? HasAny<E, [...Depth, 0]>
        : T extends object
          ? true extends { [K in keyof T]-?: HasAny<T[K], [...Depth, 0]> }[keyof T]
            ? true
            : false
          : false;
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typeChecks: [
  Same<HasAny<WebviewMessage>, false>,
  Same<Message<'find'>['op'], FindOp>,
  Same<Message<'replace'>['op'], 'one' | 'all'>,
  Same<Message<'requestMode'>['mode'], OpenMode>,
  Same<Message<'bookmarkGo'>['direction'], 'next' | 'previous'>,
  Same<Message<'runCommand'>['command'], 'largeFile.changeMode' | 'largeFile.save'>,
] = [true, true, true, true, true, true];

type Json = unknown;

/** Every (path, value) of the plain fields of a sample, below the message (not `type`). */
function leaves(value: Json, path: string[] = []): { path: string[]; value: Json }[] {
  if (value instanceof Uint8Array || Array.isArray(value) || typeof value !== 'object' || value === null) return [{ path, value }];
  const out: { path: string[]; value: Json }[] = path.length > 0 ? [{ path, value }] : [];
  for (const [k, v] of Object.entries(value)) if (!(path.length === 0 && k === 'type')) out.push(...leaves(v, [...path, k]));
  return out;
}

/** A deep copy of `m` with the field at `path` set to `value` (or removed, for `remove`). */
function withField(m: object, path: string[], value: Json, remove = false): Record<string, unknown> {
  const copy = structuredClone(m) as Record<string, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (remove) delete at[last];
  else at[last] = value;
  return copy;
}

const HUGE = 'x'.repeat(1 << 20);

/** Values a field of this kind must never accept. */
function hostileValues(value: Json, key: string): Json[] {
  if (typeof value === 'number') {
    const out: Json[] = [String(value), NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, 2 ** 64, -(2 ** 53), null, true];
    if (!SIGNED.has(key)) out.push(-1, -0.5);
    // Past 2^52 a double has no halves: the fraction goes on a small number.
    if (!FRACTIONAL.has(key)) out.push(value < 2 ** 40 ? value + 0.5 : 0.5);
    return out;
  }
  if (typeof value === 'string') return [HUGE, 42, null, ['x'], { toString: 'x' }];
  if (typeof value === 'boolean') return ['true', 1, null];
  if (value instanceof Uint8Array) return ['AB', [256], [-1], [0.5], { length: 1, 0: 65 }, null];
  if (Array.isArray(value)) return [{ length: 0 }, 'a', null, value.length > 0 ? [null] : 7, new Array(20000).fill(value[0] ?? 1)];
  return ['x', 7, [], null];
}

test('every message type has a validator and a well-formed sample, and a sample comes through as sent', () => {
  assert.deepEqual(Object.keys(VALID).sort(), Object.keys(WEBVIEW_VALIDATORS).sort());
  assert.deepEqual(typeChecks, [true, true, true, true, true, true]);
  let n = 0;
  for (const samples of Object.values(VALID)) {
    for (const m of samples as WebviewMessage[]) {
      assert.deepEqual(parseWebviewMessage(structuredClone(m)), m, JSON.stringify(m));
      n++;
    }
  }
  assert.ok(n > Object.keys(VALID).length, `${n} samples`);
});

test('an edit given as a byte array (what JSON would carry) comes through as bytes', () => {
  const parsed = parseWebviewMessage({ type: 'edit', edit: { kind: 'overwrite', offset: 0, bytes: [0, 127, 255] } });
  assert.deepEqual(parsed, { type: 'edit', edit: { kind: 'overwrite', offset: 0, bytes: new Uint8Array([0, 127, 255]) } });
});

test('each field of each message, made hostile (wrong type, past 2^53, negative, NaN, a 1 MiB string, missing), drops the message', () => {
  let tried = 0;
  for (const samples of Object.values(VALID)) {
    const sample = (samples as WebviewMessage[])[0];
    for (const { path, value } of leaves(sample)) {
      const key = path.join('.');
      // A field that is an object is attacked through its own fields, and as a whole below.
      const values = typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) ? ['x', 7, [], null] : hostileValues(value, key);
      for (const bad of values) {
        if (bad === null && NULLABLE.has(`${sample.type}.${key}`)) continue;
        const m = withField(sample, path, bad);
        assert.equal(parseWebviewMessage(m), undefined, `${sample.type}.${key} = ${JSON.stringify(bad)?.slice(0, 40)}`);
        tried++;
      }
      if (!OPTIONAL.has(key)) {
        assert.equal(parseWebviewMessage(withField(sample, path, undefined, true)), undefined, `${sample.type} without ${key}`);
        tried++;
      }
    }
  }
  assert.ok(tried > 800, `${tried} hostile messages`);
});

test('limits: page size, list lengths, row counts, overview rows, bucket length, empty ranges', () => {
  const bad: unknown[] = [
    { type: 'readPage', requestId: 1, offset: 0, length: (1 << 20) + 1 },
    { type: 'cancel', requestIds: new Array(10001).fill(1) },
    { type: 'lineNumbers', requestId: 1, offsets: new Array(1001).fill(0) },
    { type: 'rendered', view: 'hex', firstOffset: 0, rows: new Array(1001).fill('') },
    { type: 'rendered', view: 'hex', firstOffset: 0, rows: ['x'.repeat(4097)] },
    { type: 'rendered', view: 'binary', firstOffset: 0, rows: [] },
    { type: 'gotoLine', line: 0 },
    { type: 'findResults', searchId: 1, start: 0, count: 501 },
    { type: 'filterRows', filterId: 1, start: 0, count: 501, context, encoding: 'utf-8' },
    { type: 'filterNearest', filterId: 1, offset: 0, context: { before: 1001, after: 0 } },
    { type: 'overviewRows', rows: 0 },
    { type: 'overviewRows', rows: 8193 },
    { type: 'saveFilter', name: '   ', spec },
    { type: 'filter', filterId: 1, spec: { ...spec, lists: { include: new Array(201).fill('a'), exclude: [] } }, refine: false, encoding: 'utf-8' },
    { type: 'timeline', timelineId: 1, request: { series: 'none', bucketSeconds: 366 * 86400 + 1 } },
    { type: 'timeline', timelineId: 1, request: { series: 'find' } },
    { type: 'setTimeRange', range: { from: 5, to: 5 } },
    { type: 'find', searchId: 1, query: { ...query, pattern: 'x'.repeat(64 * 1024 + 1) }, op: 'next', from: 0, maxResults: 0, encoding: 'utf-8' },
    { type: 'find', searchId: 1, query: { ...query, mode: 'glob' }, op: 'next', from: 0, maxResults: 0, encoding: 'utf-8' },
    { type: 'find', searchId: 1, query, op: 'everything', from: 0, maxResults: 0, encoding: 'utf-8' },
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
    { type: 'runCommand', command: 'largeFile.save ' },
    { type: 'requestMode', mode: 'admin' },
    { type: 'copy', format: 'exe', selection: { start: 0, length: 1, encoding: 'utf-8' } },
    { type: 'edit', edit: { kind: 'truncate', offset: 0, length: 1 } },
    { type: 'edit', edit: { kind: 'insert', offset: 0, bytes: [1], amend: 'yes' } },
    { type: 'status', status: { view: 'text', offset: 0, selectionStart: 0, selectionLength: 0, encoding: 'utf-8', topOffset: 0, typing: 'replace' } },
  ];
  for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m).slice(0, 120));
  // The largest of each is still fine.
  assert.ok(parseWebviewMessage({ type: 'readPage', requestId: 1, offset: 0, length: 1 << 20 }));
  assert.ok(parseWebviewMessage({ type: 'overviewRows', rows: 8192 }));
});

test('unknown types and things that are no message are dropped, including the names of Object.prototype', () => {
  const bad: unknown[] = [
    undefined, null, 0, 'ready', true, [], [{ type: 'ready' }], new Uint8Array(4),
    {}, { type: null }, { type: 7 }, { type: '' }, { type: 'READY' }, { type: 'deleteFile', path: '/' },
    { type: 'init' }, { type: 'page' }, // host → webview types
    { type: '__proto__' }, { type: 'constructor' }, { type: 'toString' }, { type: 'hasOwnProperty' }, { type: 'valueOf' }, { type: '__defineGetter__' },
    { type: ['ready'] }, { type: { toString: () => 'ready' } },
  ];
  for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, String(JSON.stringify(m)));
});

test('prototype pollution: __proto__ and constructor keys are dropped, and inherited fields are never read', () => {
  const polluted = JSON.parse('{"type":"ready","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown;
  const ready = parseWebviewMessage(polluted);
  assert.deepEqual(ready, { type: 'ready' });
  assert.equal(Object.getPrototypeOf(ready), Object.prototype);
  assert.deepEqual(Object.keys(ready), ['type']);
  assert.equal(({} as { polluted?: boolean }).polluted, undefined);

  // Fields carried by a __proto__ key (JSON makes it an own property) are not the message's.
  assert.equal(parseWebviewMessage(JSON.parse('{"type":"readPage","__proto__":{"requestId":1,"offset":0,"length":10}}')), undefined);
  // Nor are fields of an object's prototype: a message is its own properties only.
  assert.equal(parseWebviewMessage(Object.create({ type: 'ready' }) as unknown), undefined);
  assert.equal(parseWebviewMessage(Object.assign(Object.create({ requestId: 1, offset: 0, length: 10 }) as object, { type: 'readPage' })), undefined);

  // Even with Object.prototype itself polluted (another extension's bug), a missing field stays missing.
  const proto = Object.prototype as Record<string, unknown>;
  proto.length = 10;
  proto.requestId = 1;
  try {
    assert.equal(parseWebviewMessage({ type: 'readPage', offset: 0 }), undefined);
    assert.equal(parseWebviewMessage({ type: 'edit', edit: { kind: 'delete', offset: 0 } }), undefined);
  } finally {
    delete proto.length;
    delete proto.requestId;
  }

  // Extra fields never reach the host: the message is rebuilt from its checked fields.
  const page = parseWebviewMessage({ type: 'readPage', requestId: 1, offset: 0, length: 10, path: '/etc/passwd', then: () => undefined });
  assert.deepEqual(page, { type: 'readPage', requestId: 1, offset: 0, length: 10 });
  const find = parseWebviewMessage({ ...VALID.find[0], query: { ...query, flags: 'g', exec: 'x' } });
  assert.deepEqual(find, VALID.find[0]);
});
