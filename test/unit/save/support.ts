// Shared by the save tests: the addon path, temp folders, scratch mounts and expectations.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setAddonPath } from '../../../extension/engine';
import { SaveError } from '../../../extension/save/saveError';

/** The repository root (tests run from out/test/unit/save). */
export const repoRoot = path.resolve(__dirname, '../../../..');
export const addonFile = process.env.LFE_ADDON_PATH ?? path.join(repoRoot, 'dist', 'lfe.node');
setAddonPath(addonFile);

const made: string[] = [];
// Temp folders go when the test file's process ends (mount points are removed by their tests).
process.on('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'lfe-save-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Folder entries other than `keep` (leftover journals or temp files). */
export function strays(dir: string, ...keep: string[]): string[] {
  return fs.readdirSync(dir).filter((n) => !keep.includes(n));
}

export async function expectSaveError(f: () => unknown, code: string, message?: RegExp): Promise<SaveError> {
  try {
    await f();
  } catch (e) {
    assert.ok(e instanceof SaveError, `expected a SaveError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected a SaveError ${code}`);
}

/** Mounts a tmpfs of `size` on a new folder (root in a permissive sandbox only); undefined with the reason otherwise. */
export function mountTmpfs(size: string, options = ''): { dir: string; unmount: () => void } | { reason: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lfe-mnt-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${options ? ',' + options : ''}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    fs.rmdirSync(dir);
    return { reason: `cannot mount a tmpfs here: ${(r.stderr || r.error?.message || '').trim()}` };
  }
  return {
    dir,
    unmount: () => {
      spawnSync('umount', [dir]);
      fs.rmdirSync(dir);
    },
  };
}

export function remount(dir: string, options: string): boolean {
  return spawnSync('mount', ['-o', `remount,${options}`, dir]).status === 0;
}
