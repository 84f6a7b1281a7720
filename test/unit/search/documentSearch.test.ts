// Search over a document with unsaved edits runs in the engine (the same scan loop, matchers and
// PCRE2 as over the file), over the journal's own packed pieces. Checked against a naive search
// of a plain Buffer model of the same edits: random edit sequences (overwrite, insert, delete,
// replace, Replace All, undo, redo), every kind of query and operation, tiny windows and segments
// and several threads so that matches straddle windows, segments, pieces and edit seams.
import { test } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import assert from 'node:assert/strict';
import { EditJournal } from '../../../extension/edits/editJournal';
import { PieceList, encodeAddStart } from '../../../extension/edits/pieces';
import { PieceCursor } from '../../../extension/edits/pieceCodec';
import { decodePackedPieces, EngineDocument, FindAllOptions, openDocument, openMappedFile, SearchQuery, toEngineError } from '../../../extension/engine';
import { documentSearch } from '../../../extension/search/documentSearch';
import { SearchService } from '../../../extension/search/searchService';
import type { HostMessage } from '../../../shared/protocol';
import { Match, rng, tempDir, writeTemp } from '../native/support';
import { oracle, oracleNext, oraclePrevious, randomEdits, randomText } from './editedDocument';

// A collection on demand, to check the engine holds what JavaScript let go of.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const dir = tempDir('lfe-docsearch-');
let files = 0;

function mapped(data: Uint8Array) {
  return openMappedFile(writeTemp(dir, `base-${files++}.txt`, data), 'read');
}

const QUERIES: SearchQuery[] = [
  { kind: 'literal', pattern: 'ab' },
  { kind: 'literal', pattern: 'aB', ignoreCase: true },
  { kind: 'literal', pattern: 'ab', wholeWord: true },
  { kind: 'literal', pattern: 'aaa' },
  { kind: 'hex', pattern: '61 ?? 62' },
  { kind: 'regex', pattern: 'a+b' },
  { kind: 'regex', pattern: '^b', ignoreCase: true },
  { kind: 'regex', pattern: 'a$' },
  { kind: 'regex', pattern: '(?<=b)a+' },
  { kind: 'regex', pattern: '\\bA\\w*' },
  { kind: 'regex', pattern: 'b*' }, // empty matches everywhere
  { kind: 'regex', pattern: '_[^\\n]*_' }, // long matches: to the last _ of a line
];

const pairs = (ms: Array<{ offset: number; length: number }> | undefined): Match[] => (ms ?? []).map((m) => [m.offset, m.length]);

/**
 * Tuning that puts matches across windows, segments and threads. (A window of an edited document
 * is assembled whole even for a tiny segment: tiny segments go with small windows, or the test
 * spends its time copying.)
 */
function tuning(random: () => number): FindAllOptions {
  const [window, segment] = [[1, 0], [3, 64], [16, 5], [61, 1000], [4096, 100], [1 << 20, 0]][Math.floor(random() * 6)];
  return { window, segment, threads: 1 + Math.floor(random() * 3) };
}

test('the engine reads packed pieces exactly as the journal packs them (the two codecs agree)', () => {
  const random = rng(7);
  const scales = [1, 300, 70_000, 2 ** 31 + 5, 2 ** 33, 2 ** 49];
  for (let round = 0; round < 200; round++) {
    const list = new PieceList(1);
    const n = round === 0 ? 20_000 : 1 + Math.floor(random() * 300);
    for (let i = 0; i < n; i++) {
      const offset = Math.floor(random() * scales[Math.floor(random() * scales.length)]);
      const length = 1 + Math.floor(random() * [1, 100, 2 ** 20, 2 ** 32 - 2][Math.floor(random() * 4)]);
      list.push(random() < 0.5 ? offset : encodeAddStart(offset), length);
    }
    const block = list.seal();
    const expected: number[] = [];
    const c = new PieceCursor().reset(block);
    while (c.next()) expected.push(c.start, c.length);
    assert.deepEqual([...decodePackedPieces(block)], expected, `round ${round}`);
  }
  // Bytes that are not packed pieces are an error, never a read out of bounds.
  assert.throws(() => decodePackedPieces(Uint8Array.of(0x80)), (e: unknown) => toEngineError(e).code === 'EINVAL');
  assert.throws(() => decodePackedPieces(Uint8Array.of(3, 5)), (e: unknown) => toEngineError(e).code === 'EINVAL'); // starts before 0
});

