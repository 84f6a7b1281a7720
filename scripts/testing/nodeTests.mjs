// Runs test files with Node's built-in runner: readable output on the terminal, and a TAP copy
// from which the pass/fail counts are taken.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from '../lib/run.mjs';
import { stageTmpDir } from './scratch.mjs';

/** Every *.test.js below `dir`, recursively, sorted. Empty when the folder does not exist. */
export function testFilesBelow(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * The files whose path contains LFE_TEST_ONLY, when it is set (running one file while working on
 * it); several parts separated by commas run the files that contain any of them.
 */
export function onlyWanted(files) {
  const only = process.env.LFE_TEST_ONLY;
  if (!only) return files;
  const parts = only.split(',').filter((p) => p !== '');
  return files.filter((f) => parts.some((p) => f.includes(p)));
}

/** Pass and fail counts from the summary at the end of a TAP stream (Node's tap reporter). */
export function tapCounts(tap) {
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled') };
}

/**
 * @param {string} name  stage name, for the TAP file name
 * @param {string[]} files
 * @param {{ resultsDir: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, testTimeoutMs?: number }} options
 * @returns {Promise<{ passed: number, failed: number }>}
 */
export async function runNodeTests(name, files, options) {
  if (files.length === 0) {
    console.error(`No test files for ${name}.`);
    return { passed: 0, failed: 1 };
  }
  mkdirSync(options.resultsDir, { recursive: true });
  const tapFile = path.join(options.resultsDir, `${name}.tap`);
  const args = [
    '--test',
    '--test-concurrency=1',
    `--test-timeout=${options.testTimeoutMs ?? 5 * 60_000}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...files,
  ];
  // The files the tests make go with the run.
  const tmp = stageTmpDir(name);
  let code;
  try {
    code = await runCommand(process.execPath, args, { env: { ...process.env, ...options.env, TMPDIR: tmp.dir }, timeoutMs: options.timeoutMs ?? 20 * 60_000 });
  } finally {
    tmp.remove();
  }
  const counts = existsSync(tapFile) ? tapCounts(readFileSync(tapFile, 'utf8')) : { passed: 0, failed: 0 };
  // A runner that died or timed out without reporting a failure still failed.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}
