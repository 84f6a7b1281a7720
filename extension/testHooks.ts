// Test hooks stay out of production: the extension's exports (extension/testApi.ts) and the
// webview's per-frame 'rendered' message exist only when the test harness sets LFE_TEST_HOOKS=1
// in the extension host's environment (scripts/testing/vscodeSuite.mjs, test/electron/run.ts).
// Another extension, or a user's VS Code, gets an empty API and webviews that report nothing.

export const TEST_HOOKS_VARIABLE = 'LFE_TEST_HOOKS';

/** Whether the test harness asked for the hooks. */
export function testHooksEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[TEST_HOOKS_VARIABLE] === '1';
}
