// The TypeScript half of the 'lint' stage of `npm test` (clangTidy.mjs is the C++ half): typescript-eslint over every TypeScript file (eslint.config.mjs),
// type-aware, zero problems allowed (warnings count as failures: --max-warnings 0). One check, one
// result: 1 passed or 1 failed, with eslint's report above it.
import { createRequire } from 'node:module';
import path from 'node:path';
import { runCommand } from '../lib/run.mjs';
import { root } from './scratch.mjs';

const require = createRequire(import.meta.url);

/** @returns {Promise<{ passed: number, failed: number }>} */
export async function runEslint() {
  const eslint = path.join(path.dirname(require.resolve('eslint/package.json', { paths: [root] })), 'bin', 'eslint.js');
  // Type-aware rules build the whole program once: about 30 s on two cores.
  const code = await runCommand(process.execPath, [eslint, '--max-warnings', '0', '.'], { cwd: root, timeoutMs: 10 * 60_000 });
  if (code !== 0) console.error('eslint found problems (above); `npm run lint -- --fix` fixes some of them');
  else console.log('eslint: no problems');
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}
