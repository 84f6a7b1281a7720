#include "search/byte_pattern_matcher.h"

#include <algorithm>
#include <cstring>

#include "engine_error.h"

#include "simd.h"

namespace lfe {

namespace {

// How common a byte is in text and logs (higher = more common). Anchors go to the rarest bytes,
// so the SIMD filter lets few false candidates through. Of the bytes >= 0x80, UTF-8 lead bytes
// repeat (every Cyrillic letter starts with D0 or D1) and continuation bytes vary; NUL is common
// in UTF-16 text and binaries. Each bit a mask clears doubles the byte values that pass.
int Commonness(uint8_t b, uint8_t mask) {
  if (mask == 0) return 1000;  // wildcard: never an anchor
  const uint8_t c = (mask == 0xDF) ? static_cast<uint8_t>(b | 0x20) : b;
  static const char kByFrequency[] = " etaoinsrhldcu0123456789mfpgwybvk:-/.=_,\nxjqzTSAEIRNOCLPDMUBFHGWYKVXJQZ\"'()[]{}<>;!?@#$%^&*+|\\~`\t";
  const char* hit = c == 0 ? nullptr : std::strchr(kByFrequency, c);
  int score = hit ? 900 - static_cast<int>(hit - kByFrequency) * 8 : c == 0 ? 700 : c >= 0xC0 ? 600 : 50;
  for (uint8_t cleared = static_cast<uint8_t>(~mask); cleared != 0; cleared &= static_cast<uint8_t>(cleared - 1)) score += 20;
  return score;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

#if LFE_X86_SIMD
size_t CandidatesSse2(const uint8_t* s, size_t p, size_t limit, size_t a1, size_t a2, uint8_t v1, uint8_t m1,
                      uint8_t v2, uint8_t m2) {
  const __m128i mv1 = _mm_set1_epi8(static_cast<char>(v1)), mm1 = _mm_set1_epi8(static_cast<char>(m1));
  const __m128i mv2 = _mm_set1_epi8(static_cast<char>(v2)), mm2 = _mm_set1_epi8(static_cast<char>(m2));
  for (; p + 16 <= limit; p += 16) {
    const __m128i x1 = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + p + a1)), mm1);
    const __m128i x2 = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + p + a2)), mm2);
    const int bits = _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(x1, mv1), _mm_cmpeq_epi8(x2, mv2)));
    if (bits != 0) return p + CountTrailingZeros(static_cast<unsigned>(bits));
  }
  return p;  // fewer than 16 positions left: the caller finishes them one by one
}

LFE_TARGET_AVX2 size_t CandidatesAvx2(const uint8_t* s, size_t p, size_t limit, size_t a1, size_t a2,
                                                      uint8_t v1, uint8_t m1, uint8_t v2, uint8_t m2) {
  const __m256i mv1 = _mm256_set1_epi8(static_cast<char>(v1)), mm1 = _mm256_set1_epi8(static_cast<char>(m1));
  const __m256i mv2 = _mm256_set1_epi8(static_cast<char>(v2)), mm2 = _mm256_set1_epi8(static_cast<char>(m2));
  for (; p + 32 <= limit; p += 32) {
    const __m256i x1 = _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + p + a1)), mm1);
    const __m256i x2 = _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + p + a2)), mm2);
    const unsigned bits = static_cast<unsigned>(
        _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(x1, mv1), _mm256_cmpeq_epi8(x2, mv2))));
    if (bits != 0) return p + CountTrailingZeros(bits);
  }
  return p;
}

#endif

}  // namespace

BytePatternMatcher::BytePatternMatcher(std::vector<uint8_t> value, std::vector<uint8_t> mask, bool whole_word,
                                       TextEncoding encoding)
    : value_(std::move(value)), mask_(std::move(mask)), n_(value_.size()), whole_word_(whole_word), encoding_(encoding) {
  for (size_t i = 0; i < n_; ++i) value_[i] &= mask_[i];
  exact_ = std::all_of(mask_.begin(), mask_.end(), [](uint8_t m) { return m == 0xFF; });
  // Rarest position first, then the rarest of the others.
  std::vector<size_t> order;
  for (size_t i = 0; i < n_; ++i) {
    if (mask_[i] != 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return Commonness(value_[x], mask_[x]) < Commonness(value_[y], mask_[y]); });
  anchors_ = static_cast<int>(std::min<size_t>(order.size(), 2));
  if (anchors_ >= 1) a1_ = a2_ = order[0];
  if (anchors_ == 2) {
    const size_t n = std::min<size_t>(order.size(), 4);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = i + 1; j < n; ++j) pairs_.emplace_back(std::min(order[i], order[j]), std::max(order[i], order[j]));
    }
    std::stable_sort(pairs_.begin(), pairs_.end(), [&](const auto& x, const auto& y) {
      const auto cost = [&](const std::pair<size_t, size_t>& p) {
        return Commonness(value_[p.first], mask_[p.first]) + Commonness(value_[p.second], mask_[p.second]);
      };
      return cost(x) < cost(y);
    });
    a1_ = pairs_[0].first;
    a2_ = pairs_[0].second;
  }
}

