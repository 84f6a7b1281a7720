// Fixed-length byte patterns, one implementation for three user-facing kinds:
//   literal            value = the bytes, mask = 0xFF
//   ASCII caseless     letters compare with mask 0xDF (clears the case bit), other bytes 0xFF
//   hex with ??        wildcard bytes have mask 0x00
// A byte b matches position i iff (b & mask[i]) == value[i]. Masks also serve case folding beyond
// ASCII wherever a character and its other case differ in one bit of one byte (é/É, а/А in UTF-8;
// é/É in Latin-1; a/A in UTF-16); other caseless text goes to CaselessTextMatcher, which uses
// this matcher as its filter. Whole word looks at the characters before and after a match in the
// text's encoding (unicode.h).
//
// The scan is a "packed pair" filter: two anchor positions of the pattern, chosen as the rarest
// bytes, are compared 16/32 bytes at a time with SIMD; only positions where both anchors agree are
// verified in full. On typical text that runs at memory speed. A fixed frequency table can pick
// a pair that the data happens to repeat ("timeout" anchored on m..u meets "ms user" on every
// line of a log), so the matcher watches its false candidates and moves to another pair when
// they get frequent.
#pragma once

#include <vector>

#include "search/matcher.h"

namespace lfe {

class BytePatternMatcher final : public Matcher {
 public:
  BytePatternMatcher(std::vector<uint8_t> value, std::vector<uint8_t> mask, bool whole_word,
                     TextEncoding encoding = TextEncoding::kBytes);

  FindStatus Find(const uint8_t* subject, size_t len, size_t from, bool more_follows, MatchSpan* out) override;
  std::unique_ptr<Matcher> Clone() const override { return std::make_unique<BytePatternMatcher>(*this); }

  // Exact bytes (caseless literals: CreateCaselessLiteral, caseless_text_matcher.h).
  static std::unique_ptr<Matcher> Literal(const std::string& bytes, bool whole_word, TextEncoding encoding = TextEncoding::kBytes);
  // "4F 6B ?? 0a" or "4f6b??0a". Throws EngineError EINVAL.
  static std::unique_ptr<Matcher> Hex(const std::string& text, bool whole_word, TextEncoding encoding = TextEncoding::kBytes);

  size_t length() const { return n_; }

 private:
  // First position q in [p, limit) where both anchors agree, or `limit`.
  size_t NextCandidate(const uint8_t* s, size_t p, size_t limit) const;
  bool Verify(const uint8_t* s) const;

  std::vector<uint8_t> value_;
  std::vector<uint8_t> mask_;
  size_t n_;
  bool whole_word_;
  TextEncoding encoding_;
  bool exact_;         // every mask is 0xFF: verify with memcmp
  // Called after each verified-false candidate and at the end of each Find.
  void NoteFalseCandidate() { ++false_candidates_; }
  void NoteScanned(size_t bytes);
  FindStatus Found(size_t q, size_t from, MatchSpan* out);

  int anchors_;        // 0 (all wildcards), 1 or 2
  size_t a1_ = 0, a2_ = 0;  // anchor positions, a1_ < a2_ when anchors_ == 2
  std::vector<std::pair<size_t, size_t>> pairs_;  // anchor pairs to try, best first
  size_t pair_ = 0;
  uint64_t scanned_ = 0;
  uint64_t false_candidates_ = 0;
};

}  // namespace lfe
