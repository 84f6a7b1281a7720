// Tells binding.gyp how to link PCRE2 statically, or that it is missing.
//   node pcre2-config.js defines|include_dirs|libraries
// Found through pkg-config (libpcre2-8) with its static archive next to the shared one. Without
// it the addon builds with LFE_HAVE_PCRE2=0 and regex search falls back to JS RegExp.
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

function pkg(args) {
  try {
    return execFileSync('pkg-config', [...args, 'libpcre2-8'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function find() {
  if (process.env.LFE_NO_PCRE2) return undefined;
  const libdir = pkg(['--variable=libdir']);
  if (!libdir) return undefined;
  const archive = path.join(libdir, 'libpcre2-8.a');
  if (!existsSync(archive)) return undefined;
  const includedir = pkg(['--variable=includedir']) || '';
  return { archive, includedir };
}

const found = find();
const what = process.argv[2];
if (what === 'defines') {
  console.log(found ? 'LFE_HAVE_PCRE2=1 PCRE2_STATIC' : 'LFE_HAVE_PCRE2=0');
} else if (what === 'include_dirs') {
  console.log(found && found.includedir ? found.includedir : '');
} else if (what === 'libraries') {
  console.log(found ? found.archive : '');
}
