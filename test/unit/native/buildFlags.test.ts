// The build keeps its safety nets: no external buffers (Electron's memory cage forbids them, and
// plain-Node tests could not notice), warnings as errors, C++17, PCRE2 linked statically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './support';

const gyp = fs.readFileSync(path.join(repoRoot, 'native', 'binding.gyp'), 'utf8');

test('binding.gyp defines NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED and builds with -Wall -Wextra -Werror -std=c++17', () => {
  assert.match(gyp, /"NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED"/);
  for (const flag of ['-Wall', '-Wextra', '-Werror', '-std=c++17']) assert.ok(gyp.includes(`"${flag}"`), flag);
  assert.match(gyp, /pcre2-config\.js libraries/);
});

test('no source creates an external buffer or wraps foreign memory', () => {
  const src = path.join(repoRoot, 'native', 'src');
  for (const f of fs.readdirSync(src, { recursive: true }).map(String).filter((f) => /\.(cc|h)$/.test(f))) {
    const text = fs.readFileSync(path.join(src, f), 'utf8');
    assert.doesNotMatch(text, /napi_create_external_(array)?buffer|ArrayBuffer::New\([^)]*,[^)]*,|Buffer<[^>]*>::New\([^)]*,[^)]*,/, f);
  }
});
