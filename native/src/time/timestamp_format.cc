#include "time/timestamp_format.h"

#include <cstring>

#include "engine_error.h"
#include "search/matcher.h"
#include "time/civil_time.h"
#include "time/custom_format.h"
#include "time/stamp_fields.h"

namespace lfe {

using stamp::Fixed;
using stamp::Fraction;
using stamp::IsDigit;
using stamp::Upto;
using stamp::Zone;

namespace {

// `HH:MM[:SS][.frac]` at p: seconds of the day (and micros). nullptr if not there.
const uint8_t* ClockAt(const uint8_t* p, const uint8_t* end, bool seconds_required, int64_t* micros_of_day) {
  int64_t hh = 0;
  int64_t mm = 0;
  int64_t ss = 0;
  int64_t frac = 0;
  const uint8_t* q = Fixed(p, end, 2, &hh);
  if (!q || q >= end || *q != ':') return nullptr;
  q = Fixed(q + 1, end, 2, &mm);
  if (!q) return nullptr;
  if (q < end && *q == ':') {
    q = Fixed(q + 1, end, 2, &ss);
    if (!q) return nullptr;
    q = Fraction(q, end, &frac);
  } else if (seconds_required) {
    return nullptr;
  }
  if (hh > 23 || mm > 59 || ss > 60) return nullptr;
  *micros_of_day = (hh * 3600 + mm * 60 + ss) * kMicrosPerSecond + frac;
  return q;
}

// Not followed by a digit: `2026-03-01T00:00:001` is no timestamp.
inline bool Ends(const uint8_t* q, const uint8_t* end) { return q >= end || !IsDigit(*q); }

// `Mmm dD HH:MM:SS[.frac]` (day space padded, or two digits, or one): month, day, micros of day.
const uint8_t* MonthDayClock(const uint8_t* p, const uint8_t* end, int* month, int* day, int64_t* micros_of_day) {
  const int m = stamp::MonthAbbrev(p, end);
  if (m == 0 || end - p < 4 || p[3] != ' ') return nullptr;
  const uint8_t* q = p + 4;
  if (q < end && *q == ' ') ++q;  // "Mar  1"
  int64_t d = 0;
  q = Upto(q, end, 2, &d);
  if (!q || d < 1 || d > 31 || q >= end || *q != ' ') return nullptr;
  q = ClockAt(q + 1, end, true, micros_of_day);
  if (!q) return nullptr;
  *month = m;
  *day = static_cast<int>(d);
  return q;
}

const uint8_t* ParseSyslog(const uint8_t* p, const uint8_t* end, const SyslogYears& years, Stamp* out) {
  int month = 0;
  int day = 0;
  int64_t micros = 0;
  const uint8_t* q = MonthDayClock(p, end, &month, &day, &micros);
  if (!q || !Ends(q, end)) return nullptr;
  out->micros = ResolveYear(years, month, day, micros);
  out->offset_minutes = kNoZone;
  return q;
}

// `Www Mmm dD HH:MM:SS[.frac] YYYY`.
const uint8_t* ParseCtime(const uint8_t* p, const uint8_t* end, Stamp* out) {
  if (end - p < 4 || !stamp::IsAlpha(p[0]) || !stamp::IsAlpha(p[1]) || !stamp::IsAlpha(p[2]) || p[3] != ' ') return nullptr;
  int month = 0;
  int day = 0;
  int64_t micros = 0;
  const uint8_t* q = MonthDayClock(p + 4, end, &month, &day, &micros);
  int64_t year = 0;
  if (!q || q >= end || *q != ' ' || !(q = Fixed(q + 1, end, 4, &year)) || !Ends(q, end)) return nullptr;
  out->micros = MicrosFromCivil(year, month, day, 0, 0, 0, micros);
  out->offset_minutes = kNoZone;
  return q;
}

// `DD/Mmm/YYYY:HH:MM:SS[ +ZZZZ]`.
const uint8_t* ParseClf(const uint8_t* p, const uint8_t* end, Stamp* out) {
  int64_t day = 0;
  int64_t year = 0;
  int64_t micros = 0;
  const uint8_t* q = Fixed(p, end, 2, &day);
  if (!q || end - q < 5 || q[0] != '/' || q[4] != '/') return nullptr;
  const int month = stamp::MonthAbbrev(q + 1, end);
  if (month == 0 || day < 1 || day > 31) return nullptr;
  q = Fixed(q + 5, end, 4, &year);
  if (!q || q >= end || *q != ':') return nullptr;
  q = ClockAt(q + 1, end, true, &micros);
  if (!q) return nullptr;
  int16_t zone = kNoZone;
  if (end - q >= 2 && *q == ' ' && (q[1] == '+' || q[1] == '-')) {
    const uint8_t* z = Zone(q + 1, end, &zone);
    if (!z) return nullptr;
    q = z;
  }
  if (!Ends(q, end)) return nullptr;
  out->micros = MicrosFromCivil(year, month, static_cast<int>(day), 0, 0, 0, micros) -
                (zone == kNoZone ? 0 : int64_t{zone} * 60 * kMicrosPerSecond);
  out->offset_minutes = zone;
  return q;
}

// 10 digits of seconds or 13 of milliseconds, an optional fraction.
const uint8_t* ParseEpoch(const uint8_t* p, const uint8_t* end, bool millis, Stamp* out) {
  const int digits = millis ? 13 : 10;
  int64_t whole = 0;
  const uint8_t* q = Fixed(p, end, digits, &whole);
  if (!q) return nullptr;
  int64_t frac = 0;
  if (end - q >= 2 && *q == '.' && IsDigit(q[1])) q = stamp::FractionDigits(q + 1, end, &frac);
  if (!Ends(q, end)) return nullptr;
  // 2001-09-09 .. 2286: ten digits of seconds. Anything else at a line start is not a timestamp.
  out->micros = millis ? whole * 1000 + frac / 1000 : whole * kMicrosPerSecond + frac;
  out->offset_minutes = 0;
  return q;
}

// The first '[' within the first 256 bytes, and the byte after it.
inline const uint8_t* AfterBracket(const uint8_t* line, size_t len) {
  const void* b = std::memchr(line, '[', len < 256 ? len : 256);
  return b ? static_cast<const uint8_t*>(b) + 1 : nullptr;
}

}  // namespace

const uint8_t* ParseYmdHead(const uint8_t* p, const uint8_t* end, char date_sep, int64_t* minute_micros, bool* t_separator) {
  if (end - p < 16) return nullptr;
  int64_t year = 0;
  int64_t month = 0;
  int64_t day = 0;
  int64_t hh = 0;
  int64_t mm = 0;
  const uint8_t sep = static_cast<uint8_t>(date_sep);  // a byte, compared with bytes (never sign-extended)
  const uint8_t* q = Fixed(p, end, 4, &year);
  if (!q || *q != sep || !(q = Fixed(q + 1, end, 2, &month)) || *q != sep || !(q = Fixed(q + 1, end, 2, &day))) {
    return nullptr;
  }
  const bool t = *q == 'T' || *q == 't';
  if ((!t && *q != ' ') || !(q = Fixed(q + 1, end, 2, &hh)) || *q != ':' || !(q = Fixed(q + 1, end, 2, &mm))) return nullptr;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hh > 23 || mm > 59) return nullptr;
  *minute_micros = MicrosFromCivil(year, static_cast<int>(month), static_cast<int>(day), static_cast<int>(hh), static_cast<int>(mm), 0, 0);
  *t_separator = t;
  return q;
}

