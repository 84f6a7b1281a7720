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
      // README links stay as written (relative, to the repository's own files).
      '--no-rewrite-relative-links',
    ],
    // vsce asks questions on a terminal; with no stdin it takes the safe answer instead of waiting.
    { cwd: root, timeoutMs: 5 * 60_000, logFile },
  );
  return out;
}

/**
 * The Marketplace targets of a native extension and why each one cannot be built on this
 * machine, if it cannot: the addon is compiled code, built by the platform's own toolchain
 * against that platform's Node headers (and linked with its PCRE2).
 */
export function otherTargets(here = vsceTarget()) {
  const reasons = {
    'win32-x64': 'needs MSVC and Node\'s node.lib on Windows (the Windows sources are compile-checked with MinGW by npm test)',
    'win32-arm64': 'needs MSVC for ARM64 and Node\'s node.lib on Windows',
    'darwin-x64': 'needs Apple\'s toolchain on macOS',
    'darwin-arm64': 'needs Apple\'s toolchain on macOS',
    'linux-x64': 'needs an x64 Linux machine (glibc) with the packages npm test installs',
    'linux-arm64': 'needs an arm64 Linux machine (or an aarch64 cross toolchain with an arm64 PCRE2)',
    'linux-armhf': 'needs an armhf Linux machine',
    'alpine-x64': 'needs an Alpine (musl) machine',
    'alpine-arm64': 'needs an Alpine (musl) arm64 machine',
  };
  return Object.entries(reasons)
    .filter(([target]) => target !== here)
    .map(([target, why]) => ({ target, why }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  packageVsix().then(
    (out) => {
      console.log(`Packaged for ${vsceTarget()}: ${path.relative(root, out)}`);
      console.log('Not built here (build the .vsix on that platform, with npm run package):');
      for (const { target, why } of otherTargets()) console.log(`  ${target.padEnd(13)} ${why}`);
    },
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
