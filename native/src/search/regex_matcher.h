// Regular expressions through PCRE2 with its JIT (linked statically; see binding.gyp).
//
// Options are chosen so what users type into VS Code's find box behaves the same:
//   PCRE2_MULTILINE                  ^ and $ are per line
//   newline convention ANYCRLF       ., ^ and $ know \n, \r\n and lone \r, as JS does
//   PCRE2_CASELESS                   for "match case" off
//   PCRE2_UTF|PCRE2_MATCH_INVALID_UTF  in UTF-8 text; invalid bytes simply never match, so binary
//                                    content cannot make the search fail
//   PCRE2_UCP                        in UTF-8 text: \w, \d, \s, \b and POSIX classes by Unicode
//                                    properties, as `rg -P` has them (PCRE2's \w is letters,
//                                    numbers and `_`; ripgrep's default engine also counts marks
//                                    and not numbers such as ², which is where they differ).
//                                    It costs: \w{12,} over 510 MB of manual pages takes 3.5 s
//                                    of CPU, 1.4 s with ASCII \w (which finds 44% fewer)
// `\n` in a pattern matches a newline as usual. Whole word wraps the pattern in look-arounds for
// the word characters of the text's encoding (unicode.h; in UTF-8 the class
// [\p{Alpha}\p{M}\p{Nd}\p{Pc}\x{200C}\x{200D}], ripgrep's -w), the same as literals use. In other
// encodings the regex runs over bytes: \w, \d and caseless are ASCII.
//
// Matches crossing the end of a scan window are handled with PCRE2_PARTIAL_HARD: a partial match
// makes the scan loop extend the window instead of cutting the match short. Catastrophic patterns
// are bounded by PCRE2's match limit (an EREGEXLIMIT error, never a hang).
#pragma once

#include <memory>

#include "search/matcher.h"

namespace lfe {

// Throws EngineError EBADREGEX (with PCRE2's message and offset) or ENOREGEX when PCRE2 was not
// available at build time.
std::unique_ptr<Matcher> CreateRegexMatcher(const std::string& pattern, bool ignore_case, bool whole_word,
                                            TextEncoding encoding);

}  // namespace lfe
