// Starts and stops code-server for tests and for `npm start`: a fresh profile (user data and
// extensions folders) per run, bound to 127.0.0.1 only, waited for with a time limit, and shut
// down with every process it forked.
import { closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { mustRun, startProcess, stopProcess } from '../lib/run.mjs';

const MINUTE = 60_000;

/** Settings every run needs: without them restricted mode keeps extensions from activating. */
export const BASE_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  // Test folders live inside this repository's checkout; its git repository is not theirs.
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * A fresh user-data folder and extensions folder under `parent`, with user settings.
 * @param {string} parent
 * @param {Record<string, unknown>} [settings] merged over BASE_SETTINGS
 */
export function freshProfile(parent, settings = {}) {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'profile-'));
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  return { dir, userDataDir, extensionsDir };
}

/**
 * Makes `locale` a display language of the profile without Microsoft's language pack (which
 * comes from the Marketplace, out of reach here): the server's list of language packs
 * (`languagepacks.json` in the user data folder, which VS Code keeps for installed packs) names
 * one whose translation of VS Code itself is empty. VS Code's own menus then stay English, but
 * the workbench runs in `locale` — vscode.env.language, and every extension's package.nls.<locale>.json
 * and l10n bundle — as with the real pack. With the pack installed this is not needed.
 * @param {{ userDataDir: string }} profile
 * @param {string} locale e.g. 'zh-cn'
 */
export function declareDisplayLanguage(profile, locale) {
  const dir = path.join(profile.userDataDir, 'stand-in-language-pack');
  mkdirSync(dir, { recursive: true });
  const translations = path.join(dir, 'main.i18n.json');
  writeFileSync(translations, JSON.stringify({ contents: {} }));
  const packs = {
    [locale]: {
      hash: `stand-in-${locale}`,
      extensions: [{ extensionIdentifier: { id: `stand-in.language-pack-${locale}` }, version: '0.0.0' }],
      translations: { vscode: translations },
      label: locale,
    },
  };
  writeFileSync(path.join(profile.userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

/** @param {{ userDataDir: string, extensionsDir: string }} profile */
function profileArgs(profile) {
  return ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

/**
 * Installs a packaged extension into the profile's extensions folder.
 * @param {{ entry: string }} codeServer
 * @param {{ userDataDir: string, extensionsDir: string }} profile
 * @param {string} vsix
 * @param {{ logFile?: string }} [options] output to this file instead of the terminal
 */
export async function installExtension(codeServer, profile, vsix, { logFile } = {}) {
  await mustRun(process.execPath, [codeServer.entry, ...profileArgs(profile), '--install-extension', vsix], { timeoutMs: 5 * MINUTE, logFile });
}

/** A port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilHealthy(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (exit code ${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`code-server did not answer on ${url} within ${Math.round(timeoutMs / 1000)} s`);
}

/**
 * Starts code-server and waits until it answers. Its output goes to `logFile` when given.
 * @param {{ entry: string }} codeServer
 * @param {{
 *   profile: { userDataDir: string, extensionsDir: string },
 *   folder?: string,
 *   port?: number,
 *   env?: NodeJS.ProcessEnv,
 *   logFile?: string,
 *   timeoutMs?: number,
 *   workspaceTrust?: boolean,
 *   locale?: string,
 * }} options
 */
export async function startCodeServer(codeServer, options) {
  // options.workspaceTrust: code-server asks VS Code's workspace trust (off for every other run).
  // options.locale: VS Code's display language (`--locale zh-cn`: vscode.env.language and the
  // extension's translations; the workbench's own menus need VS Code's language pack).
  const port = options.port ?? (await freePort());
  const args = [
    codeServer.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    // Workspace trust stays off unless a run tests Restricted Mode.
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...(options.locale ? ['--locale', options.locale] : []),
    ...profileArgs(options.profile),
  ];
  if (options.folder) args.push(options.folder);
  const out = options.logFile ? openSync(options.logFile, 'a') : 'inherit';
  // code-server takes $PORT over --bind-addr: `PORT=8080 npm start` names the short address's port, not its.
  const { PORT: _port, ...inherited } = process.env;
  const child = startProcess(process.execPath, args, {
    env: { ...inherited, ...options.env },
    stdio: ['ignore', out, out],
  });
  // The child has its own copy of the descriptor.
  if (typeof out === 'number') closeSync(out);
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitUntilHealthy(url, child, options.timeoutMs ?? 2 * MINUTE);
  } catch (e) {
    await stopProcess(child);
    throw e;
  }
  return {
    port,
    url,
    process: child,
    stop: () => stopProcess(child),
  };
}
