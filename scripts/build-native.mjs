// Builds the native addon with node-gyp and copies it next to the bundled extension (dist/).
// Uses the running Node's own headers when they are installed, so no header download is needed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = [require_('node-gyp/bin/node-gyp.js'), 'rebuild', '--directory', path.join(root, 'native')];
const localNodeDir = path.resolve(process.execPath, '..', '..');
if (!process.env.npm_config_nodedir && existsSync(path.join(localNodeDir, 'include', 'node', 'node_api.h'))) {
  args.push(`--nodedir=${localNodeDir}`);
}
const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
if (r.status !== 0) {
  console.error('\nThe native addon failed to build (see the compiler output above).');
  process.exit(r.status ?? 1);
}
const built = path.join(root, 'native', 'build', 'Release', 'lfe.node');
mkdirSync(path.join(root, 'dist'), { recursive: true });
// Copy next to the target, then rename over it: processes that have the old addon loaded keep
// their (now unlinked) file. Copying over it in place would change the code under their feet and
// kill them with SIGBUS.
const target = path.join(root, 'dist', 'lfe.node');
const staging = `${target}.${process.pid}.tmp`;
copyFileSync(built, staging);
renameSync(staging, target);

function require_(id) {
  return path.join(root, 'node_modules', id);
}
