// Turning selected bytes into clipboard text: as decoded text, hex, a C array or base64.

import type { CopyFormatName } from '../shared/protocol';

export type CopyFormat = CopyFormatName;

export const COPY_FORMATS: readonly { format: CopyFormat; label: string; detail: string }[] = [
  { format: 'text', label: 'Text', detail: 'The bytes decoded in the text view’s encoding' },
  { format: 'hex', label: 'Hex', detail: 'Two hex digits per byte, e.g. 48656C6C6F' },
  { format: 'c', label: 'C array', detail: 'unsigned char data[] = { 0x48, 0x65, … };' },
  { format: 'base64', label: 'Base64', detail: 'RFC 4648 base64' },
];

/** Largest selection copied; larger ones are refused rather than freezing the host. */
export const MAX_COPY_BYTES = 64 * 1024 * 1024;

/** The C array text grows six-fold; above this it is refused (strings have a length limit). */
export const MAX_C_ARRAY_BYTES = 16 * 1024 * 1024;

export function formatForClipboard(bytes: Uint8Array, format: CopyFormat, encoding: string): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (format) {
    case 'hex':
      return buffer.toString('hex').toUpperCase();
    case 'base64':
      return buffer.toString('base64');
    case 'text':
      return decodeText(bytes, encoding);
    case 'c':
      return cArray(bytes);
  }
}

function decodeText(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    // An encoding the webview knows and Node's decoder does not (expected): the text is copied as UTF-8.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const HEX = Array.from({ length: 256 }, (_, b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`);

function cArray(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const row: string[] = [];
    for (let k = i; k < Math.min(bytes.length, i + 16); k++) row.push(HEX[bytes[k]]);
    lines.push(`  ${row.join(', ')}`);
  }
  return `unsigned char data[${bytes.length}] = {\n${lines.join(',\n')}\n};\n`;
}
