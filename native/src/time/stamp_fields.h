// Small readers of timestamp fields shared by the built-in and the user-set formats: digits, a
// fraction, a zone, month names. Plain functions over bytes (safe under the fault guard); each
// returns where it stopped, or nullptr when the bytes are not that field.
#pragma once

#include <cstdint>

#include "time/timestamp_format.h"

namespace lfe {
namespace stamp {

inline bool IsDigit(uint8_t c) { return static_cast<unsigned>(c) - '0' < 10u; }
inline bool IsAlpha(uint8_t c) { return static_cast<unsigned>(c | 0x20) - 'a' < 26u; }

// Exactly n digits.
inline const uint8_t* Fixed(const uint8_t* p, const uint8_t* end, int n, int64_t* value) {
  if (end - p < n) return nullptr;
  int64_t v = 0;
  for (int i = 0; i < n; ++i) {
    if (!IsDigit(p[i])) return nullptr;
    v = v * 10 + (p[i] - '0');
  }
  *value = v;
  return p + n;
}

// One to `most` digits.
inline const uint8_t* Upto(const uint8_t* p, const uint8_t* end, int most, int64_t* value) {
  int64_t v = 0;
  int n = 0;
  while (p + n < end && n < most && IsDigit(p[n])) v = v * 10 + (p[n++] - '0');
  if (n == 0) return nullptr;
  *value = v;
  return p + n;
}

// Digits after the separator already passed, to microseconds (more than 6 digits are cut, more
// than 9 are skipped).
inline const uint8_t* FractionDigits(const uint8_t* p, const uint8_t* end, int64_t* micros) {
  int64_t v = 0;
  int n = 0;
  while (p < end && IsDigit(*p)) {
    if (n < 6) v = v * 10 + (*p - '0');
    ++n;
    ++p;
  }
  if (n == 0) return nullptr;
  for (int i = n; i < 6; ++i) v *= 10;
  *micros = v;
  return p;
}

// An optional `.123` or `,123` (`p` unchanged and 0 when there is none).
inline const uint8_t* Fraction(const uint8_t* p, const uint8_t* end, int64_t* micros) {
  *micros = 0;
  if (end - p >= 2 && (*p == '.' || *p == ',') && IsDigit(p[1])) return FractionDigits(p + 1, end, micros);
  return p;
}

// `Z`, `+01:00`, `+0100`, `+01` (nullptr when none is there).
inline const uint8_t* Zone(const uint8_t* p, const uint8_t* end, int16_t* minutes) {
  if (p >= end) return nullptr;
  if (*p == 'Z' || *p == 'z') {
    *minutes = 0;
    return p + 1;
  }
  if (*p != '+' && *p != '-') return nullptr;
  const int sign = *p == '-' ? -1 : 1;
  int64_t hh = 0;
  int64_t mm = 0;
  const uint8_t* q = Fixed(p + 1, end, 2, &hh);
  if (!q || hh > 18) return nullptr;
  if (q < end && *q == ':') {
    const uint8_t* r = Fixed(q + 1, end, 2, &mm);
    if (!r) return nullptr;
    q = r;
  } else if (const uint8_t* r = Fixed(q, end, 2, &mm)) {
    q = r;
  }
  if (mm > 59 || (q < end && IsDigit(*q))) return nullptr;
  *minutes = static_cast<int16_t>(sign * (hh * 60 + mm));
  return q;
}

// `Jan` … `Dec` (first letter upper case, as logs write them). 1-12, or 0.
inline int MonthAbbrev(const uint8_t* p, const uint8_t* end) {
  if (end - p < 3) return 0;
  const uint32_t k = (uint32_t{p[0]} << 16) | (uint32_t{p[1]} << 8) | p[2];
  switch (k) {
    case ('J' << 16) | ('a' << 8) | 'n': return 1;
    case ('F' << 16) | ('e' << 8) | 'b': return 2;
    case ('M' << 16) | ('a' << 8) | 'r': return 3;
    case ('A' << 16) | ('p' << 8) | 'r': return 4;
    case ('M' << 16) | ('a' << 8) | 'y': return 5;
    case ('J' << 16) | ('u' << 8) | 'n': return 6;
    case ('J' << 16) | ('u' << 8) | 'l': return 7;
    case ('A' << 16) | ('u' << 8) | 'g': return 8;
    case ('S' << 16) | ('e' << 8) | 'p': return 9;
    case ('O' << 16) | ('c' << 8) | 't': return 10;
    case ('N' << 16) | ('o' << 8) | 'v': return 11;
    case ('D' << 16) | ('e' << 8) | 'c': return 12;
    default: return 0;
  }
}

inline bool ValidTime(int64_t month, int64_t day, int64_t hour, int64_t minute, int64_t second) {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}

}  // namespace stamp
}  // namespace lfe
