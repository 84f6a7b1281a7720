// The time messages a webview may send are checked like every other (the webview renders file
// content, so the host treats what it sends as untrusted): well-formed ones come through as sent,
// anything else is dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../shared/protocol';

test('well-formed time messages come through as sent', () => {
  const messages = [
    { type: 'gotoTime', input: '2026-03-01 12:00', from: 1234 },
    { type: 'timeline', timelineId: 7, request: { series: 'errors' } },
    { type: 'timeline', timelineId: 8, request: { series: 'find', bucketSeconds: 60, query: { pattern: 'ERROR', mode: 'text', matchCase: true, wholeWord: false }, encoding: 'utf-8' } },
    { type: 'timeline', timelineId: 9, request: { series: 'none', range: { from: 1772366400000000, to: 1772368200000000 } } },
    { type: 'cancelTimeline', timelineId: 9 },
    { type: 'setTimeRange', range: { from: 1772366400000000, to: 1772368200000000 } },
    { type: 'setTimeRange', range: null },
  ];
  for (const m of messages) assert.deepEqual(parseWebviewMessage(m), m, JSON.stringify(m));
});

test('malformed time messages are dropped', () => {
  const bad = [
    { type: 'gotoTime', input: 'x'.repeat(201), from: 0 },
    { type: 'gotoTime', input: '12:00', from: -1 },
    { type: 'gotoTime', input: 12, from: 0 },
    { type: 'timeline', timelineId: 1, request: { series: 'everything' } },
    { type: 'timeline', timelineId: 1, request: { series: 'find' } },
    { type: 'timeline', timelineId: 1, request: { series: 'none', bucketSeconds: -5 } },
    { type: 'timeline', timelineId: 1, request: { series: 'none', range: { from: 10, to: 5 } } },
    { type: 'timeline', timelineId: 1.5, request: { series: 'none' } },
    { type: 'timeline', timelineId: 1, series: 'none' },
    { type: 'cancelTimeline', timelineId: 'x' },
    { type: 'setTimeRange', range: { from: 1, to: 1 } },
    { type: 'setTimeRange', range: { from: '12:00', to: '13:00' } },
  ];
  for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
});
