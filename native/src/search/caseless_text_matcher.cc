#include "search/caseless_text_matcher.h"

#include <algorithm>
#include <cstring>

#include "engine_error.h"

namespace lfe {

namespace {

// Where the SIMD filter runs: the longest stretch of units whose variants all have one length
// (ties: the earliest), as masks every variant passes. Without such a stretch, the first bytes of
// the first unit's variants.
struct FilterPlan {
  size_t anchor_unit = 0;
  size_t pre_min = 0, pre_max = 0;
  std::vector<uint8_t> value, mask;
};

bool FixedLength(const CaselessTextMatcher::Unit& unit) {
  return std::all_of(unit.begin(), unit.end(), [&](const std::string& v) { return v.size() == unit[0].size(); });
}

void AppendMasks(const CaselessTextMatcher::Unit& unit, size_t bytes, FilterPlan* plan) {
  for (size_t j = 0; j < bytes; ++j) {
    const uint8_t v0 = static_cast<uint8_t>(unit[0][j]);
    uint8_t mask = 0xFF;
    for (const std::string& v : unit) mask &= static_cast<uint8_t>(~(static_cast<uint8_t>(v[j]) ^ v0));
    plan->value.push_back(v0);
    plan->mask.push_back(mask);
  }
}

FilterPlan PlanFilter(const std::vector<CaselessTextMatcher::Unit>& units) {
  size_t best_first = 0, best_bytes = 0;
  for (size_t i = 0; i < units.size();) {
    if (!FixedLength(units[i])) {
      ++i;
      continue;
    }
    size_t j = i, bytes = 0;
    for (; j < units.size() && FixedLength(units[j]); ++j) bytes += units[j][0].size();
    if (bytes > best_bytes) best_first = i, best_bytes = bytes;
    i = j;
  }
  FilterPlan plan;
  if (best_bytes == 0) {
    AppendMasks(units[0], 1, &plan);
    return plan;
  }
  plan.anchor_unit = best_first;
  for (size_t i = 0; i < best_first; ++i) {
    size_t lo = SIZE_MAX, hi = 0;
    for (const std::string& v : units[i]) lo = std::min(lo, v.size()), hi = std::max(hi, v.size());
    plan.pre_min += lo;
    plan.pre_max += hi;
  }
  for (size_t i = best_first; i < units.size() && FixedLength(units[i]); ++i) AppendMasks(units[i], units[i][0].size(), &plan);
  return plan;
}

CaselessTextMatcher::Unit Variants(const uint32_t* orbit, size_t n, TextEncoding encoding) {
  CaselessTextMatcher::Unit unit;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t cp = orbit[i];
    std::string bytes;
    switch (encoding) {
      case TextEncoding::kUtf8: {
        uint8_t b[4];
        bytes.assign(reinterpret_cast<const char*>(b), unicode::EncodeUtf8(cp, b));
        break;
      }
      case TextEncoding::kUtf16le:
      case TextEncoding::kUtf16be: {
        const bool le = encoding == TextEncoding::kUtf16le;
        auto put = [&](uint32_t u) {
          bytes.push_back(static_cast<char>(le ? u & 0xFF : u >> 8));
          bytes.push_back(static_cast<char>(le ? u >> 8 : u & 0xFF));
        };
        if (cp < 0x10000) {
          put(cp);
        } else {
          put(0xD800 + ((cp - 0x10000) >> 10));
          put(0xDC00 + ((cp - 0x10000) & 0x3FF));
        }
        break;
      }
      case TextEncoding::kLatin1:
        if (cp > 0xFF) continue;  // not in the repertoire
        bytes.push_back(static_cast<char>(cp));
        break;
      case TextEncoding::kWindows1252: {
        const int b = unicode::CodePointToWindows1252(cp);
        if (b < 0) continue;
        bytes.push_back(static_cast<char>(b));
        break;
      }
      case TextEncoding::kBytes:
        if (cp > 0x7F) continue;  // unknown encoding: ASCII letters only
        bytes.push_back(static_cast<char>(cp));
        break;
    }
    unit.push_back(std::move(bytes));
  }
  return unit;
}

// The character a single byte stands for in `encoding`, or kInvalid for bytes the engine does not
// fold (high bytes of an unknown encoding).
uint32_t SingleByteChar(TextEncoding encoding, uint8_t b) {
  if (encoding == TextEncoding::kLatin1) return unicode::Latin1ToCodePoint(b);
  if (encoding == TextEncoding::kWindows1252) return unicode::Windows1252ToCodePoint(b);
  return b < 0x80 ? b : unicode::kInvalid;
}

// Whether a unit's variants are exactly what one mask accepts: one variant, or two of one length
// that differ in a single bit.
bool MaskExact(const CaselessTextMatcher::Unit& unit) {
  if (unit.size() == 1) return true;
  if (unit.size() != 2 || unit[0].size() != unit[1].size()) return false;
  int bits = 0;
  for (size_t j = 0; j < unit[0].size(); ++j) {
    for (uint8_t d = static_cast<uint8_t>(unit[0][j] ^ unit[1][j]); d != 0; d &= static_cast<uint8_t>(d - 1)) ++bits;
  }
  return bits == 1;
}

}  // namespace

