// CreateMatcher: from what the user typed to the matcher that serves it.
#include "engine_error.h"
#include "search/byte_pattern_matcher.h"
#include "search/matcher.h"
#include "search/regex_matcher.h"

namespace lfe {

std::unique_ptr<Matcher> CreateMatcher(const PatternSpec& spec) {
  switch (spec.kind) {
    case PatternKind::kHex:
      return BytePatternMatcher::Hex(spec.pattern, spec.whole_word);
    case PatternKind::kRegex:
      if (spec.pattern.empty()) throw EngineError("EINVAL", "The search pattern is empty");
      return CreateRegexMatcher(spec.pattern, spec.ignore_case, spec.whole_word, spec.utf8);
    case PatternKind::kLiteral:
      break;
  }
  // Caseless text with non-ASCII letters needs Unicode case folding: let PCRE2 do it.
  if (spec.ignore_case && spec.utf8 && HaveNativeRegex()) {
    for (unsigned char c : spec.pattern) {
      if (c >= 0x80) return CreateRegexMatcher(QuoteRegex(spec.pattern), true, spec.whole_word, true);
    }
  }
  return BytePatternMatcher::Literal(spec.pattern, spec.ignore_case, spec.whole_word);
}

}  // namespace lfe
