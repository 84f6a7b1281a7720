// Copy Selection As: every format gives back exactly the selected bytes. Each language's literal
// is read by that language's own compiler or interpreter where it is installed (gcc, python3 and
// node always are; javac, rustc, go and mcs/dotnet when present), and always by a strict parser
// of the literal's grammar written here (the declaration, hex elements, commas, what may trail).
// The hex dump is compared with `hexdump -C -v` over the same bytes of a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { COPY_FORMATS, copyLimit, formatForClipboard, MAX_COPY_BYTES, MAX_EXPANDED_COPY_BYTES } from '../../../extension/copyFormats';
import { COPY_FORMAT_NAMES, type CopyFormatName } from '../../../shared/protocol';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lfe-copy-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

/** Every byte value, then a tail that leaves the last line short. */
const ALL = Uint8Array.from({ length: 256 + 7 }, (_, i) => (i < 256 ? i : (i * 37) & 0xff));
const LENGTHS = [1, 15, 16, 17, 263];

function have(command: string, ...args: string[]): boolean {
  const r = spawnSync(command, args.length ? args : ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

function run(command: string, args: string[], cwd = dir): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `${command} ${args.join(' ')}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');

// The grammars: the text around the elements, and what one element may be.
const HEX_ELEMENT = /^0x[0-9A-F]{2}$/;
const GRAMMARS: Partial<Record<CopyFormatName, { open: RegExp; close: RegExp; element: RegExp; trailingComma: boolean; value?: (e: string) => number }>> = {
  c: { open: /^unsigned char data\[(\d+)\] = \{\n/, close: /\n\};\n$/, element: HEX_ELEMENT, trailingComma: false },
  csharp: { open: /^byte\[\] data = new byte\[\] \{\n/, close: /\n\};\n$/, element: HEX_ELEMENT, trailingComma: false },
  java: {
    open: /^byte\[\] data = \{\n/,
    close: /\n\};\n$/,
    // A byte is signed: an int constant above 0x7F needs the cast, one below must fit without it.
    element: /^(?:0x[0-7][0-9A-F]|\(byte\) 0x[89A-F][0-9A-F])$/,
    trailingComma: false,
    value: (e) => parseInt(e.replace('(byte) ', ''), 16),
  },
  go: { open: /^data := \[\]byte\{\n/, close: /,\n\}\n$/, element: HEX_ELEMENT, trailingComma: true },
  rust: { open: /^let data: \[u8; (\d+)\] = \[\n/, close: /,\n\];\n$/, element: HEX_ELEMENT, trailingComma: true },
  javascript: { open: /^const data = new Uint8Array\(\[\n/, close: /\n\]\);\n$/, element: HEX_ELEMENT, trailingComma: false },
};

/** Reads an array literal by its grammar; the declared length, when there is one, must match. */
function parseArray(format: CopyFormatName, text: string): number[] {
  const g = GRAMMARS[format]!;
  const open = g.open.exec(text);
  assert.ok(open, `${format}: the declaration starts ${JSON.stringify(text.slice(0, 40))}`);
  const close = g.close.exec(text);
  assert.ok(close, `${format}: it ends ${JSON.stringify(text.slice(-12))}`);
  const body = text.slice(open[0].length, close.index);
  const lines = body.split(',\n');
  const values: number[] = [];
  for (const line of lines) {
    assert.match(line, /^(?: {2}| {4}|\t)\S/, `${format}: an indented line of elements`);
    const elements = line.trim().split(', ');
    assert.ok(elements.length <= 16, `${format}: at most 16 elements a line`);
    for (const e of elements) {
      assert.match(e, g.element, `${format}: the element ${JSON.stringify(e)}`);
      values.push(g.value ? g.value(e) : parseInt(e, 16));
    }
  }
  if (open[1] !== undefined) assert.equal(Number(open[1]), values.length, `${format}: the declared length`);
  return values;
}

/** Python's bytes literal: b"…" parts (in parentheses when there are several), escapes only where Python needs them. */
function parsePython(text: string): number[] {
  const m = /^data = (?:(b"(?:[^"\\\n]|\\.)*")\n|\(\n((?: {4}b"(?:[^"\\\n]|\\.)*"\n)+)\)\n)$/.exec(text);
  assert.ok(m, `python: the literal ${JSON.stringify(text.slice(0, 60))}`);
  const parts = m[1] ? [m[1]] : m[2].trim().split(/\n\s+/);
  const out: number[] = [];
  for (const p of parts) {
    const inner = p.slice(2, -1);
    for (let i = 0; i < inner.length; i++) {
      if (inner[i] !== '\\') {
        const c = inner.charCodeAt(i);
        assert.ok(c >= 0x20 && c < 0x7f, 'python: only printable ASCII unescaped');
        out.push(c);
        continue;
      }
      const e = inner[++i];
      if (e === 'x') {
        out.push(parseInt(inner.slice(i + 1, i + 3), 16));
        i += 2;
      } else out.push({ n: 10, r: 13, t: 9, '\\': 0x5c, '"': 0x22 }[e as 'n'] ?? assert.fail(`python: the escape \\${e}`));
    }
  }
  return out;
}

test('every format has a label, and the clipboard caps are 64 MiB (16 MiB for formats that grow)', () => {
  assert.deepEqual(COPY_FORMATS.map((f) => f.format).sort(), [...COPY_FORMAT_NAMES].sort());
  for (const f of ['text', 'hex', 'base64'] as const) assert.equal(copyLimit(f), MAX_COPY_BYTES);
  for (const f of ['hexdump', 'c', 'csharp', 'java', 'go', 'rust', 'python', 'javascript'] as const) assert.equal(copyLimit(f), MAX_EXPANDED_COPY_BYTES);
  assert.equal(MAX_COPY_BYTES, 64 * 2 ** 20);
});

test('hex and base64 round-trip to the same bytes; text is decoded in the chosen encoding', () => {
  const bytes = new Uint8Array(Buffer.from('Hé\n\u0000', 'utf8'));
  const hex = formatForClipboard(bytes, 'hex', 'utf-8');
  assert.equal(hex, '48C3A90A00');
  assert.deepEqual(new Uint8Array(Buffer.from(formatForClipboard(bytes, 'base64', 'utf-8'), 'base64')), bytes);
  assert.equal(formatForClipboard(bytes, 'text', 'utf-8'), 'Hé\n\u0000');
  assert.equal(formatForClipboard(Uint8Array.of(0xe9), 'text', 'iso-8859-1'), 'é');
  assert.equal(formatForClipboard(Uint8Array.of(0x80, 0x93), 'text', 'windows-1252'), '€“');
  assert.equal(formatForClipboard(new Uint8Array(Buffer.from('hi', 'utf16le')), 'text', 'utf-16le'), 'hi');
});

test('each array literal follows its language’s grammar and holds exactly the bytes', () => {
  for (const format of ['c', 'csharp', 'java', 'go', 'rust', 'javascript'] as const) {
    for (const n of LENGTHS) {
      const bytes = ALL.subarray(0, n);
      assert.deepEqual(parseArray(format, formatForClipboard(bytes, format, 'utf-8')), [...bytes], `${format}, ${n} bytes`);
    }
  }
  for (const n of LENGTHS) assert.deepEqual(parsePython(formatForClipboard(ALL.subarray(0, n), 'python', 'utf-8')), [...ALL.subarray(0, n)], `python, ${n} bytes`);
});

test('C: gcc compiles the array, and the program prints the bytes', (t) => {
  if (!have('gcc')) return t.skip('gcc is not installed');
  const source = path.join(dir, 'data.c');
  fs.writeFileSync(source, `#include <stdio.h>\n${formatForClipboard(ALL, 'c', 'utf-8')}int main(void) { for (size_t i = 0; i < sizeof data; i++) printf("%02x", data[i]); return 0; }\n`);
  run('gcc', ['-std=c99', '-Wall', '-Werror', '-o', path.join(dir, 'data-c'), source]);
  assert.equal(run(path.join(dir, 'data-c'), []), hexOf(ALL));
});

