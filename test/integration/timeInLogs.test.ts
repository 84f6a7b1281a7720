// Time in logs inside VS Code: the timeline command's data (entries per minute and the ERROR
// entries among them) equals a count of the file's lines, and a time range set with
// largeFile.setTimeRange restricts Find to the lines between its two times — the same offsets a
// linear scan finds, the same count a naive search of that stretch finds; the filter's `time >=`
// terms and the time range keep the filtered view to the lines of that stretch.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TimelineData, TimeRangeInfo } from '../../shared/protocol';
import { countOccurrences } from '../support/fixtures';
import { countPerBucket, firstAtOrAfter, generateLog } from '../support/timeLogs';
import { activatedApi, closeAllEditors, sleep, waitForRender } from './helpers';

const countNaive = countOccurrences;

describe('Time in logs', () => {
  let dir: string;
  let file: string;
  const log = generateLog('log4j', {
    lines: 30_000,
    startMs: Date.UTC(2026, 2, 1, 11, 0),
    gapMs: 300,
    jitterBlock: 5,
    continuation: 0.1,
    header: 1,
    seed: 33,
    errorRate: 0.06,
  });

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lfe-time-'));
    file = path.join(dir, 'service.log');
    writeFileSync(file, log.bytes);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(closeAllEditors);

  it('the timeline command counts entries per minute and the entries holding ERROR, as the lines say', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    const data = await vscode.commands.executeCommand<TimelineData>('largeFile.timeline', {
      bucketSeconds: 60,
      series: 'find',
      query: { pattern: 'ERROR', mode: 'text', matchCase: true, wholeWord: false },
    });
    assert.equal(data.state, 'done');
    assert.equal(data.format, 'log4j');
    assert.equal(data.bucket, 60e6);
    const oracle = countPerBucket(log.lines, data.origin, data.bucket, 'ERROR');
    const counts = new Map<number, number>();
    const matches = new Map<number, number>();
    data.counts.forEach((c, i) => c > 0 && counts.set(data.origin + (data.first + i) * data.bucket, c));
    data.matches.forEach((c, i) => c > 0 && matches.set(data.origin + (data.first + i) * data.bucket, c));
    assert.deepEqual(counts, oracle.counts);
    assert.deepEqual(matches, oracle.matches);
    assert.equal(data.untimed, 1, 'the header line');

    // Error-level entries (the default series).
    const errors = await vscode.commands.executeCommand<TimelineData>('largeFile.timeline', { bucketSeconds: 3600, series: 'errors' });
    const levels = countPerBucket(log.lines, errors.origin, errors.bucket, (t) => /\b(error|fatal|critical|crit|severe|panic|emerg)\b/i.test(t));
    const expected = [...levels.matches.values()].reduce((a, b) => a + b, 0);
    assert.equal(errors.matched, expected);
    assert.ok(expected > 0);
  });

  it('a time range restricts Find to the lines between its times', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    await sleep(300); // the webview reports its status (encoding) after the first render
    const info = await vscode.commands.executeCommand<TimeRangeInfo>('largeFile.setTimeRange', { from: '2026-03-01 11:30', to: '+20m' });
    const from = Date.UTC(2026, 2, 1, 11, 30) * 1000;
    const to = from + 20 * 60e6;
    assert.equal(info.from, from);
    assert.equal(info.to, to);
    assert.equal(info.start, firstAtOrAfter(log.lines, from));
    assert.equal(info.end, firstAtOrAfter(log.lines, to));
    const inRange = countNaive(log.bytes.subarray(info.start, info.end), 'handled in 1');
    const found = await vscode.commands.executeCommand<number>('largeFile.findInFile', 'handled in 1', { matchCase: true });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(found, Math.min(1000, inRange));
    assert.ok(inRange > 0 && inRange < countNaive(log.bytes, 'handled in 1'));

    // Cleared, Find sees the whole file again.
    await vscode.commands.executeCommand('largeFile.clearTimeRange');
    const all = await vscode.commands.executeCommand<number>('largeFile.findInFile', 'handled in 99 ms', { matchCase: true });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(all, Math.min(1000, countNaive(log.bytes, 'handled in 99 ms')));
  });

  it("the filter's time terms, and the time range, keep the filtered lines to that stretch", async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    const linesBetween = (from: number, to: number) => {
      const start = firstAtOrAfter(log.lines, from) ?? log.bytes.length;
      const end = firstAtOrAfter(log.lines, to) ?? log.bytes.length;
      return log.lines.filter((l) => l.start >= start && l.start < end);
    };
    const t = (h: number, m: number) => Date.UTC(2026, 2, 1, h, m) * 1000;
    const errors = linesBetween(t(11, 40), t(12, 5)).filter((l) => l.text.includes('ERROR'));
    assert.ok(errors.length > 0 && errors.length < log.lines.filter((l) => l.text.includes('ERROR')).length);
    const outcome = await api.filterActive('ERROR and time >= 11:40 and time < 2026-03-01 12:05');
    assert.equal(outcome?.kind === 'done' ? outcome.count : -1, errors.length);
    assert.deepEqual(api.filterRowsActive(0, 2).map((r) => r.offset), errors.slice(0, 2).map((l) => l.start));

    // The time range (the timeline's drag) restricts a filter without time terms.
    await vscode.commands.executeCommand('largeFile.setTimeRange', { from: '2026-03-01 11:50', to: '+10m' });
    const ranged = await api.filterActive('ERROR');
    assert.equal(ranged?.kind === 'done' ? ranged.count : -1, linesBetween(t(11, 50), t(12, 0)).filter((l) => l.text.includes('ERROR')).length);
    await vscode.commands.executeCommand('largeFile.clearTimeRange');
    const whole = await api.filterActive('ERROR');
    assert.equal(whole?.kind === 'done' ? whole.count : -1, log.lines.filter((l) => l.text.includes('ERROR')).length);
  });
});
