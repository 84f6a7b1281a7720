// Builds everything the extension needs into dist/: the native addon, a type check, and the
// esbuild bundles (extension, webview, and the test suites into out/).
//   node scripts/build.mjs
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mustRun } from './lib/run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MINUTE = 60_000;

export async function build() {
  await mustRun(process.execPath, [path.join(root, 'scripts', 'build-native.mjs')], { cwd: root, timeoutMs: 30 * MINUTE });
  await mustRun(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--noEmit'], {
    cwd: root,
    timeoutMs: 10 * MINUTE,
  });
  // Compiled tests of deleted sources would otherwise keep running.
  rmSync(path.join(root, 'out'), { recursive: true, force: true });
  await mustRun(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, timeoutMs: 10 * MINUTE });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
