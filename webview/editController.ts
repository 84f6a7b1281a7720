// Typing in the views: hex digits overwrite a byte a nibble at a time in the hex view; characters
// are inserted in the text view's encoding; Backspace and Delete remove the selection or one
// byte/character; paste goes through the host's clipboard. Edits are sent to the host, which
// records them in its journal and tells every view showing the document to redraw.
import type { EditOp, OpenMode, ViewKind, WebviewMessage } from '../shared/protocol';
import type { Selection } from './selection';
import type { TextCodec } from './textCodec';

export interface EditHost {
  post(message: WebviewMessage): void;
  mode(): OpenMode;
  view(): ViewKind;
  readonly selection: Selection;
  size(): number;
  codec(): TextCodec;
  /** Bytes of the current content, if cached. */
  bytes(start: number, end: number): Uint8Array | undefined;
  /** A short message near the controls. */
  flash(message: string): void;
  /**
   * Moves the cursor after an edit that changed the size by `sizeDelta`. The new content arrives
   * from the host a moment later; the next keystroke may come first, so the size is updated now.
   */
  moveCursor(offset: number, sizeDelta: number): void;
}

const HEX_DIGIT = /^[0-9a-fA-F]$/;

export class EditController {
  /** The high nibble typed into a byte, waiting for the low one. */
  private pendingNibble: { offset: number; high: number } | undefined;

  constructor(private readonly host: EditHost) {}

  /** Handles a key the view did not use for moving. Returns true if it was an edit (or refused). */
  key(e: KeyboardEvent): boolean {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    const typing = e.key.length === 1 || e.key === 'Enter' || e.key === 'Tab' || e.key === 'Backspace' || e.key === 'Delete';
    if (!typing) return false;
    if (this.host.mode() === 'read') {
      this.host.flash('Read-only: switch to In place or Copy mode to edit (Large File Editor: Change Mode…)');
      return true;
    }
    if (e.key === 'Backspace' || e.key === 'Delete') {
      this.remove(e.key === 'Backspace');
      return true;
    }
    return this.host.view() === 'hex' ? this.hexKey(e.key) : this.textKey(e.key);
  }

  /** Ctrl+V: the host reads its clipboard (it may hold 100 MB) and inserts or overwrites. */
  paste(): void {
    if (this.host.mode() === 'read') {
      this.host.flash('Read-only: switch to In place or Copy mode to paste');
      return;
    }
    const r = this.host.selection.range();
    const offset = r?.start ?? this.host.selection.cursor;
    this.host.post({
      type: 'paste',
      offset,
      replaceLength: r ? r.end - r.start : 0,
      insert: this.host.view() === 'text',
      asHex: this.host.view() === 'hex',
      encoding: this.host.codec().label,
    });
  }

  /** Forgets a half-typed byte (the cursor moved, or the content changed). */
  reset(): void {
    this.pendingNibble = undefined;
  }

  private hexKey(key: string): boolean {
    if (!HEX_DIGIT.test(key)) return false;
    const digit = parseInt(key, 16);
    const cursor = this.host.selection.cursor;
    const atEnd = cursor >= this.host.size();
    const current = atEnd ? 0 : (this.host.bytes(cursor, cursor + 1)?.[0] ?? 0);
    if (this.pendingNibble && this.pendingNibble.offset === cursor) {
      const byte = (this.pendingNibble.high << 4) | digit;
      this.pendingNibble = undefined;
      this.send({ kind: 'overwrite', offset: cursor, bytes: Uint8Array.of(byte) });
      this.host.moveCursor(cursor + 1, atEnd ? 1 : 0);
    } else {
      this.pendingNibble = { offset: cursor, high: digit };
      this.send({ kind: 'overwrite', offset: cursor, bytes: Uint8Array.of((digit << 4) | (current & 0x0f)) });
      if (atEnd) this.host.moveCursor(cursor, 1);
    }
    return true;
  }

  private textKey(key: string): boolean {
    const ch = key === 'Enter' ? '\n' : key === 'Tab' ? '\t' : key;
    const bytes = this.host.codec().encode(ch);
    if (!bytes) {
      this.host.flash(`'${ch}' cannot be written in ${this.host.codec().label}`);
      return true;
    }
    const r = this.host.selection.range();
    const at = r?.start ?? this.host.selection.cursor;
    this.send(r ? { kind: 'replace', offset: r.start, length: r.end - r.start, bytes } : { kind: 'insert', offset: at, bytes });
    this.host.moveCursor(at + bytes.length, bytes.length - (r ? r.end - r.start : 0));
    return true;
  }

  private remove(backwards: boolean): void {
    this.pendingNibble = undefined;
    const r = this.host.selection.range();
    if (r) {
      this.send({ kind: 'delete', offset: r.start, length: r.end - r.start });
      this.host.moveCursor(r.start, -(r.end - r.start));
      return;
    }
    const cursor = this.host.selection.cursor;
    const length = this.host.view() === 'text' ? this.charLength(cursor, backwards) : 1;
    const offset = backwards ? cursor - length : cursor;
    if (offset < 0 || offset >= this.host.size()) return;
    this.send({ kind: 'delete', offset, length });
    this.host.moveCursor(offset, -length);
  }

  /** Bytes of the character before (or at) the cursor, in the text view's encoding. */
  private charLength(cursor: number, before: boolean): number {
    const codec = this.host.codec();
    if (before) {
      const from = Math.max(0, cursor - 4);
      const bytes = this.host.bytes(from, cursor);
      if (!bytes) return 1;
      // Step back one byte at a time until a whole character ends at the cursor.
      for (let n = 1; n <= bytes.length; n++) {
        const ch = codec.decode(bytes, bytes.length - n);
        if (ch && ch.length === n && !ch.invalid) return n;
      }
      return 1;
    }
    const bytes = this.host.bytes(cursor, Math.min(this.host.size(), cursor + 4));
    const ch = bytes ? codec.decode(bytes, 0) : undefined;
    return ch ? ch.length : 1;
  }

  private send(edit: EditOp): void {
    this.host.post({ type: 'edit', edit });
  }
}
