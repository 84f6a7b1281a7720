// Restricted Mode (workspace trust on, the folder not trusted): the extension runs with limited
// support, as its manifest declares. A file opens read-only and can be read and searched; a key
// offers editing as usual, and choosing it says that editing needs trust — with the button that
// manages it — and nothing is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { e2eEnvironment, testFolder } from '../support/environment';
import { useBrowser, withWorkbench } from '../support/session';
import { explorerContextMenu, pollWebviews } from '../support/workbench';
import { waitForNotification, waitForStatusBar, webviewClick, webviewText } from '../support/dialogs';

const env = e2eEnvironment();
const browser = useBrowser();
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

test('Restricted Mode: files open read-only, and editing says it needs the workspace trusted', async () => {
  const dir = testFolder(env, 'restricted');
  const file = path.join(dir, 'app.log');
  const original = Buffer.from('2026-03-01T00:00:00Z INFO started\n'.repeat(500));
  writeFileSync(file, original);
  await withWorkbench(env, browser(), 'restricted', dir, async (page) => {
    await waitForStatusBar(page, /Restricted Mode/);
    await explorerContextMenu(page, 'app.log', 'Open in Large File Editor');
    await pollWebviews(page, (f) => f.locator('.hex-view .row').count(), (n) => n > 0, 'the hex rows');
    await waitForStatusBar(page, /Read-only/);
    await webviewClick(page, '.hex-view .row >> nth=3');
    await page.keyboard.press('a');
    await webviewText(page, '.mode-prompt:not([hidden])', (t) => t.includes('open read-only'), 'the read-only prompt');
    await page.keyboard.press('Enter');
    const refusal = await waitForNotification(page, /app\.log stays read-only in Restricted Mode: editing it needs this workspace to be trusted/);
    assert.ok(refusal);
    await page.locator('.notification-toast .monaco-button', { hasText: 'Manage Workspace Trust' }).first().waitFor();
    await page.screenshot({ path: path.join(env.screenshots, 'restricted-mode.png') });
    await waitForStatusBar(page, /Read-only/);
    assert.equal(sha(readFileSync(file)), sha(original));
  });
});
