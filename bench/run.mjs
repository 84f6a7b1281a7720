// `npm run bench [-- PART…] [-- --runs N]`: every benchmark part in order, or only the parts
// named, then the one table of every figure (bench/summary.mjs). Each part writes its own
// results/<part>.json, so a part run alone updates only its rows of the table.
//   engine   the native engine against rg, grep and wc       (bench/engine.mjs)
//   search   find and Replace All + Save through the host's paths   (bench/searchAndReplace.ts)
//   memory   edit memory                                       (bench/editMemory.ts)
//   lines    line numbers over 1 M unsaved inserts; the stored line index   (bench/lines.ts)
//   editor   the editor in VS Code for the browser             (bench/editor.mjs)
// Options after the part names (--runs 3) go to every part.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const PARTS = {
  engine: ['bench/engine.mjs'],
  search: ['--expose-gc', 'out/bench/searchAndReplace.js'],
  memory: ['out/bench/editMemory.js'],
  lines: ['out/bench/lines.js'],
  editor: ['bench/editor.mjs'],
};

const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('--'));
const named = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
for (const part of named) {
  if (!(part in PARTS)) {
    console.error(`unknown benchmark part: ${part} (${Object.keys(PARTS).join(', ')})`);
    process.exit(2);
  }
}
const parts = named.length > 0 ? named : Object.keys(PARTS);

function run(argv) {
  const r = spawnSync(node, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The TypeScript parts run from their bundles.
run(['esbuild.mjs']);
for (const part of parts) run([...PARTS[part], ...options]);
run(['bench/summary.mjs']);
