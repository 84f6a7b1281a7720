// Lines of a subject (search/subject.h: the mapped file or an edited document) read one at a
// time at byte offsets, with their timestamps: what a go-to-time samples. No line index: a line
// is found from any offset by looking for the '\n' before or after it. Every byte goes through
// the subject's views under its fault guard; the pages read are counted (`pages_touched`, the
// figure the benchmark reports).
//
// A line without a timestamp (a stack trace, a wrapped message) continues the entry of the timed
// line before it, so lookups skip them to the next (or previous) timed line.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "mapped_file.h"
#include "search/subject.h"
#include "time/timestamp_format.h"

namespace lfe {

struct TimedLine {
  uint64_t start = 0;  // where the line starts
  uint64_t end = 0;    // after its '\n' (or the end of the range)
  Stamp stamp;
};

class LineProbe {
 public:
  // Lines of [begin, end) of the subject (a line starting at `begin` starts there even if the
  // byte before is no '\n').
  LineProbe(const Subject& subject, LineTimeParser& parser, uint64_t begin, uint64_t end);

  uint64_t begin() const { return begin_; }
  uint64_t end() const { return end_; }

  // The first line start at or after `offset` (end() if there is none).
  uint64_t NextLineStart(uint64_t offset);
  // The start of the line holding `offset`, looking back at most `max_back` bytes (past that:
  // offset - max_back, as if a line started there).
  uint64_t LineStartOf(uint64_t offset, uint64_t max_back = kMaxLineBack);

  // The line starting at `start`: where it ends, and whether it has a timestamp (*line gets both).
  bool ReadLine(uint64_t start, TimedLine* line);

  // The first timed line starting in [start, limit), `start` a line start; looking at lines
  // starting up to `max_bytes` past `start`.
  std::optional<TimedLine> FirstTimed(uint64_t start, uint64_t limit, uint64_t max_bytes = UINT64_MAX);
  // The last timed line starting in [floor, before), looking back at most `max_bytes`.
  std::optional<TimedLine> LastTimedBefore(uint64_t before, uint64_t floor, uint64_t max_bytes);

  // Distinct 4 KiB pages of the subject read so far.
  uint64_t pages_touched();

  // Starts reading the line at or after `offset` from the disk without waiting (the mapped file
  // only; a hint): probes of scattered places then wait for the disk together.
  void WillProbe(uint64_t offset) const;

  static constexpr uint64_t kMaxLineBack = uint64_t{1} << 20;

 private:
  // [a, b) viewed (at most kChunk bytes); the pages of [a, touched_end) are counted by Touch.
  const uint8_t* View(uint64_t a, uint64_t b);
  void Touch(uint64_t a, uint64_t b);
  // The '\n' at or after `from`, before `limit` (limit if none).
  uint64_t FindNewline(uint64_t from, uint64_t limit);

  const Subject& subject_;
  const MappedFile* mapped_;  // the subject, when it is the mapped file
  LineTimeParser& parser_;
  uint64_t begin_;
  uint64_t end_;
  std::vector<uint8_t> scratch_;
  std::vector<uint64_t> pages_;

  static constexpr uint64_t kChunk = 16 * 1024;
};

}  // namespace lfe
