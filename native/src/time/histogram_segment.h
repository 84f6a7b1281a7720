// One segment of a histogram (time_histogram.h), scanned by one worker thread: the lines
// starting in [first, last), window by window, into the segment's own buckets. Each window's
// pages are mapped in one call (the mapped file), its lines parsed under the fault guard into a
// list of (start, time), every query matched over the same window while it is in the cache (a
// match the window cannot decide goes to the scan loop), then both settled into buckets. What
// was read is unmapped by whole pages from a page-aligned cursor as the scan goes.
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <memory>
#include <vector>

#include "mapped_file.h"
#include "search/matcher.h"
#include "search/subject.h"
#include "time/line_probe.h"
#include "time/time_histogram.h"

namespace lfe {

// What one segment found; merged in order by the calling thread (time_histogram.cc).
struct SegmentResult {
  uint64_t first = 0;
  uint64_t last = 0;
  BucketCounts buckets;
  uint64_t entries = 0;
  uint64_t matched = 0;
  uint64_t continuation = 0;
  uint64_t outside = 0;
  // Untimed lines before the segment's first timed line: they continue the previous segment's
  // last entry (or come before the first timestamp of all).
  uint64_t leading_lines = 0;
  bool leading_matched = false;
  // The segment's last entry: its bucket, whether it is inside the plan, whether it matched.
  bool has_entry = false;
  int64_t last_index = 0;
  bool last_valid = false;
  bool last_marked = false;
  bool done = false;
  std::exception_ptr error;
};

class SegmentScan {
 public:
  // Throws EngineError for a pattern that does not compile (the format's).
  SegmentScan(const Subject& subject, const TimeFormat& format, const HistogramPlan& plan,
              const std::vector<const Matcher*>& queries, const HistogramOptions& options, const std::atomic<bool>& stop,
              std::atomic<uint64_t>& scanned);

  // Scans [seg.first, seg.last) into `seg`. Throws EngineError (EFILECHANGED, regex failures).
  void Run(SegmentResult& seg);

 private:
  struct LineRecord {
    uint64_t start;
    int64_t micros;  // kUntimed: no timestamp
  };

  uint64_t Window(uint64_t s, uint64_t limit);
  void FindMatches(uint64_t from, uint64_t to);
  void Settle(SegmentResult& seg, uint64_t window_end);

  const Subject& subject_;
  const HistogramPlan& plan_;
  LineTimeParser parser_;
  LineProbe probe_;
  std::vector<std::unique_ptr<Matcher>> matchers_;
  const MappedFile* mapped_ = nullptr;  // the subject, when it is the mapped file
  size_t window_;
  const std::atomic<bool>& stop_;
  std::atomic<uint64_t>& scanned_;
  std::vector<uint8_t> scratch_;
  std::vector<LineRecord> records_;
  std::vector<uint64_t> matches_;
  int64_t bucket_index_ = 0;  // the last line's bucket, and where it starts
  int64_t bucket_start_ = INT64_MAX;
};

}  // namespace lfe