test('the engine assembles an edited document byte for byte as the journal reads it', () => {
  const random = rng(21);
  for (let seed = 0; seed < 40; seed++) {
    const base = randomText(random, 3000 + Math.floor(random() * 5000));
    const file = mapped(base);
    try {
      const { journal, model, log } = randomEdits(random, file, base, 1 + Math.floor(random() * 25), [2, 4, 512][seed % 3]);
      const doc = openDocument(file, journal.enginePieces());
      assert.equal(doc.size, model.length);
      assert.deepEqual(doc.read(0, model.length), model, `whole document, ${log.join('; ')}`);
      for (let i = 0; i < 50; i++) {
        const at = Math.floor(random() * (model.length + 1));
        const n = Math.floor(random() * [4, 100, 5000][i % 3]);
        assert.deepEqual(doc.read(at, n), model.subarray(at, at + n), `read(${at}, ${n}) after ${log.join('; ')}`);
      }
    } finally {
      file.close();
    }
  }
});

test('find all, count, next, previous and checkpoints over random edits equal a naive search of the edited bytes', async () => {
  const random = rng(4711);
  for (let seed = 0; seed < 40; seed++) {
    const base = randomText(random, 1000 + Math.floor(random() * 3000));
    const file = mapped(base);
    try {
      const { journal, model, log } = randomEdits(random, file, base, 1 + Math.floor(random() * 20), [2, 5, 512][seed % 3]);
      const doc = openDocument(file, journal.enginePieces());
      for (const q of QUERIES) {
        const where = `seed ${seed}, ${JSON.stringify(q)}, after ${log.join('; ')}`;
        const expected = oracle(model, q);
        const options = tuning(random);
        const all = await doc.findAll(q, options).done;
        assert.deepEqual(pairs(all.matches), expected, `find all, ${JSON.stringify(options)}, ${where}`);
        const counted = await doc.findAll(q, { ...options, collect: false }).done;
        assert.equal(counted.count, expected.length, `count, ${where}`);
        const from = Math.floor(random() * (model.length + 1));
        const wrap = random() < 0.7;
        const next = await doc.findNext(q, { ...options, from, wrap }).done;
        assert.deepEqual(next ? [next.offset, next.length] : undefined, oracleNext(model, q, from, wrap), `next from ${from}, ${where}`);
        const previous = await doc.findPrevious(q, { ...options, from, wrap }).done;
        assert.deepEqual(previous ? [previous.offset, previous.length] : undefined, oraclePrevious(model, q, from, wrap, options.window), `previous from ${from}, ${where}`);
        // A capped find-all, and one from a match's offset (how the results panel lists rows).
        if (expected.length > 3) {
          const k = Math.floor(random() * expected.length);
          const ranged = await doc.findAll(q, { ...options, start: expected[k][0], maxResults: 3 }).done;
          assert.deepEqual(pairs(ranged.matches), expected.slice(k, k + 3), `from match ${k}, ${where}`);
        }
        // Checkpoints the engine chooses: every 5th match, or one 300 bytes past the last.
        const chosen: Match[] = [];
        let checkpointCount = 0;
        await doc.findAll(q, {
          ...options,
          checkpoints: {
            every: 5,
            gap: 300,
            onCheckpoints: (indexes, offsets, lengths, count) => {
              for (let i = 0; i < indexes.length; i++) {
                assert.deepEqual(expected[indexes[i]], [offsets[i], lengths[i]], `checkpoint ${indexes[i]}, ${where}`);
                chosen.push([offsets[i], lengths[i]]);
              }
              checkpointCount = count;
            },
          },
        }).done;
        assert.equal(checkpointCount, expected.length, `checkpoint count, ${where}`);
        let last = -1;
        const due = expected.filter(([o], i) => {
          const pick = last < 0 || i - last >= 5 || o - expected[last][0] >= 300;
          if (pick) last = i;
          return pick;
        });
        assert.deepEqual(chosen, due, `checkpoints, ${where}`);
      }
    } finally {
      file.close();
    }
  }
});

test('regex matches reach far past 4 KiB across hundreds of pieces and edit seams', async () => {
  // One 60 KiB line between brackets, replaced bytes here and there (every 40th near its ends),
  // some bytes inserted and deleted.
  const base = Buffer.from(`head\n[${'x'.repeat(60_000)}]\ntail [short] [${'x'.repeat(9000)}\n]`, 'latin1');
  const file = mapped(base);
  try {
    const journal = new EditJournal(file, { blockPieces: 8 });
    const offsets: number[] = [];
    for (let i = 10; i < 60_000; i += i < 2000 || i > 50_000 ? 40 : 30_000) offsets.push(i);
    journal.replaceAll({ offsets, lengths: offsets.map(() => 1) }, Buffer.from('y'));
    journal.insert(30_000, Buffer.from('yyy'));
    journal.delete(45_000, 17);
    journal.overwrite(5, Buffer.from('[')); // the bracket itself is an edit
    const model = Buffer.from(journal.read(0, journal.size));
    const doc = documentSearch(journal, file);
    for (const q of [
      { kind: 'regex', pattern: '\\[[xy]+\\]' },
      { kind: 'regex', pattern: '(?<=\\n)\\[[^\\]]*\\]$' },
      { kind: 'regex', pattern: '\\[[^\\]\\n]*$' },
    ] as SearchQuery[]) {
      const expected = oracle(model, q);
      assert.ok(expected.some(([, l]) => l > 8192), `${String(q.pattern)} has a long match`);
      for (const window of [64, 4096, 1 << 20]) {
        const r = await doc.findAll(q, { window, segment: 5000, threads: 2 }).done;
        assert.deepEqual(pairs(r.matches), expected, `${String(q.pattern)}, window ${window}`);
      }
      const previous = await doc.findPrevious(q, { from: model.length }).done;
      assert.deepEqual(previous && [previous.offset, previous.length], expected.at(-1));
    }
  } finally {
    file.close();
  }
});

