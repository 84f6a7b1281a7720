// The end-to-end tests (test/e2e): code-server with the packaged .vsix installed (not the
// sources, so packaging is tested too), driven through Chromium by the tests themselves.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureCodeServer } from '../code-server/install.mjs';
import { freshProfile, installExtension, startCodeServer } from '../code-server/server.mjs';
import { manifest } from '../lib/platform.mjs';
import { onlyWanted, runNodeTests, testFilesBelow } from './nodeTests.mjs';
import { resultsDir, root, scratchDir } from './scratch.mjs';

function assertInstalled(extensionsDir) {
  const { publisher, name } = manifest(root);
  const prefix = `${publisher}.${name}-`.toLowerCase();
  const found = readdirSync(extensionsDir).filter((d) => d.toLowerCase().startsWith(prefix));
  if (found.length !== 1) throw new Error(`Expected the .vsix to install one ${prefix}* folder, found: ${found.join(', ') || 'none'}`);
  if (!existsSync(path.join(extensionsDir, found[0], 'dist', 'lfe.node'))) throw new Error('The installed extension has no native addon');
}

/**
 * @param {string} vsix
 * @returns {Promise<{ passed: number, failed: number }>}
 */
export async function runE2eSuite(vsix) {
  const files = onlyWanted(testFilesBelow(path.join(root, 'out', 'test', 'e2e')));
  const screenshots = path.join(root, 'screenshots');
  // Failure screenshots of an earlier run would pass for this run's.
  if (existsSync(screenshots)) {
    for (const f of readdirSync(screenshots)) if (/^failed-.*\.png$/.test(f)) rmSync(path.join(screenshots, f), { force: true });
  }
  const codeServer = await ensureCodeServer();
  const scratch = scratchDir('e2e');
  // VS Code for the Web (code-server) saves edits after a second by default; desktop VS Code
  // does not. The tests save when a user would (Ctrl+S), as on the desktop.
  const profile = freshProfile(scratch.dir, { 'files.autoSave': 'off' });
  const workspace = path.join(scratch.dir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  let server;
  try {
    await installExtension(codeServer, profile, vsix);
    assertInstalled(profile.extensionsDir);
    server = await startCodeServer(codeServer, { profile, folder: workspace, logFile: scratch.log });
    const counts = await runNodeTests('e2e', files, {
      resultsDir,
      env: {
        LFE_E2E_URL: server.url,
        LFE_E2E_WORKSPACE: workspace,
        LFE_E2E_USER_DATA: profile.userDataDir,
        LFE_SCREENSHOTS: screenshots,
      },
    });
    if (counts.failed === 0) rmSync(scratch.log, { force: true });
    else console.log(`code-server log: ${path.relative(root, scratch.log)}; screenshots of failures: screenshots/failed-*.png`);
    return counts;
  } catch (e) {
    console.error(`End-to-end tests: ${e instanceof Error ? e.message : e}`);
    return { passed: 0, failed: 1 };
  } finally {
    await server?.stop();
    scratch.remove();
  }
}