const uint8_t* ParseYmdTail(const uint8_t* q, const uint8_t* end, int64_t* micros_in_minute, int16_t* zone_minutes, bool* comma) {
  int64_t ss = 0;
  int64_t frac = 0;
  *comma = false;
  if (q < end && *q == ':') {
    if (!(q = Fixed(q + 1, end, 2, &ss)) || ss > 60) return nullptr;
    *comma = q < end && *q == ',';
    q = Fraction(q, end, &frac);
  }
  int16_t zone = kNoZone;
  if (const uint8_t* z = Zone(q, end, &zone)) {
    q = z;
  } else if (end - q >= 6 && q[0] == ' ' && (q[1] == '+' || q[1] == '-') && IsDigit(q[2]) && IsDigit(q[5])) {
    z = Zone(q + 1, end, &zone);  // `2026-03-01 00:00:00 +0100`
    if (z) q = z;
    else zone = kNoZone;
  } else if (end - q >= 4 && q[0] == ' ' && ((q[1] == 'U' && q[2] == 'T' && q[3] == 'C') || (q[1] == 'G' && q[2] == 'M' && q[3] == 'T')) &&
             (end - q == 4 || !stamp::IsAlpha(q[4]))) {
    zone = 0;  // PostgreSQL's `2026-03-01 00:00:00.123 UTC`
    q += 4;
  }
  if (!Ends(q, end)) return nullptr;
  *micros_in_minute = ss * kMicrosPerSecond + frac;
  *zone_minutes = zone;
  return q;
}

