// The Windows backend cannot run here, but it must compile: check it (and the platform-neutral
// engine sources it is built with) with the MinGW cross compiler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './support';

const src = path.join(repoRoot, 'native', 'src');

function available(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

// The sources without Node headers: everything except the N-API glue and the POSIX backend.
function portableSources(): string[] {
  const all = fs.readdirSync(src, { recursive: true }).map(String).filter((f) => f.endsWith('.cc'));
  const napiGlue = (f: string) => /(^|\/)(addon|mapped_file_wrap|document_wrap|search_job|line_index_job|filter_job|time_job)\.cc$/.test(f);
  return all.filter((f) => !f.startsWith('posix') && !napiGlue(f)).map((f) => path.join(src, f));
}

test('Windows sources compile with the MinGW cross compiler (-fsyntax-only, -Wall -Wextra -Werror)', (t) => {
  // The posix-threads flavour has std::thread and std::shared_mutex; the win32 flavour of older
  // GCCs lacks them, so with it only the windows/ backend itself is checked.
  const compiler = ['x86_64-w64-mingw32-g++-posix', 'x86_64-w64-mingw32-g++'].find(available);
  if (!compiler) {
    t.skip('x86_64-w64-mingw32-g++ is not installed (Debian: g++-mingw-w64-x86-64)');
    return;
  }
  const sources = compiler.endsWith('-posix')
    ? portableSources()
    : fs.readdirSync(path.join(src, 'windows')).filter((f) => f.endsWith('.cc')).map((f) => path.join(src, 'windows', f));
  assert.ok(sources.some((f) => f.endsWith('mapping_windows.cc')));
  assert.ok(sources.some((f) => f.endsWith('guard_windows.cc')));
  const r = spawnSync(compiler, ['-fsyntax-only', '-std=c++17', '-Wall', '-Wextra', '-Werror', `-I${src}`, ...sources], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `${compiler} failed:\n${r.stderr}`);
});

test('the Windows backend stays free of Node headers', () => {
  for (const f of fs.readdirSync(path.join(src, 'windows'))) {
    const text = fs.readFileSync(path.join(src, 'windows', f), 'utf8');
    assert.doesNotMatch(text, /#include\s*[<"](napi|node_api|node)\.h/, f);
  }
});
