// How fast a save that rewrites the whole file runs here, to say before an insert or delete on a
// big file what saving it will cost ("about 14 s"). Learnt from the rewrite saves this machine
// actually made (a running average kept in the extension's global state); until there is one,
// a conservative default. Measured on a 2-core VM with a virtual disk: the durable rewrite path
// alone (read the journal, write a temp file, fsync, rename) ran at 250–460 MB/s for a 2 GB log
// under load; the same save inside code-server, sharing the cores with the workbench, took 14.5 s
// (about 140 MB/s).
export const DEFAULT_REWRITE_BYTES_PER_SECOND = 150e6;

/** Where the average is kept (vscode.Memento fits). */
export interface SpeedStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

const KEY = 'largeFile.rewriteBytesPerSecond';

export class RewriteSpeed {
  constructor(private readonly store?: SpeedStore) {}

  /** Bytes per second, measured (or the default). */
  get bytesPerSecond(): number {
    const v = this.store?.get<number>(KEY);
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : DEFAULT_REWRITE_BYTES_PER_SECOND;
  }

  get measured(): boolean {
    return typeof this.store?.get<number>(KEY) === 'number';
  }

  /** Records a rewrite save; saves under 64 MiB say more about start-up costs than speed. */
  record(bytes: number, milliseconds: number): void {
    if (!this.store || bytes < 64 * 2 ** 20 || milliseconds <= 0) return;
    const speed = bytes / (milliseconds / 1000);
    const previous = this.store.get<number>(KEY);
    const next = typeof previous === 'number' && previous > 0 ? previous * 0.5 + speed * 0.5 : speed;
    void this.store.update(KEY, next);
  }

  /** "about 14 s", "about 2 min", for a rewrite of `bytes`. */
  describe(bytes: number): string {
    const seconds = bytes / this.bytesPerSecond;
    if (seconds < 1) return 'under a second';
    if (seconds < 90) return `about ${Math.round(seconds)} s`;
    return `about ${Math.round(seconds / 60)} min`;
  }
}
