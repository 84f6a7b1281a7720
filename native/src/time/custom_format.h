// A timestamp format the user sets (largeFile.timestampFormat), strftime-like, compiled once into
// a list of steps that parse a line's bytes as fast as the built-in formats do:
//   %Y year (4 digits)   %y year 00-99 (2000-2099)   %m month 1-12   %d day 1-31   %e day, space padded
//   %H hour 0-23   %I hour 1-12 (with %p: AM/PM)   %M minute   %S second   %f fraction (1-9 digits)
//   %b month name (Jan, January; any case)   %a weekday name (skipped)   %j day of the year
//   %z zone (Z, +01:00, +0100, +01)   %Z zone name (UTC and GMT are +00:00; others are skipped)
//   %s seconds since the epoch (with %f or a fraction of its own)   %T = %H:%M:%S   %F = %Y-%m-%d
//   %% a percent sign; a space matches one or more spaces or tabs; anything else itself.
// A format without a year takes it as syslog's does (timestamp_format.h, SyslogYears).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "time/timestamp_format.h"

namespace lfe {

class CustomFormat {
 public:
  // Throws EngineError EINVAL naming the directive it does not know.
  explicit CustomFormat(const std::string& format);

  // Parses at `p`; returns where the stamp ends, or nullptr. Safe under the fault guard.
  const uint8_t* Parse(const uint8_t* p, const uint8_t* end, const SyslogYears& years, Stamp* out) const;

  bool has_year() const { return has_year_; }
  const std::string& source() const { return source_; }

 private:
  enum class Step : uint8_t {
    kLiteral, kSpaces, kYear4, kYear2, kMonth, kDay, kDaySpace, kHour24, kHour12, kMinute, kSecond,
    kFraction, kMonthName, kWeekdayName, kDayOfYear, kZone, kZoneName, kEpoch, kAmPm,
  };
  struct Op {
    Step step;
    uint8_t literal;
  };
  std::vector<Op> ops_;
  std::string source_;
  bool has_year_ = false;
};

}  // namespace lfe
