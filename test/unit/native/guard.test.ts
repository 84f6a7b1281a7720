// The fault guard: another process truncates and regrows the file while reads, searches and the
// line index run in a loop. This process must survive (a SIGBUS would kill it and fail the run),
// see EFILECHANGED, and WebAssembly bounds traps (which V8 handles through its own SIGSEGV
// handler, chained behind ours) must still work afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EditJournal } from '../../../extension/edits/editJournal';
import { EngineError, MappedFile, openDocument, openMappedFile, timeOf, toEngineError } from '../../../extension/engine';
import { documentSearch } from '../../../extension/search/documentSearch';
import { replaceAll } from '../../../extension/search/replaceService';
import { tempDir } from './support';

const SIZE = 32 * 1024 * 1024;

function wasmLoad(): (address: number) => number {
  // (module (memory 1) (func (export "load") (param i32) (result i32) local.get 0 i32.load))
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01,
    0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x08, 0x01, 0x04, 0x6c, 0x6f, 0x61, 0x64, 0x00, 0x00, 0x0a, 0x09, 0x01,
    0x07, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0b,
  ]);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  return instance.exports.load as (address: number) => number;
}

/** A log of `size` bytes in a new folder. */
function logFile(name: string, size: number): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, name);
  const line = Buffer.from('2026-03-01T00:00:00.000Z INFO pid=12345 GET /api/v1/items 200 user=Alice Smith\n');
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i += line.length) line.copy(data, i);
  fs.writeFileSync(file, data);
  return { dir, file };
}

/**
 * Runs `round(file, note)` again and again for 3 s while another process truncates the file to a
 * quarter and regrows it, every 3 ms; `note` records an error's code. Checks that this process
 * survived with EFILECHANGED as the only code, and saw it.
 */
