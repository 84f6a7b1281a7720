// What the TypeScript benchmarks share: their command-line options, the addon they load, the
// cached benchmark log, medians, and the process's anonymous memory.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { setAddonPath } from '../extension/engine';

/** The repository (the bundles run from out/bench/). */
export const root = path.resolve(__dirname, '..', '..');

/** `--name value` from the command line, or `fallback`. */
export function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}

/** Loads the built addon (or the one LFE_ADDON_PATH names). */
export function useBuiltAddon(): void {
  setAddonPath(process.env.LFE_ADDON_PATH ?? path.join(root, 'dist', 'lfe.node'));
}

/** The deterministic benchmark log of `size` bytes in .cache/ (the engine benchmark's), generated once. */
export function benchmarkLog(size: number): string {
  const file = path.join(root, '.cache', `bench-log-${size}.log`);
  if (!existsSync(file)) {
    const gen = spawnSync(process.execPath, [path.join(root, 'scripts', 'generate.mjs'), 'log', String(size), file], { stdio: 'inherit' });
    if (gen.status !== 0) throw new Error('could not generate the log');
  }
  return file;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Anonymous memory of this process in bytes: the heap and arrays, not the file's mapped pages. */
export function anonymousBytes(): number {
  const m = /^Anonymous:\s+(\d+) kB/m.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.memoryUsage().rss;
}
