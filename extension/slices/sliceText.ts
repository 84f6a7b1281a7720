// The text VS Code's editor is given for a region of a big file, and whether saving it can write
// back exactly what the user changed and nothing else. VS Code's text model changes a text in
// three ways on its own: it makes every line break the same (the first kind it meets wins, so a
// region mixing CRLF and LF, or with lone CRs, would come back with all its breaks rewritten), it
// refuses text with NUL characters as binary, and the slice is handed over as UTF-8 whatever the
// big file's encoding (decoding and encoding happen here, in textEncoding.ts). A region that
// would not survive that round trip byte for byte opens read-only, with the reason.
import { decodeExact, encodeExact, exactEncoding } from '../textEncoding';
import { l10n } from '../../shared/l10nText';

export interface SliceText {
  /** The region decoded, as the editor shows it. */
  readonly text: string;
  /** Why the region cannot be saved back unchanged, or undefined when it can. */
  readonly readOnlyReason?: string;
}

/** Decodes a region in the big document's encoding and says whether it can be written back. */
export function sliceText(bytes: Uint8Array, encodingLabel: string): SliceText | { refused: string } {
  const encoding = exactEncoding(encodingLabel);
  if (!encoding) {
    const text = decodeLoosely(bytes, encodingLabel);
    if (text.includes('\0')) return { refused: binaryRefusal(text) };
    return { text, readOnlyReason: l10n.t('the text is in {0}, which can be shown here but not written back (UTF-8, UTF-16, Latin-1 and windows-1252 can)', encodingLabel) };
  }
  const decoded = decodeExact(bytes, encoding);
  if (!decoded.ok) {
    const text = decodeLoosely(bytes, encodingLabel);
    if (text.includes('\0')) return { refused: binaryRefusal(text) };
    return { text, readOnlyReason: l10n.t('{0}, so saving would change it', decoded.message) };
  }
  // Every exact decoding is one to one (textEncoding.ts): its text encodes back to these bytes.
  const text = decoded.text;
  if (text.includes('\0')) return { refused: binaryRefusal(text) };
  const mixed = mixedLineBreaks(text);
  if (mixed) return { text, readOnlyReason: l10n.t("{0}, and VS Code's editor makes every line break the same, so saving would change them", mixed) };
  return { text };
}

/** Text the editor saved, as bytes of the big document's encoding, or why it cannot be. */
export function encodeSliceText(text: string, encodingLabel: string): { bytes: Uint8Array } | { refused: string } {
  const encoding = exactEncoding(encodingLabel);
  if (!encoding) return { refused: l10n.t('{0} text cannot be written back', encodingLabel) };
  const encoded = encodeExact(text, encoding);
  return encoded.ok ? { bytes: encoded.bytes } : { refused: encoded.message };
}

/** Says which kinds of line break `text` mixes (VS Code would unify them), or undefined. */
export function mixedLineBreaks(text: string): string | undefined {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === 10) crlf++;
    else cr++;
  }
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lf++;
  lf -= crlf;
  if (cr > 0) return crlf + lf > 0 ? 'it mixes lone CR line breaks with others' : 'its line breaks are lone CRs';
  if (crlf > 0 && lf > 0) return `it mixes CRLF (${crlf.toLocaleString('en-US')}) and LF (${lf.toLocaleString('en-US')}) line breaks`;
  return undefined;
}

function binaryRefusal(text: string): string {
  return `it holds NUL characters (the first at character ${text.indexOf('\0').toLocaleString('en-US')}), which VS Code's text editor does not open: copy it with Copy Selection As, or write it to a file with Save Selection As`;
}

function decodeLoosely(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    // An encoding this runtime cannot decode: UTF-8 is the next best guess for a preview.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