async function underVandal(name: string, size: number, round: (file: string, note: (e: unknown) => void) => Promise<void>): Promise<void> {
  const { dir, file } = logFile(name, size);
  const vandal = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('fs'); const fd = fs.openSync(${JSON.stringify(file)}, 'r+');
       const nap = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
       const end = Date.now() + 20000;
       while (Date.now() < end) { fs.ftruncateSync(fd, ${size / 4}); nap(3); fs.ftruncateSync(fd, ${size}); nap(3); }`,
    ],
    { stdio: 'ignore' },
  );
  const codes = new Map<string, number>();
  const note = (e: unknown) => {
    const code = toEngineError(e).code;
    codes.set(code, (codes.get(code) ?? 0) + 1);
  };
  try {
    const until = Date.now() + 3000;
    let rounds = 0;
    while (Date.now() < until) {
      rounds++;
      await round(file, note);
    }
    assert.ok(rounds > 3, `only ${rounds} rounds ran`);
  } finally {
    vandal.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.LFE_DEBUG) console.log(JSON.stringify([...codes]));
  assert.ok((codes.get('EFILECHANGED') ?? 0) > 0, `never saw EFILECHANGED: ${JSON.stringify([...codes])}`);
  for (const code of codes.keys()) assert.equal(code, 'EFILECHANGED', `unexpected error code ${code}`);
}

test('truncation while reading, searching and indexing gives EFILECHANGED, not a crash', async () => {
  await underVandal('shrinking.log', SIZE, async (file, note) => {
    let f;
    try {
      f = openMappedFile(file, 'read');
    } catch (e) {
      note(e);
      return;
    }
    const size = f.size;
    try {
      for (let i = 0; i < 200; i++) f.read(Math.floor(Math.random() * size), 65536);
    } catch (e) {
      note(e);
    }
    const jobs = [
      f.findAll({ pattern: 'Smith' }, { collect: false }).done,
      f.findAll({ kind: 'regex', pattern: 'pid=\\d+' }, { collect: false }).done,
      f.indexLines().done,
    ];
    for (const r of await Promise.allSettled(jobs)) if (r.status === 'rejected') note(r.reason);
    f.close();
  });
});

test('WebAssembly out-of-bounds accesses still trap as RuntimeError with the guard installed', () => {
  const file = path.join(tempDir(), 'tiny.bin');
  fs.writeFileSync(file, 'x');
  openMappedFile(file, 'read').close(); // the addon (and its signal handler) is loaded
  const load = wasmLoad();
  assert.equal(load(0), 0);
  for (const address of [65536, 1 << 20, 0x7fffffff]) {
    assert.throws(() => load(address), (e: unknown) => e instanceof WebAssembly.RuntimeError);
  }
  assert.equal(load(4), 0); // and the instance keeps working
});

test('EngineError is what the door throws', () => {
  assert.throws(() => openMappedFile('/nonexistent/file', 'read'), EngineError);
});

test('every access path turns a truncated file into EFILECHANGED: read, readInto, write, search, index', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'cut.bin');
  const page = 4096;
  fs.writeFileSync(file, Buffer.alloc(64 * page, 'x'));
  const w = openMappedFile(file, 'write');
  fs.truncateSync(file, page); // everything past the first page is gone
  const code = (f: () => unknown) => {
    try {
      f();
      return 'ok';
    } catch (e) {
      return toEngineError(e).code;
    }
  };
  assert.equal(code(() => w.read(20 * page, 16)), 'EFILECHANGED');
  assert.equal(code(() => w.readInto(30 * page, new Uint8Array(8))), 'EFILECHANGED');
  assert.equal(code(() => w.write(40 * page, Buffer.from('boom'))), 'EFILECHANGED');
  assert.equal(w.read(0, 4).toString(), 'xxxx'); // what is still there reads fine
  await assert.rejects(w.findAll({ pattern: 'y' }).done, (e: { code?: string }) => e.code === 'EFILECHANGED');
  await assert.rejects(w.indexLines().done, (e: { code?: string }) => e.code === 'EFILECHANGED');
  w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An edited document over `f` whose windows take every path: pointer, one copy, piece by piece. */
function editedDocument(f: MappedFile): EditJournal {
  const journal = new EditJournal(f, { blockPieces: 16 });
  const offsets: number[] = [];
  for (let o = 0; o + 2 < f.size / 2; o += 97) offsets.push(o);
  journal.replaceAll({ offsets, lengths: offsets.map(() => 2) }, Buffer.from('yy')); // same length: one copy + patches
  journal.insert(Math.floor((f.size * 3) / 4), Buffer.from('inserted')); // then pieces at other distances
  journal.delete(Math.floor((f.size * 7) / 8), 3);
  return journal;
}

test('truncation under a search of an edited document gives EFILECHANGED: reads, searches, regexes, replacements', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'edited.bin');
  const page = 4096;
  fs.writeFileSync(file, Buffer.alloc(256 * page, 'ab x\n'));
  const f = openMappedFile(file, 'read');
  const journal = editedDocument(f);
  const doc = openDocument(f, journal.enginePieces());
  fs.truncateSync(file, page);
  const isChanged = (e: unknown) => toEngineError(e).code === 'EFILECHANGED';
  try {
    for (const at of [20 * page, 150 * page, 200 * page, 240 * page]) assert.throws(() => doc.read(at, 3 * page), isChanged, `read at ${at}`);
    assert.equal(Buffer.from(doc.read(0, 4)).toString(), 'yy x'); // what is still there reads fine
    await assert.rejects(doc.findAll({ pattern: 'zz' }).done, isChanged);
    await assert.rejects(doc.findAll({ kind: 'regex', pattern: 'y+[^y]{3}z' }, { threads: 2, window: 8192 }).done, isChanged);
    await assert.rejects(doc.findPrevious({ pattern: 'zz' }, { from: doc.size }).done, isChanged);
    await assert.rejects(doc.findNext({ pattern: 'zz' }, { from: 1000 }).done, isChanged);
    await assert.rejects(
      replaceAll(journal, documentSearch(journal, f), { pattern: '(x)', mode: 'regex', matchCase: true, wholeWord: false }, '$1$1', 'utf-8'),
      isChanged,
    );
  } finally {
    f.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The file mapped, or undefined with the error noted (it can be cut while it is opened). */
function openNoting(file: string, note: (e: unknown) => void): MappedFile | undefined {
  try {
    return openMappedFile(file, 'read');
  } catch (e) {
    note(e);
    return undefined;
  }
}

test('another process truncating and regrowing the file under searches of an edited document: EFILECHANGED, never a crash', async () => {
  await underVandal('edited-vandal.log', SIZE / 2, async (file, note) => {
    const f = openNoting(file, note);
    if (!f) return;
    try {
      if (f.size < SIZE / 2) return; // opened while cut: the edits below assume the whole file
      const doc = openDocument(f, editedDocument(f).enginePieces());
      for (let i = 0; i < 50; i++) {
        try {
          doc.read(Math.floor(Math.random() * doc.size), 65536);
        } catch (e) {
          note(e);
        }
      }
      const jobs = [
        doc.findAll({ pattern: 'Smith' }, { collect: false }).done,
        doc.findAll({ kind: 'regex', pattern: 'pid=\\d+' }, { collect: false }).done,
        doc.findAll({ kind: 'regex', pattern: 'user=(\\w+)' }, { replace: { template: Buffer.from('$1'), onMatches: () => undefined } }).done,
      ];
      for (const r of await Promise.allSettled(jobs)) if (r.status === 'rejected') note(r.reason);
    } catch (e) {
      note(e);
    } finally {
      f.close();
    }
  });
});

test('time in logs over a truncated file: detect, time at, go to time and the histogram give EFILECHANGED', async () => {
  const { dir, file } = logFile('cut-times.log', 8 * 1024 * 1024);
  const f = openMappedFile(file, 'read');
  try {
    const time = timeOf(f);
    const format = time.detect()!;
    assert.equal(format.name, 'iso8601');
    fs.truncateSync(file, 4096);
    const isChanged = (e: unknown) => toEngineError(e).code === 'EFILECHANGED';
    assert.throws(() => time.detect(), isChanged);
    assert.throws(() => time.at(6 * 1024 * 1024, format), isChanged);
    assert.ok(time.at(100, format), 'what is still there reads fine');
    await assert.rejects(time.goto(format.firstTime + 1, format).done, isChanged);
    await assert.rejects(time.histogram(format, { bucket: 1e6, query: { pattern: 'Smith' }, threads: 2 }).done, isChanged);
  } finally {
    f.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('another process truncating and regrowing the file under timelines and go-to-times: EFILECHANGED, never a crash', async () => {
  await underVandal('timeline-vandal.log', SIZE, async (file, note) => {
    const f = openNoting(file, note);
    if (!f) return;
    try {
      const time = timeOf(f);
      const format = time.detect();
      if (!format) return;
      const jobs = [
        time.histogram(format, { bucket: 1e6, query: [{ pattern: 'Smith' }, { pattern: 'GET', wholeWord: true }] }).done,
        time.goto(format.firstTime + 1, format).done,
      ];
      for (const r of await Promise.allSettled(jobs)) if (r.status === 'rejected') note(r.reason);
      for (let i = 0; i < 50; i++) time.at(Math.floor(Math.random() * f.size), format);
    } catch (e) {
      note(e);
    } finally {
      f.close();
    }
  });
});
