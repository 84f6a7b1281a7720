// Files that cannot be shown as rows get a notice in the editor, never a blank panel: an empty
// file, and a file that cannot be opened (a link to nothing). Opened from the explorer's
// context menu.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { writeFixtures } from '../support/fixtures';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, waitForNotice } from './support/workbench';

const env = e2eEnvironment();
const browser = useBrowser();

test('an empty file shows "Empty file"', async () => {
  const fixtures = writeFixtures(testFolder(env, 'empty'));
  await withWorkbench(env, browser(), 'empty-file', fixtures.dir, async (page) => {
    await explorerContextMenu(page, path.basename(fixtures.empty), 'Open in Large File Editor');
    const notice = await waitForNotice(page, /Empty file/);
    await page.screenshot({ path: path.join(env.screenshots, 'e2e-empty-file.png') });
    assert.match(notice, /^Empty file/);
  });
});

test('a file that cannot be opened shows why', { skip: process.platform === 'win32' }, async () => {
  const fixtures = writeFixtures(testFolder(env, 'unreadable'));
  const dangling = fixtures.dangling;
  assert.ok(dangling);
  await withWorkbench(env, browser(), 'unreadable-file', fixtures.dir, async (page) => {
    await explorerContextMenu(page, path.basename(dangling), 'Open in Large File Editor');
    const notice = await waitForNotice(page, /cannot open/i);
    await page.screenshot({ path: path.join(env.screenshots, 'e2e-unreadable-file.png') });
    assert.match(notice, /cannot open/i);
  });
});
