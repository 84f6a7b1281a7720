// Which timestamp format a log is written in, read from its first lines and re-checked further
// in: up to 200 lines of the first 64 KiB, and 20 lines at a quarter, half, three quarters and the
// end of the file. Every built-in format is tried at every place in the line it may sit
// (timestamp_format.h); the one that reads the most of those lines wins (ties: the order of the
// list, line start before bracket before search). So a banner or a stack trace at the top does
// not hide the format, and a file that changes format half way is read by the format most of it
// has. A format the user set (a strftime-like format, a regex for where the stamp sits, or both)
// is the only candidate.
//
// Year-less formats (syslog, or a user format without %Y) get their years here: the file's last
// timed line is in the year of the reference time (the file's modification time; the year before
// if its month and day come later than the reference's), and a first line later in the year than
// the last one means the file rolled over a New Year.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "search/subject.h"
#include "time/timestamp_format.h"

namespace lfe {

struct DetectOptions {
  // Microseconds since the epoch of the file's modification time (0: now).
  int64_t reference_micros = 0;
  // Set by the user (largeFile.timestampFormat / timestampPattern): empty for automatic.
  std::string custom_format;
  std::string pattern;
};

struct DetectedFormat {
  TimeFormat format;
  StampShape shape;        // what the first timed line's stamp looked like (ISO formats)
  uint64_t lines_sampled = 0;
  uint64_t lines_timed = 0;
  uint64_t first_offset = 0;  // the first timed line in the head (where it starts)
  Stamp first;
};

// nullopt when no format reads any sampled line. Throws EngineError (EFILECHANGED; EINVAL,
// EBADREGEX, ENOREGEX for bad user settings).
std::optional<DetectedFormat> DetectTimeFormat(const Subject& subject, uint64_t begin, uint64_t end, const DetectOptions& options);

}  // namespace lfe
