// Turning selected bytes into clipboard text: decoded text, hex, a hex dump with offsets (the
// layout of `hexdump -C`), base64, and the byte-array literals of the common languages (C, C#,
// Java, Go, Rust, Python, JavaScript), each one its compiler accepts as it is and that holds
// exactly the selected bytes (test/unit/extension/copyFormats.test.ts compiles them where the
// compiler is installed). Sixteen bytes to a line in every multi-line format.

import { decodeExact, exactEncoding } from './textEncoding';
import type { CopyFormatName } from '../shared/protocol';

export type CopyFormat = CopyFormatName;

export const COPY_FORMATS: readonly { format: CopyFormat; label: string; detail: string }[] = [
  { format: 'text', label: 'Text', detail: 'The bytes decoded in the text view’s encoding' },
  { format: 'hex', label: 'Hex', detail: 'Two hex digits per byte, e.g. 48656C6C6F' },
  { format: 'hexdump', label: 'Hex dump', detail: 'Offsets, hex and ASCII, 16 bytes a line, as hexdump -C prints them' },
  { format: 'base64', label: 'Base64', detail: 'RFC 4648 base64' },
  { format: 'c', label: 'C array', detail: 'unsigned char data[5] = { 0x48, 0x65, … };' },
  { format: 'csharp', label: 'C# byte array', detail: 'byte[] data = new byte[] { 0x48, 0x65, … };' },
  { format: 'java', label: 'Java byte array', detail: 'byte[] data = { 0x48, (byte) 0x89, … };' },
  { format: 'go', label: 'Go byte slice', detail: 'data := []byte{ 0x48, 0x65, … }' },
  { format: 'rust', label: 'Rust byte array', detail: 'let data: [u8; 5] = [ 0x48, 0x65, … ];' },
  { format: 'python', label: 'Python bytes', detail: 'data = b"Hello\\x00…"' },
  { format: 'javascript', label: 'JavaScript Uint8Array', detail: 'const data = new Uint8Array([ 0x48, 0x65, … ]);' },
];

/** Largest selection copied; larger ones are refused rather than freezing the host. */
export const MAX_COPY_BYTES = 64 * 1024 * 1024;

/** Formats that grow four- to six-fold (arrays, escapes, dumps) stop here (strings have a length limit). */
export const MAX_EXPANDED_COPY_BYTES = 16 * 1024 * 1024;

/** The largest selection `format` copies. */
export function copyLimit(format: CopyFormat): number {
  return format === 'text' || format === 'hex' || format === 'base64' ? MAX_COPY_BYTES : MAX_EXPANDED_COPY_BYTES;
}

/** The clipboard text for `bytes`; `offset` is where they start in the file (the hex dump shows it). */
export function formatForClipboard(bytes: Uint8Array, format: CopyFormat, encoding: string, offset = 0): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (format) {
    case 'hex':
      return buffer.toString('hex').toUpperCase();
    case 'base64':
      return buffer.toString('base64');
    case 'text':
      return decodeText(bytes, encoding);
    case 'hexdump':
      return hexDump(bytes, offset);
    case 'c':
      return `unsigned char data[${bytes.length}] = {\n${arrayLines(bytes, '  ', HEX)}\n};\n`;
    case 'csharp':
      return `byte[] data = new byte[] {\n${arrayLines(bytes, '    ', HEX)}\n};\n`;
    case 'java':
      return `byte[] data = {\n${arrayLines(bytes, '    ', JAVA)}\n};\n`;
    case 'go':
      return `data := []byte{\n${arrayLines(bytes, '\t', HEX)},\n}\n`;
    case 'rust':
      return `let data: [u8; ${bytes.length}] = [\n${arrayLines(bytes, '    ', HEX)},\n];\n`;
    case 'javascript':
      return `const data = new Uint8Array([\n${arrayLines(bytes, '  ', HEX)}\n]);\n`;
    case 'python':
      return pythonBytes(bytes);
  }
}

function decodeText(bytes: Uint8Array, encoding: string): string {
  // Node's TextDecoder takes "windows-1252" for Latin-1: these two are decoded by the host's own table.
  const exact = exactEncoding(encoding);
  if (exact === 'latin1' || exact === 'windows-1252') {
    const d = decodeExact(bytes, exact);
    if (d.ok) return d.text;
  }
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    // An encoding the webview knows and Node's decoder does not (expected): the text is copied as UTF-8.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const HEX = Array.from({ length: 256 }, (_, b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`);
/** Java's byte is signed: 0x80–0xFF need a cast (a constant that fits needs none). */
const JAVA = HEX.map((h, b) => (b > 0x7f ? `(byte) ${h}` : h));

/** The elements, 16 to a line, each line indented, separated by ", " and ",\n" (no comma after the last). */
function arrayLines(bytes: Uint8Array, indent: string, element: readonly string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const row: string[] = [];
    for (let k = i; k < Math.min(bytes.length, i + 16); k++) row.push(element[bytes[k]]);
    lines.push(indent + row.join(', '));
  }
  return lines.join(',\n');
}

/** `b"…"` with printable ASCII as itself and everything else escaped; in parentheses over lines of 16 bytes. */
function pythonBytes(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length || i === 0; i += 16) {
    let s = '';
    for (let k = i; k < Math.min(bytes.length, i + 16); k++) s += PY[bytes[k]];
    parts.push(`b"${s}"`);
  }
  return parts.length === 1 ? `data = ${parts[0]}\n` : `data = (\n${parts.map((p) => `    ${p}`).join('\n')}\n)\n`;
}

const PY = Array.from({ length: 256 }, (_, b) => {
  if (b === 0x5c) return '\\\\';
  if (b === 0x22) return '\\"';
  if (b === 0x09) return '\\t';
  if (b === 0x0a) return '\\n';
  if (b === 0x0d) return '\\r';
  if (b >= 0x20 && b < 0x7f) return String.fromCharCode(b);
  return `\\x${b.toString(16).padStart(2, '0')}`;
});

const HEX_LOWER = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * `hexdump -C -v` of the bytes at `offset` of a file: an offset (8 hex digits, more for offsets
 * past 4 GiB), sixteen bytes in two groups of eight, the printable ASCII between bars, and the
 * end offset on the last line.
 */
function hexDump(bytes: Uint8Array, offset: number): string {
  if (bytes.length === 0) return '';
  const lines: string[] = [];
  const at = (n: number) => n.toString(16).padStart(8, '0');
  for (let i = 0; i < bytes.length; i += 16) {
    const n = Math.min(16, bytes.length - i);
    let hex = '';
    let ascii = '';
    for (let k = 0; k < 16; k++) {
      if (k === 8) hex += ' ';
      if (k < n) {
        const b = bytes[i + k];
        hex += `${HEX_LOWER[b]} `;
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else {
        hex += '   ';
      }
    }
    lines.push(`${at(offset + i)}  ${hex} |${ascii}|`);
  }
  lines.push(at(offset + bytes.length));
  return `${lines.join('\n')}\n`;
}
