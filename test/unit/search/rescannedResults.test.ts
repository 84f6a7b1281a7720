// An unlimited find-all keeps a count and checkpoints, and finds rows again on demand: every row,
// every "N of M" index and the panel's rows must equal what keeping every result gives. Checked
// against the engine's own full list, on a file with dense stretches, long gaps (more than a
// checkpoint's span of bytes) and overlapping candidates, for literals, whole words and regexes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openMappedFile, SearchMatch, SearchQuery } from '../../../extension/engine';
import { ResultCheckpoints, SPAN_BYTES, SPAN_RESULTS } from '../../../extension/search/resultCheckpoints';
import { RescannedResults } from '../../../extension/search/rescannedResults';
import { SearchService } from '../../../extension/search/searchService';
import type { FindResultItem, HostMessage } from '../../../shared/protocol';
import { rng, tempDir, writeTemp } from '../native/support';

/** Dense runs of "ab" words, then long runs of filler with a rare match, repeated. */
function sampleFile(seed: number): Buffer {
  const random = rng(seed);
  const parts: string[] = [];
  for (let round = 0; round < 6; round++) {
    let dense = '';
    const n = 500 + Math.floor(random() * 3000);
    for (let i = 0; i < n; i++) dense += random() < 0.3 ? 'aab ' : random() < 0.5 ? 'ab\n' : 'xab_y ';
    parts.push(dense, '.'.repeat(Math.floor(random() * 1.5 * SPAN_BYTES)), 'ab ');
    // Rare results, each a checkpoint of its own.
    for (let i = 0; i < 5; i++) parts.push('.'.repeat(SPAN_BYTES), random() < 0.5 ? 'aab ' : 'ab ');
  }
  return Buffer.from(parts.join(''), 'latin1');
}

const QUERIES: SearchQuery[] = [
  { kind: 'literal', pattern: 'ab' },
  { kind: 'literal', pattern: 'ab', wholeWord: true },
  { kind: 'regex', pattern: 'a+b\\b' },
];

async function allMatches(file: ReturnType<typeof openMappedFile>, query: SearchQuery): Promise<SearchMatch[]> {
  const r = await file.findAll(query).done;
  return r.matches!;
}

test('checkpoints: one every SPAN_RESULTS results, and one past every SPAN_BYTES gap', () => {
  const offsets: number[] = [];
  for (let i = 0; i < 1000; i++) offsets.push(i * 10);
  for (let i = 0; i < 5; i++) offsets.push(20_000 + i * SPAN_BYTES);
  for (let i = 0; i < 300; i++) offsets.push(10 * SPAN_BYTES + i * 10);
  const cp = new ResultCheckpoints();
  for (let at = 0; at < offsets.length; at += 77) cp.add(offsets.slice(at, at + 77), offsets.slice(at, at + 77).map((o) => o % 7));
  assert.equal(cp.size, offsets.length);
  for (let i = 0; i < offsets.length; i++) {
    const span = cp.spanOfIndex(i);
    assert.ok(span.index <= i && i < span.index + span.count, `index ${i} in its span`);
    assert.equal(span.offset, offsets[span.index]);
    assert.equal(span.length, offsets[span.index] % 7);
    assert.ok(span.count <= SPAN_RESULTS);
    assert.ok(offsets[i] - span.offset < SPAN_BYTES, `result ${i} within a span's bytes`);
  }
  assert.equal(cp.spanOfOffset(-1), undefined);
  assert.equal(cp.spanOfOffset(15)?.index, 0);
});

