// Builds everything the extension needs into dist/: the native addon, a type check, and the
// esbuild bundles (extension, webview, and the test suites into out/).
//   node scripts/build.mjs
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mustRun } from './lib/run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MINUTE = 60_000;

/**
 * @param {{ logFile?: string }} [options] with `logFile`, the compilers' output goes there and
 *   only a failure's last lines reach the terminal (npm start)
 */
export async function build({ logFile } = {}) {
  await mustRun(process.execPath, [path.join(root, 'scripts', 'build-native.mjs')], { cwd: root, timeoutMs: 30 * MINUTE, logFile });
  await mustRun(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--noEmit'], {
    cwd: root,
    timeoutMs: 10 * MINUTE,
    logFile,
  });
  await mustRun(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, timeoutMs: 10 * MINUTE, logFile });
  pruneStaleTests();
}

/**
 * Deletes compiled tests whose source is gone, which would otherwise keep running. Only those:
 * wiping out/ would pull the files from under a test run in progress.
 */
export function pruneStaleTests() {
  const out = path.join(root, 'out', 'test');
  if (!existsSync(out)) return;
  for (const file of readdirSync(out, { recursive: true }).map(String)) {
    const compiled = path.join(out, file);
    const base = file.replace(/\.js(\.map)?$/, '');
    if (base === file || !statSync(compiled).isFile()) continue;
    if (!existsSync(path.join(root, 'test', `${base}.ts`))) rmSync(compiled, { force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
