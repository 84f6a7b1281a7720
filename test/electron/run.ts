// `npm run test:electron`: the in-VS-Code suite in a desktop VS Code that @vscode/test-electron
// downloads (needs internet access to update.code.visualstudio.com). `npm test` runs the same
// suite in code-server instead.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  // Compiled to out/test/electron/run.js.
  const root = path.resolve(__dirname, '..', '..', '..');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'lfe-electron-'));
  const userDataDir = path.join(scratch, 'user-data');
  const workspace = path.join(scratch, 'workspace');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(workspace, { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none' }),
  );
  const report = path.join(scratch, 'report.json');
  const version = process.env.VSCODE_TEST_VERSION ?? 'stable';
  const code = await runTests({
    version,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
    extensionTestsEnv: { LFE_TEST_REPORT: report, LFE_TEST_HOOKS: '1' },
    launchArgs: [workspace, '--disable-extensions', '--user-data-dir', userDataDir, '--extensions-dir', path.join(scratch, 'extensions')],
  });
  try {
    const r = JSON.parse(readFileSync(report, 'utf8')) as { passed: number; failed: number };
    console.log(`${r.passed} passed, ${r.failed} failed`);
  } catch {
    console.log('The suite wrote no report.');
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