void BytePatternMatcher::NoteScanned(size_t bytes) {
  scanned_ += bytes;
  if (scanned_ < (64u << 10)) return;
  // More than one false candidate per 512 bytes: this pair is common in this data; try the next.
  if (pairs_.size() > 1 && false_candidates_ * 512 > scanned_) {
    pair_ = (pair_ + 1) % pairs_.size();
    a1_ = pairs_[pair_].first;
    a2_ = pairs_[pair_].second;
  }
  scanned_ = 0;
  false_candidates_ = 0;
}

size_t BytePatternMatcher::NextCandidate(const uint8_t* s, size_t p, size_t limit) const {
  if (anchors_ == 0) return p;
  const uint8_t v1 = value_[a1_], m1 = mask_[a1_], v2 = value_[a2_], m2 = mask_[a2_];
  if (anchors_ == 1 && m1 == 0xFF) {
    const void* hit = std::memchr(s + p + a1_, v1, limit - p);
    return hit ? static_cast<size_t>(static_cast<const uint8_t*>(hit) - s) - a1_ : limit;
  }
#if LFE_X86_SIMD
  // The vector loop stops at a position where both anchors agree, or where fewer positions than
  // one vector remain; the scalar loop below finishes those.
  p = CpuHasAvx2() ? CandidatesAvx2(s, p, limit, a1_, a2_, v1, m1, v2, m2)
                 : CandidatesSse2(s, p, limit, a1_, a2_, v1, m1, v2, m2);
#endif
  for (; p < limit; ++p) {
    if ((s[p + a1_] & m1) == v1 && (s[p + a2_] & m2) == v2) return p;
  }
  return limit;
}

bool BytePatternMatcher::Verify(const uint8_t* s) const {
  if (exact_) return std::memcmp(s, value_.data(), n_) == 0;
  for (size_t i = 0; i < n_; ++i) {
    if ((s[i] & mask_[i]) != value_[i]) return false;
  }
  return true;
}

FindStatus BytePatternMatcher::Find(const uint8_t* s, size_t len, size_t from, bool more_follows, MatchSpan* out) {
  // Candidate starts where the pattern fits; a whole-word check may still need the character
  // after it, and says so.
  const size_t limit = len >= n_ ? len - n_ + 1 : 0;
  size_t p = from;
  while (p < limit) {
    const size_t q = NextCandidate(s, p, limit);
    if (q >= limit) break;
    if (Verify(s + q)) {
      if (!whole_word_) return Found(q, from, out);
      if (!unicode::WordCharBefore(encoding_, s, q)) {
        const unicode::WordAnswer after = unicode::WordCharAt(encoding_, s, len, q + n_, more_follows);
        if (after == unicode::WordAnswer::kNotWord) return Found(q, from, out);
        if (after == unicode::WordAnswer::kUndecided) {
          NoteScanned(q - from);
          out->start = q;
          out->length = 0;
          return FindStatus::kNeedMore;
        }
      }
    }
    NoteFalseCandidate();
    p = q + 1;
  }
  if (limit > from) NoteScanned(limit - from);
  if (!more_follows) return FindStatus::kNone;
  out->start = std::max(from, limit);
  out->length = 0;
  return FindStatus::kNeedMore;
}

FindStatus BytePatternMatcher::Found(size_t q, size_t from, MatchSpan* out) {
  out->start = q;
  out->length = n_;
  NoteScanned(q - from);
  return FindStatus::kFound;
}

std::unique_ptr<Matcher> BytePatternMatcher::Literal(const std::string& bytes, bool whole_word, TextEncoding encoding) {
  if (bytes.empty()) throw EngineError("EINVAL", "The search pattern is empty");
  std::vector<uint8_t> value(bytes.begin(), bytes.end());
  std::vector<uint8_t> mask(value.size(), 0xFF);
  return std::make_unique<BytePatternMatcher>(std::move(value), std::move(mask), whole_word, encoding);
}

std::unique_ptr<Matcher> BytePatternMatcher::Hex(const std::string& text, bool whole_word, TextEncoding encoding) {
  std::vector<uint8_t> value, mask;
  std::string digits;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') continue;
    digits.push_back(c);
  }
  if (digits.empty()) throw EngineError("EINVAL", "The hex pattern is empty");
  if (digits.size() % 2 != 0) throw EngineError("EINVAL", "The hex pattern has an odd number of digits: '" + text + "'");
  for (size_t i = 0; i < digits.size(); i += 2) {
    if (digits[i] == '?' && digits[i + 1] == '?') {
      value.push_back(0);
      mask.push_back(0);
      continue;
    }
    const int hi = HexDigit(digits[i]), lo = HexDigit(digits[i + 1]);
    if (hi < 0 || lo < 0) {
      throw EngineError("EINVAL", "Not a hex byte or ?? wildcard: '" + digits.substr(i, 2) + "' in '" + text + "'");
    }
    value.push_back(static_cast<uint8_t>(hi * 16 + lo));
    mask.push_back(0xFF);
  }
  return std::make_unique<BytePatternMatcher>(std::move(value), std::move(mask), whole_word, encoding);
}

}  // namespace lfe