std::vector<CaselessTextMatcher::Unit> CaselessUnits(const std::string& pattern, TextEncoding encoding) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(pattern.data());
  const size_t n = pattern.size();
  std::vector<CaselessTextMatcher::Unit> units;
  uint32_t orbit[unicode::kMaxOrbit];
  auto raw = [&](size_t at, size_t len) { units.push_back({pattern.substr(at, len)}); };
  for (size_t i = 0; i < n;) {
    if (encoding == TextEncoding::kUtf8) {
      uint32_t cp;
      bool truncated;
      const size_t len = unicode::DecodeUtf8(p + i, n - i, &cp, &truncated);
      if (len == 0) {
        raw(i++, 1);
        continue;
      }
      units.push_back(Variants(orbit, unicode::CaseOrbit(cp, orbit), encoding));
      i += len;
    } else if (encoding == TextEncoding::kUtf16le || encoding == TextEncoding::kUtf16be) {
      const bool le = encoding == TextEncoding::kUtf16le;
      auto unit_at = [&](size_t at) -> uint32_t { return le ? (p[at] | (p[at + 1] << 8)) : ((p[at] << 8) | p[at + 1]); };
      if (i + 2 > n) {
        raw(i++, 1);
        continue;
      }
      uint32_t cp = unit_at(i);
      size_t len = 2;
      if (cp >= 0xD800 && cp <= 0xDBFF && i + 4 <= n && unit_at(i + 2) >= 0xDC00 && unit_at(i + 2) <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (unit_at(i + 2) - 0xDC00);
        len = 4;
      }
      if (cp >= 0xD800 && cp <= 0xDFFF) raw(i, 2);  // an unpaired surrogate matches itself
      else units.push_back(Variants(orbit, unicode::CaseOrbit(cp, orbit), encoding));
      i += len;
    } else {
      const uint32_t cp = SingleByteChar(encoding, p[i]);
      if (cp == unicode::kInvalid) raw(i, 1);
      else units.push_back(Variants(orbit, unicode::CaseOrbit(cp, orbit), encoding));
      ++i;
    }
  }
  return units;
}

CaselessTextMatcher::CaselessTextMatcher(std::vector<Unit> units, bool whole_word, TextEncoding encoding)
    : units_(std::move(units)), whole_word_(whole_word), encoding_(encoding), filter_({0}, {0}, false) {
  if (units_.empty()) throw EngineError("EINVAL", "The search pattern is empty");
  FilterPlan plan = PlanFilter(units_);
  anchor_unit_ = plan.anchor_unit;
  pre_min_ = plan.pre_min;
  pre_max_ = plan.pre_max;
  filter_bytes_ = plan.value.size();
  filter_ = BytePatternMatcher(std::move(plan.value), std::move(plan.mask), false);
}

