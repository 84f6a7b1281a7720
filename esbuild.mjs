// Bundles the extension (Node, CommonJS), the webview (browser IIFE) and the test suites.
//   node esbuild.mjs            one build
//   node esbuild.mjs --watch    rebuild on change
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'es2022' };

/** Every *.test.ts below a folder, for suites compiled file by file. */
function testFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

const builds = [
  {
    ...common,
    entryPoints: ['extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
  },
  {
    // The engine's command-line door (npm run engine), bundled with extension/engine.ts.
    ...common,
    entryPoints: ['tools/engineCli.ts'],
    outfile: 'out/tools/engine-cli.js',
    platform: 'node',
    format: 'cjs',
  },
  {
    // `npm run l10n`: the English bundle from the sources (tools/l10n/).
    ...common,
    entryPoints: ['tools/l10nExport.ts'],
    outfile: 'out/tools/l10n-export.js',
    platform: 'node',
    format: 'cjs',
    external: ['typescript'],
  },
  {
    ...common,
    entryPoints: testFiles('test'),
    outdir: 'out/test',
    outbase: 'test',
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron', 'typescript'],
  },
  {
    ...common,
    entryPoints: ['bench/searchAndReplace.ts', 'bench/editMemory.ts', 'bench/lines.ts', 'bench/edits.ts', 'bench/filter.ts', 'bench/time.ts'],
    outdir: 'out/bench',
    platform: 'node',
    format: 'cjs',
  },
];

function copyAssets() {
  mkdirSync('dist', { recursive: true });
  // style.css, then the style sheets of the webview's parts (webview/filter/filter.css, …).
  const parts = readdirSync('webview', { recursive: true }).map(String).filter((f) => f.endsWith('.css') && f !== 'style.css').sort();
  writeFileSync('dist/webview.css', ['style.css', ...parts].map((f) => readFileSync(path.join('webview', f), 'utf8')).join('\n'));
  // VS Code's icon font, so the webview's buttons look like the workbench's.
  copyFileSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicon.css');
  copyFileSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicon.ttf');
}

if (watch) {
  copyAssets();
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching for changes…');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  copyAssets();
}
