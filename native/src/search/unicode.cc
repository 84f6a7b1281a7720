#include "search/unicode.h"

#include <algorithm>

#include "search/matcher.h"
#include "simd.h"

namespace lfe {
namespace unicode {

using namespace unicode_tables;

bool IsWordChar(uint32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || cp == '_';
  const CodePointRange* end = kWordRanges + kWordRangeCount;
  const CodePointRange* r = std::upper_bound(kWordRanges, end, cp, [](uint32_t c, const CodePointRange& x) { return c < x.first; });
  return r != kWordRanges && cp <= (r - 1)->last;
}

size_t CaseOrbit(uint32_t cp, uint32_t out[kMaxOrbit]) {
  const CodePointOrbit* end = kOrbitOf + kOrbitOfCount;
  const CodePointOrbit* o = std::lower_bound(kOrbitOf, end, cp, [](const CodePointOrbit& x, uint32_t c) { return x.code_point < c; });
  if (o == end || o->code_point != cp) {
    out[0] = cp;
    return 1;
  }
  const size_t first = kOrbitStart[o->orbit], last = kOrbitStart[o->orbit + 1];
  std::copy(kOrbitMembers + first, kOrbitMembers + last, out);
  return last - first;
}

namespace {

// windows-1252 is Latin-1 but for 0x80–0x9F (the WHATWG Encoding Standard's index; its five
// unassigned bytes stand for the C1 controls of the same number).
const uint16_t kWindows1252High[32] = {
    0x20AC, 0x81,  0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021, 0x2C6,  0x2030, 0x160,
    0x2039, 0x152, 0x8D,   0x17D,  0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x2DC, 0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178,
};

}  // namespace

uint32_t Latin1ToCodePoint(uint8_t b) { return b; }

uint32_t Windows1252ToCodePoint(uint8_t b) { return b >= 0x80 && b <= 0x9F ? kWindows1252High[b - 0x80] : b; }

int CodePointToWindows1252(uint32_t cp) {
  if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return static_cast<int>(cp);
  for (int i = 0; i < 32; ++i) {
    if (kWindows1252High[i] == cp) return 0x80 + i;
  }
  return -1;
}

size_t DecodeUtf8(const uint8_t* s, size_t len, uint32_t* cp, bool* truncated) {
  *cp = kInvalid;
  *truncated = false;
  if (len == 0) return 0;
  const uint8_t b0 = s[0];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t need;
  uint32_t value, min;
  if (b0 >= 0xC2 && b0 <= 0xDF) need = 2, value = b0 & 0x1F, min = 0x80;
  else if (b0 >= 0xE0 && b0 <= 0xEF) need = 3, value = b0 & 0x0F, min = 0x800;
  else if (b0 >= 0xF0 && b0 <= 0xF4) need = 4, value = b0 & 0x07, min = 0x10000;
  else return 0;
  for (size_t i = 1; i < need; ++i) {
    if (i >= len) {
      *truncated = true;
      return 0;
    }
    if ((s[i] & 0xC0) != 0x80) return 0;
    value = (value << 6) | (s[i] & 0x3F);
    // Reject overlong forms, surrogates and values past U+10FFFF as soon as the second byte says so.
    if (i == 1 && ((need == 3 && ((b0 == 0xE0 && s[1] < 0xA0) || (b0 == 0xED && s[1] >= 0xA0))) ||
                   (need == 4 && ((b0 == 0xF0 && s[1] < 0x90) || (b0 == 0xF4 && s[1] >= 0x90))))) {
      return 0;
    }
  }
  if (value < min) return 0;
  *cp = value;
  return need;
}

size_t EncodeUtf8(uint32_t cp, uint8_t out[4]) {
  if (cp < 0x80) {
    out[0] = static_cast<uint8_t>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<uint8_t>(0xC0 | (cp >> 6));
    out[1] = static_cast<uint8_t>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<uint8_t>(0xE0 | (cp >> 12));
    out[1] = static_cast<uint8_t>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<uint8_t>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<uint8_t>(0xF0 | (cp >> 18));
  out[1] = static_cast<uint8_t>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<uint8_t>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<uint8_t>(0x80 | (cp & 0x3F));
  return 4;
}

bool HasNonAscii(const uint8_t* s, size_t n) {
  size_t i = 0;
#if LFE_X86_SIMD
  for (; i + 64 <= n; i += 64) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 16));
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 32));
    const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 48));
    if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))) != 0) return true;
  }
