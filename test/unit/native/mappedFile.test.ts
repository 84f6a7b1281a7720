// MappedFile: modes, reads copied into V8 memory, writes, flush, close, typed errors, and offsets
// past 4 GiB on sparse files.
import { test } from 'node:test';
import { readableCopy } from '../../support/unprivileged';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { EngineError, openMappedFile } from '../../../extension/engine';
import { repoRoot, tempDir, writeTemp } from './support';

const dir = tempDir();
const GiB = 1024 ** 3;

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof EngineError, `expected an EngineError, got ${String(e)}`);
    return (e).code;
  }
  assert.fail('expected an error');
}

test('read mode: size, copies of ranges, clipping at the end, readInto', () => {
  const file = writeTemp(dir, 'read.bin', Buffer.from('0123456789abcdef'));
  const f = openMappedFile(file, 'read');
  assert.equal(f.size, 16);
  assert.equal(f.access, 'read');
  assert.equal(f.read(2, 4).toString(), '2345');
  assert.equal(f.read(14, 100).toString(), 'ef');
  assert.equal(f.read(16, 10).length, 0);
  assert.equal(f.read(1000, 10).length, 0);
  const target = new Uint8Array(8);
  assert.equal(f.readInto(12, target), 4);
  assert.equal(Buffer.from(target.subarray(0, 4)).toString(), 'cdef');
  assert.equal(codeOf(() => f.write(0, Buffer.from('x'))), 'EPERM');
  assert.equal(codeOf(() => f.read(-1, 2)), 'EINVAL');
  // The buffer is a copy: changing it does not change what the next read sees.
  const copy = f.read(0, 4);
  copy.fill(0x41);
  assert.equal(f.read(0, 4).toString(), '0123');
  f.close();
});

test('zero-length file opens with size 0 with either access; every read is empty', () => {
  const file = writeTemp(dir, 'empty.bin', '');
  for (const access of ['read', 'write'] as const) {
    const f = openMappedFile(file, access);
    assert.equal(f.size, 0);
    assert.equal(f.read(0, 100).length, 0);
    assert.equal(f.readInto(0, new Uint8Array(4)), 0);
    f.flush();
    f.close();
  }
});

test('write mode writes through the mapping; flush makes it visible to fs', () => {
  const file = writeTemp(dir, 'write.bin', Buffer.from('hello world'));
  const f = openMappedFile(file, 'write');
  assert.equal(f.write(6, Buffer.from('WORLD')), 5);
  assert.equal(f.read(0, 11).toString(), 'hello WORLD');
  f.flush();
  assert.equal(fs.readFileSync(file, 'utf8'), 'hello WORLD');
  assert.equal(codeOf(() => f.write(8, Buffer.from('long'))), 'EINVAL'); // cannot grow the file
  f.close();
});

test("a file is mapped 'read' or 'write' only: Copy is the host's mode, not the engine's", () => {
  const file = writeTemp(dir, 'access.bin', 'abc');
  // A caller that still asks for a copy mapping learns it at once, not by writes landing somewhere.
  assert.equal(codeOf(() => openMappedFile(file, 'copy' as never)), 'EINVAL');
  const w = openMappedFile(file, 'write');
  assert.equal(w.access, 'write');
  w.close();
});

test('close is idempotent and every later call is ECLOSED', async () => {
  const file = writeTemp(dir, 'close.bin', 'abc');
  const f = openMappedFile(file, 'write');
  f.close();
  f.close();
  assert.equal(f.closed, true);
  assert.equal(codeOf(() => f.size), 'ECLOSED');
  assert.equal(codeOf(() => f.read(0, 1)), 'ECLOSED');
  assert.equal(codeOf(() => f.readInto(0, new Uint8Array(1))), 'ECLOSED');
  assert.equal(codeOf(() => f.write(0, Buffer.from('x'))), 'ECLOSED');
  assert.equal(codeOf(() => f.flush()), 'ECLOSED');
  assert.equal(codeOf(() => f.findAll({ pattern: 'a' })), 'ECLOSED');
  assert.equal(codeOf(() => f.indexLines()), 'ECLOSED');
});

