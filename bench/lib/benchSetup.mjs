// What the benchmarks in VS Code (editor.mjs, filterView.mjs) prepare before their runs: the
// packaged extension as users install it, the deterministic logs cached in .cache/ (a 2 GB log,
// the 10 GB one made of five copies, a 200 MB one for VS Code's text editor) read once into the
// page cache, and code-server with a fresh profile, the bench's keys and the .vsix installed;
// then the runs on one workbench page, and what is left after them (a failure's screenshot).
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureCodeServer } from '../../scripts/code-server/install.mjs';
import { freePort, freshProfile, installExtension, startCodeServer } from '../../scripts/code-server/server.mjs';
import { generate } from '../../scripts/generate.mjs';
import { mustRun } from '../../scripts/lib/run.mjs';
import { packageVsix } from '../../scripts/package.mjs';
import { scratchDir } from '../../scripts/testing/scratch.mjs';
import { repeatFile } from './repeatedFile.mjs';
import { openBenchPage, writeBenchKeybindings } from './workbench.mjs';

const MB = 1024 * 1024;

/** Builds (node esbuild.mjs) and packages the .vsix. */
export async function packagedExtension(root, log) {
  log('Building (node esbuild.mjs) and packaging the .vsix…');
  await mustRun(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root });
  return packageVsix();
}

/** Reads a file once so runs compare with it in the page cache, as the engine benchmark does. */
export async function warm(file) {
  await new Promise((resolve, reject) => createReadStream(file, { highWaterMark: 16 * MB }).on('data', () => {}).on('end', resolve).on('error', reject));
}

/** The logs, generated or reused; the 10 GB one (and the 200 MB peer) read once. */
export async function benchLogs(root, log) {
  const cache = path.join(root, '.cache');
  mkdirSync(cache, { recursive: true });
  log('Generating (or reusing) the logs in .cache/ …');
  const base = generate('log', 2_000_000_000, path.join(cache, 'bench-log-2000000000.log'), 1);
  const big = repeatFile(base, 5, path.join(cache, 'bench-log-2000000000x5.log'));
  const peer = generate('log', 200_000_000, path.join(cache, 'bench-log-200000000.log'), 1);
  log('Reading the 10 GB log once (page cache)…');
  await warm(big);
  await warm(peer);
  return { big, peer, bigSize: 5 * 2_000_000_000 };
}

/** code-server with a fresh profile in a scratch folder, the bench's keys, and the .vsix installed. */
export async function benchCodeServer(name, vsix, files, log) {
  const codeServer = await ensureCodeServer();
  const scratch = scratchDir(name);
  // The measures read the hex view's rows (a log opens in the text view by default, largeFile.defaultView: auto).
  const profile = freshProfile(scratch.dir, { 'largeFile.defaultView': 'hex' });
  const workspace = path.join(scratch.dir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const port = await freePort();
  const notes = path.join(workspace, 'notes.txt');
  writeFileSync(notes, 'another tab\n');
  writeBenchKeybindings(profile.userDataDir, { port, big: files.big, peer: files.peer, notes });
  log('Installing the .vsix into a fresh profile and starting code-server…');
  await installExtension(codeServer, profile, vsix);
  const server = await startCodeServer(codeServer, { profile, folder: workspace, port, logFile: scratch.log });
  return { scratch, profile, workspace, server };
}

/**
 * Runs `body(page)` on a workbench page of the bench's code-server. If it throws, the page is kept
 * as screenshots/<name>-failed.png and the error says where code-server's log is (and `describe`'s
 * words); the browser, code-server and the scratch folder go whatever happened.
 * @param {{ browser: import('playwright-core').Browser, server: { url: string, stop(): Promise<void> }, scratch: { log: string, remove(): void }, workspace: string }} session
 * @param {{ name: string, screenshots: string, root: string, describe?: (page: import('playwright-core').Page | undefined) => string }} report
 * @param {(page: import('playwright-core').Page) => Promise<void>} body
 */
export async function withBenchPage({ browser, server, scratch, workspace }, { name, screenshots, root, describe }, body) {
  /** @type {import('playwright-core').Page | undefined} */
  let page;
  try {
    page = await openBenchPage(browser, server.url, workspace);
    await body(page);
  } catch (e) {
    await page?.screenshot({ path: path.join(screenshots, `${name}-failed.png`) }).catch(() => undefined);
    console.error(`Failed; the page is in screenshots/${name}-failed.png, code-server's log in ${path.relative(root, scratch.log)}${describe ? describe(page) : ''}`);
    throw e;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    scratch.remove();
  }
}
