// The memory of code-server's extension host, the process the Large File Editor's host side and
// its native engine run in (shared with every other extension). Linux only: /proc.
//
// "Private" is what the issue asks for: Private_Dirty + Private_Clean of smaps_rollup. Note what
// it counts: resident pages mapped by this process alone — its heap, and also the pages of a
// memory-mapped file that only this process maps. Pages of the mapped file are page cache the
// kernel may drop at any time, so each sample also splits out Anonymous (heap, arrays: memory
// only this process can give back) and the resident part of the given file's mappings.
import { readdirSync, readFileSync } from 'node:fs';

/** Children of every process, from /proc. */
function childrenByParent() {
  /** @type {Map<number, number[]>} */
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in parentheses may hold spaces: the fields after the last ')' are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Exited meanwhile.
    }
  }
  return children;
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/**
 * The extension host processes below `rootPid` (code-server forks one per connected window: a
 * node process started with `--type=extensionHost`).
 * @param {number} rootPid
 * @returns {number[]}
 */
export function extensionHostPids(rootPid) {
  const children = childrenByParent();
  const found = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = /** @type {number} */ (queue.shift());
    for (const child of children.get(pid) ?? []) {
      if (commandLine(child).includes('--type=extensionHost')) found.push(child);
      queue.push(child);
    }
  }
  return found;
}

const kB = (text, field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;

/**
 * One sample, in bytes.
 * @param {number} pid
 */
export function privateMemory(pid) {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const dirty = kB(rollup, 'Private_Dirty');
  const clean = kB(rollup, 'Private_Clean');
  return { private: dirty + clean, privateDirty: dirty, privateClean: clean, anonymous: kB(rollup, 'Anonymous'), rss: kB(rollup, 'Rss') };
}

/**
 * Resident bytes of the mappings of `file` in the process (its pages in the page cache that the
 * process has touched through the mapping).
 * @param {number} pid
 * @param {string} file absolute path
 */
export function mappedFileResident(pid, file) {
  const smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  let total = 0;
  let inFile = false;
  for (const line of smaps.split('\n')) {
    // A mapping's header: "start-end perms offset dev inode   path".
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) inFile = header[1] === file;
    else if (inFile && line.startsWith('Rss:')) total += kB(line, 'Rss');
  }
  return total;
}

/**
 * The kernel's resident-set counters (/proc/<pid>/status): O(1) to read, unlike smaps_rollup,
 * which walks the page tables (about 60 ms with a 10 GB file resident on this machine — enough
 * to slow a search down when sampled often on 2 cores).
 * @param {number} pid
 */
export function residentCounters(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssAnon: kB(status, 'RssAnon'), rssFile: kB(status, 'RssFile') };
}

/** A sample with the file's resident mapped pages split out. */
export function memorySample(pid, file) {
  const sample = privateMemory(pid);
  const mapped = file ? mappedFileResident(pid, file) : 0;
  return { ...sample, mappedFile: mapped, privateWithoutMappedFile: sample.private - mapped };
}

/**
 * Samples `pid` until stopped and keeps the peak of each field: the cheap counters often, the
 * private memory (smaps_rollup) once a second so as not to weigh on what is measured.
 * @param {number} pid
 */
export function sampleMemory(pid, countersMs = 100, privateMs = 1000) {
  /** @type {Record<string, number>} */
  const peak = {};
  const keep = (sample) => {
    for (const [k, v] of Object.entries(sample)) peak[k] = Math.max(peak[k] ?? 0, v);
  };
  const take = (read) => () => {
    try {
      keep(read(pid));
    } catch {
      // The process went away; the peak so far stands.
    }
  };
  const counters = take(residentCounters);
  const full = take(privateMemory);
  counters();
  full();
  const timers = [setInterval(counters, countersMs), setInterval(full, privateMs)];
  return {
    stop() {
      for (const t of timers) clearInterval(t);
      counters();
      full();
      return peak;
    },
  };
}
