// Deterministic test data: the same seed and size give the same bytes on every machine.
//   node scripts/generate.mjs log    <bytes> <out> [--seed N]   log-like text lines
//   node scripts/generate.mjs binary <bytes> <out> [--seed N]   random bytes
//   node scripts/generate.mjs sparse <bytes> <out>              a hole of that size (no disk used)
// Sizes accept suffixes: 10M, 2G, 64Gi. A file that already has the wanted size and a matching
// stamp (<out>.stamp) is left alone, so callers can use this as a cache.
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { xorshift32 } from './lib/xorshift.mjs';

export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)$/i.exec(String(text).trim());
  if (!m) throw new Error(`Not a size: ${text}`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2].toLowerCase()];
  return Math.round(Number(m[1]) * unit);
}

const LEVELS = ['INFO ', 'INFO ', 'INFO ', 'INFO ', 'DEBUG', 'DEBUG', 'WARN ', 'ERROR'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const PATHS = ['/api/v1/items', '/api/v1/users', '/api/v2/orders', '/static/app.js', '/health', '/api/v1/search'];
const FIRST = ['Alice', 'Bob', 'Carol', 'David', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy'];
const LAST = ['Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Moore', 'Clark', 'Lewis'];
const WORDS = ['request', 'handled', 'cache', 'miss', 'retry', 'timeout', 'connection', 'reset', 'user', 'session'];
const STATUS = [200, 200, 200, 200, 201, 204, 301, 304, 400, 404, 500, 503];

/** One log line (with its newline) from the generator's state. */
function logLine(next, t) {
  const r = next();
  const level = LEVELS[r & 7];
  const ms = String(t % 1000).padStart(3, '0');
  const secs = Math.floor(t / 1000);
  const hh = String(Math.floor(secs / 3600) % 24).padStart(2, '0');
  const mm = String(Math.floor(secs / 60) % 60).padStart(2, '0');
  const ss = String(secs % 60).padStart(2, '0');
  const day = String(1 + (Math.floor(secs / 86400) % 28)).padStart(2, '0');
  const pid = 60000 + (next() % 6000);
  const who = `${FIRST[next() % FIRST.length]} ${LAST[next() % LAST.length]}`;
  const w1 = WORDS[next() % WORDS.length];
  const w2 = WORDS[next() % WORDS.length];
  const line =
    `2026-03-${day}T${hh}:${mm}:${ss}.${ms}Z ${level} [worker-${r >>> 28}] pid=${pid} ` +
    `${METHODS[(r >>> 3) % METHODS.length]} ${PATHS[(r >>> 6) % PATHS.length]}/${next() % 100000} ` +
    `${STATUS[(r >>> 9) % STATUS.length]} ${(r >>> 12) % 900}ms user=${who} ${w1} ${w2}` +
    (level === 'ERROR' ? ` error=E${(r >>> 16) % 64} stack depth ${(r >>> 22) % 9}` : '') +
    '\n';
  return line;
}

function writeLog(out, size, seed) {
  const fd = openSync(out, 'w');
  try {
    const next = xorshift32(seed);
    let written = 0;
    let t = 0;
    while (written < size) {
      const parts = [];
      let len = 0;
      while (len < 1 << 20) {
        t += next() % 50;
        const line = logLine(next, t);
        parts.push(line);
        len += line.length;
      }
      let chunk = Buffer.from(parts.join(''), 'latin1');
      // The size is exact, so the last line may be cut short.
      if (written + chunk.length > size) chunk = chunk.subarray(0, size - written);
      writeSync(fd, chunk);
      written += chunk.length;
    }
  } finally {
    closeSync(fd);
  }
}

function writeBinary(out, size, seed) {
  const fd = openSync(out, 'w');
  try {
    const next = xorshift32(seed);
    const block = Buffer.alloc(1 << 20);
    for (let written = 0; written < size; ) {
      for (let i = 0; i < block.length; i += 4) block.writeUInt32LE(next(), i);
      const n = Math.min(block.length, size - written);
      writeSync(fd, block, 0, n);
      written += n;
    }
  } finally {
    closeSync(fd);
  }
}

function writeSparse(out, size) {
  const fd = openSync(out, 'w');
  try {
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
}

/** Makes `out` unless it already holds exactly what these arguments describe. Returns its path. */
export function generate(kind, size, out, seed = 1) {
  const stamp = JSON.stringify({ kind, size, seed, version: 1 });
  if (existsSync(out) && existsSync(`${out}.stamp`) && readFileSync(`${out}.stamp`, 'utf8') === stamp) return out;
  const tmp = `${out}.partial`;
  if (kind === 'log') writeLog(tmp, size, seed);
  else if (kind === 'binary') writeBinary(tmp, size, seed);
  else if (kind === 'sparse') writeSparse(tmp, size);
  else throw new Error(`Unknown kind: ${kind} (log, binary or sparse)`);
  renameSync(tmp, out);
  writeFileSync(`${out}.stamp`, stamp);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [kind, sizeText, out] = process.argv.slice(2);
  const seedAt = process.argv.indexOf('--seed');
  const seed = seedAt > 0 ? Number(process.argv[seedAt + 1]) : 1;
  if (!kind || !sizeText || !out) {
    console.error('usage: node scripts/generate.mjs log|binary|sparse <size> <out> [--seed N]');
    process.exit(2);
  }
  generate(kind, parseSize(sizeText), out, seed);
}
