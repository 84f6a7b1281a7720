// One JSON Lines record shown pretty-printed and written back on one line. Both directions only
// move whitespace between tokens: strings, numbers and key order stay exactly as written (no
// JSON.parse/JSON.stringify round trip, which would turn 1.0 into 1, 12345678901234567890 into
// 12345678901234567000 and "\u00e9" into "é", and drop repeated keys). A record that is not
// valid JSON is refused with the parser's own message.

/** The parser's complaint about `text`, or undefined when it is valid JSON. */
export function jsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Walks valid JSON token by token: `emit(token, next)` for each string, structural character
 * (with `next`, the code of the character after it and any whitespace) and run of other
 * characters (numbers, true, false, null); whitespace is skipped.
 */
function tokens(text: string, emit: (token: string, next: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      i++;
    } else if (c === 0x22) {
      const end = stringEnd(text, i);
      emit(text.slice(i, end), 0);
      i = end;
    } else if (isStructural(c)) {
      let j = i + 1;
      while (j < n && isWhitespace(text.charCodeAt(j))) j++;
      emit(text[i], j < n ? text.charCodeAt(j) : -1);
      i++;
    } else {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isWhitespace(d) || d === 0x22 || isStructural(d)) break;
        j++;
      }
      emit(text.slice(i, j), 0);
      i = j;
    }
  }
}

/** Where the string starting at the quote `start` ends (after its closing quote). */
function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start + 1);
  // A quote after an odd number of backslashes is inside the string.
  while (j > 0 && escaped(text, j)) j = text.indexOf('"', j + 1);
  return j < 0 ? text.length : j + 1;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** { } [ ] , : */
function isStructural(c: number): boolean {
  return c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || c === 0x2c || c === 0x3a;
}

function escaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let k = quote - 1; k >= 0 && text.charCodeAt(k) === 0x5c; k--) backslashes++;
  return backslashes % 2 === 1;
}

/** `text` (valid JSON) on one line, with no whitespace between tokens. */
export function minifyJson(text: string): string {
  // Whole runs between whitespace are kept as they are: few pieces for a record already minified.
  const out: string[] = [];
  let run = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(text, i);
    } else if (isWhitespace(c)) {
      if (i > run) out.push(text.slice(run, i));
      while (i < n && isWhitespace(text.charCodeAt(i))) i++;
      run = i;
    } else {
      i++;
    }
  }
  if (n > run) out.push(text.slice(run, n));
  return out.join('');
}

/** `text` (valid JSON) indented by `indent` per level, one member per line; `{}` and `[]` stay whole. */
export function prettyJson(text: string, indent = '  '): string {
  const out: string[] = [];
  const indents: string[] = ['\n'];
  const newline = (depth: number) => out.push((indents[depth] ??= `\n${indent.repeat(depth)}`));
  let depth = 0;
  tokens(text, (t, next) => {
    switch (t) {
      case '{':
      case '[':
        if (next === (t === '{' ? 0x7d : 0x5d)) {
          out.push(t);
          return;
        }
        out.push(t);
        newline(++depth);
        return;
      case '}':
      case ']':
        // The opening bracket of an empty one left its depth as it was.
        if (out[out.length - 1] === (t === '}' ? '{' : '[')) {
          out.push(t);
          return;
        }
        newline(--depth);
        out.push(t);
        return;
      case ',':
        out.push(',');
        newline(depth);
        return;
      case ':':
        out.push(': ');
        return;
      default:
        out.push(t);
    }
  });
  out.push('\n');
  return out.join('');
}
