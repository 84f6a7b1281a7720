// Entry point of the in-VS-Code suite, loaded by the extension host through extensionTestsPath
// (code-server here, @vscode/test-electron on machines that can download VS Code). Runs every
// *.test.js next to it with mocha. The browser that drives code-server never learns the outcome,
// so it is also written as JSON to $LFE_TEST_REPORT for the harness to read.
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestOutcome {
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs?: number;
  readonly error?: string;
}

export interface TestReport {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly tests: readonly TestOutcome[];
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

function writeReport(report: TestReport): void {
  const target = process.env.LFE_TEST_REPORT;
  if (target) writeFileSync(target, JSON.stringify(report, null, 2));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  const tests: TestOutcome[] = [];

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const report: TestReport = {
          passed: tests.filter((t) => t.state === 'passed').length,
          failed: tests.filter((t) => t.state === 'failed').length,
          pending: tests.filter((t) => t.state === 'pending').length,
          tests,
        };
        writeReport(report);
        if (failures > 0 || report.failed > 0) reject(new Error(`${report.failed} of ${tests.length} tests failed.`));
        else resolve();
      });
      runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
      runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
      // Also fires for failing hooks, which count as failures of the suite.
      runner.on('fail', (t, err: Error) => {
        tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: err.stack ?? String(err) });
      });
    } catch (e) {
      // A test file that does not even load is a failed run, not a hang.
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      writeReport({ passed: 0, failed: 1, pending: 0, tests: [{ title: 'loading the test files', state: 'failed', error }] });
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
