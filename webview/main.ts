// Webview entry: the message router, and the editor it creates on 'init'. Every host message
// goes through the router to the controller its route names (messageRouter.ts).
import type { HostMessage } from '../shared/protocol';
import { Editor, type SavedState, type VsCodeApi } from './editor';
import { t, useLocale } from './l10n';
import { hostMessageRouter, type MessagesFor, unhandled } from './messageRouter';

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
const router = hostMessageRouter();
let editor: Editor | undefined;

function showNotice(text: string, code: string): void {
  const notice = document.createElement('div');
  notice.className = 'notice';
  notice.setAttribute('role', 'alert');
  notice.dataset.code = code;
  notice.textContent = text;
  app.replaceChildren(notice);
}

router.subscribe('boot', {
  handle(m: MessagesFor<'boot'>): void {
    switch (m.type) {
      case 'init':
        // The host sends one 'init' with the HTML and answers 'ready' with another (in case the
        // first was lost): the first one that arrives counts.
        if (editor) return;
        useLocale(m.locale);
        editor = new Editor(vscode, router, app, m.document, m.settings, m.firstPage, vscode.getState() as SavedState | undefined);
        return;
      case 'openFailed':
        showNotice(t('open.failed', m.message), m.code);
        // Tests read what the notice says (only when they asked: extension/testHooks.ts).
        if (m.reportRendered) vscode.postMessage({ type: 'noticeShown', code: m.code, text: app.textContent ?? '' });
        return;
      default:
        return unhandled(m);
    }
  },
});

window.addEventListener('focus', () => editor?.focus());

document.addEventListener('paste', (e) => {
  if (!editor || (e.target as HTMLElement | null)?.closest?.('input, textarea')) return;
  e.preventDefault();
  editor.paste();
});

// Copy goes through the host, which reads the bytes from the document: the webview only holds a
// few pages, and the host applies the size limit. Only the find and go-to boxes copy as the
// browser does.
document.addEventListener('copy', (e) => {
  if (!editor || (e.target as HTMLElement | null)?.closest?.('input, textarea')) return;
  e.preventDefault();
  editor.copy();
});

window.addEventListener('message', (event: MessageEvent<HostMessage>) => router.dispatch(event.data));

vscode.postMessage({ type: 'ready' });
