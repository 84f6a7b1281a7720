// The engine's own time for a search, in this process, through the same addon binary the
// extension under test loaded: the yardstick the editor's find-all is compared with.
import { createRequire } from 'node:module';

/**
 * Counts the matches of `query` in `file` (open + search + close, nothing collected), as
 * bench/engine.mjs and `npm run engine -- count` do.
 * @param {string} addonPath
 * @param {string} file
 * @param {{ kind: string, pattern: string, ignoreCase?: boolean }} query
 * @returns {Promise<{ seconds: number, count: number }>}
 */
export function engineCount(addonPath, file, query) {
  const addon = createRequire(import.meta.url)(addonPath);
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const mapped = new addon.MappedFile(file, 'read');
    mapped.search(query, { collect: false }, (type, payload) => {
      if (type === 'done') {
        mapped.close();
        resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, count: payload.count });
      } else if (type === 'error') {
        mapped.close();
        reject(payload);
      }
    });
  });
}