test('every query runs in PCRE2, edits or not: possessive and atomic groups, \\K, and the same errors', async () => {
  const base = Buffer.from('aaab aab ab-b key=1 key=22\n', 'latin1');
  const file = mapped(base);
  try {
    const journal = new EditJournal(file);
    journal.insert(0, Buffer.from('aaaab '));
    journal.replace(journal.size - 1, 1, Buffer.from(' key=333\n'));
    const doc = documentSearch(journal, file);
    const texts = async (q: SearchQuery) => pairs((await doc.findAll(q).done).matches).map(([o, l]) => Buffer.from(journal.read(o, l)).toString());
    assert.deepEqual(await texts({ kind: 'regex', pattern: 'a++b' }), ['aaaab', 'aaab', 'aab', 'ab']);
    assert.deepEqual(await texts({ kind: 'regex', pattern: '(?>a+)ab' }), []); // atomic: gives nothing back
    assert.deepEqual(await texts({ kind: 'regex', pattern: 'key=\\K\\d+' }), ['1', '22', '333']);
    assert.throws(() => doc.findAll({ kind: 'regex', pattern: 'a(' }), (e: unknown) => toEngineError(e).code === 'EBADREGEX');
    journal.insert(3, Buffer.from(`${'a'.repeat(40)}!`));
    const catastrophic = documentSearch(journal, file).findAll({ kind: 'regex', pattern: '(a+)+$' }).done;
    await assert.rejects(catastrophic, (e: unknown) => toEngineError(e).code === 'EREGEXLIMIT');
  } finally {
    file.close();
  }
});

test('a search runs over the document as it was when it started, whatever is edited and collected meanwhile', async () => {
  const base = Buffer.from('alpha beta gamma\n'.repeat(400_000), 'latin1'); // 6.8 MB
  const file = mapped(base);
  try {
    const journal = new EditJournal(file);
    const wordAt = (text: Buffer, word: string) => {
      const at: number[] = [];
      for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) at.push(i);
      return at;
    };
    const betas = wordAt(base, 'beta');
    journal.replaceAll({ offsets: betas, lengths: betas.map(() => 4) }, Buffer.from('BETA'));
    const model = Buffer.from(journal.read(0, journal.size));
    const q: SearchQuery = { kind: 'literal', pattern: 'a BETA g' };
    let finished = false;
    const task = openDocument(file, journal.enginePieces()).findAll(q, { window: 512, threads: 1, collect: false });
    void task.done.then(() => (finished = true));
    // A Replace All over the whole document replaces every block the search reads, and appends to
    // the add buffer; the old blocks are garbage to JavaScript, but the engine holds them.
    const upper = wordAt(model, 'BETA');
    journal.replaceAll({ offsets: upper, lengths: upper.map(() => 4) }, Buffer.from('b#ta'));
    for (let i = 0; i < 50; i++) journal.replace(Math.floor(i * 1000.5), 3, Buffer.from('#'));
    // Collect them, and fill memory of the blocks' sizes with other bytes.
    const collectedWhileRunning = !finished;
    const litter: Uint8Array[] = [];
    for (let round = 0; round < 5; round++) {
      gc();
      for (let i = 0; i < 2000; i++) litter.push(new Uint8Array(512 + (i % 4096)).fill(0x42));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const r = await task.done;
    assert.ok(collectedWhileRunning, 'the search was still running when the blocks it reads were collected');
    assert.equal(r.count, 400_000);
    assert.equal(r.count, oracle(model, q).length);
    // A new search sees the edits.
    const now = await documentSearch(journal, file).findAll(q, { collect: false }).done;
    assert.equal(now.count, 0);
    const edited: SearchQuery = { kind: 'literal', pattern: 'a b#ta g' };
    const expected = oracle(Buffer.from(journal.read(0, journal.size)), edited).length;
    assert.ok(expected > 399_000);
    assert.equal((await documentSearch(journal, file).findAll(edited, { collect: false }).done).count, expected);
  } finally {
    file.close();
  }
});

