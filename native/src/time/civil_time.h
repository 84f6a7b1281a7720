// Calendar arithmetic for log timestamps: a civil date and time (proleptic Gregorian, UTC) to
// microseconds since 1970-01-01T00:00:00Z and back, with no time-zone database and no libc
// (timegm/gmtime are slow, locale-bound and not on every platform). Microseconds: a 2026 instant
// is about 1.8e15, exact in a double (the JavaScript side), and fractions finer than that are
// rare in logs (nanoseconds are cut to microseconds).
//
// Everything here is arithmetic on integers: safe to call under the fault guard (guard.h).
#pragma once

#include <cstdint>

namespace lfe {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

// Days since 1970-01-01 of a civil date (month 1-12, day 1-31; a day past the month's end rolls
// into the next month, as timegm does). Howard Hinnant's days_from_civil, by eras of 400 years.
constexpr int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t yoe = year - era * 400;                                     // [0, 399]
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                // [0, 146096]
  return era * 146097 + doe - 719468;
}

struct CivilDate {
  int64_t year;
  int month;  // 1-12
  int day;    // 1-31
};

// The inverse of DaysFromCivil.
constexpr CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate{yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

constexpr int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Microseconds since the epoch of a civil date and time of day (UTC).
constexpr int64_t MicrosFromCivil(int64_t year, int month, int day, int hour, int minute, int second, int64_t micros) {
  return (DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second) * kMicrosPerSecond + micros;
}

static_assert(DaysFromCivil(1970, 1, 1) == 0, "epoch");
static_assert(DaysFromCivil(2000, 3, 1) == 11017, "2000-03-01");
static_assert(CivilFromDays(11017).year == 2000 && CivilFromDays(11017).month == 3, "round trip");

}  // namespace lfe