const uint8_t* ParseYmd(const uint8_t* p, const uint8_t* end, char date_sep, Stamp* out, StampShape* shape) {
  int64_t minute = 0;
  bool t = false;
  const uint8_t* q = ParseYmdHead(p, end, date_sep, &minute, &t);
  int64_t in_minute = 0;
  int16_t zone = kNoZone;
  bool comma = false;
  if (!q || !(q = ParseYmdTail(q, end, &in_minute, &zone, &comma))) return nullptr;
  out->micros = minute + in_minute - (zone == kNoZone ? 0 : int64_t{zone} * 60 * kMicrosPerSecond);
  out->offset_minutes = zone;
  if (shape) {
    shape->t_separator = t;
    shape->comma_fraction = comma;
    shape->zone = zone != kNoZone;
    shape->offset_minutes = zone;
  }
  return q;
}

int64_t YearFreeSeconds(int month, int day, int64_t seconds_of_day) {
  return (DaysFromCivil(2000, month, day) - DaysFromCivil(2000, 1, 1)) * 86400 + seconds_of_day;
}

int64_t ResolveYear(const SyslogYears& years, int month, int day, int64_t micros_of_day) {
  const int64_t yfs = YearFreeSeconds(month, day, micros_of_day / kMicrosPerSecond);
  const int64_t year = yfs < years.pivot ? years.base_year + 1 : years.base_year;
  return MicrosFromCivil(year, month, day, 0, 0, 0, micros_of_day);
}

const uint8_t* ParseStampAt(const TimeFormat& format, const uint8_t* p, const uint8_t* end, Stamp* out) {
  switch (format.kind) {
    case TimeKind::kYmd: return ParseYmd(p, end, format.date_sep, out, nullptr);
    case TimeKind::kSyslog: return ParseSyslog(p, end, format.years, out);
    case TimeKind::kCtime: return ParseCtime(p, end, out);
    case TimeKind::kClf: return ParseClf(p, end, out);
    case TimeKind::kEpochSeconds: return ParseEpoch(p, end, false, out);
    case TimeKind::kEpochMillis: return ParseEpoch(p, end, true, out);
    case TimeKind::kCustom: return format.custom ? format.custom->Parse(p, end, format.years, out) : nullptr;
  }
  return nullptr;
}

const char* TimeKindName(TimeKind kind) {
  switch (kind) {
    case TimeKind::kYmd: return "ymd";
    case TimeKind::kSyslog: return "syslog";
    case TimeKind::kCtime: return "ctime";
    case TimeKind::kClf: return "clf";
    case TimeKind::kEpochSeconds: return "epoch-s";
    case TimeKind::kEpochMillis: return "epoch-ms";
    case TimeKind::kCustom: return "custom";
  }
  return "ymd";
}

const char* TimeFormatName(const TimeFormat& format) {
  if (format.kind != TimeKind::kYmd) return TimeKindName(format.kind);
  if (format.date_sep == '/') return "ymd-slash";
  return format.comma_fraction ? "log4j" : "iso8601";
}

