// Error-level log entries, for the timeline's second series: an entry holding one of the level
// words of log4j/logback, syslog, Python and Go loggers, Apache/nginx (`[error]`, `[core:crit]`),
// as a whole word in any case. Seven literals, each scanned at the literal matcher's speed over a
// window in the CPU's cache (a PCRE2 alternation of them runs at a sixth of that).
import type { SearchQuery } from '../engine';

export const ERROR_LEVEL_WORDS: readonly string[] = ['error', 'fatal', 'critical', 'crit', 'severe', 'panic', 'emerg'];

export const ERROR_LEVEL_QUERIES: readonly SearchQuery[] = ERROR_LEVEL_WORDS.map((pattern) => ({ pattern, ignoreCase: true, wholeWord: true }));