test('a forgotten file is released by the finalizer', () => {
  // Open many mappings without closing them; with --expose-gc the finalizers unmap them.
  const script = `
    const b = require(${JSON.stringify(path.join(repoRoot, 'dist', 'lfe.node'))});
    const fs = require('fs');
    const maps = () => fs.readFileSync('/proc/self/maps', 'utf8').split('\\n').filter((l) => l.includes(${JSON.stringify(file())})).length;
    for (let i = 0; i < 50; i++) new b.MappedFile(${JSON.stringify(file())}, 'read');
    const before = maps();
    global.gc(); global.gc();
    setTimeout(() => { global.gc(); console.log(JSON.stringify({ before, after: maps() })); }, 50);
  `;
  function file() {
    return path.join(dir, 'finalize.bin');
  }
  fs.writeFileSync(file(), 'x'.repeat(100));
  if (process.platform !== 'linux') return;
  const out = execFileSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
  const { before, after } = JSON.parse(out);
  assert.equal(before, 50);
  assert.ok(after < 5, `mappings left after GC: ${after}`);
});

test('typed errors: missing, directory, FIFO, device, socket', async () => {
  assert.equal(codeOf(() => openMappedFile(path.join(dir, 'missing'), 'read')), 'ENOENT');
  assert.equal(codeOf(() => openMappedFile(dir, 'read')), 'EISDIR');
  assert.equal(codeOf(() => openMappedFile(dir, 'write')), 'EISDIR');
  const fifo = path.join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  assert.equal(codeOf(() => openMappedFile(fifo, 'read')), 'ENOTREG'); // and does not hang
  assert.equal(codeOf(() => openMappedFile('/dev/zero', 'read')), 'ENOTREG');
  const sock = path.join(dir, 'sock');
  const server = net.createServer().listen(sock);
  await new Promise((r) => server.once('listening', r));
  try {
    assert.equal(codeOf(() => openMappedFile(sock, 'read')), 'ENOTREG');
  } finally {
    server.close();
  }
  // The message names the file.
  try {
    openMappedFile(path.join(dir, 'missing'), 'read');
  } catch (e) {
    assert.match((e as Error).message, /missing/);
  }
});

test('permission denied, and a read-only file opened for write (as an unprivileged user)', (t) => {
  // root bypasses file permissions, so the checks run in a child that drops to uid 65534.
  const secret = writeTemp(dir, 'secret.txt', 'secret');
  fs.chmodSync(secret, 0o000);
  const readonly = writeTemp(dir, 'readonly.txt', 'readonly');
  fs.chmodSync(readonly, 0o444);
  fs.chmodSync(dir, 0o755);
  const probe = `
    const { setAddonPath, openMappedFile } = require(${JSON.stringify(readableCopy(path.join(repoRoot, 'out', 'test', 'unit', 'native', 'engineForChild.js')))});
    setAddonPath(${JSON.stringify(readableCopy(path.join(repoRoot, 'dist', 'lfe.node')))});
    if (process.getuid() === 0) process.setuid(65534);
    const code = (f) => { try { f(); return 'ok'; } catch (e) { return e.code + ': ' + e.message; } };
    const ro = () => { const f = openMappedFile(${JSON.stringify(readonly)}, 'read'); const s = f.read(0, 8).toString(); f.close(); return s; };
    console.log(JSON.stringify({
      uid: process.getuid(),
      secret: code(() => openMappedFile(${JSON.stringify(secret)}, 'read')),
      writeReadonly: code(() => openMappedFile(${JSON.stringify(readonly)}, 'write')),
      readReadonly: ro(),
    }));
  `;
  const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  if (r.status !== 0 && /EPERM|setuid/.test(r.stderr)) {
    t.skip(`cannot drop privileges here: ${r.stderr.trim()}`);
    return;
  }
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  if (out.uid === 0) {
    t.skip('running as root without the ability to drop privileges');
    return;
  }
  assert.match(out.secret, /^EACCES: .*secret\.txt/);
  assert.match(out.writeReadonly, /^(EACCES|EROFS): .*readonly\.txt/);
  assert.equal(out.readReadonly, 'readonly');
});

