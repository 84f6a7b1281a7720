// Find-all results kept compactly: offsets and lengths in chunked typed arrays (16 bytes a
// match, no object per match), so millions of results fit and any window can be read back.

const CHUNK = 65536;

export class ResultStore {
  private readonly offsets: Float64Array[] = [];
  private readonly lengths: Float64Array[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(offsets: ArrayLike<number>, lengths: ArrayLike<number>): void {
    for (let i = 0; i < offsets.length; i++) {
      const chunk = Math.floor(this.count / CHUNK);
      if (chunk === this.offsets.length) {
        this.offsets.push(new Float64Array(CHUNK));
        this.lengths.push(new Float64Array(CHUNK));
      }
      this.offsets[chunk][this.count % CHUNK] = offsets[i];
      this.lengths[chunk][this.count % CHUNK] = lengths[i];
      this.count++;
    }
  }

  get(index: number): { offset: number; length: number } | undefined {
    if (index < 0 || index >= this.count) return undefined;
    const chunk = Math.floor(index / CHUNK);
    return { offset: this.offsets[chunk][index % CHUNK], length: this.lengths[chunk][index % CHUNK] };
  }

  /** Index of the first result at or after `offset` (binary search; results are in file order). */
  indexAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.get(mid)!.offset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Bytes held, for memory accounting. */
  get bytes(): number {
    return this.offsets.length * CHUNK * 16;
  }
}
