// The JavaScript matchers used near edits and for documents with very many edits must match what
// the engine matches: ASCII-only case folding (Latin-1 and UTF-8 bytes are never folded), whole
// words, and a search that starts at `from` and keeps matches starting before `limit`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { windowMatcher } from '../../../extension/search/windowMatcher';
import { literalMask, Match, oracleBytes, rng } from '../native/support';

test('literal matching, with and without case folding, equals a naive search over bytes beyond ASCII', () => {
  const random = rng(21);
  const alphabet = [0x61, 0x41, 0x62, 0x42, 0xc3, 0xe3, 0xa9, 0xc9, 0xe9, 0x20];
  const pick = (): number => alphabet[Math.floor(random() * alphabet.length)];
  for (let round = 0; round < 300; round++) {
    const data = Uint8Array.from({ length: 200 + Math.floor(random() * 300) }, pick);
    const pattern = Uint8Array.from({ length: 1 + Math.floor(random() * 3) }, pick);
    const ignoreCase = random() < 0.6;
    const wholeWord = random() < 0.3;
    const { value, mask } = literalMask(pattern, ignoreCase);
    const expected = oracleBytes(data, value, mask, wholeWord);
    const match = windowMatcher({ kind: 'literal', pattern, ignoreCase, wholeWord });
    const where = `round ${round}: ${Buffer.from(pattern).toString('hex')} ${ignoreCase ? 'i' : ''}${wholeWord ? 'w' : ''}`;
    assert.deepEqual(match(data).map((m): Match => [m.offset, m.length]), expected, where);
    // From a point where the oracle's chain has a match, limited further on: the same matches.
    const from = expected.length > 0 ? expected[Math.floor(random() * expected.length)][0] : 0;
    const limit = from + Math.floor(random() * (data.length - from));
    const part = expected.filter(([o]) => o >= from && o < limit);
    assert.deepEqual(match(data, from, limit).map((m): Match => [m.offset, m.length]), part, `${where}, from ${from} to ${limit}`);
  }
});
