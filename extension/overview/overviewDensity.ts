// The overview ruler's data: where in the whole file the find matches, the filter's hits and the
// bookmarks are, as counts per pixel row — never one element per hit (klogg's overview freezes
// redrawing many hits, PR #562). The engine counts hits per bucket of the file in the same pass
// as the search or filter (4,096 buckets, sent with its progress, so the ruler fills in while it
// runs); here they are summed into the ruler's rows, whatever its height, and sent to the
// webview, at most every 100 ms per kind. Pure: the webview's post is given.
import type { FilterHostMessage, OverviewKind } from '../../shared/filterProtocol';

/** Sums `fine` buckets (equal parts of the file) into `rows` equal parts. */
export function rebin(fine: ArrayLike<number>, rows: number): Uint32Array {
  const out = new Uint32Array(Math.max(0, rows));
  if (rows === 0 || fine.length === 0) return out;
  for (let i = 0; i < fine.length; i++) {
    if (fine[i] !== 0) out[Math.min(rows - 1, Math.floor((i * rows) / fine.length))] += fine[i];
  }
  return out;
}

const INTERVAL_MS = 100;

export class OverviewDensity {
  private rows = 0;
  private readonly latest = new Map<OverviewKind, ArrayLike<number> | undefined>();
  private readonly sentAt = new Map<OverviewKind, number>();
  private readonly pending = new Map<OverviewKind, ReturnType<typeof setTimeout>>();

  constructor(private readonly post: (m: Extract<FilterHostMessage, { type: 'overview' }>) => void, private readonly size: () => number) {}

  /** The ruler's height in pixel rows: every kind is sent again for it. */
  setRows(rows: number): void {
    this.rows = rows;
    for (const kind of this.latest.keys()) this.send(kind);
  }

  /** New counts of `kind` (undefined: none, e.g. the filter was cleared). */
  update(kind: OverviewKind, fine: ArrayLike<number> | undefined): void {
    this.latest.set(kind, fine);
    if (this.rows === 0 || this.pending.has(kind)) return;
    const wait = INTERVAL_MS - (Date.now() - (this.sentAt.get(kind) ?? 0));
    if (wait <= 0) this.send(kind);
    else this.pending.set(kind, setTimeout(() => (this.pending.delete(kind), this.send(kind)), wait));
  }

  private send(kind: OverviewKind): void {
    if (this.rows === 0) return;
    this.sentAt.set(kind, Date.now());
    this.post({ type: 'overview', kind, size: this.size(), rows: this.rows, counts: rebin(this.latest.get(kind) ?? [], this.rows) });
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }
}
