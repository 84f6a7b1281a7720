// The highlight rules over a row's text: which built-in rule colours what (against hand-written
// expectations, one per rule), the user's rules first, whole-row rules, bad rules reported (not
// thrown), colours as theme variables or hex, and the off switch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileUserRules, cssColor, Highlighter } from '../../../webview/highlight/highlightRules';
import { segments } from '../../../webview/highlight/rowDecorations';

/** [text, class] of each span. */
function spans(h: Highlighter, text: string): [string, string][] {
  return h.spans(text).map((s) => [text.slice(s.start, s.end), s.style.color ?? s.style.className]);
}

test('built-in rules: levels in their spellings, timestamps, GUIDs, IPs, URLs, strings, keys, numbers', () => {
  const h = new Highlighter();
  const line =
    '2026-03-01T10:00:00.123Z ERROR worker-3 id=7f3c2a10-9b1e-4c2d-8e4f-0a1b2c3d4e5f from 10.0.0.12 and fe80::1 "bad request" see https://example.com/x?q=1 took 42ms';
  assert.deepEqual(spans(h, line), [
    ['2026-03-01T10:00:00.123Z', 'hlr-time'],
    ['ERROR', 'hlr-error'],
    ['id', 'hlr-key'],
    ['7f3c2a10-9b1e-4c2d-8e4f-0a1b2c3d4e5f', 'hlr-guid'],
    ['10.0.0.12', 'hlr-ip'],
    ['fe80::1', 'hlr-ip'],
    ['"bad request"', 'hlr-string'],
    ['https://example.com/x?q=1', 'hlr-url'],
    ['42ms', 'hlr-number'],
  ]);
  for (const [word, cls] of [
    ['FATAL', 'hlr-fatal'], ['Critical', 'hlr-fatal'], ['panic', 'hlr-fatal'],
    ['Error', 'hlr-error'], ['ERR', 'hlr-error'], ['SEVERE', 'hlr-error'],
    ['WARN', 'hlr-warn'], ['Warning', 'hlr-warn'], ['warn', 'hlr-warn'],
    ['INFO', 'hlr-info'], ['Info', 'hlr-info'], ['NOTICE', 'hlr-info'],
    ['DEBUG', 'hlr-debug'], ['dbg'.toUpperCase(), 'hlr-debug'],
    ['TRACE', 'hlr-trace'], ['Verbose', 'hlr-trace'],
  ] as const) {
    assert.deepEqual(spans(h, `[${word}] x`), [[word, cls]], word);
  }
  // Not inside words: ERRORS, INFORMATION and "terror" are no levels.
  assert.deepEqual(spans(h, 'ERRORS INFORMATION terror'), []);
  assert.deepEqual(spans(h, 'Mar  1 10:00:00 host sshd'), [['Mar  1 10:00:00', 'hlr-time']]);
  assert.deepEqual(spans(h, '[01/Mar/2026:10:00:00 +0000] GET'), [['01/Mar/2026:10:00:00 +0000', 'hlr-time']]);
  // A version or a word with digits is not a number.
  assert.deepEqual(spans(h, 'v1.2.3 abc123'), []);
});

test('user rules win over the built-in ones; a whole-row rule colours the row; bad rules are reported', () => {
  const h = new Highlighter();
  const { rules, errors } = compileUserRules([
    { pattern: 'worker-3', color: '#ff00ff' },
    { pattern: 'ERROR', color: 'terminal.ansiGreen' },
    { pattern: '(', regex: true, color: '#fff' },
    { pattern: 'x', color: 'not a colour!' },
  ]);
  assert.equal(rules.length, 2);
  assert.equal(errors.length, 2);
  assert.match(errors[0], /rule 3/);
  assert.match(errors[1], /rule 4.*colour/);
  h.setUserRules(rules);
  assert.deepEqual(spans(h, 'ERROR worker-3 done'), [['ERROR', 'var(--vscode-terminal-ansiGreen)'], ['worker-3', '#ff00ff']]);
  const line = compileUserRules([{ pattern: 'time(out)?', regex: true, matchCase: false, color: 'editorWarning.foreground', scope: 'line' }]);
  h.setUserRules(line.rules);
  assert.deepEqual(spans(h, 'INFO upstream TIMEOUT 5s'), [['INFO upstream TIMEOUT 5s', 'var(--vscode-editorWarning-foreground)']]);
  h.enabled = false;
  assert.deepEqual(spans(h, 'ERROR 42'), []);
});

test('colours: hex as is, theme ids as their CSS variables, anything else refused', () => {
  assert.equal(cssColor('#e5a00d'), '#e5a00d');
  assert.equal(cssColor('#abc'), '#abc');
  assert.equal(cssColor('editorError.foreground'), 'var(--vscode-editorError-foreground)');
  assert.equal(cssColor('red; background: url(x)'), undefined);
  assert.equal(cssColor('#12'), undefined);
});

test('spans never overlap and stay sorted on a busy row', () => {
  const h = new Highlighter();
  const text = Array.from({ length: 200 }, (_, i) => `k${i}=${i} "s${i}" 10.0.0.${i % 250}`).join(' ');
  const s = h.spans(text);
  assert.ok(s.length > 400);
  for (let i = 1; i < s.length; i++) assert.ok(s[i].start >= s[i - 1].end, `span ${i} after span ${i - 1}`);
});

test("the filtered view's rows: the filter's matches cut over the rules' spans", () => {
  const text = 'ERROR worker-3 took 42ms';
  const h = new Highlighter();
  const segs = segments(text.length, [[0, 14]], h.spans(text)).map((s) => [text.slice(s.start, s.end), s.hit, s.rule?.style.className ?? '']);
  assert.deepEqual(segs, [
    ['ERROR', true, 'hlr-error'],
    [' worker-3', true, ''],
    [' took ', false, ''],
    ['42ms', false, 'hlr-number'],
  ]);
});
