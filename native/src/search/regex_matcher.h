// Regular expressions through PCRE2 with its JIT (linked statically; see binding.gyp).
//
// Options are chosen so what users type into VS Code's find box behaves the same:
//   PCRE2_MULTILINE                  ^ and $ are per line
//   newline convention ANYCRLF       ., ^ and $ know \n, \r\n and lone \r, as JS does
//   PCRE2_CASELESS                   for "match case" off
//   PCRE2_UTF|PCRE2_MATCH_INVALID_UTF  in UTF-8 mode; invalid bytes simply never match, so binary
//                                    content cannot make the search fail
// `\n` in a pattern matches a newline as usual. Whole word wraps the pattern in look-arounds
// for non-word characters (see IsWordByte).
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
std::unique_ptr<Matcher> CreateRegexMatcher(const std::string& pattern, bool ignore_case, bool whole_word, bool utf8);

// Quotes `text` so it matches literally (for caseless non-ASCII literals, which need Unicode case
// folding that the byte matcher does not do).
std::string QuoteRegex(const std::string& text);

}  // namespace lfe
