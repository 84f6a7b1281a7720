// The line index against a plain split, on random text with \n, \r\n and lone \r placed across
// 64 KiB block boundaries; queries while the scan runs; cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openMappedFile } from '../../../extension/engine';
import { lineOf, lineStarts } from '../../support/lineOracle';
import { rng, tempDir, writeTemp } from './support';

const dir = tempDir();
const BLOCK = 64 * 1024;

test('line index agrees with a plain split (\\n, \\r\\n, lone \\r, block edges)', async () => {
  const random = rng(7);
  for (let round = 0; round < 12; round++) {
    const size = round < 4 ? Math.floor(random() * 50) : Math.floor(random() * 5 * BLOCK);
    const chars: string[] = [];
    for (let i = 0; i < size; i++) {
      const r = random();
      chars.push(r < 0.02 ? '\n' : r < 0.03 ? '\r' : r < 0.035 ? '\r\n' : 'x');
    }
    let text = chars.join('');
    // Put breaks exactly on block edges too.
    if (text.length > BLOCK + 2) text = text.slice(0, BLOCK - 1) + '\r\n' + text.slice(BLOCK + 1);
    if (text.length > 2 * BLOCK + 2) text = text.slice(0, 2 * BLOCK - 1) + '\r' + 'y' + text.slice(2 * BLOCK + 1);
    const file = writeTemp(dir, `lines${round}.txt`, Buffer.from(text, 'latin1'));
    const f = openMappedFile(file, 'read');
    const index = f.indexLines({ threads: 1 + (round % 3) });
    const result = await index.done;
    const starts = lineStarts(Buffer.from(text, 'latin1'));
    assert.equal(result.lines, starts.length, `round ${round}`);
    assert.equal(result.newlines, text.split('\n').length - 1, 'newlines like wc -l');
    for (let k = 0; k < 300; k++) {
      const offset = Math.floor(random() * (text.length + 1));
      assert.equal(index.lineOfOffset(offset), lineOf(starts, offset), `lineOfOffset(${offset}) round ${round}`);
    }
    for (const offset of [0, text.length, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 2 * BLOCK + 1].filter((o) => o <= text.length)) {
      assert.equal(index.lineOfOffset(offset), lineOf(starts, offset), `lineOfOffset(${offset}) round ${round}`);
    }
    for (let line = 0; line < starts.length; line += Math.max(1, Math.floor(starts.length / 200))) {
      assert.equal(index.offsetOfLine(line), starts[line], `offsetOfLine(${line}) round ${round}`);
    }
    assert.equal(index.offsetOfLine(starts.length - 1), starts[starts.length - 1]);
    assert.equal(index.offsetOfLine(starts.length), undefined);
    f.close();
  }
});

test('the indexed prefix answers while the scan goes on; cancel stops it', async () => {
  const LINES = 2_700_000;
  const line = 'a'.repeat(99) + '\n';
  const file = writeTemp(dir, 'big.txt', line.repeat(LINES));
  const f = openMappedFile(file, 'read');
  // A loaded machine can finish a scan between two looks: look as often as the event loop allows,
  // and start over (a new index scans again) a few times before calling it a failure.
  let index = f.indexLines({ threads: 1 });
  let answeredEarly = false;
  for (let attempt = 0; attempt < 5 && !answeredEarly; attempt++) {
    if (attempt > 0) {
      await index.done;
      index = f.indexLines({ threads: 1 });
    }
    while (!index.status().complete) {
      const s = index.status();
      if (s.indexed > 0 && s.indexed < s.size) {
        const line = index.lineOfOffset(s.indexed - 1);
        assert.equal(line, Math.floor((s.indexed - 1) / 100));
        assert.equal(index.lineOfOffset(s.size), undefined); // not there yet
        answeredEarly = true;
        break;
      }
      await new Promise((r) => setImmediate(r));
    }
  }
  const done = await index.done;
  assert.equal(done.lines, LINES + 1);
  assert.ok(answeredEarly, 'a partial index answered queries');
  const again = f.indexLines();
  again.cancel();
  const cancelled = await again.done;
  assert.equal(cancelled.cancelled, true);
  f.close();
  assert.throws(() => index.lineOfOffset(0), (e: { code?: string }) => e.code === 'ECLOSED');
});
