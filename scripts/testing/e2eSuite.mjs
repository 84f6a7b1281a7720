// The end-to-end tests (test/e2e): code-server with the packaged .vsix installed (not the
// sources, so packaging is tested too), driven through Chromium by the tests themselves.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureCodeServer } from '../code-server/install.mjs';
import { declareDisplayLanguage, freshProfile, installExtension, startCodeServer } from '../code-server/server.mjs';
import { manifest } from '../lib/platform.mjs';
import { onlyWanted, runNodeTests, testFilesBelow } from './nodeTests.mjs';
import { resultsDir, root, scratchDir, stageTmpDir } from './scratch.mjs';

function assertInstalled(extensionsDir) {
  const { publisher, name } = manifest(root);
  const prefix = `${publisher}.${name}-`.toLowerCase();
  const found = readdirSync(extensionsDir).filter((d) => d.toLowerCase().startsWith(prefix));
  if (found.length !== 1) throw new Error(`Expected the .vsix to install one ${prefix}* folder, found: ${found.join(', ') || 'none'}`);
  if (!existsSync(path.join(extensionsDir, found[0], 'dist', 'lfe.node'))) throw new Error('The installed extension has no native addon');
}

/**
 * Three profiles, each a code-server of its own:
 * - test/e2e/*.test.ts: auto save off and files opening In place, so the tests of reading,
 *   finding and saving save when they press Ctrl+S, as on the desktop, without first switching
 *   each file out of Read-only; files open in the hex view (`largeFile.defaultView: hex`), where
 *   these tests start (test/e2e/defaults/ sees the default `auto`: logs open as text).
 * - test/e2e/defaults/*.test.ts: code-server exactly as it ships (`files.autoSave: afterDelay`)
 *   and the extension's own defaults (files open read-only): what a new user gets.
 * - test/e2e/trust/*.test.ts: workspace trust on, the folder untrusted (Restricted Mode).
 * - test/e2e/locale/*.test.ts: VS Code in Simplified Chinese (`--locale zh-cn`), defaults otherwise.
 */
const PROFILES = [
  {
    name: 'e2e',
    settings: { 'files.autoSave': 'off', 'largeFile.defaultMode': 'write', 'largeFile.defaultView': 'hex' },
    only: (f) => !['defaults', 'trust', 'locale'].some((d) => f.includes(`${path.sep}${d}${path.sep}`)),
  },
  { name: 'e2e-defaults', settings: {}, only: (f) => f.includes(`${path.sep}defaults${path.sep}`) },
  // Restricted Mode: workspace trust on, and the folder not trusted (no startup prompt to answer).
  {
    name: 'e2e-trust',
    settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'largeFile.defaultView': 'hex' },
    workspaceTrust: true,
    only: (f) => f.includes(`${path.sep}trust${path.sep}`),
  },
  { name: 'e2e-zh-cn', settings: { 'largeFile.defaultView': 'hex' }, locale: 'zh-cn', only: (f) => f.includes(`${path.sep}locale${path.sep}`) },
];

/**
 * @param {string} vsix
 * @returns {Promise<{ passed: number, failed: number }>}
 */
export async function runE2eSuite(vsix) {
  const all = onlyWanted(testFilesBelow(path.join(root, 'out', 'test', 'e2e')));
  const screenshots = path.join(root, 'screenshots');
  // Failure screenshots of an earlier run would pass for this run's.
  if (existsSync(screenshots)) {
    for (const f of readdirSync(screenshots)) if (/^failed-.*\.png$/.test(f)) rmSync(path.join(screenshots, f), { force: true });
  }
  const codeServer = await ensureCodeServer();
  const total = { passed: 0, failed: 0 };
  for (const p of PROFILES) {
    const files = all.filter(p.only);
    if (files.length === 0) continue;
    const r = await runProfile(codeServer, vsix, p, files, screenshots);
    total.passed += r.passed;
    total.failed += r.failed;
  }
  if (total.passed + total.failed === 0) return { passed: 0, failed: 1 };
  return total;
}

/** Copies the extension's own log ("Large File Editor" output channel) into results/, for reading after a failure. */
function keepExtensionLogs(userDataDir, name) {
  const logs = path.join(userDataDir, 'logs');
  if (!existsSync(logs)) return [];
  const kept = [];
  for (const f of readdirSync(logs, { recursive: true }).map(String)) {
    if (!f.endsWith('Large File Editor.log')) continue;
    const target = path.join(resultsDir, `${name}-extension-${kept.length}.log`);
    copyFileSync(path.join(logs, f), target);
    kept.push(path.relative(root, target));
  }
  return kept;
}

async function runProfile(codeServer, vsix, p, files, screenshots) {
  const scratch = scratchDir(p.name);
  const profile = freshProfile(scratch.dir, p.settings);
  if (p.locale) declareDisplayLanguage(profile, p.locale);
  const workspace = path.join(scratch.dir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  // code-server's own temporary files (its git extension's, the extension's tests') go with the run.
  const tmp = stageTmpDir(`${p.name}-server`);
  let server;
  try {
    await installExtension(codeServer, profile, vsix);
    assertInstalled(profile.extensionsDir);
    server = await startCodeServer(codeServer, { profile, folder: workspace, logFile: scratch.log, workspaceTrust: p.workspaceTrust, locale: p.locale, env: { TMPDIR: tmp.dir } });
    const counts = await runNodeTests(p.name, files, {
      resultsDir,
      env: {
        LFE_E2E_URL: server.url,
        LFE_E2E_WORKSPACE: workspace,
        LFE_E2E_USER_DATA: profile.userDataDir,
        LFE_SCREENSHOTS: screenshots,
      },
    });
    if (counts.failed === 0) rmSync(scratch.log, { force: true });
    else {
      const kept = keepExtensionLogs(profile.userDataDir, p.name);
      console.log(`code-server log: ${path.relative(root, scratch.log)}; screenshots of failures: screenshots/failed-*.png${kept.length ? `; the extension's log: ${kept.join(', ')}` : ''}`);
    }
    return counts;
  } catch (e) {
    console.error(`End-to-end tests (${p.name}): ${e instanceof Error ? e.message : e}`);
    return { passed: 0, failed: 1 };
  } finally {
    await server?.stop();
    scratch.remove();
    tmp.remove();
  }
}
