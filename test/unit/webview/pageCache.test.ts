import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGE_SIZE, PageCache } from '../../../webview/pageCache';

/** A transport that records requests and can answer them from a plain buffer (the oracle). */
function harness(file: Uint8Array, maxPages = 4) {
  const requests = new Map<number, { offset: number; length: number }>();
  const cancelled: number[] = [];
  const cache = new PageCache(
    {
      request: (id, offset, length) => requests.set(id, { offset, length }),
      cancel: (ids) => {
        cancelled.push(...ids);
        for (const id of ids) requests.delete(id);
      },
    },
    file.length,
    maxPages,
  );
  const answerAll = () => {
    for (const [id, r] of [...requests]) {
      requests.delete(id);
      cache.receive(id, r.offset, file.subarray(r.offset, r.offset + r.length));
    }
  };
  return { cache, requests, cancelled, answerAll };
}

function sample(size: number): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * 7 + (i >> 8)) & 0xff;
  return b;
}

test('ranges spanning pages come back byte for byte', () => {
  const file = sample(PAGE_SIZE * 3 + 123);
  for (const [start, end] of [[0, 10], [PAGE_SIZE - 5, PAGE_SIZE + 5], [10, PAGE_SIZE * 3 + 123], [PAGE_SIZE * 3, PAGE_SIZE * 4]]) {
    const { cache, answerAll } = harness(file, 8);
    assert.equal(cache.want(start, end), false);
    assert.equal(cache.bytes(start, end), undefined, 'missing pages give undefined, not zeros');
    answerAll();
    assert.equal(cache.want(start, end), true);
    assert.deepEqual(cache.bytes(start, end), file.subarray(start, Math.min(end, file.length)));
  }
});

test('pages scrolled past are cancelled and their late answers ignored', () => {
  const file = sample(PAGE_SIZE * 10);
  const { cache, requests, cancelled } = harness(file);
  cache.want(0, PAGE_SIZE * 2);
  const first = [...requests.keys()];
  assert.equal(first.length, 2);
  cache.want(PAGE_SIZE * 8, PAGE_SIZE * 9);
  assert.deepEqual(cancelled.sort(), first.sort());
  assert.equal(cache.receive(first[0], 0, file.subarray(0, PAGE_SIZE)), false);
  assert.equal(cache.cachedPages, 0);
});

test('a page already on its way is not asked for twice', () => {
  const { cache, requests } = harness(sample(PAGE_SIZE * 2));
  cache.want(0, 100);
  cache.want(0, 200);
  assert.equal(requests.size, 1);
});

test('the cache stays bounded and keeps the most recently used pages', () => {
  const file = sample(PAGE_SIZE * 10);
  const { cache, answerAll } = harness(file, 3);
  for (let p = 0; p < 10; p++) {
    cache.want(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
    answerAll();
    assert.ok(cache.cachedPages <= 3);
  }
  assert.ok(cache.bytes(9 * PAGE_SIZE, 9 * PAGE_SIZE + 1));
  assert.equal(cache.bytes(0, 1), undefined);
});

test('a failed page is asked for again later', () => {
  const { cache, requests } = harness(sample(PAGE_SIZE));
  cache.want(0, 10);
  const [id] = requests.keys();
  requests.clear();
  cache.fail(id);
  cache.want(0, 10);
  assert.equal(requests.size, 1);
});

test('one consumer moving on does not cancel pages another still waits for', () => {
  const file = sample(PAGE_SIZE * 10);
  const { cache, requests, cancelled, answerAll } = harness(file, 8);
  cache.want(PAGE_SIZE * 4 + 10, PAGE_SIZE * 4 + 26, 'inspector');
  cache.want(PAGE_SIZE * 3, PAGE_SIZE * 5, 'view');
  assert.equal(requests.size, 2);
  // The inspector moves within page 4; the view's page 3 must stay requested.
  cache.want(PAGE_SIZE * 4 + 100, PAGE_SIZE * 4 + 116, 'inspector');
  assert.deepEqual(cancelled, []);
  answerAll();
  assert.ok(cache.bytes(PAGE_SIZE * 3, PAGE_SIZE * 5));
  // The view scrolls far away: its old pages are no longer wanted by anyone.
  cache.want(PAGE_SIZE * 8, PAGE_SIZE * 9, 'view');
  cache.want(PAGE_SIZE * 6, PAGE_SIZE * 6 + 16, 'inspector');
  assert.equal(cancelled.length, 0, 'nothing pending was dropped: pages 3-4 had already arrived');
  const idOfPage = (page: number) => [...requests].find(([, r]) => r.offset === page * PAGE_SIZE)?.[0];
  const page6 = idOfPage(6)!;
  const page8 = idOfPage(8)!;
  cache.want(0, 16, 'inspector');
  assert.deepEqual(cancelled, [page6], 'the page only the inspector wanted is cancelled');
  assert.ok(requests.has(page8), 'the page the view wants is still requested');
});

test('a document that grew at its end keeps its whole pages before the old end and asks again for the rest', () => {
  const before = sample(PAGE_SIZE * 2 + 100);
  const after = new Uint8Array(PAGE_SIZE * 3);
  after.set(before);
  after.fill(0x41, before.length);
  const { cache, requests, answerAll } = harness(before, 8);
  cache.want(0, before.length);
  answerAll();
  assert.equal(cache.cachedPages, 3);
  cache.grew(before.length, after.length);
  assert.equal(cache.cachedPages, 2, 'the partial last page goes; the whole pages stay');
  assert.equal(cache.want(0, PAGE_SIZE * 2), true, 'nothing asked again before the old end');
  assert.equal(cache.want(0, after.length), false);
  assert.deepEqual([...requests.values()], [{ offset: PAGE_SIZE * 2, length: PAGE_SIZE }]);
  for (const [id, r] of [...requests]) cache.receive(id, r.offset, after.subarray(r.offset, r.offset + r.length));
  assert.deepEqual(cache.bytes(0, after.length), after, 'byte for byte the grown document');
});
