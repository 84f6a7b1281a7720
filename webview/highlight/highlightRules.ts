// Highlight rules: colours for what a reader of logs looks for (levels, timestamps, GUIDs, IP
// addresses, URLs, quoted strings, numbers, `key=` keys) and the user's own rules
// (`largeFile.highlightRules`). They run over the rows on screen only — about 60 rows of at most
// a few thousand characters per draw — so their cost does not grow with the file.
// DOM-free: unit-tested under node. The built-in colours are theme colours (style.css), so they
// stay readable in light, dark and high-contrast themes; a user's colour is a theme colour id or
// a hex colour.
import type { HighlightRuleSetting } from '../../shared/filterProtocol';
import { t } from '../l10n';

/** How a span is drawn: a built-in class, or a user rule's colour (a CSS value). */
export type HighlightStyle = { readonly className: string; readonly color?: undefined } | { readonly className: 'hlr-user'; readonly color: string };

export interface HighlightSpan {
  readonly start: number;
  readonly end: number;
  readonly style: HighlightStyle;
}

export interface CompiledRule {
  readonly re: RegExp;
  readonly style: HighlightStyle;
  readonly line: boolean;
}

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const HEX4 = '[0-9A-Fa-f]{1,4}';

/** The built-in rules, first wins where they overlap. */
export const BUILTIN_RULES: readonly { readonly name: string; readonly className: string; readonly source: string }[] = [
  { name: 'fatal', className: 'hlr-fatal', source: '\\b(?:FATAL|Fatal|fatal|CRITICAL|Critical|critical|CRIT|crit|EMERG|PANIC|panic|ALERT)\\b' },
  { name: 'error', className: 'hlr-error', source: '\\b(?:ERROR|Error|error|ERR|SEVERE|Severe|FAIL|FAILED|Failed|failed)\\b' },
  { name: 'warn', className: 'hlr-warn', source: '\\b(?:WARN|Warn|warn|WARNING|Warning|warning|WRN)\\b' },
  { name: 'info', className: 'hlr-info', source: '\\b(?:INFO|Info|info|INF|NOTICE|Notice)\\b' },
  { name: 'debug', className: 'hlr-debug', source: '\\b(?:DEBUG|Debug|debug|DBG|FINE)\\b' },
  { name: 'trace', className: 'hlr-trace', source: '\\b(?:TRACE|Trace|trace|TRC|FINER|FINEST|VERBOSE|Verbose)\\b' },
  {
    name: 'timestamp',
    className: 'hlr-time',
    source: `\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b|\\b(?:${MONTHS}) [ \\d]\\d \\d{2}:\\d{2}:\\d{2}\\b|\\b\\d{1,2}/(?:${MONTHS})/\\d{4}:\\d{2}:\\d{2}:\\d{2}(?: [+-]\\d{4})?|\\b\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\b`,
  },
  { name: 'url', className: 'hlr-url', source: "\\b(?:https?|ftp|wss?|file)://[^\\s\"'<>()]+" },
  { name: 'guid', className: 'hlr-guid', source: '\\b[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\b' },
  {
    name: 'ip',
    className: 'hlr-ip',
    source: `\\b${OCTET}(?:\\.${OCTET}){3}\\b|\\b(?:${HEX4}:){7}${HEX4}\\b|(?:\\b(?:${HEX4}:){1,6}|::)(?::${HEX4}){1,6}\\b|\\b(?:${HEX4}:){1,7}:`,
  },
  { name: 'string', className: 'hlr-string', source: '"(?:[^"\\\\]|\\\\.)*"' },
  { name: 'key', className: 'hlr-key', source: '\\b[A-Za-z_][\\w.-]*(?==)' },
  { name: 'number', className: 'hlr-number', source: '(?<![\\w.-])[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?(?:ms|s|KB|MB|GB|%)?(?![\\w.])' },
];

const HEX_COLOR = /^#(?:[0-9A-Fa-f]{3,4}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$/;
const THEME_COLOR = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*$/;

/** A user's colour as a CSS value: a hex colour as is, a theme colour id as its variable; undefined if neither. */
export function cssColor(color: string): string | undefined {
  if (HEX_COLOR.test(color)) return color;
  if (THEME_COLOR.test(color)) return `var(--vscode-${color.replace(/\./g, '-')})`;
  return undefined;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The user's rules that can be used, and why the others cannot (shown once, not per row). */
export function compileUserRules(settings: readonly HighlightRuleSetting[]): { rules: CompiledRule[]; errors: string[] } {
  const rules: CompiledRule[] = [];
  const errors: string[] = [];
  for (const [i, s] of settings.entries()) {
    const color = typeof s?.color === 'string' ? cssColor(s.color) : undefined;
    if (typeof s?.pattern !== 'string' || s.pattern === '' || !color) {
      errors.push(t('highlight.needsPattern', i + 1));
      continue;
    }
    try {
      const re = new RegExp(s.regex ? s.pattern : escapeRegex(s.pattern), s.matchCase === false ? 'giu' : 'gu');
      rules.push({ re, style: { className: 'hlr-user', color }, line: s.scope === 'line' });
    } catch (e) {
      errors.push(t('highlight.invalid', i + 1, (e as Error).message));
    }
  }
  return { rules, errors };
}

const BUILTIN: readonly CompiledRule[] = BUILTIN_RULES.map((r) => ({ re: new RegExp(r.source, 'gu'), style: { className: r.className }, line: false }));

/** Longest text a row is scanned over (a wrap-off row may be 16,384 characters: beyond, no colours). */
const MAX_TEXT = 20_000;
/** Matches per rule per row at most (a row of digits stays cheap). */
const MAX_MATCHES = 500;

/** Rows whose spans are remembered: a redraw (the cursor moved) does not match the rules again. */
const CACHED_ROWS = 512;

export class Highlighter {
  private rules: readonly CompiledRule[] = BUILTIN;
  private readonly cache = new Map<string, HighlightSpan[]>();
  private on = true;

  get enabled(): boolean {
    return this.on;
  }

  set enabled(on: boolean) {
    this.on = on;
    this.cache.clear();
  }

  /** The user's rules come first (they win over the built-in ones). */
  setUserRules(rules: readonly CompiledRule[]): void {
    this.rules = [...rules, ...BUILTIN];
    this.cache.clear();
  }

  /** The spans of `text`, sorted and not overlapping (a whole-row rule: one span over the row). */
  spans(text: string): HighlightSpan[] {
    if (!this.on || text.length === 0 || text.length > MAX_TEXT) return [];
    const known = this.cache.get(text);
    if (known) return known;
    const found = this.match(text);
    if (this.cache.size >= CACHED_ROWS) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(text, found);
    return found;
  }

  private match(text: string): HighlightSpan[] {
    const taken: HighlightSpan[] = [];
    const free = (s: number, e: number) => !taken.some((t) => t.start < e && t.end > s);
    for (const rule of this.rules) {
      rule.re.lastIndex = 0;
      let m: RegExpExecArray | null;
      let n = 0;
      while ((m = rule.re.exec(text)) && n++ < MAX_MATCHES) {
        const s = m.index;
        const e = s + m[0].length;
        if (e === s) {
          rule.re.lastIndex++;
          continue;
        }
        if (rule.line) return [{ start: 0, end: text.length, style: rule.style }];
        if (free(s, e)) taken.push({ start: s, end: e, style: rule.style });
      }
    }
    return taken.sort((a, b) => a.start - b.start);
  }
}
