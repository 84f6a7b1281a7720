// A file that changed on disk is taken for a log that grew only when it did: the same file, not
// shorter, and the bytes before the old end unchanged. Then the webviews keep their line numbers;
// anything else (a rewrite of the tail, a file renamed over it, a truncation) numbers again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileIdentity as identityOf, onlyGrew, sampleTail } from '../../../extension/appendCheck';
import { fingerprintFile } from '../../../extension/save';
import type { ByteReader } from '../../../extension/reader';

/** The file's bytes as they are now (the oracle of a mapping). */
function reader(file: string): ByteReader {
  const bytes = new Uint8Array(readFileSync(file));
  return {
    size: bytes.length,
    read: (offset, length) => bytes.slice(offset, Math.min(bytes.length, offset + length)),
    readInto: (offset, target) => {
      const part = bytes.subarray(offset, offset + target.length);
      target.set(part);
      return part.length;
    },
  };
}

function withLog(body: (file: string, dir: string) => void): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lfe-append-'));
  try {
    const file = path.join(dir, 'app.log');
    writeFileSync(file, Array.from({ length: 1000 }, (_, i) => `line ${i} of the log\n`).join(''));
    body(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The file's identity as the document has it: from its fingerprint. */
const fileIdentity = (file: string) => identityOf(fingerprintFile(file));

const sampled = (file: string) => sampleTail(reader(file), fileIdentity(file));

test('lines appended: the file only grew', () => {
  withLog((file) => {
    const sample = sampled(file);
    appendFileSync(file, 'one more line\n');
    assert.equal(onlyGrew(sample, reader(file), fileIdentity(file)), true);
  });
});

test('unchanged (a touch): the file only grew, by nothing', () => {
  withLog((file) => {
    const sample = sampled(file);
    assert.equal(onlyGrew(sample, reader(file), fileIdentity(file)), true);
  });
});

test('a byte before the old end rewritten, and lines appended: not a log that grew', () => {
  withLog((file) => {
    const sample = sampled(file);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = 0x58;
    writeFileSync(file, bytes);
    appendFileSync(file, 'one more line\n');
    assert.equal(onlyGrew(sample, reader(file), fileIdentity(file)), false);
  });
});

test('another file renamed over it, with the same bytes and more: not the same file', () => {
  withLog((file, dir) => {
    const sample = sampled(file);
    const other = path.join(dir, 'other.log');
    writeFileSync(other, Buffer.concat([readFileSync(file), Buffer.from('rotated in\n')]));
    renameSync(other, file);
    assert.equal(onlyGrew(sample, reader(file), fileIdentity(file)), false);
  });
});

test('truncated, or never sampled: not a log that grew', () => {
  withLog((file) => {
    const sample = sampled(file);
    writeFileSync(file, 'short\n');
    assert.equal(onlyGrew(sample, reader(file), fileIdentity(file)), false);
    assert.equal(onlyGrew(undefined, reader(file), fileIdentity(file)), false);
    assert.equal(onlyGrew(sample, reader(file), undefined), false, 'a file that cannot be stat-ed');
  });
});
