// Notices when the file behind a document changes on disk: another program appending to a log,
// rewriting or truncating it, or deleting it. Uses the OS's change notifications, with a stat
// check so only real size or time changes are reported.
import { FSWatcher, Stats, statSync, watch } from 'node:fs';
import * as path from 'node:path';
import { codeOf, isNotFound } from './engineError';
import { logError } from './log';

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
  /** The code of the last stat failure logged: the poll would log it every two seconds. */
  private statFailure: string | undefined;

  constructor(private readonly file: string, private readonly onChange: (change: DiskChange) => void) {
    this.last = snapshot(this.stat());
    try {
      // Watch the folder: a file replaced by rename (editors, log rotation) keeps being followed.
      this.watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
        if (!name || name.toString() === path.basename(file)) this.schedule();
      });
      // The poll below still notices changes (the folder removed, the watch broken).
      this.watcher.on('error', (e) => logError(`Watching the folder of ${file} (changes are still polled)`, e));
    } catch (e) {
      // Out of watches (inotify's limit) or a file system without them: the poll notices changes.
      logError(`Watching the folder of ${file} (changes are polled instead)`, e);
      this.watcher = undefined;
    }
    this.poll = setInterval(() => this.check(), POLL_MS);
    this.poll.unref?.();
  }

  /** Call after our own save so it is not reported as someone else's change. */
  resync(): void {
    this.last = snapshot(this.stat());
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
    const now = snapshot(this.stat());
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

  /** The file's stat, or undefined when it cannot be had: gone (the expected case), or unreadable. */
  private stat(): Stats | undefined {
    try {
      const st = statSync(this.file);
      this.statFailure = undefined;
      return st;
    } catch (e) {
      const code = codeOf(e) ?? 'unknown';
      if (!isNotFound(e) && code !== this.statFailure) logError(`Checking ${this.file} for changes on disk (it is taken as deleted)`, e);
      this.statFailure = code;
      return undefined;
    }
  }
}



function snapshot(st: Stats | undefined): { size: number; mtimeMs: number; ino: number } | undefined {
  return st && st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino } : undefined;
}
