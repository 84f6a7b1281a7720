// The in-VS-Code integration suite (test/integration, mocha in the extension host), run in
// code-server: the browser loads the workbench with the extension under development and the
// suite's entry point in the URL payload; the suite writes a JSON report that this reads.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureCodeServer } from '../code-server/install.mjs';
import { freshProfile, startCodeServer } from '../code-server/server.mjs';
import { remoteUri, workbenchUrl } from '../code-server/urls.mjs';
import { launchChromium } from '../lib/chromium.mjs';
import { root, scratchDir, stageTmpDir } from './scratch.mjs';

const MINUTE = 60_000;

/** Why the suite can no longer report, judging by code-server and its log; undefined while it can. */
function suiteGone(child, log) {
  if (child.exitCode !== null || child.signalCode !== null) return 'code-server exited before the suite reported';
  const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
  const exit = /Extension Host Process exited with code: (\d+)/.exec(text);
  return exit ? `the extension host exited (code ${exit[1]}) without a report; did the suite load?` : undefined;
}

async function waitForFile(file, timeoutMs, gone) {
  const deadline = Date.now() + timeoutMs;
  let goneSince;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      // Written in one call, but make sure it is complete JSON before trusting it.
      try {
        return JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        // Still being written.
      }
    }
    const reason = gone();
    // The report is written just before the host exits: allow it a moment to land.
    if (reason && (goneSince ??= Date.now()) < Date.now() - 5000) throw new Error(reason);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The suite wrote no report within ${Math.round(timeoutMs / 1000)} s`);
}

function printReport(report) {
  for (const t of report.tests) {
    const mark = t.state === 'passed' ? '✔' : t.state === 'failed' ? '✖' : '-';
    console.log(`  ${mark} ${t.title}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}`);
    if (t.error) console.log(t.error.replace(/^/gm, '      '));
  }
}

/** @returns {Promise<{ passed: number, failed: number }>} */
export async function runVscodeSuite({ timeoutMs = 10 * MINUTE } = {}) {
  const entry = path.join(root, 'out', 'test', 'integration', 'index.js');
  if (!existsSync(entry)) throw new Error(`${path.relative(root, entry)} is missing; build first`);
  const codeServer = await ensureCodeServer();
  const scratch = scratchDir('vscode');
  // Files open in the hex view, where the suite's view tests start (the default, auto, opens logs as text).
  const profile = freshProfile(scratch.dir, { 'largeFile.defaultView': 'hex' });
  const workspace = path.join(scratch.dir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const reportFile = path.join(scratch.dir, 'report.json');
  const log = scratch.log;
  // Temporary files of code-server and of the suite's tests (which run in its extension host) go with the run.
  const tmp = stageTmpDir('vscode');

  let server;
  let browser;
  try {
    // The extension host inherits code-server's environment: that is how the suite learns where to
    // report, and the extension that it may export its test hooks (extension/testHooks.ts).
    server = await startCodeServer(codeServer, { profile, folder: workspace, env: { LFE_TEST_REPORT: reportFile, LFE_TEST_HOOKS: '1', TMPDIR: tmp.dir }, logFile: log });
    const url = workbenchUrl(server.url, {
      folder: workspace,
      payload: [
        ['extensionDevelopmentPath', remoteUri(server.port, root)],
        ['extensionTestsPath', remoteUri(server.port, entry)],
      ],
    });
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(url, { timeout: 2 * MINUTE });
    const child = server.process;
    const report = await waitForFile(reportFile, timeoutMs, () => suiteGone(child, log));
    printReport(report);
    if (report.failed === 0) rmSync(log, { force: true });
    else console.log(`code-server log: ${path.relative(root, log)}`);
    return { passed: report.passed, failed: report.failed };
  } catch (e) {
    console.error(`In-VS-Code suite: ${e instanceof Error ? e.message : e} (code-server log: ${path.relative(root, log)})`);
    return { passed: 0, failed: 1 };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    scratch.remove();
    tmp.remove();
  }
}
