// No user-facing string left in English: the rules of tools/l10n/unlocalized.ts over the host's
// and the webview's sources find none — and each rule does find the omission it is for, in a
// snippet written to fail it (so an empty result means the rules ran, not that they are blind).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ts from 'typescript';
import { type SourceFile, sourcesBelow } from '../../../tools/l10n/sources';
import { WEBVIEW_STRINGS } from '../../../shared/webviewStrings';
import { unlocalizedInHost, unlocalizedInWebview } from '../../../tools/l10n/unlocalized';

const root = path.resolve(__dirname, '../../../..');
const snippet = (text: string): SourceFile[] => [{ path: 'snippet.ts', ast: ts.createSourceFile('snippet.ts', text, ts.ScriptTarget.ES2022, true) }];
const texts = (found: readonly { text: string }[]): string[] => found.map((f) => f.text);

test('the host shows no notification, question, pick, progress or status bar text that skips vscode.l10n.t', () => {
  const found = unlocalizedInHost(sourcesBelow(root, 'extension'));
  assert.deepEqual(found.map((f) => `${f.at} ${f.rule} ${JSON.stringify(f.text)}`), []);
});

test('the webview shows no text, tooltip, placeholder or aria-label that skips t()', () => {
  const found = unlocalizedInWebview(sourcesBelow(root, 'webview'));
  assert.deepEqual(found.map((f) => `${f.at} ${f.rule} ${JSON.stringify(f.text)}`), []);
});

test('the host rules find each kind of omission, and pass what is localized', () => {
  const found = unlocalizedInHost(
    snippet(`
      vscode.window.showInformationMessage('No Large File Editor is active.');
      vscode.window.showWarningMessage(\`Save \${name}?\`, { modal: true }, 'Save', 'Discard');
      vscode.window.showQuickPick(items, { title: 'Text encoding' });
      vscode.window.withProgress({ location, title: 'Saving' }, work);
      item.text = ok ? 'INS' : 'OVR';
      item.tooltip = 'Go to offset';
      vscode.window.showInformationMessage(vscode.l10n.t('Open a file first'));
      item.text = \`$(lock) \${label}\`;
      vscode.window.showErrorMessage(message);
      const keep = 'Keep my edits';
      vscode.window.showWarningMessage(vscode.l10n.t('Changed'), { modal: true }, keep);
    `),
  );
  assert.deepEqual(texts(found), ['No Large File Editor is active.', 'Save  ?', 'Save', 'Discard', 'Text encoding', 'Saving', 'INS', 'OVR', 'Go to offset', 'Keep my edits']);
});

test('the webview rules find each kind of omission, and pass what is localized', () => {
  const found = unlocalizedInWebview(
    snippet(`
      el.textContent = 'Empty file';
      el.title = cond ? 'Little' : t('inspector.bigEndian');
      el.setAttribute('aria-label', \`Match at \${offset}\`);
      el.setAttribute('class', 'results-panel');
      b.append(document.createTextNode(' Wrap'));
      toggle('regex', 'Use Regular Expression (Alt+R)');
      promptButton('edit', t('prompt.editInPlace'), 'Enter', go);
      if (e.key === 'Escape') close();
      throw new Error('The find controller is already subscribed');
      el.textContent = t('find.results', 3);
      this.widget.setCount('Searching…');
    `),
  );
  assert.deepEqual(texts(found), ['Empty file', 'Little', 'Match at  ', ' Wrap', 'Use Regular Expression (Alt+R)', 'Searching…']);
});

test("every key of the webview's table is used by the webview (a key nobody shows is a translation nobody reads)", () => {
  const sources = sourcesBelow(root, 'webview').map((f) => f.ast.text).join('\n');
  const unused = Object.keys(WEBVIEW_STRINGS).filter((key) => !sources.includes(`'${key}'`));
  assert.deepEqual(unused, []);
});
