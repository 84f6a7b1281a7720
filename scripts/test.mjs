// `npm test`: prerequisites, build, then every test stage; every stage's result reaches the exit
// code, and the last line is the total "N passed, N failed".
//   node scripts/test.mjs            all stages
//   node scripts/test.mjs lint       the linters only (eslint, type-aware; clang-tidy over native/src)
//   node scripts/test.mjs unit       unit tests only (node:test, pure TypeScript and native)
//   node scripts/test.mjs vscode     the mocha suite inside VS Code (code-server)
//   node scripts/test.mjs e2e        packaging, then Playwright driving VS Code with the .vsix
// LFE_TEST_ONLY=<part of a path> runs only the matching test files of the e2e stage.
import path from 'node:path';
import { build } from './build.mjs';
import { runCommand } from './lib/run.mjs';
import { packageVsix } from './package.mjs';
import { runE2eSuite } from './testing/e2eSuite.mjs';
import { runClangTidy } from './testing/clangTidy.mjs';
import { runEslint } from './testing/lint.mjs';
import { runNodeTests, testFilesBelow } from './testing/nodeTests.mjs';
import { resultsDir, root } from './testing/scratch.mjs';
import { runVscodeSuite } from './testing/vscodeSuite.mjs';

const STAGES = ['lint', 'unit', 'vscode', 'e2e'];
const only = process.argv[2];
if (only !== undefined && !STAGES.includes(only)) {
  console.error(`usage: node scripts/test.mjs [${STAGES.join('|')}]`);
  process.exit(2);
}
const wanted = (stage) => only === undefined || only === stage;

/** @type {{ stage: string, passed: number, failed: number }[]} */
const results = [];

function heading(text) {
  console.log(`\n=== ${text} ===`);
}

/** Runs a stage; an exception is one failure of that stage, and the next stages still run. */
async function stage(name, fn) {
  heading(name);
  const started = Date.now();
  let r;
  try {
    r = await fn();
  } catch (e) {
    console.error(`${name}: ${e instanceof Error ? e.message : e}`);
    r = { passed: 0, failed: 1 };
  }
  results.push({ stage: name, ...r });
  console.log(`${name}: ${r.passed} passed, ${r.failed} failed (${Math.round((Date.now() - started) / 1000)} s)`);
  return r;
}

function finish() {
  heading('summary');
  for (const r of results) console.log(`  ${r.stage.padEnd(10)} ${r.passed} passed, ${r.failed} failed`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

const ready = await stage('prerequisites and build', async () => {
  const code = await runCommand(process.execPath, [path.join(root, 'scripts', 'prereqs.mjs'), 'test'], { timeoutMs: 20 * 60_000 });
  if (code !== 0) throw new Error('Missing prerequisites (see above)');
  await build();
  return { passed: 0, failed: 0 };
});
if (ready.failed > 0) finish();

if (wanted('lint')) {
  await stage('lint', async () => {
    const ts = await runEslint();
    const cc = await runClangTidy();
    return { passed: ts.passed + cc.passed, failed: ts.failed + cc.failed };
  });
}

if (wanted('unit')) {
  await stage('unit', () =>
    runNodeTests('unit', testFilesBelow(path.join(root, 'out', 'test', 'unit')), {
      resultsDir,
      // Test bundles live in out/test/…, not next to the addon: tell the engine where it is.
      env: { LFE_ADDON_PATH: process.env.LFE_ADDON_PATH ?? path.join(root, 'dist', 'lfe.node') },
    }),
  );
}

let vsix;
if (wanted('e2e')) {
  await stage('package', async () => {
    vsix = await packageVsix();
    return runNodeTests('package', testFilesBelow(path.join(root, 'out', 'test', 'package')), { resultsDir, env: { LFE_VSIX: vsix } });
  });
}

if (wanted('vscode')) await stage('vscode', () => runVscodeSuite());

if (wanted('e2e')) {
  await stage('e2e', () => (vsix ? runE2eSuite(vsix) : Promise.resolve({ passed: 0, failed: 1 })));
}

finish();
