// The language of a region handed to VS Code's editor when the big file's name does not give one
// (a dump with no extension, `.bin`, `.dat`, `.txt` holding JSON). VS Code picks the language
// from the slice's name, which ends in the big file's extension, and from first-line patterns
// (`#!/bin/sh`, `<?xml`); this looks at the content for what those miss. Cheap: it reads at most
// the first 64 KiB, and parses JSON only up to 1 MiB.

const HEAD = 64 * 1024;
const PARSE_LIMIT = 1 << 20;

/** A VS Code language id for `text`, or undefined when nothing stands out. */
export function detectLanguage(text: string): string | undefined {
  const head = text.slice(0, HEAD);
  const trimmed = head.replace(/^\uFEFF/, '').trimStart();
  const shebang = /^#!\s*(?:\/usr\/bin\/env\s+)?(?:\S*\/)?([a-z]+)/.exec(trimmed);
  if (shebang) return SHEBANG[shebang[1].replace(/\d+$/, '')];
  if (/^<\?xml\b/.test(trimmed)) return 'xml';
  if (/^<!doctype\s+html\b|^<html\b/i.test(trimmed)) return 'html';
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = jsonKind(text);
    if (json) return json;
  }
  if (/^(?:diff --git |--- \S.*\n\+\+\+ \S)/.test(trimmed)) return 'diff';
  if (/^\s*(?:SELECT|INSERT|CREATE|UPDATE|DELETE|ALTER|DROP)\s/i.test(trimmed) && /;\s*$/m.test(head)) return 'sql';
  return undefined;
}

const SHEBANG: Record<string, string | undefined> = {
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  dash: 'shellscript',
  python: 'python',
  node: 'javascript',
  perl: 'perl',
  ruby: 'ruby',
  php: 'php',
};

/** 'json' for one JSON value, 'jsonl' for one per line; undefined otherwise. */
function jsonKind(text: string): 'json' | 'jsonl' | undefined {
  const sample = text.length > PARSE_LIMIT ? undefined : text;
  if (sample !== undefined && parses(sample)) return 'json';
  const lines = text.slice(0, HEAD).split(/\r?\n/).filter((l) => l.trim() !== '');
  // The last line of a sample cut at HEAD may be cut too.
  const whole = text.length > HEAD ? lines.slice(0, -1) : lines;
  if (whole.length >= 2 && whole.every(parses)) return 'jsonl';
  return undefined;
}

function parses(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    // Not JSON: the answer.
    return false;
  }
}
