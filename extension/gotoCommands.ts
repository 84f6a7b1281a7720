// Go to with a preview, and Select Between Offsets. Go to (Ctrl+G) moves the view as the input
// changes, as VS Code's own Go to Line does, and goes back to where it was on Escape; Enter keeps
// the place. A preview never warns (a half-typed line number is not an error); Enter does.
import * as vscode from 'vscode';
import type { LargeFileEditorProvider } from './largeFileEditorProvider';
import { parseOffsetRange } from '../shared/offsetRange';

const gotoPrompt = (): string =>
  vscode.l10n.t('Offset (decimal, 0x hex, +/- relative), percentage (50%, 100% is the end), line (in the text view), start, end, or in a log a time (2026-03-01 12:00, 12:00, +10m, -1h30m)');

/** Go to `input` now, or ask for it with a box that previews every change. */
export function goTo(provider: LargeFileEditorProvider, input?: unknown): void {
  const session = provider.activeSession;
  if (!session) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Large File Editor is active.'));
    return;
  }
  if (typeof input === 'string') {
    session.post({ type: 'goto', input });
    return;
  }
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Go to');
  box.prompt = gotoPrompt();
  box.placeholder = vscode.l10n.t('0x1F400, 1048576, 50%, end, line 1200, 2026-03-01 12:00, +10m');
  let accepted = false;
  const subscriptions = [
    box.onDidChangeValue((value) => session.post({ type: 'gotoPreview', input: value })),
    box.onDidAccept(() => {
      accepted = true;
      session.post({ type: 'goto', input: box.value });
      box.hide();
    }),
    box.onDidHide(() => {
      if (!accepted) session.post({ type: 'gotoCancel' });
      for (const s of subscriptions) s.dispose();
      box.dispose();
    }),
  ];
  box.show();
}

/** Selects the bytes `arg` names (START-END or START+LENGTH), or asks for them. */
export async function selectRange(provider: LargeFileEditorProvider, arg?: unknown): Promise<boolean> {
  const session = provider.activeSession;
  const size = session?.document.info?.size;
  if (!session || size === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Large File Editor is active.'));
    return false;
  }
  const input =
    typeof arg === 'string'
      ? arg
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('Select Between Offsets'),
          prompt: vscode.l10n.t('START-END (both included) or START+LENGTH, in decimal or 0x hex'),
          placeHolder: vscode.l10n.t('0x100-0x1FF, 4096+512'),
          validateInput: (value) => {
            const r = parseOffsetRange(value, size);
            return 'error' in r ? r.error : undefined;
          },
        });
  if (input === undefined) return false;
  const range = parseOffsetRange(input, size);
  if ('error' in range) {
    void vscode.window.showWarningMessage(range.error);
    return false;
  }
  session.post({ type: 'select', start: range.start, end: range.end });
  return true;
}
