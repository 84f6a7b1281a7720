// Shared by the in-VS-Code tests: the extension's API, waiting for the webview to render, and the
// editor tab that is showing.
import * as vscode from 'vscode';
import type { LargeFileEditorApi } from '../../extension/extension';

export const EXTENSION_ID = 'large-file-editor.large-file-editor';
export const VIEW_TYPE = 'largeFile.editor';

export async function activatedApi(): Promise<LargeFileEditorApi> {
  const extension = vscode.extensions.getExtension<LargeFileEditorApi>(EXTENSION_ID);
  if (!extension) throw new Error(`Extension ${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  if (typeof api.reportRendered !== 'function') throw new Error('The extension exports no test hooks: run the suite with LFE_TEST_HOOKS=1 (scripts/testing/vscodeSuite.mjs sets it)');
  // These tests read what the webviews draw (lastRendered): webviews report it only when asked.
  api.reportRendered(true);
  return api;
}

/** Resolves with the notice the webview of `uri` shows instead of rows; rejects after `timeoutMs`. Call it before opening. */
export function waitForNotice(api: LargeFileEditorApi, uri: vscode.Uri, timeoutMs = 30_000): Promise<{ code: string; text: string }> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const n = api.lastNotice(uri);
      if (n) resolve(n);
      return n !== undefined;
    };
    if (check()) return;
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no notice shown for ${uri.fsPath} in ${timeoutMs} ms (rows: ${JSON.stringify(api.lastRendered(uri))})`));
    }, timeoutMs);
    const listener = api.onDidRender((u) => {
      if (u.toString() === uri.toString() && check()) {
        clearTimeout(timer);
        listener.dispose();
      }
    });
  });
}

export interface Rendered {
  readonly firstOffset: number;
  readonly rows: readonly string[];
}

/**
 * Resolves with what the webview of `uri` renders once `accept` likes it; rejects after
 * `timeoutMs` naming what was seen last. Call it before opening, so no render is missed.
 */
export function waitForRender(
  api: LargeFileEditorApi,
  uri: vscode.Uri,
  accept: (r: Rendered) => boolean = (r) => r.rows.length > 0,
  timeoutMs = 30_000,
): Promise<Rendered> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const r = api.lastRendered(uri);
      if (r && accept(r)) {
        finish();
        resolve(r);
      }
    };
    const subscription = api.onDidRender((u) => u.toString() === uri.toString() && check());
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`No acceptable render of ${uri.fsPath} within ${timeoutMs} ms; last: ${JSON.stringify(api.lastRendered(uri))}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** The custom-editor input of the active tab, if the active tab is a custom editor. */
export function activeCustomTab(): vscode.TabInputCustom | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input : undefined;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `ok()` holds, polling; fails naming `what` after `timeoutMs`. */
export async function until(what: string, ok: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
