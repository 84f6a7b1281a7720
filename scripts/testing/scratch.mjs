// Per-run scratch folders for the VS Code stages (profiles, workspaces, reports), and the
// results/ folder where logs are kept for reading after a failure.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
