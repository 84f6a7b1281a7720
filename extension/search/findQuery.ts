// Turning what the user typed in the find widget into an engine query, the way VS Code's own
// find box behaves: plain text is searched in the document's encoding, regexes are PCRE2 with
// Unicode in UTF-8 documents, hex is bytes with ?? wildcards. Every query says the document's
// encoding when the engine knows it, so whole word and case folding go by its characters
// (README: "Whole word and case per encoding").
import type { SearchQuery, TextEncodingName } from '../engine';
import type { FindQuery } from '../../shared/protocol';
import { windows1252Bytes } from '../textEncoding';
import { l10n } from '../../shared/l10nText';

export type QueryResult = { ok: true; query: SearchQuery } | { ok: false; message: string };

/** Encodes text in one of the encodings whose bytes a literal search can look for directly. */
export function encodeText(text: string, encoding: string): Uint8Array {
  const e = encoding.toLowerCase();
  if (e === 'utf-16le') return own(Buffer.from(text, 'utf16le'));
  if (e === 'utf-16be') {
    const le = Buffer.from(text, 'utf16le');
    for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    return own(le);
  }
  // Single-byte Latin encodings: characters up to U+00FF are one byte each.
  if ((e === 'iso-8859-1' || e === 'latin1') && /^[\x00-\xff]*$/.test(text)) return own(Buffer.from(text, 'latin1'));
  if (e === 'windows-1252') {
    const bytes = windows1252Bytes(text);
    if (typeof bytes !== 'number') return bytes;
  }
  return own(Buffer.from(text, 'utf8'));
}

/** The encoding names the engine knows the characters of, from the text view's encoding. */
export function engineEncoding(encoding: string): TextEncodingName | undefined {
  const e = encoding.toLowerCase();
  if (e === 'utf-8' || e === 'utf-16le' || e === 'utf-16be' || e === 'windows-1252') return e;
  if (e === 'iso-8859-1' || e === 'latin1') return 'latin1';
  return undefined;
}

/**
 * A plain Uint8Array of the bytes. Small Buffers share Node's pool (a copy frees it); a large one
 * owns its memory and is returned as it is (a 100 MB paste is not copied once more).
 */
function own(b: Buffer): Uint8Array {
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.length >= 1 << 16) return b;
  return new Uint8Array(b);
}

export function toSearchQuery(find: FindQuery, encoding: string): QueryResult {
  if (find.pattern.length === 0) return { ok: false, message: l10n.t('Type something to find') };
  switch (find.mode) {
    case 'text':
      return {
        ok: true,
        query: {
          kind: 'literal',
          pattern: encodeText(find.pattern, encoding),
          ignoreCase: !find.matchCase,
          wholeWord: find.wholeWord,
          encoding: engineEncoding(encoding),
        },
      };
    case 'hex': {
      const cleaned = find.pattern.replace(/\s+/g, '');
      if (!/^([0-9a-fA-F]{2}|\?\?)+$/.test(cleaned)) {
        return { ok: false, message: l10n.t('Hex search takes pairs of hex digits or ?? wildcards, e.g. DE AD ?? EF') };
      }
      return { ok: true, query: { kind: 'hex', pattern: find.pattern, wholeWord: find.wholeWord, encoding: engineEncoding(encoding) } };
    }
    case 'regex': {
      const utf8 = encoding.toLowerCase() === 'utf-8';
      const named = engineEncoding(encoding);
      // A regex over single-byte text sees bytes: its literal characters go as the text's bytes.
      const singleByte = named === 'latin1' || named === 'windows-1252';
      const pattern = singleByte ? encodeText(find.pattern, encoding) : find.pattern;
      return { ok: true, query: { kind: 'regex', pattern, ignoreCase: !find.matchCase, wholeWord: find.wholeWord, utf8, encoding: named } };
    }
  }
}