for (const size of [8 * GiB, 64 * GiB]) {
  test(`offsets past 4 GiB on a sparse ${size / GiB} GiB file, with either access`, async () => {
    const file = path.join(dir, `sparse-${size / GiB}.bin`);
    fs.closeSync(fs.openSync(file, 'w'));
    fs.truncateSync(file, size);
    const at = size - 3 * GiB + 12345; // well past 4 GiB
    try {
      // write: through the mapping, flushed, seen by fs.
      const w = openMappedFile(file, 'write');
      assert.equal(w.size, size);
      w.write(at, Buffer.from('FAR AWAY'));
      w.flush();
      w.close();
      const fd = fs.openSync(file, 'r');
      const check = Buffer.alloc(8);
      fs.readSync(fd, check, 0, 8, at);
      fs.closeSync(fd);
      assert.equal(check.toString(), 'FAR AWAY');

      // read: the bytes and a search around them.
      const r = openMappedFile(file, 'read');
      assert.equal(r.size, size);
      assert.equal(r.read(at, 8).toString(), 'FAR AWAY');
      assert.equal(r.read(size - 4, 100).length, 4);
      const found = await r.findNext({ pattern: 'AWAY' }, { from: at - 1_000_000, end: at + 1_000_000 }).done;
      assert.deepEqual(found, { offset: at + 4, length: 4 });
      const all = await r.findAll({ pattern: 'FAR' }, { start: at - 5_000_000, end: at + 5_000_000 }).done;
      assert.deepEqual(all.matches, [{ offset: at, length: 3 }]);
      r.close();
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
}

test('readRanges / writeRanges: many ranges in one call, the same bytes as one read or write each', () => {
  const size = 1 << 20;
  const old = Buffer.alloc(size);
  for (let i = 0; i < size; i++) old[i] = (i * 7 + (i >> 9)) & 0xff;
  let seed = 17;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  {
    const file = writeTemp(dir, 'ranges-write.bin', old);
    const f = openMappedFile(file, 'write');
    const model = Buffer.from(old);
    // Sorted, non-overlapping, some touching, some empty, one at the very end.
    const offsets: number[] = [];
    const lengths: number[] = [];
    for (let at = random(50); at < size - 300; at += random(300)) {
      const length = Math.min(random(40), size - at);
      offsets.push(at);
      lengths.push(length);
      at += length;
    }
    offsets.push(size - 5);
    lengths.push(5);
    const o = Float64Array.from(offsets);
    const l = Float64Array.from(lengths);
    const total = lengths.reduce((a, b) => a + b, 0);
    const got = new Uint8Array(total);
    assert.equal(f.readRanges(o, l, got), total);
    const oracle = Buffer.concat(offsets.map((at, i) => old.subarray(at, at + lengths[i])));
    assert.ok(Buffer.from(got).equals(oracle));
    const fresh = Uint8Array.from({ length: total }, (_, i) => (i * 13) & 0xff);
    assert.equal(f.writeRanges(o, l, fresh), total);
    let at = 0;
    offsets.forEach((off, i) => {
      Buffer.from(fresh.subarray(at, at + lengths[i])).copy(model, off);
      at += lengths[i];
    });
    assert.ok(f.read(0, size).equals(model), 'the mapping reads back what was written');
    f.flush();
    assert.ok(fs.readFileSync(file).equals(model));
    // Bad ranges are refused whole, before any byte moves.
    const before = f.read(0, size);
    assert.equal(codeOf(() => f.writeRanges(Float64Array.of(10, 5), Float64Array.of(2, 2), new Uint8Array(4))), 'EINVAL'); // unsorted
    assert.equal(codeOf(() => f.writeRanges(Float64Array.of(0, size - 1), Float64Array.of(2, 2), new Uint8Array(4))), 'EINVAL'); // past the end
    assert.equal(codeOf(() => f.writeRanges(Float64Array.of(0), Float64Array.of(2), new Uint8Array(3))), 'EINVAL'); // lengths ≠ bytes
    assert.equal(codeOf(() => f.readRanges(Float64Array.of(0.5), Float64Array.of(2), new Uint8Array(2))), 'EINVAL');
    assert.ok(f.read(0, size).equals(before));
    f.close();
  }
  const readOnly = openMappedFile(writeTemp(dir, 'ranges-read.bin', old), 'read');
  assert.equal(codeOf(() => readOnly.writeRanges(Float64Array.of(0), Float64Array.of(1), new Uint8Array(1))), 'EPERM');
  readOnly.close();
});
