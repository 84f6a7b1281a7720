// Per-run scratch folders for the VS Code stages (profiles, workspaces, reports), and the
// results/ folder where logs are kept for reading after a failure.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const resultsDir = path.join(root, 'results');

/** A new empty folder for one run of a stage; `remove` deletes it. */
export function scratchDir(stage) {
  const parent = path.join(root, '.vscode-test', 'runs');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, `${stage}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function logFile(name) {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, name);
  rmSync(file, { force: true });
  return file;
}
