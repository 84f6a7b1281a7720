// No error in the extension host is swallowed without a word: a `catch` that does not bind the
// error, and a `.catch(() => …)`, must say in a comment why the error is expected and harmless
// (the others bind it and log it with logError, for the log people send with a bug report).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const extensionDir = path.resolve(__dirname, '../../../../extension');

test('every catch that drops its error says why in a comment', () => {
  const silent: string[] = [];
  let seen = 0;
  for (const name of fs.readdirSync(extensionDir, { recursive: true }).map(String)) {
    if (!name.endsWith('.ts')) continue;
    const lines = fs.readFileSync(path.join(extensionDir, name), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const comment = (l: string | undefined) => l !== undefined && /^\s*\/\//.test(l);
      if (/\bcatch \{\s*$/.test(line)) {
        seen++;
        if (!comment(lines[i + 1])) silent.push(`${name}:${i + 1}`);
      } else if (/\.catch\(\(\) =>/.test(line)) {
        seen++;
        if (!comment(lines[i - 1])) silent.push(`${name}:${i + 1}`);
      }
    });
  }
  assert.ok(seen > 5, `the scan found ${seen} catches: is it reading extension/?`);
  assert.deepEqual(silent, [], 'catches that drop an error without a comment (log it with logError, or say why it is expected)');
});
