// The C++ half of the 'lint' stage: clang-tidy with native/.clang-tidy's checks (the static
// analyzer, bugprone-*, a few performance checks; every finding an error) over the addon's
// sources, with the flags binding.gyp builds them with. Skipped, saying why, when clang-tidy or
// Node's headers are not there (scripts/prereqs.mjs installs clang-tidy on Debian as root).
// One result per source file. A file found clean is remembered (lfe-clang-tidy-ok/ in the temp folder, keyed by its
// text, every header's, the checks, the flags and clang-tidy's version), so a run checks again
// only what changed: the first takes minutes (the analyzer is 10–40 s a file), the next seconds.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { root } from './scratch.mjs';

const native = path.join(root, 'native');
const require = createRequire(import.meta.url);

/** Where node_api.h is: the headers node-gyp builds against (Debian's nodejs-dev, or node-gyp's download). */
function nodeHeaders() {
  const candidates = [
    process.env.npm_config_nodedir && path.join(process.env.npm_config_nodedir, 'include', 'node'),
    path.resolve(path.dirname(process.execPath), '..', 'include', 'node'),
    path.join(os.homedir(), '.cache', 'node-gyp', process.versions.node, 'include', 'node'),
    path.join(os.homedir(), 'Library', 'Caches', 'node-gyp', process.versions.node, 'include', 'node'),
  ];
  return candidates.find((d) => d && existsSync(path.join(d, 'node_api.h')));
}

/** The addon's sources for this platform (the other platform's folder is compile-checked elsewhere). */
function sources() {
  const skip = process.platform === 'win32' ? 'posix' : 'windows';
  return readdirSync(path.join(native, 'src'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.cc') && f.split(path.sep)[0] !== skip)
    .sort()
    .map((f) => path.join('src', f));
}

/** What a file's result depends on besides its own text: the headers, the checks, the flags, the tool. */
function commonKey(flags, version) {
  const hash = createHash('sha256').update(version).update(JSON.stringify(flags));
  // The checks, not the comments that explain them.
  hash.update(readFileSync(path.join(native, '.clang-tidy'), 'utf8').replace(/^\s*#.*$/gm, ''));
  const headers = readdirSync(path.join(native, 'src'), { recursive: true }).map(String).filter((f) => f.endsWith('.h')).sort();
  for (const h of headers) hash.update(h).update(readFileSync(path.join(native, 'src', h)));
  return hash.digest('hex');
}

function pcre2(what) {
  const r = spawnSync(process.execPath, [path.join(native, 'pcre2-config.js'), what], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split(/\s+/).filter(Boolean) : [];
}

function run(file, flags) {
  return new Promise((resolve) => {
    const child = spawn('clang-tidy', ['--quiet', file, '--', ...flags], { cwd: native, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => resolve({ file, code: 1, out: String(e) }));
    child.on('close', (code) => resolve({ file, code: code ?? 1, out }));
  });
}

/** @returns {Promise<{ passed: number, failed: number }>} */
export async function runClangTidy() {
  const probe = spawnSync('clang-tidy', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('clang-tidy is not installed: the C++ static check is skipped (Debian: apt-get install clang-tidy; `npm test` as root installs it).');
    return { passed: 0, failed: 0 };
  }
  const headers = nodeHeaders();
  if (!headers) {
    console.log("Node's headers (node_api.h) were not found: the C++ static check is skipped (build the addon once: `npm run build:native`).");
    return { passed: 0, failed: 0 };
  }
  const addonApi = path.dirname(require.resolve('node-addon-api', { paths: [root] }));
  const flags = [
    '-x', 'c++', '-std=c++17', '-fexceptions',
    `-I${headers}`, `-I${addonApi}`, '-Isrc', ...pcre2('include_dirs').map((d) => `-I${d}`),
    '-DNAPI_VERSION=8', '-DNAPI_CPP_EXCEPTIONS', '-DNODE_ADDON_API_CPP_EXCEPTIONS_ALL', '-DNODE_API_NO_EXTERNAL_BUFFERS_ALLOWED',
    ...pcre2('defines').map((d) => `-D${d}`),
  ];
  // Content-addressed, so one folder serves every checkout (native/build is wiped by each rebuild).
  const cacheDir = path.join(os.tmpdir(), 'lfe-clang-tidy-ok');
  mkdirSync(cacheDir, { recursive: true });
  const common = commonKey(flags, probe.stdout);
  const keyOf = (file) => createHash('sha256').update(common).update(readFileSync(path.join(native, file))).digest('hex');
  const all = sources();
  const files = all.filter((f) => !existsSync(path.join(cacheDir, keyOf(f))));
  const started = Date.now();
  const results = [];
  let next = 0;
  // The analyzer takes 10–40 s a file: as many at once as there are cores.
  const workers = Array.from({ length: Math.max(1, Math.min(files.length, os.availableParallelism())) }, async () => {
    while (next < files.length) {
      const r = await run(files[next++], flags);
      if (r.code !== 0) console.error(`clang-tidy ${r.file}:\n${r.out.replace(/^\d+ warnings? (and \d+ errors? )?generated\.\n?/gm, '')}`);
      else writeFileSync(path.join(cacheDir, keyOf(r.file)), `${r.file}\n`);
      results.push(r);
    }
  });
  await Promise.all(workers);
  const failed = results.filter((r) => r.code !== 0).length;
  const remembered = all.length - files.length;
  console.log(`clang-tidy: ${all.length - failed} of ${all.length} files clean (${remembered} unchanged since a clean check; ${Math.round((Date.now() - started) / 1000)} s)`);
  return { passed: all.length - failed, failed };
}
