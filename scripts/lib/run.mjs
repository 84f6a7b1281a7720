// Runs child processes for the build and test scripts: each with a time limit, in its own process
// group so a timeout or Ctrl+C takes down everything it started (code-server forks several
// processes of its own), and with a readable error naming the command that failed.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

const MINUTE = 60_000;

/**
 * Processes started here whose groups have not been cleaned up yet; killed when this process
 * exits for any reason. A leader is kept after it exits until `stopProcess` has swept its group,
 * because the members it started (language servers, extension hosts) can outlive it.
 */
const live = new Set();

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function killAll() {
  for (const child of live) killGroup(child, 'SIGKILL');
  live.clear();
}

process.on('exit', killAll);
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.on(signal, () => {
    killAll();
    process.exit(128 + number);
  });
}

/**
 * Starts a command in its own process group and tracks it. The caller ends it with `stopProcess`.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 */
export function startProcess(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', ...options, detached: true });
  if (child.pid !== undefined) live.add(child);
  return child;
}

function hasExited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Ends a process started by `startProcess` and everything in its group: SIGTERM, then SIGKILL
 * for whatever is still there after `graceMs`.
 * @param {import('node:child_process').ChildProcess} child
 */
export async function stopProcess(child, graceMs = 5000) {
  if (!live.has(child)) return;
  if (!hasExited(child)) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
  }
  killGroup(child, 'SIGKILL');
  live.delete(child);
}

/**
 * Runs a command to completion. Resolves with its exit code (a timeout counts as failure, code 124).
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, quiet?: boolean, logFile?: string }} [options]
 * @returns {Promise<number>}
 */
export async function runCommand(command, args, options = {}) {
  const { timeoutMs = 20 * MINUTE, quiet = false, logFile, ...spawnOptions } = options;
  // With a log file, the output goes there (appended), not to the terminal.
  const log = logFile ? openSync(logFile, 'a') : undefined;
  const stdio = log !== undefined ? ['ignore', log, log] : quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'];
  const child = startProcess(command, args, { ...spawnOptions, stdio });
  if (log !== undefined) closeSync(log);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    console.error(`\nTimed out after ${Math.round(timeoutMs / 1000)} s: ${command} ${args.join(' ')}`);
    void stopProcess(child);
  }, timeoutMs);
  const code = await new Promise((resolve) => {
    child.once('error', (e) => {
      console.error(`Could not run ${command}: ${e.message}`);
      resolve(127);
    });
    child.once('exit', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
  });
  clearTimeout(timer);
  // Whatever the command left running in its group goes with it.
  await stopProcess(child, 0);
  return timedOut ? 124 : code;
}

/**
 * Like `runCommand`, but a non-zero exit throws an error naming the command.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, quiet?: boolean, logFile?: string }} [options]
 */
export async function mustRun(command, args, options = {}) {
  const code = await runCommand(command, args, options);
  if (code !== 0) {
    const where = options.cwd ? ` (in ${options.cwd})` : '';
    // A quiet run failed: what it printed last says why.
    if (options.logFile) console.error(`${tail(options.logFile, 40)}\n(the whole output: ${options.logFile})`);
    throw new Error(`Failed with exit code ${code}: ${command} ${args.join(' ')}${where}`);
  }
}

/** The last `lines` lines of a file, or '' if it cannot be read. */
export function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** npm from the same Node installation that runs these scripts. */
export function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}
