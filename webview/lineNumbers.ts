// Line numbers for the text view's gutter, asked of the host in batches and remembered. The host
// numbers the document as it is, unsaved edits included; before its index reaches an offset, the
// gutter shows the offset instead. After an edit every number may change: answers to questions
// asked before it are dropped, and the numbers known before it are shown until the new ones come,
// so the gutter never flips to offsets and back (a growing log's on every append).
import type { LineIndexProgress } from '../shared/protocol';
import { type MessagesFor, unhandled } from './messageRouter';

const MAX_REMEMBERED = 4096;

export class LineNumbers {
  private readonly known = new Map<number, number>();
  /** Numbers from before the last change, shown while the new ones are asked for. */
  private stale = new Map<number, number>();
  /** Offsets the host could not number yet, with how far the index had got when we asked. */
  private readonly missed = new Map<number, number>();
  private readonly asked = new Set<number>();
  private queue: number[] = [];
  private nextRequestId = 1;
  /** Answers to requests below this one are about content since changed. */
  private firstCurrentRequest = 1;
  private progress: LineIndexProgress | undefined;

  constructor(
    private readonly send: (requestId: number, offsets: number[]) => void,
    private readonly onUpdate: () => void,
  ) {}

  get indexProgress(): LineIndexProgress | undefined {
    return this.progress;
  }

  /** The 'lineIndex' and 'lineNumbers' host messages. */
  handle(m: MessagesFor<'lines'>): void {
    switch (m.type) {
      case 'lineIndex':
        return this.setProgress(m.progress);
      case 'lineNumbers':
        return this.receive(m.requestId, m.offsets, m.lines);
      default:
        return unhandled(m);
    }
  }

  /**
   * The document grew at its end (a log appended to): every number known still holds, and so do
   * the answers on their way. Only where the index had not got to may be numbered now.
   */
  grew(size: number): void {
    this.missed.clear();
    if (this.progress) this.progress = { ...this.progress, size, complete: false };
  }

  /** The content changed (an edit, a save, the file on disk): every number may be different now. */
  reset(): void {
    // Two changes in a row (edits typed fast) keep the older numbers too.
    for (const [offset, line] of this.known) this.stale.set(offset, line);
    while (this.stale.size > MAX_REMEMBERED) this.stale.delete(this.stale.keys().next().value as number);
    this.known.clear();
    this.missed.clear();
    this.asked.clear();
    this.queue = [];
    this.firstCurrentRequest = this.nextRequestId;
    this.progress = undefined;
  }

  setProgress(progress: LineIndexProgress): void {
    const grew = !this.progress || progress.indexed > this.progress.indexed;
    this.progress = progress;
    if (grew) this.onUpdate();
  }

  /** The 1-based line starting at `offset`, or undefined (and asked for) if not known yet. */
  lineOf(offset: number): number | undefined {
    const line = this.known.get(offset);
    if (line !== undefined) return line;
    const stale = this.stale.get(offset);
    if (!this.progress || this.asked.has(offset)) return stale;
    const missedAt = this.missed.get(offset);
    if (missedAt !== undefined && missedAt >= this.progress.indexed) return undefined;
    if (offset >= this.progress.indexed && !this.progress.complete) return stale;
    this.asked.add(offset);
    if (this.queue.length === 0) queueMicrotask(() => this.flush());
    this.queue.push(offset);
    return stale;
  }

  /** Whether the host was asked for the line at `offset` and has not answered yet: the gutter waits, blank. */
  asking(offset: number): boolean {
    return this.asked.has(offset);
  }

  receive(requestId: number, offsets: readonly number[], lines: readonly number[]): void {
    if (requestId < this.firstCurrentRequest) return;
    let changed = false;
    offsets.forEach((offset, i) => {
      this.asked.delete(offset);
      this.stale.delete(offset);
      if (lines[i] > 0) {
        this.known.set(offset, lines[i]);
        this.missed.delete(offset);
        changed = true;
      } else {
        this.missed.set(offset, this.progress?.indexed ?? 0);
      }
    });
    while (this.known.size > MAX_REMEMBERED) this.known.delete(this.known.keys().next().value as number);
    if (changed) this.onUpdate();
  }

  private flush(): void {
    const offsets = this.queue;
    this.queue = [];
    if (offsets.length) this.send(this.nextRequestId++, offsets);
  }
}
