// The gutter's line numbers: asked in batches once the host reports its index, and an answer
// about the content before an edit is not shown after it (the line numbers of an edited document
// shift; a late answer would put old numbers on new rows).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineNumbers } from '../../../webview/lineNumbers';

function harness() {
  const sent: { id: number; offsets: number[] }[] = [];
  let updates = 0;
  const numbers = new LineNumbers(
    (id, offsets) => sent.push({ id, offsets }),
    () => updates++,
  );
  return { numbers, sent, updates: () => updates };
}

const flush = () => new Promise<void>((r) => queueMicrotask(r));

test('numbers are asked for once the index reports, in one batch, and remembered', async () => {
  const { numbers, sent } = harness();
  assert.equal(numbers.lineOf(0), undefined);
  await flush();
  assert.equal(sent.length, 0, 'nothing asked before the host reports its index');
  numbers.setProgress({ indexed: 100, size: 100, lines: 3, complete: true });
  numbers.lineOf(0);
  numbers.lineOf(40);
  await flush();
  assert.deepEqual(sent, [{ id: 1, offsets: [0, 40] }]);
  numbers.receive(1, [0, 40], [1, 2]);
  assert.equal(numbers.lineOf(40), 2);
});

test('after an edit, answers to questions asked before it are dropped', async () => {
  const { numbers, sent } = harness();
  numbers.setProgress({ indexed: 100, size: 100, lines: 3, complete: true });
  numbers.lineOf(50);
  await flush();
  numbers.reset(); // an edit: a newline was typed above offset 50
  numbers.setProgress({ indexed: 101, size: 101, lines: 4, complete: true });
  numbers.receive(sent[0].id, [50], [2]); // the answer for the old content arrives late
  assert.equal(numbers.lineOf(50), undefined, 'the stale number is not shown');
  await flush();
  assert.deepEqual(sent[1].offsets, [50], 'asked again about the new content');
  numbers.receive(sent[1].id, [50], [3]);
  assert.equal(numbers.lineOf(50), 3);
});

test('after a change (an append to a followed log) the numbers known are shown until the new answers come: the gutter never flips to offsets', async () => {
  const { numbers, sent } = harness();
  numbers.setProgress({ indexed: 100, size: 100, lines: 3, complete: true });
  numbers.lineOf(40);
  await flush();
  numbers.receive(1, [40], [2]);
  // The content changes twice in a row (an edit's message, then the file's): still line 2 meanwhile.
  numbers.reset();
  numbers.reset();
  assert.equal(numbers.lineOf(40), 2, 'the old number while nothing is known yet');
  numbers.setProgress({ indexed: 150, size: 150, lines: 5, complete: true });
  assert.equal(numbers.lineOf(40), 2, 'asked again, the old number meanwhile');
  await flush();
  assert.deepEqual(sent.at(-1), { id: 2, offsets: [40] });
  numbers.receive(2, [40], [3]);
  assert.equal(numbers.lineOf(40), 3, 'then the new one');
});

test('a log that grows faster than the host answers keeps its numbers: each answer lands, and the gutter waits blank, not on offsets', async () => {
  const { numbers, sent } = harness();
  numbers.setProgress({ indexed: 100, size: 100, lines: 3, complete: true });
  numbers.lineOf(40);
  await flush();
  numbers.receive(1, [40], [2]);
  numbers.lineOf(80);
  await flush();
  assert.equal(numbers.asking(80), true, 'line 80 asked: the gutter waits for it');
  // Appends arrive before the answer does, each with its progress (an appended line at 100, 120).
  numbers.grew(120);
  numbers.setProgress({ indexed: 120, size: 120, lines: 4, complete: true });
  numbers.grew(140);
  assert.equal(numbers.lineOf(40), 2, 'known numbers hold across appends');
  numbers.receive(sent[1].id, [80], [3]);
  assert.equal(numbers.lineOf(80), 3, 'the answer asked before the appends still lands');
  assert.equal(numbers.asking(80), false);
  assert.equal(numbers.lineOf(120), undefined, 'past where the index got: not asked yet');
  assert.equal(numbers.asking(120), false);
  numbers.setProgress({ indexed: 140, size: 140, lines: 5, complete: true });
  assert.equal(numbers.lineOf(120), undefined);
  assert.equal(numbers.asking(120), true, 'asked once the index got there');
  await flush();
  assert.deepEqual(sent.at(-1)?.offsets, [120]);
});
