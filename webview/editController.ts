// Typing in the views, as hex editors do it: typing overwrites by default (a byte a nibble at a
// time in the hex view, a character in the text view), so the file keeps its length and a save
// writes only the bytes typed; Insert toggles insert mode (INS/OVR in the status bar). In
// overwrite mode Backspace moves left without deleting; Delete, and Backspace over a selection,
// really delete (and the host asks before a big file's length changes). At a line break or the
// end of the file, typing inserts, as VS Code's overtype mode does. A key in a read-only document
// offers the switch to In place or Copy instead. Edits go to the host, which records them in its
// journal and tells every view showing the document to redraw.
import type { EditOp, OpenMode, TypingMode, WebviewMessage } from '../shared/protocol';
import type { Selection } from './selection';
import type { TextCodec } from './textCodec';
import { t } from './l10n';
import type { PendingNibble } from './views/documentView';
import { encodingName } from '../shared/encodingNames';

export interface EditHost {
  post(message: WebviewMessage): void;
  mode(): OpenMode;
  /** What typing means in the active view: hex digits nibble by nibble, or characters. */
  input(): 'hex' | 'text';
  readonly selection: Selection;
  size(): number;
  codec(): TextCodec;
  /** What Enter types: the document's line end ('\r\n' in a CRLF file, as VS Code keeps it). */
  lineBreak(): '\n' | '\r\n';
  /** Bytes of the current content, if cached. */
  bytes(start: number, end: number): Uint8Array | undefined;
  /** A short message near the controls. */
  flash(message: string): void;
  /**
   * Moves the cursor after an edit that changed the size by `sizeDelta`. The new content arrives
   * from the host a moment later; the next keystroke may come first, so the size is updated now.
   */
  moveCursor(offset: number, sizeDelta: number): void;
  /** A key would edit a read-only document: offer the switch. */
  offerEditing(): void;
  /** The typing mode changed (the status bar shows it). */
  typingChanged(mode: TypingMode): void;
  /** The first hex digit of a byte was typed (shown in its cell), or the byte is done (undefined). */
  pendingChanged(pending: PendingNibble | undefined): void;
}

const HEX_DIGIT = /^[0-9a-fA-F]$/;

export class EditController {
  /** The high nibble typed into a byte, waiting for the low one. */
  private pending: { offset: number; high: number } | undefined;
  private typingMode: TypingMode;
  /** A key that cannot be typed in the hex view says why once per editor, not on every press. */
  private explainedHexKeys = false;

  constructor(private readonly host: EditHost, typing: TypingMode = 'overwrite') {
    this.typingMode = typing;
  }

  get typing(): TypingMode {
    return this.typingMode;
  }

  /** Where a byte waits for its second hex digit, if one does. */
  get pendingOffset(): number | undefined {
    return this.pending?.offset;
  }

  private setPending(p: { offset: number; high: number } | undefined): void {
    if (p?.offset === this.pending?.offset && p?.high === this.pending?.high) return;
    this.pending = p;
    this.host.pendingChanged(p && { offset: p.offset, digit: p.high.toString(16).toUpperCase() });
  }

  toggleTyping(): void {
    this.typingMode = this.typingMode === 'overwrite' ? 'insert' : 'overwrite';
    this.setPending(undefined);
    this.host.typingChanged(this.typingMode);
  }

  /** Handles a key the view did not use for moving. Returns true if it was an edit (or refused). */
  key(e: KeyboardEvent): boolean {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    if (e.key === 'Insert' && !e.shiftKey) {
      // Ours alone (Shift+Insert pastes): VS Code would also toggle its text editors' overtype mode on it.
      e.stopPropagation();
      this.toggleTyping();
      return true;
    }
    const typing = e.key.length === 1 || e.key === 'Enter' || e.key === 'Tab' || e.key === 'Backspace' || e.key === 'Delete';
    if (!typing) return false;
    if (this.host.mode() === 'read') {
      this.host.offerEditing();
      return true;
    }
    if (e.key === 'Backspace' || e.key === 'Delete') {
      this.remove(e.key === 'Backspace');
      return true;
    }
    return this.host.input() === 'hex' ? this.hexKey(e.key) : this.textKey(e.key);
  }

  /** Ctrl+V: the host reads its clipboard (it may hold 100 MB); it overwrites, or inserts in insert mode. */
  paste(): void {
    if (this.host.mode() === 'read') {
      this.host.offerEditing();
      return;
    }
    const r = this.host.selection.range();
    const offset = r?.start ?? this.host.selection.cursor;
    this.host.post({
      type: 'paste',
      offset,
      replaceLength: r ? r.end - r.start : 0,
      insert: this.typingMode === 'insert',
      asHex: this.host.input() === 'hex',
      encoding: this.host.codec().label,
    });
  }

