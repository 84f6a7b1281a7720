// Notices when the file behind a document changes on disk: another program appending to a log,
// rewriting or truncating it, or deleting it. Uses the OS's change notifications, with a stat
// check so only real size or time changes are reported.
import { FSWatcher, Stats, statSync, watch } from 'node:fs';
import * as path from 'node:path';

export type DiskChange =
  | { readonly kind: 'changed'; readonly size: number; readonly mtimeMs: number }
  | { readonly kind: 'deleted' };

const DEBOUNCE_MS = 150;
/** Some file systems (network mounts) send no events: a slow poll backs the watcher up. */
const POLL_MS = 2000;

export class FileWatcher {
  private watcher: FSWatcher | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last: { size: number; mtimeMs: number; ino: number } | undefined;

  constructor(private readonly file: string, private readonly onChange: (change: DiskChange) => void) {
    this.last = snapshot(tryStat(file));
    try {
      // Watch the folder: a file replaced by rename (editors, log rotation) keeps being followed.
      this.watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
        if (!name || name.toString() === path.basename(file)) this.schedule();
      });
      this.watcher.on('error', () => undefined);
    } catch {
      this.watcher = undefined;
    }
    this.poll = setInterval(() => this.check(), POLL_MS);
    this.poll.unref?.();
  }

  /** Call after our own save so it is not reported as someone else's change. */
  resync(): void {
    this.last = snapshot(tryStat(this.file));
  }

  dispose(): void {
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), DEBOUNCE_MS);
  }

  private check(): void {
    const now = snapshot(tryStat(this.file));
    const before = this.last;
    if (!now) {
      if (before) {
        this.last = undefined;
        this.onChange({ kind: 'deleted' });
      }
      return;
    }
    if (before && before.size === now.size && before.mtimeMs === now.mtimeMs && before.ino === now.ino) return;
    this.last = now;
    this.onChange({ kind: 'changed', size: now.size, mtimeMs: now.mtimeMs });
  }
}

function tryStat(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function snapshot(st: Stats | undefined): { size: number; mtimeMs: number; ino: number } | undefined {
  return st && st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino } : undefined;
}
