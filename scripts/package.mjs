// Packages the built extension (dist/) into a platform-specific .vsix with vsce.
//   node scripts/package.mjs      (run `npm run build` first; `npm run package` does both)
// Prints the path of the .vsix. Which files go in is decided by .vscodeignore.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifest, vsceTarget } from './lib/platform.mjs';
import { mustRun } from './lib/run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REQUIRED = ['dist/extension.js', 'dist/webview.js', 'dist/webview.css', 'dist/lfe.node'];

/** Where `packageVsix` writes the .vsix for this platform. */
export function vsixPath() {
  const { name, version } = manifest(root);
  return path.join(root, `${name}-${vsceTarget()}-${version}.vsix`);
}

/** @param {{ logFile?: string }} [options] vsce's output to this file instead of the terminal */
export async function packageVsix({ logFile } = {}) {
  const missing = REQUIRED.filter((f) => !existsSync(path.join(root, f)));
  if (missing.length > 0) throw new Error(`Build first (npm run build); missing: ${missing.join(', ')}`);
  const out = vsixPath();
  rmSync(out, { force: true });
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  await mustRun(
    process.execPath,
    [
      vsce, 'package',
      '--target', vsceTarget(),
      '--out', out,
      // Everything is bundled into dist/; there are no runtime node_modules to ship.
      '--no-dependencies',
      // The project has no public repository yet; README links stay as written.
      '--allow-missing-repository',
      '--no-rewrite-relative-links',
    ],
    // vsce asks questions on a terminal; with no stdin it takes the safe answer instead of waiting.
    { cwd: root, timeoutMs: 5 * 60_000, logFile },
  );
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  packageVsix().then(
    (out) => console.log(out),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
