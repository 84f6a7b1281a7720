// CreateMatcher: from what the user typed to the matcher that serves it.
//   literal, match case        BytePatternMatcher (exact bytes)
//   literal, ignore case       simple case folding in the text's encoding: BytePatternMatcher with
//                              masks where one bit tells the cases apart (ASCII, é/É, а/А…),
//                              CaselessTextMatcher where it takes more (k/K/U+212A, σ/ς/Σ…)
//   hex                        BytePatternMatcher with wildcards
//   regex                      PCRE2 (UTF and Unicode properties in UTF-8 text)
// Whole word, in every kind, looks at the characters around the match in the text's encoding.
#include "engine_error.h"
#include "search/byte_pattern_matcher.h"
#include "search/caseless_text_matcher.h"
#include "search/matcher.h"
#include "search/regex_matcher.h"

namespace lfe {

std::unique_ptr<Matcher> CreateMatcher(const PatternSpec& spec) {
  const TextEncoding encoding = spec.text_encoding();
  switch (spec.kind) {
    case PatternKind::kHex:
      return BytePatternMatcher::Hex(spec.pattern, spec.whole_word, encoding);
    case PatternKind::kRegex:
      if (spec.pattern.empty()) throw EngineError("EINVAL", "The search pattern is empty");
      return CreateRegexMatcher(spec.pattern, spec.ignore_case, spec.whole_word, encoding);
    case PatternKind::kLiteral:
      break;
  }
  if (spec.ignore_case) return CreateCaselessLiteral(spec.pattern, spec.whole_word, encoding);
  return BytePatternMatcher::Literal(spec.pattern, spec.whole_word, encoding);
}

}  // namespace lfe