bool CaselessTextMatcher::MatchBackward(const uint8_t* s, size_t at, size_t* start) const {
  size_t p = at;
  for (size_t u = anchor_unit_; u-- > 0;) {
    bool matched = false;
    for (const std::string& v : units_[u]) {
      if (p >= v.size() && std::memcmp(s + p - v.size(), v.data(), v.size()) == 0) {
        p -= v.size();
        matched = true;
        break;
      }
    }
    if (!matched) return false;
  }
  *start = p;
  return true;
}

CaselessTextMatcher::Outcome CaselessTextMatcher::MatchForward(const uint8_t* s, size_t len, size_t at, bool more_follows,
                                                               size_t* end) const {
  size_t p = at;
  for (size_t u = anchor_unit_; u < units_.size(); ++u) {
    bool matched = false, could = false;
    for (const std::string& v : units_[u]) {
      if (p + v.size() <= len) {
        if (std::memcmp(s + p, v.data(), v.size()) == 0) {
          p += v.size();
          matched = true;
          break;
        }
      } else if (more_follows && std::memcmp(s + p, v.data(), len - p) == 0) {
        could = true;  // the bytes at hand are the start of this variant
      }
    }
    if (!matched) return could ? Outcome::kUndecided : Outcome::kNoMatch;
  }
  *end = p;
  return Outcome::kMatch;
}

FindStatus CaselessTextMatcher::Find(const uint8_t* s, size_t len, size_t from, bool more_follows, MatchSpan* out) {
  // Matches starting at or after `undecided` may depend on bytes past len: those whose filtered
  // stretch does not fit yet, and candidates whose check ran into the end.
  size_t undecided = SIZE_MAX;
  if (more_follows) {
    const size_t unseen = len >= filter_bytes_ ? len - filter_bytes_ + 1 : 0;
    undecided = std::max(from, unseen > pre_max_ ? unseen - pre_max_ : 0);
  }
  bool have = false;
  MatchSpan best;
  for (size_t c = from + pre_min_; c + filter_bytes_ <= len;) {
    MatchSpan candidate;
    if (filter_.Find(s, len, c, false, &candidate) != FindStatus::kFound) break;
    const size_t at = candidate.start;
    const size_t earliest = at >= pre_max_ ? at - pre_max_ : 0;
    if (earliest >= undecided || (have && earliest >= best.start)) break;  // nothing later starts sooner
    c = at + 1;
    size_t start, end;
    if (!MatchBackward(s, at, &start) || start < from || (have && start >= best.start)) continue;
    const Outcome forward = MatchForward(s, len, at, more_follows, &end);
    if (forward == Outcome::kNoMatch) continue;
    if (forward == Outcome::kMatch && whole_word_) {
      if (unicode::WordCharBefore(encoding_, s, start)) continue;
      const unicode::WordAnswer after = unicode::WordCharAt(encoding_, s, len, end, more_follows);
      if (after == unicode::WordAnswer::kWord) continue;
      if (after == unicode::WordAnswer::kUndecided) {
        undecided = std::min(undecided, start);
        continue;
      }
    }
    if (forward == Outcome::kUndecided) {
      undecided = std::min(undecided, start);
      continue;
    }
    have = true;
    best.start = start;
    best.length = end - start;
  }
  if (have && best.start < undecided) {
    *out = best;
    return FindStatus::kFound;
  }
  if (!more_follows) return FindStatus::kNone;
  out->start = undecided;
  out->length = 0;
  return FindStatus::kNeedMore;
}

RareVariantsMatcher::RareVariantsMatcher(std::unique_ptr<Matcher> common, std::unique_ptr<Matcher> all,
                                         std::vector<BytePatternMatcher> rare, size_t max_length)
    : common_(std::move(common)), all_(std::move(all)), rare_(std::move(rare)), max_length_(max_length) {}

bool RareVariantsMatcher::HasRare(const uint8_t* s, size_t from, size_t end) {
  if (from >= end || !unicode::HasNonAscii(s + from, end - from)) return false;  // every rare variant is non-ASCII
  for (BytePatternMatcher& detector : rare_) {
    MatchSpan at;
    if (from + detector.length() <= end && detector.Find(s, end, from, false, &at) == FindStatus::kFound) return true;
  }
  return false;
}

