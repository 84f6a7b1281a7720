// A real UTF-8 corpus for the Unicode search tests and benchmark: Debian's translated manual
// pages in German, French, Russian, Greek and Japanese (36 MB of groff source with »…« „…“ «…»
// 「…」 quotes, é/É, ß, σ/ς/Σ, Cyrillic and CJK), from the packages below. `npm test` installs
// them (scripts/prereqs.mjs); the corpus is their manual pages, unpacked and concatenated in
// sorted path order, so the same package versions give the same bytes. Cached in .cache/ with a
// stamp naming the versions, like scripts/generate.mjs does.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export const CORPUS_PACKAGES = ['manpages-de', 'manpages-fr', 'manpages-ru', 'manpages-el', 'manpages-ja'];

/** The installed version of a Debian package, or undefined. */
function installedVersion(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f', '${Status}\t${Version}', pkg], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const [status, version] = r.stdout.split('\t');
  return status.endsWith('install ok installed') ? version : undefined;
}

/** The corpus packages that are not installed (all of them where there is no dpkg). */
export function missingCorpusPackages() {
  return CORPUS_PACKAGES.filter((p) => installedVersion(p) === undefined);
}

/**
 * Writes the corpus to `out` (or reuses it) and returns its path, or throws naming the missing
 * packages.
 * @param {string} out
 */
export function utf8Corpus(out) {
  const missing = missingCorpusPackages();
  if (missing.length > 0) throw new Error(`missing Debian packages for the UTF-8 corpus: ${missing.join(' ')}`);
  const stamp = JSON.stringify({ kind: 'utf8-corpus', packages: CORPUS_PACKAGES.map((p) => `${p}=${installedVersion(p)}`), version: 1 });
  if (existsSync(out) && existsSync(`${out}.stamp`) && readFileSync(`${out}.stamp`, 'utf8') === stamp) return out;
  const pages = [];
  for (const pkg of CORPUS_PACKAGES) {
    const r = spawnSync('dpkg-query', ['-L', pkg], { encoding: 'utf8' });
    for (const file of r.stdout.split('\n')) {
      if (file.startsWith('/usr/share/man/') && file.endsWith('.gz') && existsSync(file)) pages.push(file);
    }
  }
  pages.sort();
  const chunks = pages.map((f) => gunzipSync(readFileSync(f)));
  mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.partial`;
  writeFileSync(tmp, Buffer.concat(chunks));
  renameSync(tmp, out);
  writeFileSync(`${out}.stamp`, stamp);
  return out;
}
