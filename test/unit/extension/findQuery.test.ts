import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeText, toSearchQuery } from '../../../extension/search/findQuery';
import { ResultStore } from '../../../extension/search/resultStore';

const q = (pattern: string, mode: 'text' | 'regex' | 'hex' = 'text', matchCase = false, wholeWord = false) => ({ pattern, mode, matchCase, wholeWord });

test('plain text is searched as the bytes of the document encoding', () => {
  assert.deepEqual([...encodeText('hé', 'utf-8')], [0x68, 0xc3, 0xa9]);
  assert.deepEqual([...encodeText('hé', 'utf-16le')], [0x68, 0, 0xe9, 0]);
  assert.deepEqual([...encodeText('hé', 'utf-16be')], [0, 0x68, 0, 0xe9]);
  assert.deepEqual([...encodeText('hé', 'iso-8859-1')], [0x68, 0xe9]);
  assert.deepEqual([...encodeText('h€', 'iso-8859-1')], [0x68, 0xe2, 0x82, 0xac], 'not representable: UTF-8');
  assert.deepEqual([...encodeText('“é€Ÿ”', 'windows-1252')], [0x93, 0xe9, 0x80, 0x9f, 0x94], 'windows-1252 has its own 0x80–0x9F');
});

test('every query names the encoding whose characters whole word and case folding go by', () => {
  const cases: [string, string | undefined][] = [
    ['utf-8', 'utf-8'], ['UTF-16LE', 'utf-16le'], ['utf-16be', 'utf-16be'], ['iso-8859-1', 'latin1'], ['windows-1252', 'windows-1252'], ['shift_jis', undefined],
  ];
  for (const [encoding, expected] of cases) {
    for (const mode of ['text', 'regex', 'hex'] as const) {
      const r = toSearchQuery(q(mode === 'hex' ? '41' : 'a', mode, false, true), encoding);
      assert.ok(r.ok && r.query.encoding === expected, `${mode} in ${encoding}: ${r.ok && r.query.encoding}`);
    }
  }
  // A regex over single-byte text is matched against its bytes: its letters go as those bytes.
  const latin = toSearchQuery(q('café', 'regex'), 'iso-8859-1');
  assert.ok(latin.ok && latin.query.pattern instanceof Uint8Array && [...latin.query.pattern].join() === '99,97,102,233');
});

test('the toggles map onto the engine query', () => {
  const r = toSearchQuery(q('Error', 'text', false, true), 'utf-8');
  assert.ok(r.ok);
  assert.equal(r.query.kind, 'literal');
  assert.equal(r.query.ignoreCase, true);
  assert.equal(r.query.wholeWord, true);
  const re = toSearchQuery(q('pid=6553[0-9]', 'regex', true), 'utf-8');
  assert.ok(re.ok && re.query.kind === 'regex' && re.query.utf8 === true && re.query.ignoreCase === false);
  const latin = toSearchQuery(q('x', 'regex'), 'iso-8859-1');
  assert.ok(latin.ok && latin.query.utf8 === false);
});

test('empty patterns and malformed hex are refused with a message before anything runs', () => {
  for (const bad of [q(''), q('DE AD B', 'hex'), q('ZZ', 'hex'), q('?', 'hex')]) {
    const r = toSearchQuery(bad, 'utf-8');
    assert.equal(r.ok, false, JSON.stringify(bad));
    assert.ok(!r.ok && r.message.length > 0);
  }
  assert.ok(toSearchQuery(q('de ad ?? EF', 'hex'), 'utf-8').ok);
});

test('the result store keeps millions of matches compactly and finds positions by offset', () => {
  const store = new ResultStore();
  const n = 2_000_000;
  const offsets = new Float64Array(n);
  const lengths = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    offsets[i] = i * 10 + 3;
    lengths[i] = 5;
  }
  store.add(offsets.subarray(0, 70_000), lengths.subarray(0, 70_000));
  store.add(offsets.subarray(70_000), lengths.subarray(70_000));
  assert.equal(store.size, n);
  assert.deepEqual(store.get(1_234_567), { offset: 12_345_673, length: 5 });
  assert.equal(store.get(n), undefined);
  assert.equal(store.indexAtOrAfter(0), 0);
  assert.equal(store.indexAtOrAfter(12_345_673), 1_234_567);
  assert.equal(store.indexAtOrAfter(12_345_674), 1_234_568);
  assert.equal(store.indexAtOrAfter(Number.MAX_SAFE_INTEGER), n);
  assert.ok(store.bytes < 40 * 1024 * 1024, `${store.bytes} bytes for ${n} results`);
});
