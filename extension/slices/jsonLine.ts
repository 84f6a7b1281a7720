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

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Walks valid JSON token by token: `emit(token)` for each string, structural character and
 * run of other characters (numbers, true, false, null), whitespace skipped.
 */
function tokens(text: string, emit: (token: string) => void): void {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (WHITESPACE.has(c)) {
      i++;
    } else if (c === 0x22) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      emit(text.slice(i, j + 1));
      i = j + 1;
    } else if ('{}[],:'.includes(text[i])) {
      emit(text[i]);
      i++;
    } else {
      let j = i + 1;
      while (j < text.length && !WHITESPACE.has(text.charCodeAt(j)) && !'{}[],:"'.includes(text[j])) j++;
      emit(text.slice(i, j));
      i = j;
    }
  }
}

/** `text` (valid JSON) on one line, with no whitespace between tokens. */
export function minifyJson(text: string): string {
  const out: string[] = [];
  tokens(text, (t) => out.push(t));
  return out.join('');
}

/** `text` (valid JSON) indented by `indent` per level, one member per line; `{}` and `[]` stay whole. */
export function prettyJson(text: string, indent = '  '): string {
  const all: string[] = [];
  tokens(text, (t) => all.push(t));
  const out: string[] = [];
  let depth = 0;
  const newline = () => out.push('\n', indent.repeat(depth));
  for (let i = 0; i < all.length; i++) {
    const t = all[i];
    if (t === '{' || t === '[') {
      const close = t === '{' ? '}' : ']';
      if (all[i + 1] === close) {
        out.push(t, close);
        i++;
        continue;
      }
      out.push(t);
      depth++;
      newline();
    } else if (t === '}' || t === ']') {
      depth--;
      newline();
      out.push(t);
    } else if (t === ',') {
      out.push(t);
      newline();
    } else if (t === ':') {
      out.push(': ');
    } else {
      out.push(t);
    }
  }
  return out.join('') + '\n';
}