FindStatus RareVariantsMatcher::Find(const uint8_t* s, size_t len, size_t from, bool more_follows, MatchSpan* out) {
  // A match with a rare variant holds it within max_length_ bytes of its start. So when no rare
  // variant lies between `from` and max_length_ bytes past where the common variants found a
  // match, no match starts sooner: their answer holds. The look for rare variants covers only what
  // the common matcher has just scanned, so the cost stays linear.
  const FindStatus status = common_->Find(s, len, from, more_follows, out);
  if (status == FindStatus::kError) return status;
  const size_t end = status == FindStatus::kFound ? std::min(len, out->start + max_length_) : len;
  if (HasRare(s, from, end)) return all_->Find(s, len, from, more_follows, out);
  if (!more_follows) return status;
  // Past len may lie a rare variant of a match that starts from `undecided` on.
  const size_t undecided = std::max(from, len + 1 >= max_length_ ? len + 1 - max_length_ : 0);
  if (status == FindStatus::kFound && out->start < undecided) return status;
  if (status != FindStatus::kNeedMore || out->start > undecided) out->start = undecided;
  out->length = 0;
  return FindStatus::kNeedMore;
}

std::unique_ptr<Matcher> CreateCaselessLiteral(const std::string& pattern, bool whole_word, TextEncoding encoding) {
  if (pattern.empty()) throw EngineError("EINVAL", "The search pattern is empty");
  std::vector<CaselessTextMatcher::Unit> units = CaselessUnits(pattern, encoding);
  auto masked = [&](const std::vector<CaselessTextMatcher::Unit>& us) -> std::unique_ptr<Matcher> {
    if (!std::all_of(us.begin(), us.end(), MaskExact)) return std::make_unique<CaselessTextMatcher>(us, whole_word, encoding);
    FilterPlan plan;
    for (const CaselessTextMatcher::Unit& unit : us) AppendMasks(unit, unit[0].size(), &plan);
    return std::make_unique<BytePatternMatcher>(std::move(plan.value), std::move(plan.mask), whole_word, encoding);
  };
  if (encoding != TextEncoding::kUtf8) return masked(units);
  // The rare variants: those longer than their unit's shortest (U+212A beside k, ſ beside s).
  std::vector<CaselessTextMatcher::Unit> common;
  std::vector<std::string> rare;
  size_t max_length = 0;
  for (const CaselessTextMatcher::Unit& unit : units) {
    size_t shortest = SIZE_MAX, longest = 0;
    for (const std::string& v : unit) shortest = std::min(shortest, v.size()), longest = std::max(longest, v.size());
    max_length += longest;
    common.emplace_back();
    for (const std::string& v : unit) (v.size() == shortest ? common.back() : rare).push_back(v);
  }
  // Worth a second pass over the bytes only where the common variants make a mask matcher
  // (`status`, `kernel`); for `это` (э/Э differ in two bits) the full matcher is as fast alone.
  if (rare.empty() || !std::all_of(common.begin(), common.end(), MaskExact)) return masked(units);
  // One detector per length, with the bits all its variants share.
  std::vector<BytePatternMatcher> detectors;
  std::sort(rare.begin(), rare.end(), [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
  for (size_t i = 0; i < rare.size();) {
    size_t j = i;
    FilterPlan plan;
    while (j < rare.size() && rare[j].size() == rare[i].size()) ++j;
    AppendMasks(CaselessTextMatcher::Unit(rare.begin() + static_cast<std::ptrdiff_t>(i), rare.begin() + static_cast<std::ptrdiff_t>(j)),
                rare[i].size(), &plan);
    detectors.emplace_back(std::move(plan.value), std::move(plan.mask), false);
    i = j;
  }
  return std::make_unique<RareVariantsMatcher>(masked(common), std::make_unique<CaselessTextMatcher>(units, whole_word, encoding),
                                               std::move(detectors), max_length);
}

}  // namespace lfe
