// Test hooks stay out of production (extension/testHooks.ts): the built extension, activated in a
// child process against a stand-in `vscode` module, exports nothing unless LFE_TEST_HOOKS=1 — the
// functions that type into an editor (editActive, replaceActive…) are not there for any other
// extension — and with it exports every hook the integration tests use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testHooksEnabled } from '../../../extension/testHooks';

const repoRoot = path.resolve(__dirname, '../../../..');
const bundle = path.join(repoRoot, 'dist', 'extension.js');

/** Loads the bundle with `vscode` replaced by stubs (every property, call and `new` gives another), calls activate, prints the export's keys. */
const ACTIVATE = String.raw`
const Module = require('node:module');
function stub() {
  return new Proxy(function () {}, {
    get: (_t, p) => (p === Symbol.toPrimitive ? () => 0 : p === 'then' ? undefined : stub()),
    apply: () => stub(),
    construct: () => stub(),
    set: () => true,
  });
}
const vscode = {};
for (const name of ['CancellationError', 'ConfigurationTarget', 'Disposable', 'EventEmitter', 'FileChangeType', 'FilePermission', 'FileSystemError', 'FileType', 'ProgressLocation', 'StatusBarAlignment', 'TabInputCustom', 'TabInputText', 'ThemeColor', 'Uri', 'ViewColumn', 'commands', 'env', 'extensions', 'l10n', 'languages', 'window', 'workspace']) vscode[name] = stub();
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const memento = { get: (_k, d) => d, update: async () => undefined, keys: () => [] };
const storage = process.argv[3];
const api = require(process.argv[2]).activate({ subscriptions: [], extensionUri: stub(), globalStorageUri: { fsPath: storage }, storageUri: undefined, workspaceState: memento, globalState: memento });
process.stdout.write(JSON.stringify(Object.keys(api)));
`;

function exportedKeys(env: NodeJS.ProcessEnv): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lfe-hooks-'));
  try {
    const script = path.join(dir, 'activate.cjs');
    fs.writeFileSync(script, ACTIVATE);
    const r = spawnSync(process.execPath, [script, bundle, path.join(dir, 'storage')], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as string[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('only LFE_TEST_HOOKS=1 turns the hooks on', () => {
  assert.equal(testHooksEnabled({}), false);
  assert.equal(testHooksEnabled({ LFE_TEST_HOOKS: '0' }), false);
  assert.equal(testHooksEnabled({ LFE_TEST_HOOKS: '' }), false);
  assert.equal(testHooksEnabled({ LFE_TEST_HOOKS: '1' }), true);
});

test('without LFE_TEST_HOOKS the activated extension exports nothing; with it, the hooks the tests use', () => {
  const { LFE_TEST_HOOKS: _, ...env } = process.env;
  assert.deepEqual(exportedKeys(env), []);
  const hooks = exportedKeys({ ...env, LFE_TEST_HOOKS: '1' });
  for (const name of ['editActive', 'replaceActive', 'documentState', 'filterActive', 'filterRowsActive', 'bookmarksActive', 'sliceOf', 'reportRendered', 'lastRendered']) {
    assert.ok(hooks.includes(name), `${name} among ${hooks.join(', ')}`);
  }
});
