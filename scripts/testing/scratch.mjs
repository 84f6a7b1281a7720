// Per-run scratch folders for the VS Code stages (profiles, workspaces, reports), a temporary
// folder per stage that is TMPDIR for everything the stage runs (the tests' files, code-server's
// own: removed with the stage, where 700 folders of test files once filled the disk), and the
// results/ folder where logs are kept for reading after a failure.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const resultsDir = path.join(root, 'results');

/**
 * A new empty folder for one run of a stage, and a log file named after it in results/ (runs
 * may overlap on a shared machine, so neither is reused). `remove` deletes the folder.
 */
export function scratchDir(stage) {
  const parent = path.join(root, '.vscode-test', 'runs');
  mkdirSync(parent, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  const dir = mkdtempSync(path.join(parent, `${stage}-`));
  return {
    dir,
    log: path.join(resultsDir, `code-server-${path.basename(dir)}.log`),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A new temporary folder for one stage, to be its processes' TMPDIR (os.tmpdir() follows it).
 * Under the system's temporary folder and enterable by everyone, as /tmp is: tests that drop to
 * an unprivileged user copy what it runs there. `remove` deletes it and everything in it.
 */
export function stageTmpDir(stage) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `lfe-${stage}-run-`));
  chmodSync(dir, 0o755);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
