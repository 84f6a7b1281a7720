// The overview ruler's error lane: the error-level lines of a text file counted per bucket by the
// engine, in the background, once the line index is done; again after the content changes and
// stands still; nothing for a binary file; cleared when the setting goes off. Checked against
// a line oracle (a whole word of the level words, any case).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_LANE_BUCKETS, ErrorLevelLane } from '../../../extension/overview/errorLevelLane';
import { ERROR_LEVEL_WORDS } from '../../../extension/time/errorLevel';
import type { EngineFilterable } from '../../../extension/engine';
import { openTemp, tempDir } from '../native/support';

const dir = tempDir();

function log(lines: number, seed: number): { text: string; errors: number; firstHalf: number } {
  const levels = ['INFO', 'error', 'WARN', 'Fatal', 'DEBUG', 'errors', 'CRIT', 'panic:', 'xerror', 'Severe'];
  const out: string[] = [];
  let errors = 0;
  let firstHalf = 0;
  const word = new RegExp(`(^|[^\\w])(${ERROR_LEVEL_WORDS.join('|')})($|[^\\w])`, 'i');
  for (let i = 0; i < lines; i++) {
    const line = `2026-03-01T00:00:${String(i % 60).padStart(2, '0')} ${levels[(i * seed + (i >> 3)) % levels.length]} request ${i}`;
    out.push(line);
    if (word.test(line)) {
      errors++;
      if (i < lines / 2) firstHalf++;
    }
  }
  return { text: out.join('\n') + '\n', errors, firstHalf };
}

function harness(target: EngineFilterable | undefined, options: { text?: boolean; indexed?: boolean; enabled?: boolean } = {}) {
  const state = { indexed: options.indexed ?? true, enabled: options.enabled ?? true };
  const updates: (Uint32Array | undefined)[] = [];
  let notify: (() => void) | undefined;
  const lane = new ErrorLevelLane(
    {
      target: () => target,
      isText: () => options.text ?? true,
      indexed: () => state.indexed,
      update: (counts) => {
        updates.push(counts);
        notify?.();
      },
    },
    () => state.enabled,
    50,
  );
  const next = (accept: (c: Uint32Array | undefined) => boolean) =>
    new Promise<Uint32Array | undefined>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no update accepted; last ${updates.at(-1)?.reduce((a, b) => a + b, 0)}`)), 10_000);
      notify = () => {
        const last = updates.at(-1);
        if (accept(last)) {
          clearTimeout(timer);
          notify = undefined;
          resolve(last);
        }
      };
      notify();
    });
  return { lane, state, updates, next };
}

const sum = (c: Uint32Array | undefined) => (c ? c.reduce((a, b) => a + b, 0) : -1);

test('the error-level lines of a log, per bucket, once the line index is done', async () => {
  const { text, errors, firstHalf } = log(40_000, 7);
  const f = openTemp(dir, Buffer.from(text));
  try {
    const { lane, state, updates, next } = harness(f, { indexed: false });
    lane.show();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(updates.length, 0, 'nothing while the line index runs');
    state.indexed = true;
    lane.indexProgress();
    const counts = await next((c) => sum(c) === errors);
    assert.equal(counts!.length, ERROR_LANE_BUCKETS);
    const half = counts!.slice(0, ERROR_LANE_BUCKETS / 2).reduce((a, b) => a + b, 0);
    // The buckets are equal parts of the file's bytes and its lines are about the same length.
    assert.ok(Math.abs(half - firstHalf) < errors / 100, `the first half of the file holds ${firstHalf}: ${half}`);
    lane.dispose();
  } finally {
    f.close();
  }
});

test('counted again once the content stands still after a change; cleared when the setting goes off', async () => {
  const { text, errors } = log(5_000, 3);
  const f = openTemp(dir, Buffer.from(text));
  try {
    const { lane, state, updates, next } = harness(f);
    lane.show();
    await next((c) => sum(c) === errors);
    const before = updates.length;
    lane.contentChanged();
    await next(() => updates.length > before);
    assert.equal(sum(updates.at(-1)), errors, 'the same content counted again');
    state.enabled = false;
    lane.settingChanged();
    await next((c) => c === undefined);
    lane.dispose();
  } finally {
    f.close();
  }
});

test('a binary file, or no engine: no lane', async () => {
  const f = openTemp(dir, Buffer.from(log(1000, 5).text));
  try {
    for (const h of [harness(f, { text: false }), harness(undefined)]) {
      h.lane.show();
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(h.updates, []);
      h.lane.dispose();
    }
  } finally {
    f.close();
  }
});

test("the lane gives way to the user's scans: stopped while a find or filter runs, counted once they end", async () => {
  const { text, errors } = log(40_000, 7);
  const f = openTemp(dir, Buffer.from(text));
  try {
    const { lane, updates, next } = harness(f);
    let endFind!: () => void;
    let endFilter!: (e: Error) => void;
    lane.show();
    lane.yieldTo(new Promise<void>((r) => (endFind = r)));
    lane.yieldTo(new Promise<void>((_, reject) => (endFilter = reject)));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(updates.filter((c) => sum(c) === errors).length, 0, 'not counted while the user scans');
    endFind();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(updates.filter((c) => sum(c) === errors).length, 0, 'one of them still runs');
    endFilter(new Error('cancelled')); // a scan that failed ends too
    await next((c) => sum(c) === errors);
    lane.dispose();
  } finally {
    f.close();
  }
});
