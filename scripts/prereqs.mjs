// Makes sure the machine has what building and testing need. On Debian as root, installs the
// missing packages with apt-get; otherwise names what is missing and stops.
//   node scripts/prereqs.mjs [build|test|start]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CORPUS_PACKAGES, missingCorpusPackages } from './lib/utf8Corpus.mjs';

const purpose = process.argv[2] ?? 'test';

/** Each need: how to tell it is there, and the Debian package that provides it. */
const needs = [
  { what: 'a C++ compiler (g++)', have: () => onPath('g++') || onPath('c++'), pkg: 'g++' },
  { what: 'make', have: () => onPath('make'), pkg: 'make' },
  { what: 'python3 (for node-gyp)', have: () => onPath('python3'), pkg: 'python3' },
  { what: 'pkg-config', have: () => onPath('pkg-config'), pkg: 'pkg-config' },
  { what: 'PCRE2 development files (libpcre2-dev)', have: () => pkgConfig('libpcre2-8'), pkg: 'libpcre2-dev' },
];
if (purpose !== 'build') {
  needs.push(
    { what: 'Chromium (headless browser for the VS Code tests)', have: () => existsSync('/usr/bin/chromium'), pkg: 'chromium' },
    { what: 'ripgrep (used by VS Code for the browser)', have: () => onPath('rg'), pkg: 'ripgrep' },
    { what: 'Kerberos headers (libkrb5-dev, for code-server)', have: () => existsSync('/usr/include/krb5.h') || existsSync('/usr/include/krb5/krb5.h'), pkg: 'libkrb5-dev' },
    // Chromium draws Chinese (the zh-cn test's screenshots, LFE_LOCALE=zh-cn npm start) as empty boxes without a CJK font.
    { what: 'a CJK font (fonts-wqy-microhei, Chinese in screenshots)', have: () => existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'), pkg: 'fonts-wqy-microhei' },
  );
}
if (purpose === 'test') {
  needs.push({
    what: 'the MinGW cross compiler (checks that the Windows sources compile)',
    have: () => onPath('x86_64-w64-mingw32-g++'),
    pkg: 'g++-mingw-w64-x86-64',
  });
  // The C++ static check of the lint stage (scripts/testing/clangTidy.mjs): skipped, saying so, without it.
  needs.push({ what: 'clang-tidy (the static check of the addon\'s C++)', have: () => onPath('clang-tidy'), pkg: 'clang-tidy', optional: true });
  // The real UTF-8 corpus of the Unicode search tests (scripts/lib/utf8Corpus.mjs).
  for (const pkg of CORPUS_PACKAGES) {
    needs.push({ what: `translated manual pages (${pkg}, the UTF-8 corpus of the search tests)`, have: () => !missingCorpusPackages().includes(pkg), pkg });
  }
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function pkgConfig(name) {
  return spawnSync('pkg-config', ['--exists', name], { stdio: 'ignore' }).status === 0;
}

const missing = needs.filter((n) => !n.have());
if (missing.length === 0) process.exit(0);
/** Optional needs only install as root; without them the stage that uses them says it skipped. */
const required = (list) => list.filter((n) => !n.optional);
function noteOptional(list) {
  for (const m of list.filter((n) => n.optional)) console.log(`Not installed (optional, its check is skipped): ${m.what}  (Debian package: ${m.pkg})`);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const pkgs = [...new Set(missing.map((m) => m.pkg))];
if (isRoot && onPath('apt-get')) {
  console.log(`Installing with apt-get: ${pkgs.join(' ')}`);
  try {
    execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...pkgs], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    console.error(`apt-get could not install: ${pkgs.join(' ')}`);
    process.exit(1);
  }
  const still = needs.filter((n) => !n.have());
  noteOptional(still);
  if (required(still).length === 0) process.exit(0);
  report(required(still));
} else {
  noteOptional(missing);
  if (required(missing).length === 0) process.exit(0);
  report(required(missing));
}

function report(list) {
  console.error('Missing prerequisites:');
  for (const m of list) console.error(`  - ${m.what}  (Debian package: ${m.pkg})`);
  console.error(
    isRoot ? 'apt-get is not available; install them with your package manager.' :
      `Install them as root, e.g.: sudo apt-get install ${[...new Set(list.map((m) => m.pkg))].join(' ')}`,
  );
  process.exit(1);
}
