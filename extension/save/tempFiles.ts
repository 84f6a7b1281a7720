// Names of the temp files a rewrite save writes next to its target: hidden, tagged with the
// writing process's id (so recovery never removes the temp of a save still running elsewhere).
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

const SUFFIX = '.lfe-save.tmp';

/** A fresh temp path in `target`'s folder: `.<name>.<pid>-<random>.lfe-save.tmp`. */
export function rewriteTempPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}${SUFFIX}`);
}

/** Whether the folder entry `name` is a rewrite temp file of `target`. */
export function isRewriteTempOf(name: string, target: string): boolean {
  const prefix = `.${path.basename(target)}.`;
  return name.startsWith(prefix) && name.endsWith(SUFFIX) && /^\d+-[0-9a-f]{8}$/.test(name.slice(prefix.length, -SUFFIX.length));
}

/** The process id in a rewrite temp file's name. */
export function rewriteTempOwner(name: string): number | undefined {
  const m = /\.(\d+)-[0-9a-f]{8}\.lfe-save\.tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}
