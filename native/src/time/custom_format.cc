#include "time/custom_format.h"

#include "engine_error.h"
#include "time/civil_time.h"
#include "time/stamp_fields.h"

namespace lfe {

using stamp::Fixed;
using stamp::IsAlpha;
using stamp::IsDigit;
using stamp::Upto;

namespace {

// A month name, abbreviated or full, any case: 1-12 and where it ends, or 0.
int MonthName(const uint8_t* p, const uint8_t* end, const uint8_t** after) {
  static const char* const kNames[] = {"january", "february", "march", "april", "may", "june",
                                       "july", "august", "september", "october", "november", "december"};
  if (end - p < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    const char* name = kNames[m];
    int n = 0;
    while (p + n < end && name[n] != 0 && (p[n] | 0x20) == name[n]) ++n;
    const bool whole = name[n] == 0 && (p + n >= end || !IsAlpha(p[n]));
    const bool abbreviated = n >= 3 && (p + 3 >= end || !IsAlpha(p[3]));
    if (whole || abbreviated) {
      *after = p + (whole ? n : 3);
      return m + 1;
    }
  }
  return 0;
}

}  // namespace

CustomFormat::CustomFormat(const std::string& format) : source_(format) {
  auto add = [&](Step s, uint8_t literal = 0) { ops_.push_back(Op{s, literal}); };
  for (size_t i = 0; i < format.size(); ++i) {
    const char c = format[i];
    if (c == ' ' || c == '\t') {
      if (ops_.empty() || ops_.back().step != Step::kSpaces) add(Step::kSpaces);
      continue;
    }
    if (c != '%') {
      add(Step::kLiteral, static_cast<uint8_t>(c));
      continue;
    }
    if (++i >= format.size()) throw EngineError("EINVAL", "The timestamp format ends with a lone %");
    switch (format[i]) {
      case 'Y': add(Step::kYear4); has_year_ = true; break;
      case 'y': add(Step::kYear2); has_year_ = true; break;
      case 'm': add(Step::kMonth); break;
      case 'd': add(Step::kDay); break;
      case 'e': add(Step::kDaySpace); break;
      case 'H': add(Step::kHour24); break;
      case 'I': add(Step::kHour12); break;
      case 'M': add(Step::kMinute); break;
      case 'S': add(Step::kSecond); break;
      case 'f': add(Step::kFraction); break;
      case 'b': case 'h': case 'B': add(Step::kMonthName); break;
      case 'a': case 'A': add(Step::kWeekdayName); break;
      case 'j': add(Step::kDayOfYear); break;
      case 'z': add(Step::kZone); break;
      case 'Z': add(Step::kZoneName); break;
      case 's': add(Step::kEpoch); has_year_ = true; break;
      case 'p': add(Step::kAmPm); break;
      case 'T': add(Step::kHour24); add(Step::kLiteral, ':'); add(Step::kMinute); add(Step::kLiteral, ':'); add(Step::kSecond); break;
      case 'F':
        add(Step::kYear4); add(Step::kLiteral, '-'); add(Step::kMonth); add(Step::kLiteral, '-'); add(Step::kDay);
        has_year_ = true;
        break;
      case '%': add(Step::kLiteral, '%'); break;
      default:
        throw EngineError("EINVAL", std::string("The timestamp format has %") + format[i] +
                                        ", which is not one of %Y %y %m %d %e %H %I %M %S %f %b %a %j %z %Z %s %p %T %F %%");
    }
  }
  if (ops_.empty()) throw EngineError("EINVAL", "The timestamp format is empty");
}

const uint8_t* CustomFormat::Parse(const uint8_t* p, const uint8_t* end, const SyslogYears& years, Stamp* out) const {
  int64_t year = -1;
  int64_t month = 1;
  int64_t day = 1;
  int64_t day_of_year = 0;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t micros = 0;
  int64_t epoch = -1;
  int pm = -1;  // -1: no %p
  int16_t zone = kNoZone;
  int64_t v = 0;
  for (const Op& op : ops_) {
    switch (op.step) {
      case Step::kLiteral:
        if (p >= end || *p != op.literal) return nullptr;
        ++p;
        break;
      case Step::kSpaces:
        if (p >= end || (*p != ' ' && *p != '\t')) return nullptr;
        while (p < end && (*p == ' ' || *p == '\t')) ++p;
        break;
      case Step::kYear4:
        if (!(p = Fixed(p, end, 4, &year))) return nullptr;
        break;
      case Step::kYear2:
        if (!(p = Fixed(p, end, 2, &v))) return nullptr;
        year = 2000 + v;
        break;
      case Step::kMonth:
        if (!(p = Upto(p, end, 2, &month))) return nullptr;
        break;
      case Step::kDaySpace:
        if (p < end && *p == ' ') ++p;
        [[fallthrough]];
      case Step::kDay:
        if (!(p = Upto(p, end, 2, &day))) return nullptr;
        break;
      case Step::kHour24:
      case Step::kHour12:
        if (!(p = Upto(p, end, 2, &hour))) return nullptr;
        break;
      case Step::kMinute:
        if (!(p = Fixed(p, end, 2, &minute))) return nullptr;
        break;
      case Step::kSecond:
        if (!(p = Fixed(p, end, 2, &second))) return nullptr;
        // A fraction right after the seconds is taken even when the format does not say %f.
        if (end - p >= 2 && (*p == '.' || *p == ',') && IsDigit(p[1]) && (&op == &ops_.back() || (&op + 1)->step != Step::kLiteral)) {
          p = stamp::FractionDigits(p + 1, end, &micros);
        }
        break;
      case Step::kFraction:
        if (!(p = stamp::FractionDigits(p, end, &micros))) return nullptr;
        break;
      case Step::kMonthName: {
        const uint8_t* after = nullptr;
        const int m = MonthName(p, end, &after);
        if (m == 0) return nullptr;
        month = m;
        p = after;
        break;
      }
      case Step::kWeekdayName:
        if (p >= end || !IsAlpha(*p)) return nullptr;
        while (p < end && IsAlpha(*p)) ++p;
        break;
      case Step::kDayOfYear:
        if (!(p = Upto(p, end, 3, &day_of_year)) || day_of_year < 1 || day_of_year > 366) return nullptr;
        break;
      case Step::kZone:
        if (!(p = stamp::Zone(p, end, &zone))) return nullptr;
        break;
      case Step::kZoneName: {
        const uint8_t* start = p;
        while (p < end && IsAlpha(*p)) ++p;
        if (p == start) return nullptr;
        if (p - start == 3 && ((start[0] == 'U' && start[1] == 'T' && start[2] == 'C') || (start[0] == 'G' && start[1] == 'M' && start[2] == 'T'))) zone = 0;
        break;
      }
      case Step::kEpoch:
        if (!(p = Upto(p, end, 12, &epoch))) return nullptr;
        if (end - p >= 2 && *p == '.' && IsDigit(p[1])) p = stamp::FractionDigits(p + 1, end, &micros);
        break;
      case Step::kAmPm:
        if (end - p < 2 || (p[1] | 0x20) != 'm') return nullptr;
        if ((p[0] | 0x20) == 'a') pm = 0;
        else if ((p[0] | 0x20) == 'p') pm = 1;
        else return nullptr;
        p += 2;
        break;
    }
  }
  if (epoch >= 0) {
    out->micros = epoch * kMicrosPerSecond + micros;
    out->offset_minutes = 0;
    return p;
  }
  if (pm >= 0) {
    if (hour < 1 || hour > 12) return nullptr;
    hour = hour % 12 + (pm ? 12 : 0);
  }
  if (day_of_year > 0) {
    if (year < 0) return nullptr;
    const CivilDate d = CivilFromDays(DaysFromCivil(year, 1, 1) + day_of_year - 1);
    month = d.month;
    day = d.day;
  }
  if (!stamp::ValidTime(month, day, hour, minute, second)) return nullptr;
  const int64_t of_day = (hour * 3600 + minute * 60 + second) * kMicrosPerSecond + micros;
  const int64_t local = year >= 0 ? MicrosFromCivil(year, static_cast<int>(month), static_cast<int>(day), 0, 0, 0, of_day)
                                  : ResolveYear(years, static_cast<int>(month), static_cast<int>(day), of_day);
  out->micros = local - (zone == kNoZone ? 0 : int64_t{zone} * 60 * kMicrosPerSecond);
  out->offset_minutes = zone;
  return p;
}

}  // namespace lfe
