// Where a slice's bytes are in the big document now. A slice remembers each state its region has
// legitimately been in — the bytes it was opened on, each version it wrote back, and the same
// bytes moved by another slice's length-changing write before it — as (offset, length, hash).
// After any change to the big document (an edit, undo, redo, a reload) the slice is at the first
// state whose bytes are there, or at none: then it is detached, and its save is refused rather
// than written over bytes that are not the ones it showed. So an undo in the big document of a
// written-back slice finds the slice's original state again, and a redo the written one.
import { createHash } from 'node:crypto';

export interface SliceState {
  readonly offset: number;
  readonly length: number;
  /** The first 128 bits of the bytes' SHA-256, hex. */
  readonly hash: string;
}

/** Reads the big document's current content. */
export interface RegionReader {
  readonly size: number;
  read(offset: number, length: number): Uint8Array;
}

/** States kept per slice (each is 3 numbers' worth); the oldest beyond this are forgotten. */
const MAX_STATES = 32;

/** 128 bits of SHA-256: a check that bytes are the ones seen before, short enough for a URI. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

export class SliceStates {
  private states: SliceState[];
  private currentState: SliceState | undefined;

  constructor(initial: SliceState | readonly SliceState[]) {
    this.states = Array.isArray(initial) ? [...(initial as readonly SliceState[])] : [initial as SliceState];
    this.currentState = this.states[0];
  }

  /** The state the region is in, or undefined when its bytes are none of the known ones (detached). */
  get current(): SliceState | undefined {
    return this.currentState;
  }

  /** Every known state, most recent first (kept across reloads of the window). */
  get known(): readonly SliceState[] {
    return this.states;
  }

  /**
   * Looks at the document again: the current state first, then the others, most recent first.
   * Returns whether the state changed (the slice then shows other bytes, or is detached).
   */
  recheck(doc: RegionReader): boolean {
    const before = this.currentState;
    const order = before ? [before, ...this.states.filter((s) => s !== before)] : this.states;
    this.currentState = order.find((s) => holds(doc, s));
    return this.currentState !== before;
  }

  /** The slice wrote `bytes` over its current state: that is its state now. */
  wrote(bytes: Uint8Array): SliceState {
    const at = this.currentState ?? this.states[0];
    const next = { offset: at.offset, length: bytes.length, hash: hashBytes(bytes) };
    this.adopt(next);
    return next;
  }

  /**
   * Another write replaced [offset, offset + removed) with `added` bytes. A slice wholly after it
   * has moved by the difference; one overlapping it has changed (the next recheck detaches it).
   */
  shifted(offset: number, removed: number, added: number): void {
    const at = this.currentState;
    if (!at || added === removed || at.offset < offset + removed) return;
    this.adopt({ ...at, offset: at.offset + added - removed });
  }

  private adopt(state: SliceState): void {
    this.states = [state, ...this.states.filter((s) => s.offset !== state.offset || s.length !== state.length || s.hash !== state.hash)].slice(0, MAX_STATES);
    this.currentState = state;
  }
}

function holds(doc: RegionReader, s: SliceState): boolean {
  if (s.offset + s.length > doc.size) return false;
  const bytes = doc.read(s.offset, s.length);
  return bytes.length === s.length && hashBytes(bytes) === s.hash;
}