  /** Forgets a half-typed byte (the cursor moved, or the content changed). */
  reset(): void {
    this.setPending(undefined);
  }

  private hexKey(key: string): boolean {
    if (!HEX_DIGIT.test(key)) {
      if (key.length !== 1 || this.explainedHexKeys) return key.length === 1;
      this.explainedHexKeys = true;
      this.host.flash(t('edit.notHexDigit', key));
      return true;
    }
    const digit = parseInt(key, 16);
    const cursor = this.host.selection.cursor;
    const atEnd = cursor >= this.host.size();
    if (this.pending && this.pending.offset === cursor) {
      // The low nibble completes the byte the high nibble started (overwritten or inserted).
      const byte = (this.pending.high << 4) | digit;
      this.setPending(undefined);
      this.send({ kind: 'overwrite', offset: cursor, bytes: Uint8Array.of(byte), amend: true });
      this.host.moveCursor(cursor + 1, 0);
      return true;
    }
    this.setPending({ offset: cursor, high: digit });
    if (this.typingMode === 'insert' || atEnd) {
      this.send({ kind: 'insert', offset: cursor, bytes: Uint8Array.of(digit << 4) });
      this.host.moveCursor(cursor, 1);
    } else {
      const current = this.host.bytes(cursor, cursor + 1)?.[0] ?? 0;
      this.send({ kind: 'overwrite', offset: cursor, bytes: Uint8Array.of((digit << 4) | (current & 0x0f)) });
    }
    return true;
  }

  private textKey(key: string): boolean {
    const enter = key === 'Enter';
    const ch = enter ? this.host.lineBreak() : key === 'Tab' ? '\t' : key;
    const bytes = encodeAll(this.host.codec(), ch);
    if (!bytes) {
      this.host.flash(t('edit.cannotEncode', ch, encodingName(this.host.codec().label)));
      return true;
    }
    const r = this.host.selection.range();
    if (r) {
      this.send({ kind: 'replace', offset: r.start, length: r.end - r.start, bytes });
      this.host.moveCursor(r.start + bytes.length, bytes.length - (r.end - r.start));
      return true;
    }
    const at = this.host.selection.cursor;
    const under = this.typingMode === 'overwrite' && !enter ? this.charAt(at) : undefined;
    if (under && !under.lineBreak) {
      // Overwrite the character under the cursor (same bytes: the edit keeps the length).
      const edit: EditOp =
        under.length === bytes.length ? { kind: 'overwrite', offset: at, bytes } : { kind: 'replace', offset: at, length: under.length, bytes };
      this.send(edit);
      this.host.moveCursor(at + bytes.length, bytes.length - under.length);
      return true;
    }
    this.send({ kind: 'insert', offset: at, bytes });
    this.host.moveCursor(at + bytes.length, bytes.length);
    return true;
  }

  private remove(backwards: boolean): void {
    this.setPending(undefined);
    const r = this.host.selection.range();
    if (r) {
      this.send({ kind: 'delete', offset: r.start, length: r.end - r.start });
      this.host.moveCursor(r.start, -(r.end - r.start));
      return;
    }
    const cursor = this.host.selection.cursor;
    const length = this.host.input() === 'text' ? this.charLength(cursor, backwards) : 1;
    const offset = backwards ? cursor - length : cursor;
    if (offset < 0 || offset >= this.host.size()) return;
    if (backwards && this.typingMode === 'overwrite') {
      // Overwrite mode: Backspace steps back over the character, as in hex editors; it deletes nothing.
      this.host.moveCursor(offset, 0);
      return;
    }
    this.send({ kind: 'delete', offset, length });
    this.host.moveCursor(offset, -length);
  }

  /** The character at `offset` in the text view's encoding, if its bytes are cached (undefined at the end). */
  private charAt(offset: number): { length: number; lineBreak: boolean } | undefined {
    if (offset >= this.host.size()) return undefined;
    const codec = this.host.codec();
    const bytes = this.host.bytes(offset, Math.min(this.host.size(), offset + 4));
    const ch = bytes ? codec.decode(bytes, 0) : undefined;
    if (!ch) return { length: 1, lineBreak: false };
    return { length: ch.length, lineBreak: !ch.invalid && (ch.text === '\n' || ch.text === '\r') };
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

/** The bytes of `text` (a character, or CR LF) in the codec's encoding; undefined if one has none. */
function encodeAll(codec: TextCodec, text: string): Uint8Array | undefined {
  if (text !== '\r\n') return codec.encode(text);
  const cr = codec.encode('\r');
  const lf = codec.encode('\n');
  if (!cr || !lf) return undefined;
  const out = new Uint8Array(cr.length + lf.length);
  out.set(cr);
  out.set(lf, cr.length);
  return out;
}
