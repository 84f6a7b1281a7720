// The VS Code Marketplace target this machine builds for: the native addon is compiled for one
// OS, CPU and C library, so the .vsix is platform-specific.
import { readFileSync } from 'node:fs';

function isMusl() {
  if (process.platform !== 'linux') return false;
  const report = /** @type {{ header?: { glibcVersionRuntime?: string } }} */ (process.report?.getReport() ?? {});
  return !report.header?.glibcVersionRuntime;
}

/** e.g. linux-x64, alpine-arm64, darwin-arm64, win32-x64. */
export function vsceTarget() {
  const os = isMusl() ? 'alpine' : process.platform;
  const arch = process.arch === 'arm' ? 'armhf' : process.arch;
  return `${os}-${arch}`;
}

/** The manifest's name and version. */
export function manifest(root) {
  return /** @type {{ name: string, version: string, publisher: string }} */ (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')));
}