test('rescanned results list, place and count exactly what the engine found', async () => {
  const dir = tempDir();
  const file = openMappedFile(writeTemp(dir, 'sample.txt', sampleFile(3)), 'read');
  try {
    for (const query of QUERIES) {
      const expected = await allMatches(file, query);
      const results = new RescannedResults(() => file, query);
      await file.findAll(query, { onMatches: (o, l) => results.add(o, l) }).done;
      assert.equal(results.size, expected.length, JSON.stringify(query));
      // Every row, read a panel window at a time (windows straddle spans).
      for (let start = 0; start < expected.length; start += 100) {
        assert.deepEqual(await results.slice(start, 100), expected.slice(start, start + 100), `rows from ${start} of ${JSON.stringify(query)}`);
      }
      assert.deepEqual(await results.slice(expected.length - 3, 100), expected.slice(-3));
      // Placing offsets: at results, between them, before the first, past the last.
      const random = rng(9);
      const probes = [0, expected[0].offset, expected[expected.length - 1].offset + 1];
      for (let k = 0; k < 300; k++) {
        const m = expected[Math.floor(random() * expected.length)];
        probes.push(m.offset, m.offset + 1, m.offset - 1);
      }
      for (const p of probes) {
        let index = expected.findIndex((m) => m.offset >= p);
        if (index < 0) index = expected.length;
        const found = await results.locate(p);
        assert.equal(found.index, index, `locate ${p}`);
        assert.equal(found.offset, expected[index]?.offset, `locate ${p}`);
      }
    }
  } finally {
    file.close();
  }
});

test('an unlimited find-all serves the same panel rows and indexes as a capped one', async () => {
  const dir = tempDir();
  const file = openMappedFile(writeTemp(dir, 'sample.txt', sampleFile(5)), 'read');
  try {
    const rowsOf = async (maxResults: number) => {
      const posted: HostMessage[] = [];
      const service = new SearchService({ searchable: () => file, read: (o, l) => file.read(o, l), lineOfOffset: () => undefined }, (m) => posted.push(m));
      const query = { pattern: 'ab', mode: 'text', matchCase: true, wholeWord: true } as const;
      const outcome = await service.find({ searchId: 1, query, op: 'all', from: 5000, maxResults, encoding: 'utf-8' });
      const rows: FindResultItem[] = [];
      for (let start = 0; start < 3000; start += 250) {
        await service.sendResults(1, start, 250);
        const m = posted[posted.length - 1];
        assert.equal(m.type, 'findResults');
        if (m.type === 'findResults') rows.push(...m.items);
      }
      const next = await service.find({ searchId: 2, query, op: 'next', from: 123_456, maxResults: 0, encoding: 'utf-8' });
      return { outcome, rows, next };
    };
    const capped = await rowsOf(900_000);
    const unlimited = await rowsOf(0);
    assert.deepEqual(unlimited, capped);
    assert.ok(capped.rows.length > 1000);
  } finally {
    file.close();
  }
});

test('checkpoints the engine chooses equal those chosen from every result, whatever the threads and segments', async () => {
  const dir = tempDir('lfe-engine-checkpoints-');
  const file = openMappedFile(writeTemp(dir, 'sample.txt', sampleFile(9)), 'read');
  try {
    for (const query of QUERIES) {
      const all = await allMatches(file, query);
      const fromAll = new ResultCheckpoints();
      fromAll.add(all.map((m) => m.offset), all.map((m) => m.length));
      for (const [threads, segment] of [[1, 0], [2, 64 << 10], [4, 4096]]) {
        const chosen = new ResultCheckpoints();
        let delivered = 0;
        let counts: number[] = [];
        const r = await file.findAll(query, {
          threads,
          segment: segment || undefined,
          onMatches: () => assert.fail('every match crossed, not only checkpoints'),
          checkpoints: {
            every: SPAN_RESULTS,
            gap: SPAN_BYTES,
            onCheckpoints: (indexes, offsets, lengths, count) => {
              delivered += offsets.length;
              counts.push(count);
              chosen.addChosen(indexes, offsets, lengths, count);
            },
          },
        }).done;
        const where = `${JSON.stringify(query)}, ${threads} threads, segment ${segment}`;
        assert.equal(r.count, all.length, where);
        assert.equal(chosen.size, all.length, `${where}: the count so far ends at the total`);
        assert.ok(delivered < all.length / 4, `${where}: ${delivered} of ${all.length} crossed`);
        assert.deepEqual(counts, [...counts].sort((a, b) => a - b), `${where}: counts only grow`);
        counts = [];
        for (let i = 0; i < all.length; i++) assert.deepEqual(chosen.spanOfIndex(i), fromAll.spanOfIndex(i), `${where}: the span of result ${i}`);
      }
    }
  } finally {
    file.close();
  }
});