test('Python: the bytes literal evaluates to the bytes', (t) => {
  if (!have('python3')) return t.skip('python3 is not installed');
  const file = path.join(dir, 'data.py');
  fs.writeFileSync(file, `${formatForClipboard(ALL, 'python', 'utf-8')}print(data.hex(), end="")\n`);
  assert.equal(run('python3', [file]), hexOf(ALL));
  fs.writeFileSync(file, `${formatForClipboard(Uint8Array.of(0x22, 0x5c, 0x27), 'python', 'utf-8')}print(data.hex(), end="")\n`);
  assert.equal(run('python3', [file]), '225c27');
});

test('JavaScript: the Uint8Array holds the bytes', () => {
  const data = vm.runInNewContext(`${formatForClipboard(ALL, 'javascript', 'utf-8')}; data`) as Uint8Array;
  assert.equal(Object.prototype.toString.call(data), '[object Uint8Array]');
  assert.equal(hexOf(Uint8Array.from(data)), hexOf(ALL));
});

test('Java: javac compiles the array (signed bytes cast), and the program prints the bytes', (t) => {
  if (!have('javac', '-version') || !have('java', '-version')) return t.skip('javac is not installed');
  const java = path.join(dir, 'java');
  fs.mkdirSync(java, { recursive: true });
  fs.writeFileSync(
    path.join(java, 'Data.java'),
    `public class Data { public static void main(String[] a) {\n${formatForClipboard(ALL, 'java', 'utf-8')}StringBuilder s = new StringBuilder(); for (byte b : data) s.append(String.format("%02x", b & 0xff)); System.out.print(s); } }\n`,
  );
  run('javac', ['Data.java'], java);
  assert.equal(run('java', ['-cp', java, 'Data'], java), hexOf(ALL));
});

