// Find over a document with unsaved edits must see what the user sees: checked against a naive
// search of a plain Buffer model of the same edits, over random data, edits and patterns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditJournal } from '../../../extension/edits/editJournal';
import { openMappedFile, SearchQuery } from '../../../extension/engine';
import { ContentScan } from '../../../extension/search/contentScan';
import { DENSE_PIECES, JournalSearch, REGEX_REACH } from '../../../extension/search/journalSearch';
import { literalMask, Match, oracleBytes, oracleRegex, rng, tempDir, writeTemp } from '../native/support';

/** A small alphabet so patterns match often, next to edits and across them. */
function randomText(random: () => number, n: number): Buffer {
  const alphabet = 'abAB_ \n';
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return Buffer.from(s, 'latin1');
}

function oracle(data: Uint8Array, q: SearchQuery): Match[] {
  if (q.kind === 'regex') return oracleRegex(data, q.pattern as string, !!q.ignoreCase, !!q.wholeWord);
  if (q.kind === 'hex') {
    const cells = (q.pattern as string).replace(/\s+/g, '').match(/../g)!;
    const value = cells.map((c) => (c === '??' ? 0 : parseInt(c, 16)));
    const mask = cells.map((c) => (c === '??' ? 0 : 0xff));
    return oracleBytes(data, value, mask, !!q.wholeWord);
  }
  const { value, mask } = literalMask(Buffer.from(q.pattern as string, 'latin1'), !!q.ignoreCase);
  return oracleBytes(data, value, mask, !!q.wholeWord);
}

/** A random edited document and its model (the same edits applied to a plain Buffer). */
function editedDocument(random: () => number, file: ReturnType<typeof openMappedFile>, baseBytes: Buffer, edits: number): { journal: EditJournal; model: Buffer } {
  const journal = new EditJournal(file);
  let model = Buffer.from(baseBytes);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (model.length + 1));
    const bytes = randomText(random, Math.floor(random() * 6));
    const kind = Math.floor(random() * 3);
    if (kind === 0 && at + bytes.length <= model.length) {
      journal.overwrite(at, bytes);
      bytes.copy(model, at);
    } else if (kind === 1) {
      journal.insert(at, bytes);
      model = Buffer.concat([model.subarray(0, at), bytes, model.subarray(at)]);
    } else {
      const n = Math.min(Math.floor(random() * 6), model.length - at);
      journal.delete(at, n);
      model = Buffer.concat([model.subarray(0, at), model.subarray(at + n)]);
    }
  }
  return { journal, model };
}

/** Every kind of query, with patterns that match often in randomText. */
const queries: SearchQuery[] = [
  { kind: 'literal', pattern: 'ab' },
  { kind: 'literal', pattern: 'aB', ignoreCase: true },
  { kind: 'literal', pattern: 'ab', wholeWord: true },
  { kind: 'literal', pattern: 'aaa' },
  { kind: 'hex', pattern: '61 ?? 62' },
  { kind: 'regex', pattern: 'a+b' },
  { kind: 'regex', pattern: '^b', ignoreCase: true },
];

test('find-all over an edited document equals a naive search of the edited bytes', async () => {
  const dir = tempDir('lfe-jsearch-');
  for (let seed = 1; seed <= 60; seed++) {
    const random = rng(seed);
    const baseBytes = randomText(random, 2000 + Math.floor(random() * 3000));
    const file = openMappedFile(writeTemp(dir, `base-${seed}.txt`, baseBytes), 'read');
    try {
      const { journal, model } = editedDocument(random, file, baseBytes, 1 + Math.floor(random() * 12));
      assert.deepEqual(Buffer.from(journal.read(0, journal.size)), model, 'the journal holds the model');
      const search = new JournalSearch(journal, file);
      for (const q of queries) {
        const result = await search.findAll(q).done;
        const got = (result.matches ?? []).map((m): Match => [m.offset, m.length]);
        assert.deepEqual(got, oracle(model, q), `seed ${seed}, ${JSON.stringify(q)}`);
        // Next from a random point: the first oracle match at or after it (wrapping).
        const from = Math.floor(random() * model.length);
        const expected = oracle(model, q);
        const next = await search.findNext(q, { from, wrap: true }).done;
        const want = expected.find(([o]) => o >= from) ?? expected[0];
        assert.deepEqual(next ? [next.offset, next.length] : undefined, want, `next from ${from}, seed ${seed}`);
      }
    } finally {
      file.close();
    }
  }
});

