// The timeline of a log: how many entries fall in each time bucket, and how many of those match a
// query (the current find, error-level lines), in one pass over the subject at memory speed.
//
// An entry is a timed line with the untimed lines after it (a stack trace is one entry, counted
// in its first line's bucket, as `awk` counting lines that start with the minute's prefix counts
// it). An entry matches when the query matches anywhere in it: a match in a stack trace line
// counts for the entry above. Lines before the first timestamp are counted apart (`untimed`).
//
// How: the range is cut into segments (32 MiB for a big file) that worker threads scan, each into
// its own buckets, while the calling thread merges them in order: an entry that crosses into the
// next segment (continuation lines at that segment's start) is settled there, so the result is
// exactly the single-threaded one. Each segment is read window by window (256 KiB, so the matcher
// and the line parser read it from the CPU's cache): lines are parsed under the fault guard into a
// small list of (start, time), the query's matches in the window are found by the one scan loop
// (scan_loop.h) with the query's own matcher, then both are merged into the buckets. No per-line
// structure outlives its window: memory is the buckets (8 bytes each, twice) and a window's list.
// Merged buckets are reported as they settle, so a chart fills in while the scan runs.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "search/matcher.h"
#include "search/subject.h"
#include "time/time_search.h"
#include "time/timestamp_format.h"

namespace lfe {

// At most this many buckets (a bucket too small for the span is EINVAL).
constexpr int64_t kMaxBuckets = int64_t{1} << 22;

struct HistogramPlan {
  uint64_t begin = 0;
  uint64_t end = 0;
  int64_t origin = 0;  // µs: bucket 0 starts here
  int64_t bucket = 0;  // µs
  // Entries in buckets outside [min_index, max_index] are counted as `outside` (garbage stamps
  // far from the file's span must not make a bucket array of gigabytes).
  int64_t min_index = 0;
  int64_t max_index = 0;
};

// The plan for the span of `runs`: `bucket` µs (0: the smallest of 1 s, 2 s, 5 s, 10 s, 15 s,
// 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1, 2, 7 days giving at most `target_buckets`),
// buckets aligned to the file's own clock (`zone_minutes`: its first line's offset). Throws
// EngineError EINVAL when the bucket gives more than kMaxBuckets.
HistogramPlan PlanHistogram(const std::vector<TimeRun>& runs, uint64_t begin, uint64_t end, int64_t bucket,
                            int64_t target_buckets, int16_t zone_minutes);

// Buckets [first, first + counts.size()).
struct BucketCounts {
  int64_t first = 0;
  std::vector<uint64_t> counts;
  std::vector<uint64_t> matches;

  void Add(int64_t index, uint64_t count, uint64_t matched);
  bool empty() const { return counts.empty(); }
  int64_t last() const { return first + static_cast<int64_t>(counts.size()) - 1; }
};

struct HistogramTotals {
  uint64_t entries = 0;        // timed lines in the buckets
  uint64_t matched = 0;        // entries matching the query
  uint64_t continuation = 0;   // untimed lines after the first timed one
  uint64_t untimed = 0;        // lines before the first timed one
  uint64_t outside = 0;        // timed lines outside [min_index, max_index]
  bool cancelled = false;
};

class HistogramListener {
 public:
  virtual ~HistogramListener() = default;
  // Buckets [lo, hi] of `all` changed (the merged result so far); `scanned` bytes are done.
  virtual void OnUpdate(const BucketCounts& all, int64_t lo, int64_t hi, uint64_t scanned) = 0;
};

struct HistogramOptions {
  unsigned threads = 0;   // 0: one per core
  uint64_t segment = 0;   // 0: chosen from the range
  size_t window = 256 * 1024;
};

// Blocks until done. An entry matches when any of `queries` does (none: no second series). Each
// window is scanned by every query while it is in the CPU's cache: error-level entries are seven
// caseless whole-word literals (ERROR, FATAL, …), each at the literal matcher's speed, where one
// PCRE2 alternation of them runs at a sixth of it. Throws EngineError (EFILECHANGED,
// EREGEXLIMIT, ...).
HistogramTotals BuildHistogram(const Subject& subject, const TimeFormat& format, const HistogramPlan& plan,
                               const std::vector<const Matcher*>& queries, const HistogramOptions& options,
                               const std::atomic<bool>& cancel, HistogramListener& listener, BucketCounts* out);

}  // namespace lfe