test('Rust: rustc compiles the array, and the program prints the bytes', (t) => {
  if (!have('rustc')) return t.skip('rustc is not installed');
  const source = path.join(dir, 'data.rs');
  fs.writeFileSync(source, `fn main() {\n${formatForClipboard(ALL, 'rust', 'utf-8')}for b in data.iter() { print!("{:02x}", b); }\n}\n`);
  run('rustc', ['-o', path.join(dir, 'data-rs'), source]);
  assert.equal(run(path.join(dir, 'data-rs'), []), hexOf(ALL));
});

test('Go: the byte slice compiles and holds the bytes (when go is installed)', (t) => {
  if (!have('go', 'version')) return t.skip('go is not installed (the grammar test above covers the literal)');
  const source = path.join(dir, 'data.go');
  fs.writeFileSync(source, `package main\nimport "fmt"\nfunc main() {\n${formatForClipboard(ALL, 'go', 'utf-8')}fmt.Printf("%x", data)\n}\n`);
  assert.equal(run('go', ['run', source]), hexOf(ALL));
});

test('C#: the byte array compiles and holds the bytes (when mcs is installed)', (t) => {
  if (!have('mcs', '--version') || !have('mono', '--version')) return t.skip('mcs is not installed (the grammar test above covers the literal)');
  const source = path.join(dir, 'Data.cs');
  fs.writeFileSync(source, `class Data { static void Main() {\n${formatForClipboard(ALL, 'csharp', 'utf-8')}foreach (var b in data) System.Console.Write(b.ToString("x2")); } }\n`);
  run('mcs', ['-out:' + path.join(dir, 'Data.exe'), source]);
  assert.equal(run('mono', [path.join(dir, 'Data.exe')]), hexOf(ALL));
});

test('the hex dump is hexdump -C -v of the same bytes, with the file’s offsets', (t) => {
  if (!have('hexdump', '-C', '/dev/null')) return t.skip('hexdump is not installed');
  const file = path.join(dir, 'dump.bin');
  fs.writeFileSync(file, Buffer.concat([Buffer.from('Hello, world!\n\x00\x01\x7f\x80\xff'), Buffer.from(ALL)]));
  const content = fs.readFileSync(file);
  for (const [start, length] of [
    [0, content.length],
    [5, 20],
    [3, 16],
    [17, 1],
  ]) {
    const expected = run('hexdump', ['-C', '-v', '-s', String(start), '-n', String(length), file]);
    assert.equal(formatForClipboard(content.subarray(start, start + length), 'hexdump', 'utf-8', start), expected, `bytes ${start}+${length}`);
  }
  // Offsets past 4 GiB take more digits, as hexdump's do.
  assert.equal(formatForClipboard(Uint8Array.of(0x41), 'hexdump', 'utf-8', 2 ** 32 + 4), '100000004  41                                                |A|\n100000005\n');
});
