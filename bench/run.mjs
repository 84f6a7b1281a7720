// `npm run bench [-- PART… --runs N]`: runs the benchmark parts (every one by default, in this
// order), each writing results/<part>.json, then the summary table of every figure there
// (bench/summary.mjs). Options after the part names (`--runs 3`, `--size …`) go to every part.
//   npm run bench                   everything (about 15 minutes)
//   npm run bench -- edits          search over unsaved edits only (results/edits.json)
//   npm run bench -- lines          line numbers over 1 M unsaved inserts; the stored line index (results/lines.json)
//   npm run bench -- filter         the filtered view's engine on the 10 GB log against rg; its memory (results/filter.json)
//   npm run bench -- filter-view  the filtered view in code-server: first rows after Enter, scrolling (results/filter-view.json)
//   npm run bench -- time           go to time and the timeline on 10 GB logs, against awk (results/time.json)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** name -> [needs the TypeScript bundles, node arguments] */
const PARTS = {
  engine: [false, ['bench/engine.mjs']],
  'search-replace': [true, ['--expose-gc', 'out/bench/searchAndReplace.js']],
  edits: [true, ['out/bench/edits.js']],
  lines: [true, ['out/bench/lines.js']],
  'edit-memory': [true, ['out/bench/editMemory.js']],
  filter: [true, ['--expose-gc', 'out/bench/filter.js']],
  time: [true, ['out/bench/time.js']],
  editor: [false, ['bench/editor.mjs']],
  'filter-view': [false, ['bench/filterView.mjs']],
};

const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('--'));
const names = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
const unknown = names.filter((n) => !(n in PARTS));
if (unknown.length > 0) {
  console.error(`unknown benchmark part: ${unknown.join(', ')} (parts: ${Object.keys(PARTS).join(', ')})`);
  process.exit(2);
}
const chosen = names.length > 0 ? names : Object.keys(PARTS);

function run(argv) {
  const r = spawnSync(process.execPath, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\nbench: node ${argv.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

if (chosen.some((n) => PARTS[n][0])) run(['esbuild.mjs']);
for (const name of chosen) {
  console.log(`\n=== bench: ${name} ===`);
  run([...PARTS[name][1], ...options]);
}
run(['bench/summary.mjs']);
