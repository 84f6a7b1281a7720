// What the harness (scripts/testing/e2eSuite.mjs) tells the end-to-end tests: a running
// code-server with the packaged extension installed, a workspace folder it may write into, and
// where screenshots go, and code-server's user data folder (where VS Code keeps hot-exit backups).
import { mkdirSync, mkdtempSync } from 'node:fs';
import * as path from 'node:path';

export interface E2eEnvironment {
  readonly url: string;
  readonly workspace: string;
  readonly screenshots: string;
  readonly userDataDir: string | undefined;
}

export function e2eEnvironment(): E2eEnvironment {
  const url = process.env.LFE_E2E_URL;
  const workspace = process.env.LFE_E2E_WORKSPACE;
  if (!url || !workspace) throw new Error('Run the end-to-end tests through the harness: npm run test:e2e');
  const screenshots = process.env.LFE_SCREENSHOTS ?? path.resolve('screenshots');
  mkdirSync(screenshots, { recursive: true });
  return { url, workspace, screenshots, userDataDir: process.env.LFE_E2E_USER_DATA };
}

/** A folder of its own for one test, so no test sees another's editors restored. */
export function testFolder(env: E2eEnvironment, name: string): string {
  return mkdtempSync(path.join(env.workspace, `${name}-`));
}
