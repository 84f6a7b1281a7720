// What a regex replacement typed in the find widget means, as a PCRE2 substitution template for
// the engine, which expands it at each match with pcre2_substitute: group text is PCRE2's (over
// the document with its edits), never a JavaScript re-match of the matched bytes.
//
// Accepted: `$1` / `${1}` (group numbers, all the digits that follow), `$0` and `$&` (the whole
// match), `$name` / `${name}` / `$<name>` (named groups), `$$` (a dollar). Any other `$` is
// itself. A group the pattern does not have fails the replacement (EBADREPLACEMENT); a group that
// did not take part in the match inserts nothing. The literal text between references is encoded
// in the document's encoding, so a UTF-16 or Latin-1 document gets its own bytes.
import { encodeText } from './findQuery';

/** Whether a regex replacement refers to groups, so each match needs its own bytes. */
export function refersToGroups(replacement: string): boolean {
  return /\$(\d|&|[A-Za-z_]|\{\w+\}|<\w+>)/.test(replacement);
}

/** The PCRE2 template of `replacement` for a document in `encoding` (see above). */
export function replacementTemplate(replacement: string, encoding: string): Uint8Array {
  const parts: number[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal.length === 0) return;
    // A literal dollar is `$$` in a template, whatever byte of a character it is.
    for (const b of encodeText(literal, encoding)) {
      if (b === 0x24) parts.push(0x24, 0x24);
      else parts.push(b);
    }
    literal = '';
  };
  const reference = (group: string): void => {
    flush();
    for (const c of `\${${group}}`) parts.push(c.charCodeAt(0));
  };
  for (let i = 0; i < replacement.length; ) {
    if (replacement[i] !== '$') {
      literal += replacement[i++];
      continue;
    }
    const rest = replacement.slice(i + 1);
    const m = /^(\$)|^(&)|^(\d+)|^([A-Za-z_]\w*)|^\{(\w+)\}|^<(\w+)>/.exec(rest);
    if (!m) literal += '$';
    else if (m[1]) literal += '$';
    else if (m[2]) reference('0');
    else reference(m[3] ?? m[4] ?? m[5] ?? m[6]);
    i += 1 + (m ? m[0].length : 0);
  }
  flush();
  return Uint8Array.from(parts);
}