const char* TimeAnchorName(TimeAnchor anchor) {
  switch (anchor) {
    case TimeAnchor::kLineStart: return "line-start";
    case TimeAnchor::kBracket: return "bracket";
    case TimeAnchor::kSearch: return "search";
    case TimeAnchor::kPattern: return "pattern";
  }
  return "line-start";
}

LineTimeParser::LineTimeParser(const TimeFormat& format) : format_(format) {
  if (format.anchor == TimeAnchor::kPattern) {
    PatternSpec spec;
    spec.kind = PatternKind::kRegex;
    spec.pattern = format.pattern;
    spec.encoding = TextEncoding::kUtf8;
    pattern_ = CreateMatcher(spec);
  }
}

LineTimeParser::~LineTimeParser() = default;

bool LineTimeParser::At(const uint8_t* p, const uint8_t* end, Stamp* out) {
  if (format_.kind != TimeKind::kYmd) return ParseStampAt(format_, p, end, out) != nullptr;
  // Lines next to each other mostly share their minute: `YYYY-MM-DDTHH:MM` is compared, not
  // parsed again (the parse was a third of a histogram's time).
  int64_t minute = 0;
  const uint8_t* q = nullptr;
  if (have_head_ && end - p >= 16 && std::memcmp(p, head_, 16) == 0) {
    minute = head_minute_;
    q = p + 16;
  } else {
    bool t = false;
    q = ParseYmdHead(p, end, format_.date_sep, &minute, &t);
    if (!q) return false;
    std::memcpy(head_, p, 16);
    head_minute_ = minute;
    have_head_ = true;
  }
  int64_t in_minute = 0;
  int16_t zone = kNoZone;
  bool comma = false;
  if (!ParseYmdTail(q, end, &in_minute, &zone, &comma)) return false;
  out->micros = minute + in_minute - (zone == kNoZone ? 0 : int64_t{zone} * 60 * kMicrosPerSecond);
  out->offset_minutes = zone;
  return true;
}

bool LineTimeParser::Parse(const uint8_t* line, size_t len, Stamp* out) {
  if (len > kLineHead) len = kLineHead;
  const uint8_t* end = line + len;
  switch (format_.anchor) {
    case TimeAnchor::kLineStart:
      return At(line, end, out);
    case TimeAnchor::kBracket: {
      const uint8_t* p = AfterBracket(line, len);
      return p && At(p, end, out);
    }
    case TimeAnchor::kSearch: {
      // The first `YYYY-MM-DD` (of this separator) in the first 64 bytes, not inside a number.
      const size_t last = len < 64 ? len : 64;
      for (size_t i = 0; i + 10 <= last; ++i) {
        if (line[i + 4] != static_cast<uint8_t>(format_.date_sep) || !IsDigit(line[i]) || (i > 0 && IsDigit(line[i - 1]))) continue;
        if (At(line + i, end, out)) return true;
      }
      return false;
    }
    case TimeAnchor::kPattern: {
      MatchSpan span;
      if (pattern_->Find(line, len, 0, false, &span) != FindStatus::kFound) return false;
      return At(line + span.start, end, out);
    }
  }
  return false;
}

bool ParseStampText(const TimeFormat& format, const uint8_t* text, size_t len, Stamp* out) {
  const uint8_t* p = text;
  const uint8_t* end = text + len;
  while (p < end && (*p == ' ' || *p == '\t')) ++p;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t')) --end;
  if (end - p >= 2 && *p == '[' && end[-1] == ']') {
    ++p;
    --end;
  }
  auto whole = [&](const TimeFormat& f) {
    const uint8_t* q = ParseStampAt(f, p, end, out);
    return q == end;
  };
  if (whole(format)) return true;
  TimeFormat f;
  f.years = format.years;
  for (const TimeKind kind : {TimeKind::kYmd, TimeKind::kSyslog, TimeKind::kCtime, TimeKind::kClf, TimeKind::kEpochSeconds,
                              TimeKind::kEpochMillis}) {
    f.kind = kind;
    for (const char sep : {'-', '/'}) {
      f.date_sep = sep;
      if (whole(f)) return true;
      if (kind != TimeKind::kYmd) break;
    }
  }
  return false;
}

}  // namespace lfe
