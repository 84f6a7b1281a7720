// What a child process that drops to an unprivileged user (uid 65534) needs to load: root's
// checkout may sit in a folder other users cannot enter (root's home is mode 0700 on Debian), so
// the child's script and the native addon are copied into a temporary folder everyone can read,
// once per test process.
import { chmodSync, copyFileSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let folder: string | undefined;

/** `file` copied into a world-readable temporary folder (the same copy for the whole run); returns its path there. */
export function readableCopy(file: string): string {
  if (!folder) {
    folder = mkdtempSync(path.join(os.tmpdir(), 'lfe-unprivileged-'));
    chmodSync(folder, 0o755);
  }
  const target = path.join(folder, path.basename(file));
  copyFileSync(file, target);
  chmodSync(target, 0o755);
  return target;
}