test('find-all caps the results and says it did', async () => {
  const dir = tempDir('lfe-jsearch-cap-');
  const file = openMappedFile(writeTemp(dir, 'cap.txt', 'ab '.repeat(1000)), 'read');
  try {
    const journal = new EditJournal(file);
    journal.insert(1500, Buffer.from('ab ab '));
    const r = await new JournalSearch(journal, file).findAll({ kind: 'literal', pattern: 'ab' }, { maxResults: 10 }).done;
    assert.equal(r.count, 10);
    assert.equal(r.truncated, true);
  } finally {
    file.close();
  }
});

test('the content scan (documents with very many edits) equals a naive search, across chunk seams', async () => {
  const dir = tempDir('lfe-jscan-');
  for (let seed = 1; seed <= 30; seed++) {
    const random = rng(1000 + seed);
    const baseBytes = randomText(random, 2000 + Math.floor(random() * 3000));
    const file = openMappedFile(writeTemp(dir, `base-${seed}.txt`, baseBytes), 'read');
    try {
      const { journal, model } = editedDocument(random, file, baseBytes, 1 + Math.floor(random() * 40));
      const chunk = [7, 64, 1000][seed % 3];
      for (const q of queries) {
        const where = `seed ${seed}, chunk ${chunk}, ${JSON.stringify(q)}`;
        const scan = new ContentScan(journal, q, { reach: q.kind === 'regex' ? REGEX_REACH : Buffer.from(q.pattern as string).length || 3, context: q.kind === 'regex' ? 256 : 1, chunk });
        const expected = oracle(model, q);
        const all = await scan.findAll().done;
        assert.deepEqual((all.matches ?? []).map((m): Match => [m.offset, m.length]), expected, where);
        const from = Math.floor(random() * model.length);
        const next = await scan.findNext({ from, wrap: true }).done;
        assert.deepEqual(next ? [next.offset, next.length] : undefined, expected.find(([o]) => o >= from) ?? expected[0], `next from ${from}, ${where}`);
        const previous = await scan.findPrevious({ from, wrap: true }).done;
        const before = expected.filter(([o]) => o < from);
        assert.deepEqual(previous ? [previous.offset, previous.length] : undefined, before.length ? before[before.length - 1] : expected[expected.length - 1], `previous from ${from}, ${where}`);
      }
      // A range [start, end): the text ends at `end`; `ab` needs no context.
      const start = Math.floor(random() * model.length);
      const end = start + Math.floor(random() * (model.length - start));
      const ranged = await new ContentScan(journal, queries[0], { reach: 2, context: 1, chunk }).findAll({ start, end }).done;
      const inRange = oracle(model.subarray(start, end), queries[0]).map(([o, l]): Match => [o + start, l]);
      assert.deepEqual((ranged.matches ?? []).map((m): Match => [m.offset, m.length]), inRange, `range [${start}, ${end}), seed ${seed}`);
    } finally {
      file.close();
    }
  }
});

test('a document with a Replace All of 500,000 matches is searched by scanning, in turns, and finds what a naive search finds', async () => {
  const dir = tempDir('lfe-jdense-');
  const text = Buffer.from('key=ab; x\n'.repeat(500_000), 'latin1'); // 5 MB: more than one chunk
  const file = openMappedFile(writeTemp(dir, 'dense.txt', text), 'read');
  try {
    const journal = new EditJournal(file);
    const offsets: number[] = [];
    for (let i = text.indexOf('ab'); i >= 0; i = text.indexOf('ab', i + 2)) offsets.push(i);
    journal.replaceAll({ offsets, lengths: offsets.map(() => 2) }, Buffer.from('aB'));
    assert.ok(journal.pieceCount > DENSE_PIECES);
    const model = Buffer.from(journal.read(0, journal.size));
    const search = new JournalSearch(journal, file);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const q: SearchQuery = { kind: 'literal', pattern: 'y=aB' };
    const r = await search.findAll(q).done;
    clearInterval(ticker);
    assert.deepEqual((r.matches ?? []).map((m): Match => [m.offset, m.length]), oracle(model, q));
    assert.equal(r.count, 500_000);
    const next = await search.findNext(q, { from: 100_001 }).done;
    assert.deepEqual(next, { offset: 100_002, length: 4 }); // line 10,000
    const previous = await search.findPrevious(q, { from: 100_001 }).done;
    assert.deepEqual(previous, { offset: 99_992, length: 4 });
    assert.ok(turns > 0, 'other work ran between the chunks of the scan');
  } finally {
    file.close();
  }
});
