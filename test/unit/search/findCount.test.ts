// The find widget counts every match: the cap (largeFile.maxFindResults) limits only what the
// results panel lists. And the views' highlights come from a ranged search over the rows shown,
// which must find exactly the matches a naive search of a Buffer finds touching those rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openMappedFile } from '../../../extension/engine';
import { SearchService, type Searchable } from '../../../extension/search/searchService';
import type { FindResultItem, HostMessage } from '../../../shared/protocol';
import { rng } from '../../support/random';
import { tempDir, writeTemp } from '../native/support';

/** Lines with "err" at random places (some overlapping "errerr"), and the naive list of its matches. */
function sample(seed: number): { bytes: Buffer; matches: number[] } {
  const random = rng(seed);
  let text = '';
  for (let i = 0; i < 40_000; i++) text += random() < 0.3 ? `line ${i} err${random() < 0.2 ? 'err' : ''} x\n` : `line ${i} ok\n`;
  const matches: number[] = [];
  for (let at = text.indexOf('err'); at >= 0; at = text.indexOf('err', at + 3)) matches.push(at);
  return { bytes: Buffer.from(text, 'latin1'), matches };
}

const query = { pattern: 'err', mode: 'text', matchCase: true, wholeWord: false } as const;

for (const ranged of [true, false]) {
  test(`a capped find-all counts every match and lists the cap's worth (${ranged ? 'ranged engine' : 'kept results'})`, async () => {
    const { bytes, matches } = sample(ranged ? 3 : 4);
    const file = openMappedFile(writeTemp(tempDir(), 'count.log', bytes), 'read');
    try {
      const searchable: Searchable = ranged
        ? file
        : { size: file.size, findAll: (q, o) => file.findAll(q, o), findNext: (q, o) => file.findNext(q, o), findPrevious: (q, o) => file.findPrevious(q, o) };
      const posted: HostMessage[] = [];
      const service = new SearchService({ searchable: () => searchable, read: (o, l) => file.read(o, l), lineOfOffset: () => undefined }, (m) => posted.push(m));
      const cap = 1000;
      assert.ok(matches.length > 10 * cap);
      const outcome = await service.find({ searchId: 1, query, op: 'all', from: 0, maxResults: cap, encoding: 'utf-8' });
      assert.deepEqual(outcome, { kind: 'all', count: matches.length, truncated: true, listed: cap, cancelled: false, indexAtFrom: 0 });
      // The panel lists the first `cap` results, no more.
      await service.sendResults(1, cap - 100, 250);
      const rows = posted.filter((m): m is Extract<HostMessage, { type: 'findResults' }> => m.type === 'findResults').flatMap((m) => m.items as FindResultItem[]);
      assert.deepEqual(rows.map((r) => r.offset), matches.slice(cap - 100, cap));
      // The live count went past the cap too (progress reports every match so far).
      const progress = posted.filter((m) => m.type === 'findProgress');
      for (const p of progress) if (p.type === 'findProgress') assert.ok(p.count <= matches.length);
    } finally {
      file.close();
    }
  });
}

test('the matches on screen are those a naive search finds touching the range, straddling ones included', async () => {
  const { bytes, matches } = sample(5);
  const file = openMappedFile(writeTemp(tempDir(), 'visible.log', bytes), 'read');
  try {
    const posted: HostMessage[] = [];
    const service = new SearchService({ searchable: () => file, read: (o, l) => file.read(o, l), lineOfOffset: () => undefined }, (m) => posted.push(m));
    const random = rng(9);
    for (let round = 0; round < 60; round++) {
      const start = Math.floor(random() * bytes.length);
      const end = Math.min(bytes.length, start + 1 + Math.floor(random() * 3000));
      await service.findVisible({ requestId: round, query, encoding: 'utf-8', start, end });
      const m = posted[posted.length - 1];
      assert.equal(m.type, 'visibleMatches');
      if (m.type !== 'visibleMatches') continue;
      assert.equal(m.requestId, round);
      assert.deepEqual(m.offsets, matches.filter((o) => o + 3 > start && o < end), `[${start}, ${end})`);
      assert.ok(m.lengths.every((l) => l === 3));
    }
    // A bad pattern highlights nothing (the widget's own search says why).
    await service.findVisible({ requestId: 99, query: { ...query, mode: 'regex', pattern: '(' }, encoding: 'utf-8', start: 0, end: 100 });
    assert.deepEqual(posted[posted.length - 1], { type: 'visibleMatches', requestId: 99, offsets: [], lengths: [] });
  } finally {
    file.close();
  }
});