#endif
  for (; i < n; ++i) {
    if (s[i] >= 0x80) return true;
  }
  return false;
}

bool IsWordByteIn(TextEncoding encoding, uint8_t b) {
  switch (encoding) {
    case TextEncoding::kLatin1:
      return IsWordChar(Latin1ToCodePoint(b));
    case TextEncoding::kWindows1252:
      return IsWordChar(Windows1252ToCodePoint(b));
    default:
      return IsWordByte(b);
  }
}

namespace {

uint32_t Utf16Unit(TextEncoding encoding, const uint8_t* p) {
  return encoding == TextEncoding::kUtf16le ? (p[0] | (p[1] << 8)) : ((p[0] << 8) | p[1]);
}

bool IsHighSurrogate(uint32_t u) { return u >= 0xD800 && u <= 0xDBFF; }
bool IsLowSurrogate(uint32_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

}  // namespace

bool WordCharBeforeSlow(TextEncoding encoding, const uint8_t* s, size_t pos) {
  if (pos == 0) return false;
  switch (encoding) {
    case TextEncoding::kUtf8: {
      if (s[pos - 1] < 0x80) return IsWordChar(s[pos - 1]);
      // Find the lead byte of the sequence that ends at pos, at most 4 bytes back.
      size_t back = 1;
      while (back < 4 && back < pos && (s[pos - back] & 0xC0) == 0x80) ++back;
      uint32_t cp;
      bool truncated;
      const size_t n = DecodeUtf8(s + pos - back, back, &cp, &truncated);
      return n == back && IsWordChar(cp);
    }
    case TextEncoding::kUtf16le:
    case TextEncoding::kUtf16be: {
      if (pos < 2) return false;
      const uint32_t u = Utf16Unit(encoding, s + pos - 2);
      if (IsLowSurrogate(u) && pos >= 4) {
        const uint32_t hi = Utf16Unit(encoding, s + pos - 4);
        if (IsHighSurrogate(hi)) return IsWordChar(0x10000 + ((hi - 0xD800) << 10) + (u - 0xDC00));
      }
      return !IsHighSurrogate(u) && !IsLowSurrogate(u) && IsWordChar(u);
    }
    default:
      return IsWordByteIn(encoding, s[pos - 1]);
  }
}

WordAnswer WordCharAtSlow(TextEncoding encoding, const uint8_t* s, size_t len, size_t pos, bool more_follows) {
  auto answer = [](bool word) { return word ? WordAnswer::kWord : WordAnswer::kNotWord; };
  if (pos >= len) return more_follows ? WordAnswer::kUndecided : WordAnswer::kNotWord;
  switch (encoding) {
    case TextEncoding::kUtf8: {
      uint32_t cp;
      bool truncated;
      if (DecodeUtf8(s + pos, len - pos, &cp, &truncated) > 0) return answer(IsWordChar(cp));
      return truncated && more_follows ? WordAnswer::kUndecided : WordAnswer::kNotWord;
    }
    case TextEncoding::kUtf16le:
    case TextEncoding::kUtf16be: {
      if (pos + 2 > len) return more_follows ? WordAnswer::kUndecided : WordAnswer::kNotWord;
      const uint32_t u = Utf16Unit(encoding, s + pos);
      if (IsHighSurrogate(u)) {
        if (pos + 4 > len) return more_follows ? WordAnswer::kUndecided : WordAnswer::kNotWord;
        const uint32_t lo = Utf16Unit(encoding, s + pos + 2);
        return answer(IsLowSurrogate(lo) && IsWordChar(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)));
      }
      return answer(!IsLowSurrogate(u) && IsWordChar(u));
    }
    default:
      return answer(IsWordByteIn(encoding, s[pos]));
  }
}

}  // namespace unicode
}  // namespace lfe
