// Find over a document with unsaved edits must see what the user sees: checked against a naive
// search of a plain Buffer model of the same edits, over random data, edits and patterns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditJournal } from '../../../extension/edits/editJournal';
import { openMappedFile, SearchQuery } from '../../../extension/engine';
import { JournalSearch } from '../../../extension/search/journalSearch';
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

test('find-all over an edited document equals a naive search of the edited bytes', async () => {
  const dir = tempDir('lfe-jsearch-');
  const queries: SearchQuery[] = [
    { kind: 'literal', pattern: 'ab' },
    { kind: 'literal', pattern: 'aB', ignoreCase: true },
    { kind: 'literal', pattern: 'ab', wholeWord: true },
    { kind: 'literal', pattern: 'aaa' },
    { kind: 'hex', pattern: '61 ?? 62' },
    { kind: 'regex', pattern: 'a+b' },
    { kind: 'regex', pattern: '^b', ignoreCase: true },
  ];
  for (let seed = 1; seed <= 60; seed++) {
    const random = rng(seed);
    const baseBytes = randomText(random, 2000 + Math.floor(random() * 3000));
    const file = openMappedFile(writeTemp(dir, `base-${seed}.txt`, baseBytes), 'read');
    try {
      const journal = new EditJournal(file);
      let model = Buffer.from(baseBytes);
      const edits = 1 + Math.floor(random() * 12);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (model.length + 1));
        const len = Math.floor(random() * 6);
        const bytes = randomText(random, Math.floor(random() * 6));
        const kind = Math.floor(random() * 3);
        if (kind === 0 && at + bytes.length <= model.length) {
          journal.overwrite(at, bytes);
          bytes.copy(model, at);
        } else if (kind === 1) {
          journal.insert(at, bytes);
          model = Buffer.concat([model.subarray(0, at), bytes, model.subarray(at)]);
        } else {
          const n = Math.min(len, model.length - at);
          journal.delete(at, n);
          model = Buffer.concat([model.subarray(0, at), model.subarray(at + n)]);
        }
      }
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
