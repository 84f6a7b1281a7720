// Scanning a file must not leave it all mapped into the process: the kernel charges file pages
// mapped by one process alone to that process (Private_Clean), so a search over a 10 GB file
// would show as 10 GB of the extension host's own memory. Searches and the line index unmap
// what they have read as they go; the pages stay in the page cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EditJournal } from '../../../extension/edits/editJournal';
import { openDocument, openMappedFile } from '../../../extension/engine';
import { tempDir, writeTemp } from './support';

const dir = tempDir();
const MiB = 1024 * 1024;

/** Resident kB of this process's mappings of `file` (from /proc/self/smaps). */
function residentKb(file: string): number {
  let total = 0;
  let inFile = false;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) inFile = line.endsWith(` ${file}`);
    else if (inFile && line.startsWith('Rss:')) total += Number(/(\d+)/.exec(line)![1]);
  }
  return total;
}

test('a search and a line index leave none of a 64 MiB file mapped', { skip: process.platform !== 'linux' }, async () => {
  const bytes = Buffer.alloc(64 * MiB, 'line of text\n');
  const file = writeTemp(dir, 'scanned.txt', bytes);
  const f = openMappedFile(file, 'read');
  try {
    // Reading maps pages in: the measurement sees them.
    for (let at = 0; at < bytes.length; at += 4096 * 16) f.read(at, 1);
    assert.ok(residentKb(file) > 2 * 1024, `reads map pages in (${residentKb(file)} kB)`);

    // Many small segments on two threads: each reads a little before its start, where a
    // neighbour may already have released.
    const found = await f.findAll({ kind: 'literal', pattern: Buffer.from('no such text') }, { threads: 2, segment: 64 * 1024 }).done;
    assert.equal(found.count, 0);
    assert.ok(residentKb(file) < 256, `after a search: ${residentKb(file)} kB of the file still mapped`);

    const index = f.indexLines();
    const lines = await index.done;
    let newlines = 0;
    for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) newlines++;
    assert.equal(lines.newlines, newlines);
    assert.ok(residentKb(file) < 256, `after the line index: ${residentKb(file)} kB of the file still mapped`);
    // Released pages read back the same bytes.
    assert.equal(f.read(13 * 1000, 13).toString(), 'line of text\n');
  } finally {
    f.close();
  }
});

test('counting line breaks in many ranges (an edited document\'s line count) leaves at most 64 MiB of the file mapped', { skip: process.platform !== 'linux' }, async () => {
  const bytes = Buffer.alloc(192 * MiB, 'line of text\n');
  const file = writeTemp(dir, 'counted.txt', bytes);
  const f = openMappedFile(file, 'read');
  try {
    const index = f.indexLines();
    await index.done;
    // Batches of ranges 600 bytes apart over the whole file, as a Replace All leaves them.
    const n = 256;
    const starts = new Float64Array(n);
    const lengths = new Float64Array(n).fill(593);
    const flags = new Uint8Array(n);
    let breaks = 0;
    for (let at = 0; at + n * 600 <= bytes.length; at += n * 600) {
      for (let i = 0; i < n; i++) starts[i] = at + i * 600;
      breaks += index.countBreaks(starts, lengths, flags)!;
    }
    assert.ok(breaks > 0);
    assert.ok(residentKb(file) <= 64 * 1024 + 1024, `after counting: ${residentKb(file)} kB of the file still mapped`);
  } finally {
    f.close();
  }
});

test('a search of an edited document leaves none of its 64 MiB file mapped, whatever its windows are made of', { skip: process.platform !== 'linux' }, async () => {
  const bytes = Buffer.alloc(64 * MiB, 'line of text\n');
  const file = writeTemp(dir, 'edited.txt', bytes);
  const f = openMappedFile(file, 'read');
  try {
    const journal = new EditJournal(f);
    // Same-length replacements in the first half (one copy a window), an insert in the middle,
    // then replacements of another length (piece by piece), and an unedited tail (no copy).
    const same: number[] = [];
    for (let at = 5; at < 32 * MiB; at += 1000 * 13) same.push(at);
    journal.replaceAll({ offsets: same, lengths: same.map(() => 2) }, Buffer.from('OF'));
    journal.insert(32 * MiB, Buffer.from('inserted'));
    const other: number[] = [];
    for (let at = 40 * MiB + 5; at < 48 * MiB; at += 777 * 13) other.push(at);
    journal.replaceAll({ offsets: other, lengths: other.map(() => 2) }, Buffer.from('x'));
    for (let at = 0; at < bytes.length; at += 4096 * 16) f.read(at, 1);
    assert.ok(residentKb(file) > 2 * 1024, `reads map pages in (${residentKb(file)} kB)`);
    const doc = openDocument(f, journal.enginePieces());
    const found = await doc.findAll({ kind: 'literal', pattern: Buffer.from('no such text') }, { threads: 2, segment: 64 * 1024 }).done;
    assert.equal(found.count, 0);
    assert.ok(residentKb(file) < 256, `after a search: ${residentKb(file)} kB of the file still mapped`);
    const regex = await doc.findAll({ kind: 'regex', pattern: 'OF text\\nline' }, { threads: 2 }).done;
    assert.equal(regex.count, same.length);
    assert.ok(residentKb(file) < 256, `after a regex search: ${residentKb(file)} kB of the file still mapped`);
  } finally {
    f.close();
  }
});
