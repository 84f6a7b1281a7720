// A big deterministic file made of copies of a smaller generated one (the 10 GB benchmark log is
// five copies of the 2 GB log): copying runs at disk speed, while generating 10 GB of log lines
// in JavaScript would take minutes on a 2-core machine. Cached like scripts/generate.mjs does:
// a stamp beside the file says what it holds, and a file with a matching stamp is reused.
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';

const CHUNK = 16 * 1024 * 1024;

/**
 * Makes `out` = `copies` copies of `source` back to back, unless it already exists with a stamp
 * naming the same source (by its own stamp) and count. Returns `out`.
 * @param {string} source a file made by scripts/generate.mjs (it has a .stamp)
 * @param {number} copies
 * @param {string} out
 */
export function repeatFile(source, copies, out) {
  const sourceStamp = readFileSync(`${source}.stamp`, 'utf8');
  const size = statSync(source).size;
  const stamp = JSON.stringify({ kind: 'repeat', source: JSON.parse(sourceStamp), copies, size: size * copies, version: 1 });
  if (existsSync(out) && existsSync(`${out}.stamp`) && readFileSync(`${out}.stamp`, 'utf8') === stamp && statSync(out).size === size * copies) {
    return out;
  }
  const tmp = `${out}.partial`;
  const input = openSync(source, 'r');
  const output = openSync(tmp, 'w');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let copy = 0; copy < copies; copy++) {
      for (let at = 0; at < size; ) {
        const n = readSync(input, buffer, 0, Math.min(CHUNK, size - at), at);
        if (n <= 0) throw new Error(`${source} ended early at ${at}`);
        for (let done = 0; done < n; ) done += writeSync(output, buffer, done, n - done);
        at += n;
      }
    }
  } finally {
    closeSync(input);
    closeSync(output);
  }
  renameSync(tmp, out);
  writeFileSync(`${out}.stamp`, stamp);
  return out;
}
