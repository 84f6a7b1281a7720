// Timestamps of log lines: the formats the engine knows, and the parser that reads the timestamp
// of one line. It runs for every line of a histogram (10 GB of log: 80 million lines) and for
// every line sampled by a go-to-time, so it is plain code over bytes: no allocation, no locale,
// no libc time functions, no regex unless the user set one (about 15 ns for an ISO 8601 stamp).
// It is called under the fault guard (guard.h) and keeps no object with a destructor alive there.
//
// Formats (what `name` says, with an example):
//   iso8601   2026-03-01T00:00:00.019Z, 2026-03-01 00:00:00+01:00 (RFC 3339: T or a space,
//             a fraction of up to 9 digits, Z or an offset, or none)
//   log4j     2026-03-01 00:00:00,123 (log4j, Python logging: the same parser; the name says a
//             space and a comma fraction were seen)
//   ymd-slash 2026/03/01 00:00:00 (Go's log package, nginx's error log)
//   syslog    Mar  1 00:00:00 (no year: see SyslogYears)
//   ctime     Sun Mar  1 00:00:00 2026, Sun Mar 01 00:00:00.123456 2026 (Apache's error log)
//   clf       01/Mar/2026:00:00:00 +0000 (Apache / nginx access logs, after the first '[')
//   epoch-s   1772323200, 1772323200.123 (10 digits; Squid's access log)
//   epoch-ms  1772323200123 (13 digits)
//   custom    a strftime-like format the user set (largeFile.timestampFormat)
// Where in the line: at its start; after its first '[' (within 256 bytes); the first
// YYYY-MM-DD within its first 64 bytes (`{"time":"2026-…`, `ts=2026-…`, RFC 5424 `<13>1 2026-…`);
// or where a user-set regex matches (largeFile.timestampPattern; `\K` skips a prefix).
//
// Times are microseconds since the epoch, UTC. A timestamp with an offset is converted; one
// without a zone is read as UTC (so is what the user types: both are the file's wall clock).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lfe {

class Matcher;

enum class TimeKind : uint8_t { kYmd, kSyslog, kCtime, kClf, kEpochSeconds, kEpochMillis, kCustom };
enum class TimeAnchor : uint8_t { kLineStart, kBracket, kSearch, kPattern };

// No zone was written (Stamp::offset_minutes).
constexpr int16_t kNoZone = INT16_MIN;

struct Stamp {
  int64_t micros = 0;               // UTC
  int16_t offset_minutes = kNoZone;  // the zone written in the line, if any
};

// Years of timestamps that have none (syslog's `Mar  1 00:00:00`). A file is taken to span less
// than a year: a line whose month, day and time come before `pivot` (the first line's, less a
// day, as seconds since January 1 of a leap year) is in `base_year + 1`, any other in
// `base_year` (the year of the first line: FormatDetector works it out from the last line and
// the file's modification time). So Dec 31 → Jan 1 rolls over, and lines a little out of order
// at the start stay in their year.
struct SyslogYears {
  int64_t base_year = 1970;
  int64_t pivot = 0;
};

// A user-set format, compiled (custom_format.cc).
class CustomFormat;

struct TimeFormat {
  TimeKind kind = TimeKind::kYmd;
  TimeAnchor anchor = TimeAnchor::kLineStart;
  char date_sep = '-';  // kYmd: '-' or '/'
  bool comma_fraction = false;  // kYmd: shown as log4j (the parser takes both)
  SyslogYears years;
  std::shared_ptr<const CustomFormat> custom;  // kCustom
  std::string pattern;                         // kPattern: the regex (PCRE2)
};

// `iso8601`, `log4j`, … (the list above).
const char* TimeFormatName(const TimeFormat& format);
// The parser's kind: `ymd` (iso8601, log4j and ymd-slash), `syslog`, … (`custom`).
const char* TimeKindName(TimeKind kind);
const char* TimeAnchorName(TimeAnchor anchor);

// A timestamp of `kind` at exactly `p` (no anchor search). Returns where it ends, or nullptr.
const uint8_t* ParseStampAt(const TimeFormat& format, const uint8_t* p, const uint8_t* end, Stamp* out);

// Year-less month, day and time as seconds since January 1 of a leap year (SyslogYears::pivot).
int64_t YearFreeSeconds(int month, int day, int64_t seconds_of_day);
// The instant of a year-less stamp under `years`.
int64_t ResolveYear(const SyslogYears& years, int month, int day, int64_t micros_of_day);

// Reads lines' timestamps in one format. One per thread (a user-set pattern has per-thread
// scratch). Throws EngineError EBADREGEX for a bad pattern, ENOREGEX without PCRE2.
class LineTimeParser {
 public:
  explicit LineTimeParser(const TimeFormat& format);
  ~LineTimeParser();
  LineTimeParser(const LineTimeParser&) = delete;
  LineTimeParser& operator=(const LineTimeParser&) = delete;

  // The timestamp of the line [line, line + len) (len without the '\n'; only the first bytes
  // are looked at: kLineHead). Safe under the fault guard.
  bool Parse(const uint8_t* line, size_t len, Stamp* out);

  const TimeFormat& format() const { return format_; }

  // Bytes of a line the parser may look at.
  static constexpr size_t kLineHead = 320;

 private:
  // A stamp at exactly `p`; ISO-like ones reuse the last line's minute when the text matches.
  bool At(const uint8_t* p, const uint8_t* end, Stamp* out);

  TimeFormat format_;
  std::unique_ptr<Matcher> pattern_;
  uint8_t head_[16] = {};  // the last `YYYY-MM-DDTHH:MM` parsed, and its minute
  int64_t head_minute_ = 0;
  bool have_head_ = false;
};

// The parser of one kind of stamp at `p` for detection: also says what the stamp looked like.
struct StampShape {
  bool t_separator = false;
  bool comma_fraction = false;
  bool zone = false;
  int16_t offset_minutes = kNoZone;
};
const uint8_t* ParseYmd(const uint8_t* p, const uint8_t* end, char date_sep, Stamp* out, StampShape* shape);
// Its two halves: `YYYY-MM-DDTHH:MM` (always 16 bytes; the minute as µs, zone not applied), and
// what follows (optional `:SS` and fraction, the zone, then no digit): µs into the minute.
const uint8_t* ParseYmdHead(const uint8_t* p, const uint8_t* end, char date_sep, int64_t* minute_micros, bool* t_separator);
const uint8_t* ParseYmdTail(const uint8_t* q, const uint8_t* end, int64_t* micros_in_minute, int16_t* zone_minutes, bool* comma);

// Text typed by the user in any of the built-in formats (or `format`'s), the whole of it (spaces
// around allowed). Year-less stamps get `format.years`.
bool ParseStampText(const TimeFormat& format, const uint8_t* text, size_t len, Stamp* out);

}  // namespace lfe
