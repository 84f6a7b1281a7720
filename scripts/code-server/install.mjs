// Installs code-server (VS Code for the browser) into a cache folder, once. Its npm postinstall
// downloads things from GitHub and expects a build machine, so the install runs with scripts
// off and then does by hand what the postinstall would: rebuild the native modules against this
// Node, use the system's ripgrep, and add the links the packaged server expects.
//   node scripts/code-server/install.mjs     installs (or checks) and prints the entry point
import { spawnSync } from 'node:child_process';
import { copyFileSync, chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mustRun, npmCommand } from '../lib/run.mjs';

// code-server 4.100.x bundles VS Code 1.100 and is the last line that runs on Node 20.
export const CODE_SERVER_VERSION = '4.100.3';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MINUTE = 60_000;

/** Where code-server is cached; shared by every test run and by `npm start`. */
export function codeServerHome() {
  return path.join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
}

/** What the rest of the scripts need to know about an installed code-server. */
export function codeServerPaths(home = codeServerHome()) {
  const pkg = path.join(home, 'node_modules', 'code-server');
  return { home, entry: path.join(pkg, 'out', 'node', 'entry.js'), vscode: path.join(pkg, 'lib', 'vscode') };
}

function stampFile(home) {
  return path.join(home, 'installed.stamp');
}

function stampText() {
  // A different Node ABI needs the native modules rebuilt.
  return JSON.stringify({ version: CODE_SERVER_VERSION, node: process.versions.modules, platform: process.platform, arch: process.arch });
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function link(target, at) {
  rmSync(at, { force: true, recursive: false });
  symlinkSync(target, at);
}

/**
 * Installs code-server unless the cache already holds this version for this Node. Returns its paths.
 * @param {{ log?: (line: string) => void }} [options]
 */
export async function ensureCodeServer({ log = console.log } = {}) {
  const paths = codeServerPaths();
  const { home, entry, vscode } = paths;
  if (existsSync(stampFile(home)) && readFileSync(stampFile(home), 'utf8') === stampText() && existsSync(entry)) {
    return paths;
  }
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is not on the PATH; code-server needs it (Debian package: ripgrep). Run: node scripts/prereqs.mjs test');
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h') && process.platform === 'linux') {
    throw new Error('Kerberos headers are missing; code-server builds a module against them (Debian package: libkrb5-dev).');
  }

  log(`Installing code-server ${CODE_SERVER_VERSION} into ${path.relative(root, home)} (once; takes a few minutes)…`);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(path.join(home, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }, null, 2));
  const npm = npmCommand();
  const quietNpm = ['--no-audit', '--no-fund', '--loglevel=error'];
  // npm must not stop to ask. The native modules build against this Node's own headers when
  // they are installed, because node-gyp would otherwise download them from nodejs.org.
  const env = { ...process.env, npm_config_yes: 'true' };
  const localNodeDir = path.resolve(process.execPath, '..', '..');
  if (!env.npm_config_nodedir && existsSync(path.join(localNodeDir, 'include', 'node', 'node_api.h'))) {
    env.npm_config_nodedir = localNodeDir;
  }

  await mustRun(npm, ['install', ...quietNpm, '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], { cwd: home, env, timeoutMs: 15 * MINUTE });
  await mustRun(npm, ['rebuild', ...quietNpm, 'argon2'], { cwd: home, env, timeoutMs: 10 * MINUTE });

  await mustRun(npm, ['install', ...quietNpm, '--unsafe-perm', '--omit=dev', '--ignore-scripts'], { cwd: vscode, env, timeoutMs: 15 * MINUTE });
  // The @vscode/ripgrep package would download its binary from GitHub; the system one does the same job.
  const rgDir = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync(rg, path.join(rgDir, 'rg'));
  chmodSync(path.join(rgDir, 'rg'), 0o755);
  // Builds node-pty, spdlog, kerberos, … for this Node. Explicit rebuilds run install scripts even
  // where npm blocks them during install.
  await mustRun(npm, ['rebuild', ...quietNpm, '--unsafe-perm'], { cwd: vscode, env, timeoutMs: 30 * MINUTE });
  link('node_modules', path.join(vscode, 'node_modules.asar'));
  link('code-linux.sh', path.join(vscode, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', path.join(vscode, 'bin', 'helpers', 'browser.sh'));
  await mustRun(npm, ['install', ...quietNpm, '--unsafe-perm', '--omit=dev'], { cwd: path.join(vscode, 'extensions'), env, timeoutMs: 15 * MINUTE });

  if (!existsSync(entry)) throw new Error(`code-server was installed but ${entry} is missing`);
  writeFileSync(stampFile(home), stampText());
  log('code-server is installed.');
  return paths;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureCodeServer()
    .then((p) => console.log(p.entry))
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
