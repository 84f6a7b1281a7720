// Packed pieces must decode to exactly what was pushed: every offset (past 2^32, up to the
// 1 PiB limit), both sources, merges of continuing pieces, and lengths up to 4 GiB − 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PIECE_OFFSET } from '../../../extension/edits/pieceCodec';
import { encodeAddStart, MAX_PIECE_LENGTH, PieceList } from '../../../extension/edits/pieces';
import { rng } from './support';

function decoded(list: PieceList): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const c = list.cursor();
  while (c.next()) out.push([c.start, c.length]);
  return out;
}

/** What PieceList should hold: consecutive continuing pieces merged (the oracle). */
function merged(pieces: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let [s, l] of pieces) {
    const last = out[out.length - 1];
    const continues = last && (last[0] >= 0 ? s >= 0 && last[0] + last[1] === s : s < 0 && last[0] - last[1] === s);
    if (last && continues) {
      // Fill the last piece up to the most a piece holds; the rest starts a new one.
      const take = Math.min(MAX_PIECE_LENGTH - last[1], l);
      last[1] += take;
      s = s >= 0 ? s + take : s - take;
      l -= take;
    }
    if (l > 0) out.push([s, l]);
  }
  return out;
}

test('random pieces of every size round trip through the packed list, against a plain array', () => {
  const random = rng(11);
  const scales = [1, 200, 70_000, 2 ** 31 + 5, 2 ** 33, 2 ** 45, MAX_PIECE_OFFSET - 2 ** 33];
  for (let round = 0; round < 40; round++) {
    const pieces: Array<[number, number]> = [];
    // The first round is long enough to be packed in several chunks.
    const n = round === 0 ? 60_000 : 1 + Math.floor(random() * 500);
    for (let i = 0; i < n; i++) {
      const scale = scales[Math.floor(random() * scales.length)];
      const offset = Math.floor(random() * scale);
      const length = 1 + Math.floor(random() * Math.min(scales[Math.floor(random() * 4)], MAX_PIECE_LENGTH));
      // Now and then a piece that continues the previous one (these merge).
      const prev = pieces[pieces.length - 1];
      if (prev && random() < 0.2) pieces.push([prev[0] >= 0 ? prev[0] + prev[1] : prev[0] - prev[1], length]);
      else pieces.push([random() < 0.5 ? offset : encodeAddStart(offset), length]);
    }
    const list = new PieceList(1);
    for (const [s, l] of pieces) list.push(s, l);
    const expected = merged(pieces);
    assert.deepEqual(decoded(list), expected, `round ${round}`);
    assert.equal(list.count, expected.length);
    assert.equal(list.bytes, pieces.reduce((t, [, l]) => t + l, 0));
    // A sealed list decodes the same, from its exact-size bytes alone.
    const sealed = list.seal();
    const again = new PieceList();
    for (const [s, l] of expected) again.push(s, l);
    assert.deepEqual(sealed, again.seal());
  }
});

test('a run longer than a piece can hold is split, and its parts stay exact past 2^32', () => {
  const list = new PieceList();
  const start = 3 * 2 ** 32 + 7;
  list.push(start, MAX_PIECE_LENGTH);
  list.push(start + MAX_PIECE_LENGTH, 10);
  assert.deepEqual(decoded(list), [
    [start, MAX_PIECE_LENGTH],
    [start + MAX_PIECE_LENGTH, 10],
  ]);
});

test('a replace-all pattern packs into a few bytes per match', () => {
  const list = new PieceList();
  const shared = encodeAddStart(123);
  let at = 0;
  for (let i = 0; i < 10_000; i++) {
    list.push(at, 600 + (i % 50)); // the unchanged run before the match
    at += 600 + (i % 50) + 7; // skip the 7-byte match
    list.push(shared, 7); // the shared replacement
  }
  const bytes = list.seal().length;
  assert.ok(bytes <= 5 * 10_000 + 16, `${bytes} bytes for 10,000 matches`);
});

test('offsets at or past the limit are refused, not silently rounded', () => {
  const list = new PieceList();
  list.push(MAX_PIECE_OFFSET - 1, 1);
  assert.throws(() => {
    list.push(MAX_PIECE_OFFSET + 2, 1);
    list.push(0, 1);
  }, RangeError);
});
