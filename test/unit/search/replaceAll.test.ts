// Replace All and Replace over documents with unsaved edits: matching and the expansion of
// `$1`, `$0`, `${name}` (and JavaScript's `$&`, `$<name>`) both run in the engine's PCRE2, at the
// match, with its context — checked against JavaScript's String.replace over a plain model of
// the same edits, for the syntax both read alike, and against hand-made answers for what only
// PCRE2 has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditJournal } from '../../../extension/edits/editJournal';
import { openMappedFile } from '../../../extension/engine';
import { documentSearch } from '../../../extension/search/documentSearch';
import { replaceAll, replacementAt } from '../../../extension/search/replaceService';
import { replacementTemplate } from '../../../extension/search/replacementTemplate';
import type { FindQuery } from '../../../shared/protocol';
import { rng, tempDir, writeTemp } from '../native/support';
import { randomEdits, randomText } from './editedDocument';

const dir = tempDir('lfe-replace-');
let files = 0;
const mapped = (data: Uint8Array) => openMappedFile(writeTemp(dir, `base-${files++}.txt`, data), 'read');
const regex = (pattern: string, matchCase = true): FindQuery => ({ pattern, mode: 'regex', matchCase, wholeWord: false });
const text = (j: EditJournal) => Buffer.from(j.read(0, j.size)).toString('latin1');

/** [pattern, our replacement, the same in JavaScript's syntax]. */
const CASES: Array<[string, string, string]> = [
  ['(a+)(b)', '[$2$1]', '[$2$1]'],
  ['a(?<x>b+)', '${x}-$<x>-$0-$&', '$<x>-$<x>-$&-$&'],
  ['(?<w>A)|(b)', '<$1|$2>', '<$1|$2>'], // a group that took no part inserts nothing
  ['(_)(\\w)', '$$1=${2}0 $ $', '$$1=$20 $ $'],
  ['b*', '($0)', '($&)'], // empty matches
  ['(?<=a)(b)', '$1$1', '$1$1'], // look-behind: the context before the match
  ['^(\\w)', '$1$1', '$1$1'],
];

test('Replace All with groups over random edits equals String.replace over the edited bytes', async () => {
  const random = rng(303);
  for (let seed = 0; seed < 30; seed++) {
    const base = randomText(random, 500 + Math.floor(random() * 3000));
    for (const [pattern, ours, theirs] of CASES) {
      const file = mapped(base);
      try {
        const { journal, model, log } = randomEdits(random, file, base, 1 + Math.floor(random() * 15));
        const expected = model.toString('latin1').replace(new RegExp(pattern, 'gm'), theirs);
        const r = await replaceAll(journal, documentSearch(journal, file), regex(pattern), ours, 'latin1');
        assert.equal(typeof r, 'object', JSON.stringify(r));
        const got = text(journal);
        if (got !== expected) assert.fail(`/${pattern}/ -> ${ours}, seed ${seed}, after ${log.join('; ')}:\n${JSON.stringify(got)}\n${JSON.stringify(expected)}`);
        // One undo step gives the edited document back.
        if (typeof r === 'object' && r.count > 0) journal.undo();
        assert.equal(text(journal), model.toString('latin1'));
      } finally {
        file.close();
      }
    }
  }
});

test('what only PCRE2 has: \\K, possessive and atomic groups, UTF-8 around named groups, ${n} before a digit', async () => {
  const file = mapped(Buffer.from('key=12 key=345 aaab «uni=9»\n', 'utf8'));
  try {
    const journal = new EditJournal(file);
    journal.insert(0, Buffer.from('key=0 ', 'utf8'));
    const all = async (find: FindQuery, replacement: string, encoding = 'utf-8') => {
      const r = await replaceAll(journal, documentSearch(journal, file), find, replacement, encoding);
      assert.equal(typeof r, 'object', JSON.stringify(r));
      return Buffer.from(journal.read(0, journal.size)).toString('utf8');
    };
    assert.equal(await all(regex('key=\\K(\\d)(\\d*)'), '${1}0$2'), 'key=00 key=102 key=3045 aaab «uni=9»\n');
    assert.equal(await all(regex('a++b'), '<$0>'), 'key=00 key=102 key=3045 <aaab> «uni=9»\n');
    assert.equal(await all(regex('(?<name>\\w+)=(?>\\d+)'), '${name}: €'), 'key: € key: € key: € <aaab> «uni: €»\n');
    journal.undo();
    journal.undo();
    journal.undo();
    assert.equal(Buffer.from(journal.read(0, journal.size)).toString('utf8'), 'key=0 key=12 key=345 aaab «uni=9»\n');
    // A group the pattern does not have is an error that changes nothing.
    await assert.rejects(replaceAll(journal, documentSearch(journal, file), regex('(k)ey'), '$2', 'utf-8'), (e: { code?: string }) => e.code === 'EBADREPLACEMENT');
    assert.equal(Buffer.from(journal.read(0, journal.size)).toString('utf8'), 'key=0 key=12 key=345 aaab «uni=9»\n');
  } finally {
    file.close();
  }
});

test('Replace (one match) expands its groups at that match, with the context around it', async () => {
  const file = mapped(Buffer.from('x=1 y=2 x=3\n', 'latin1'));
  try {
    const journal = new EditJournal(file);
    journal.overwrite(8, Buffer.from('z')); // "x=1 y=2 z=3"
    const doc = documentSearch(journal, file);
    const find = regex('(?<=[xz])=(\\d)');
    const at = async (offset: number, length: number) => {
      const r = await replacementAt(doc, find, ':$1$1', 'latin1', { offset, length });
      return typeof r === 'string' ? r : Buffer.from(r).toString('latin1');
    };
    assert.equal(await at(1, 2), ':11');
    assert.equal(await at(9, 2), ':33'); // after the edit
    assert.match(await at(5, 2), /no longer there/); // y=2: the look-behind fails there
    assert.deepEqual(await replacementAt(doc, find, 'plain', 'latin1', { offset: 5, length: 2 }), new Uint8Array(Buffer.from('plain')));
  } finally {
    file.close();
  }
});

test('replacement templates: references, literal dollars and the document\'s encoding', () => {
  const t = (r: string, encoding = 'utf-8') => Buffer.from(replacementTemplate(r, encoding)).toString('latin1');
  assert.equal(t('$1$12${3}$name${n_2}$<x>$&$0'), '${1}${12}${3}${name}${n_2}${x}${0}${0}');
  assert.equal(t('$$ $ $- US$'), '$$ $$ $$- US$$');
  assert.equal(t('é$1'), 'Ã©${1}'); // UTF-8 bytes of é, seen as latin1
  assert.equal(t('é$1', 'latin1'), 'é${1}');
  assert.equal(t('$1$', 'utf-16le'), '${1}$$\u0000');
});
