// A user opens a file through the command palette and the workbench's file dialog; the webview
// shows its bytes as hex rows. Runs against the packaged .vsix installed into code-server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { KNOWN_ROWS, writeFixtures } from '../support/fixtures';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { answerFileDialog, runFromPalette, waitForHexRows } from './support/workbench';

const env = e2eEnvironment();
const browser = useBrowser();

test('"Large File Editor: Open File…" shows the exact hex of a known file', async () => {
  const fixtures = writeFixtures(testFolder(env, 'palette'));
  await withWorkbench(env, browser(), 'open-file', fixtures.dir, async (page) => {
    await runFromPalette(page, 'Large File Editor: Open File…');
    await answerFileDialog(page, fixtures.known);
    const rows = await waitForHexRows(page, KNOWN_ROWS.length);
    await page.screenshot({ path: path.join(env.screenshots, 'e2e-open-file.png') });
    assert.deepEqual(rows, KNOWN_ROWS);
    await page.locator('.tabs-container .tab', { hasText: 'known.bin' }).waitFor();
  });
});