test('a search keeps the journal\'s memory alive while it reads it, even when JavaScript drops the journal', async () => {
  const file = mapped(Buffer.from('alpha beta gamma\n'.repeat(100_000), 'latin1'));
  try {
    const q: SearchQuery = { kind: 'literal', pattern: 'ab beta' };
    // Everything the search reads is made here and let go of on return: the pieces, and a 40 MiB
    // paste that the add buffer keeps as a chunk of its own (memory the allocator unmaps when freed).
    const start = () => {
      const journal = new EditJournal(file);
      journal.replace(100, 10, Buffer.alloc(40 << 20, 'paste ab beta '), true);
      const expected = oracle(Buffer.from(journal.read(0, journal.size)), q).length;
      return { expected, task: openDocument(file, journal.enginePieces()).findAll(q, { window: 512, threads: 1, collect: false }) };
    };
    const { expected, task } = start();
    let finished = false;
    void task.done.then(() => (finished = true));
    gc();
    const collectedWhileRunning = !finished;
    for (let round = 0; round < 5; round++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      gc();
    }
    assert.equal((await task.done).count, expected);
    assert.ok(expected > 2_000_000);
    assert.ok(collectedWhileRunning, 'the search was still running when its memory was collected');
  } finally {
    file.close();
  }
});

test('a closed file: new searches of its documents say ECLOSED, running ones stop', async () => {
  const file = mapped(Buffer.alloc(32 << 20, 'ab'));
  const journal = new EditJournal(file);
  journal.insert(5, Buffer.from('xyz'));
  const doc: EngineDocument = openDocument(file, journal.enginePieces());
  const running = doc.findAll({ kind: 'regex', pattern: '[ab]*c' }, { collect: false, window: 8192 });
  await new Promise((resolve) => setTimeout(resolve, 20));
  file.close();
  assert.equal((await running.done).cancelled, true);
  assert.throws(() => doc.findAll({ pattern: 'ab' }), (e: unknown) => toEngineError(e).code === 'ECLOSED');
  assert.throws(() => doc.read(0, 4), (e: unknown) => toEngineError(e).code === 'ECLOSED');
});

test('the results panel over an edited document: an unlimited find-all lists, counts and places what a naive search finds', async () => {
  // Dense and sparse stretches, more than a checkpoint span apart, then a Replace All and edits.
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) parts.push('ab xab ab\n'.repeat(3000), '.'.repeat(300_000), 'ab ');
  const base = Buffer.from(parts.join(''), 'latin1');
  const file = mapped(base);
  try {
    const journal = new EditJournal(file);
    const offsets: number[] = [];
    for (let i = base.indexOf('xab'); i >= 0; i = base.indexOf('xab', i + 3)) offsets.push(i);
    journal.replaceAll({ offsets, lengths: offsets.map(() => 3) }, Buffer.from('ab')); // every xab becomes ab
    journal.insert(500_000, Buffer.from('ab ab ab'));
    journal.delete(1_000_000, 50_000);
    const model = Buffer.from(journal.read(0, journal.size));
    const q = { pattern: 'ab', mode: 'text', matchCase: true, wholeWord: true } as const;
    const expected = oracle(model, { kind: 'literal', pattern: 'ab', wholeWord: true });
    const posted: HostMessage[] = [];
    const service = new SearchService(
      { searchable: () => documentSearch(journal, file), read: (o, l) => journal.read(o, l), lineOfOffset: () => undefined },
      (m) => posted.push(m),
    );
    const outcome = await service.find({ searchId: 1, query: q, op: 'all', from: 700_000, maxResults: 0, encoding: 'utf-8' });
    assert.deepEqual(outcome, { kind: 'all', count: expected.length, truncated: false, listed: expected.length, cancelled: false, indexAtFrom: expected.findIndex(([o]) => o >= 700_000) });
    for (const start of [0, 255, 17_000, expected.length - 100]) {
      await service.sendResults(1, start, 100);
      const m = posted[posted.length - 1];
      assert.equal(m.type, 'findResults');
      if (m.type === 'findResults') assert.deepEqual(m.items.map((r) => [r.offset, r.length]), expected.slice(start, start + 100), `rows from ${start}`);
    }
    const next = await service.find({ searchId: 2, query: q, op: 'next', from: 1_000_001, maxResults: 0, encoding: 'utf-8' });
    const k = expected.findIndex(([o]) => o >= 1_000_001);
    assert.deepEqual(next, { kind: 'match', offset: expected[k][0], length: 2, wrapped: false, index: k });
  } finally {
    file.close();
  }
});
