// The matches of a Replace All, kept as they arrive from the engine until they are applied. A
// frequent word in a big file has millions: as two Float64Arrays grown by doubling they took
// 16 bytes a match plus the slack and copies of each doubling. Here each batch of the engine is
// packed on arrival into 4-byte offsets relative to its first match, and one length for the
// whole batch when they are all the same (a literal search): about 4 bytes a match.
import type { MatchRuns } from '../edits/editJournal';

const SPAN = 2 ** 32;

interface Run {
  first: number;
  deltas: Uint32Array;
  /** One length for every match of the run, or one each. */
  lengths: number | Uint32Array | Float64Array;
}

export class PackedMatches implements MatchRuns {
  private readonly runs: Run[] = [];
  count = 0;

  /** Adds a batch of sorted matches (they come after every match added before). */
  add(offsets: ArrayLike<number>, lengths: ArrayLike<number>): void {
    for (let i = 0; i < offsets.length; ) {
      const first = offsets[i];
      let end = i + 1;
      while (end < offsets.length && offsets[end] - first < SPAN) end++;
      const deltas = new Uint32Array(end - i);
      let same = true;
      let longest = 0;
      for (let k = i; k < end; k++) {
        deltas[k - i] = offsets[k] - first;
        if (lengths[k] !== lengths[i]) same = false;
        if (lengths[k] > longest) longest = lengths[k];
      }
      let runLengths: Run['lengths'] = lengths[i];
      if (!same) {
        runLengths = longest < SPAN ? new Uint32Array(end - i) : new Float64Array(end - i);
        for (let k = i; k < end; k++) runLengths[k - i] = lengths[k];
      }
      this.runs.push({ first, deltas, lengths: runLengths });
      this.count += end - i;
      i = end;
    }
  }

  forEach(visit: (offset: number, length: number, index: number) => void): void {
    let index = 0;
    for (const { first, deltas, lengths } of this.runs) {
      if (typeof lengths === 'number') {
        for (let k = 0; k < deltas.length; k++) visit(first + deltas[k], lengths, index++);
      } else {
        for (let k = 0; k < deltas.length; k++) visit(first + deltas[k], lengths[k], index++);
      }
    }
  }
}
