// Case-insensitive literals whose characters have case variants that one byte mask cannot
// describe: `k` also matches U+212A KELVIN SIGN (3 bytes in UTF-8), `s` U+017F LONG S, `σ` both
// `Σ` and `ς`, Cyrillic `в` U+1C80; windows-1252's ÿ/Ÿ (0xFF/0x9F); UTF-16's k/K/U+212A.
//
// The pattern is a sequence of units, one per character, each a set of byte strings (the
// encodings of the characters simple case folding makes equal to it). Where variants of a unit
// differ in length, the match's length varies too, so the SIMD filter (a BytePatternMatcher over
// masks that every variant passes) runs over the longest stretch of units whose variants all have
// one length; each candidate is then checked exactly, backwards over the units before the
// stretch and forwards over the rest. A candidate's match may then start up to `pre_max_` bytes
// before it, so after a match the filter looks that far on for one that starts earlier:
// leftmost-first as the other matchers. CPU time on 510 MB of translated manual pages, one
// thread: caseless `système` 0.075 s and `это` 0.065 s, where PCRE2 took 0.44 s and 0.30 s.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "search/byte_pattern_matcher.h"
#include "search/matcher.h"

namespace lfe {

class CaselessTextMatcher final : public Matcher {
 public:
  using Unit = std::vector<std::string>;  // the byte strings one character may be written as

  CaselessTextMatcher(std::vector<Unit> units, bool whole_word, TextEncoding encoding);

  FindStatus Find(const uint8_t* subject, size_t len, size_t from, bool more_follows, MatchSpan* out) override;
  size_t LeftContext() const override { return pre_max_ + unicode::kWordLookBehind; }
  std::unique_ptr<Matcher> Clone() const override { return std::make_unique<CaselessTextMatcher>(*this); }

 private:
  enum class Outcome { kMatch, kNoMatch, kUndecided };
  // The units before the filtered stretch, read backwards from `at`; *start is where they begin.
  bool MatchBackward(const uint8_t* s, size_t at, size_t* start) const;
  // The units from the filtered stretch on, read forwards from `at`; *end is where they end.
  Outcome MatchForward(const uint8_t* s, size_t len, size_t at, bool more_follows, size_t* end) const;

  std::vector<Unit> units_;
  bool whole_word_;
  TextEncoding encoding_;
  size_t anchor_unit_ = 0;                // the first unit of the filtered stretch
  size_t pre_min_ = 0, pre_max_ = 0;      // the bytes the units before it take
  size_t filter_bytes_ = 0;
  BytePatternMatcher filter_;
};

// UTF-8 text is mostly free of the rare, longer variants (U+212A, ſ, ẞ, U+1C80–U+1C88…), so
// where the bytes scanned hold none of them the pattern is matched with its common variants only
// (for `status` or `kernel`: the ASCII caseless SIMD matcher), and with every variant where they
// hold one. The rare variants are looked for with SIMD byte matchers of their own (one per length,
// masked to cover them all). CPU time on the 2 GB log, one thread: caseless `session` 0.62 s with
// the full matcher, 0.42 s split, 0.35 s for ASCII folding alone (which misses ſ).
class RareVariantsMatcher final : public Matcher {
 public:
  RareVariantsMatcher(std::unique_ptr<Matcher> common, std::unique_ptr<Matcher> all, std::vector<BytePatternMatcher> rare,
                      size_t max_length);

  FindStatus Find(const uint8_t* subject, size_t len, size_t from, bool more_follows, MatchSpan* out) override;
  size_t LeftContext() const override { return std::max(common_->LeftContext(), all_->LeftContext()); }
  std::unique_ptr<Matcher> Clone() const override {
    return std::make_unique<RareVariantsMatcher>(common_->Clone(), all_->Clone(), rare_, max_length_);
  }

 private:
  // Whether s[from, end) holds a rare variant (or bytes that look like one).
  bool HasRare(const uint8_t* s, size_t from, size_t end);

  std::unique_ptr<Matcher> common_, all_;
  std::vector<BytePatternMatcher> rare_;
  size_t max_length_;
};

// Builds the units of `pattern` (bytes in `encoding`) under simple case folding. Characters
// outside the encoding's repertoire, and bytes that are not a character, match only themselves.
std::vector<CaselessTextMatcher::Unit> CaselessUnits(const std::string& pattern, TextEncoding encoding);

// The matcher for a caseless literal: a BytePatternMatcher when every unit's variants fit one mask
// exactly (the ASCII fast path and its kin), a CaselessTextMatcher otherwise.
std::unique_ptr<Matcher> CreateCaselessLiteral(const std::string& pattern, bool whole_word, TextEncoding encoding);

}  // namespace lfe
