// What `npm start` relies on: a file named in the workbench URL opens in the Large File Editor
// (the URL opens it as text; the extension sends big files to its own editor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { KNOWN_BYTES, KNOWN_ROWS } from '../support/fixtures';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { waitForHexRows, waitForTabCount } from './support/workbench';

const env = e2eEnvironment();
const browser = useBrowser();

test('a file named in the URL opens in the Large File Editor', async () => {
  const folder = testFolder(env, 'url');
  const sample = path.join(folder, 'sample.log');
  writeFileSync(sample, KNOWN_BYTES);
  // A tiny file stands in for the multi-GB sample: a threshold of 0 MB makes it "big".
  mkdirSync(path.join(folder, '.vscode'));
  writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'largeFile.autoOpenAboveMB': 0 }));
  await withWorkbench(
    env,
    browser(),
    'open-from-url',
    folder,
    async (page) => {
      const rows = await waitForHexRows(page, KNOWN_ROWS.length);
      assert.deepEqual(rows, KNOWN_ROWS);
      // The text editor's tab goes; only the Large File Editor's stays.
      await waitForTabCount(page, 1);
      await page.screenshot({ path: path.join(env.screenshots, 'e2e-open-from-url.png') });
    },
    sample,
  );
});
