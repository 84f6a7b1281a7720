#include "time/time_histogram.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>

#include "engine_error.h"
#include "ordered_segments.h"
#include "time/civil_time.h"
#include "time/histogram_segment.h"

namespace lfe {

namespace {

using Clock = std::chrono::steady_clock;


const int64_t kLadderSeconds[] = {1,    2,    5,    10,    15,    30,    60,    120,   300,    600,
                                  900,  1800, 3600, 7200,  10800, 21600, 43200, 86400, 172800, 604800};

// Merges segments in order into the result.
class Merger {
 public:
  Merger(BucketCounts& all, HistogramTotals& totals) : all_(all), totals_(totals) {}

  void Merge(const SegmentResult& seg) {
    totals_.continuation += seg.continuation;
    if (seg.leading_lines > 0) {
      if (have_entry_) {
        if (seg.leading_matched && !last_marked_) {
          last_marked_ = true;
          if (last_valid_) {
            ++totals_.matched;
            all_.Add(last_index_, 0, 1);
            Dirty(last_index_, last_index_);
          }
        }
      } else {
        // Before the first timestamp of all: not a continuation of anything.
        totals_.untimed += seg.leading_lines;
        totals_.continuation -= seg.leading_lines;
      }
    }
    if (!seg.buckets.empty()) {
      for (size_t i = 0; i < seg.buckets.counts.size(); ++i) {
        if (seg.buckets.counts[i] != 0 || seg.buckets.matches[i] != 0) {
          all_.Add(seg.buckets.first + static_cast<int64_t>(i), seg.buckets.counts[i], seg.buckets.matches[i]);
        }
      }
      Dirty(seg.buckets.first, seg.buckets.last());
    }
    totals_.entries += seg.entries;
    totals_.matched += seg.matched;
    totals_.outside += seg.outside;
    if (seg.has_entry) {
      have_entry_ = true;
      last_index_ = seg.last_index;
      last_valid_ = seg.last_valid;
      last_marked_ = seg.last_marked;
    } else {
      last_marked_ = last_marked_ || seg.leading_matched;
    }
  }

  // The buckets changed since the last call, if any.
  bool TakeDirty(int64_t* lo, int64_t* hi) {
    if (!dirty_) return false;
    *lo = dirty_lo_;
    *hi = dirty_hi_;
    dirty_ = false;
    return true;
  }

 private:
  void Dirty(int64_t lo, int64_t hi) {
    dirty_lo_ = dirty_ ? std::min(dirty_lo_, lo) : lo;
    dirty_hi_ = dirty_ ? std::max(dirty_hi_, hi) : hi;
    dirty_ = true;
  }

  BucketCounts& all_;
  HistogramTotals& totals_;
  bool have_entry_ = false;
  int64_t last_index_ = 0;
  bool last_valid_ = false;
  bool last_marked_ = false;
  bool dirty_ = false;
  int64_t dirty_lo_ = 0;
  int64_t dirty_hi_ = 0;
};

}  // namespace

void BucketCounts::Add(int64_t index, uint64_t count, uint64_t matched) {
  if (counts.empty()) {
    first = index;
    counts.assign(1, 0);
    matches.assign(1, 0);
  } else if (index < first) {
    const size_t grow = static_cast<size_t>(first - index);
    counts.insert(counts.begin(), grow, 0);
    matches.insert(matches.begin(), grow, 0);
    first = index;
  } else if (index > last()) {
    counts.resize(static_cast<size_t>(index - first) + 1, 0);
    matches.resize(counts.size(), 0);
  }
  counts[static_cast<size_t>(index - first)] += count;
  matches[static_cast<size_t>(index - first)] += matched;
}

HistogramPlan PlanHistogram(const std::vector<TimeRun>& runs, uint64_t begin, uint64_t end, int64_t bucket,
                            int64_t target_buckets, int16_t zone_minutes) {
  if (runs.empty()) throw EngineError("ENOTIMESTAMPS", "No line has a timestamp");
  int64_t lo = runs.front().first_time;
  int64_t hi = lo;
  for (const TimeRun& r : runs) {
    lo = std::min({lo, r.first_time, r.last_time});
    hi = std::max({hi, r.first_time, r.last_time});
  }
  if (bucket <= 0) {
    const int64_t target = std::max<int64_t>(1, target_buckets);
    bucket = kLadderSeconds[sizeof(kLadderSeconds) / sizeof(kLadderSeconds[0]) - 1] * kMicrosPerSecond;
    for (const int64_t seconds : kLadderSeconds) {
      if ((hi - lo) / (seconds * kMicrosPerSecond) + 1 <= target) {
        bucket = seconds * kMicrosPerSecond;
        break;
      }
    }
  }
  HistogramPlan plan;
  plan.begin = begin;
  plan.end = end;
  plan.bucket = bucket;
  const int64_t shift = zone_minutes == kNoZone ? 0 : int64_t{zone_minutes} * 60 * kMicrosPerSecond;
  plan.origin = FloorDiv(lo + shift, bucket) * bucket - shift;
  const int64_t span = (hi - plan.origin) / bucket + 1;
  if (span > kMaxBuckets) {
    throw EngineError("EINVAL", "A bucket of " + std::to_string(bucket / kMicrosPerSecond) + " s gives " + std::to_string(span) +
                                    " buckets over this file's span; at most " + std::to_string(kMaxBuckets) + " are kept");
  }
  const int64_t pad = std::min(std::max<int64_t>(span, 64), (kMaxBuckets - span) / 2);
  plan.min_index = -pad;
  plan.max_index = span - 1 + pad;
  return plan;
}

HistogramTotals BuildHistogram(const Subject& subject, const TimeFormat& format, const HistogramPlan& plan,
                               const std::vector<const Matcher*>& queries, const HistogramOptions& options,
                               const std::atomic<bool>& cancel, HistogramListener& listener, BucketCounts* out) {
  const uint64_t end = std::min(plan.end, subject.size());
  const uint64_t begin = std::min(plan.begin, end);
  HistogramPlan bounded = plan;
  bounded.begin = begin;
  bounded.end = end;
  // Released once more when done (declared first: after the workers are joined), as FindAll does.
  struct ReleaseRange {
    const Subject& subject;
    uint64_t from;
    uint64_t to;
    ~ReleaseRange() { subject.Release(from, to - from); }
  } release_range{subject, begin, end};

  const unsigned threads = WorkerThreads(options.threads);
  uint64_t segment = options.segment;
  if (segment == 0) segment = std::clamp<uint64_t>((end - begin) / (threads * 4), uint64_t{1} << 20, uint64_t{32} << 20);
  std::vector<SegmentResult> segments;
  for (uint64_t s = begin; s < end; s += segment) {
    segments.emplace_back();
    segments.back().first = s;
    segments.back().last = std::min(end, s + segment);
  }

  std::atomic<uint64_t> scanned{0};
  HistogramTotals totals;
  out->first = 0;
  out->counts.clear();
  out->matches.clear();
  Merger merger(*out, totals);
  Clock::time_point last_update = Clock::now();
  auto report = [&](bool force) {
    int64_t lo = 0;
    int64_t hi = 0;
    if (!force && Clock::now() - last_update < std::chrono::milliseconds(100)) return;
    last_update = Clock::now();
    if (!merger.TakeDirty(&lo, &hi)) lo = hi = out->first;
    listener.OnUpdate(*out, lo, hi, scanned.load());
  };
  RunOrderedSegments(
      segments, threads, size_t{threads} * 4,
      [&](const std::atomic<bool>& stop) { return std::make_unique<SegmentScan>(subject, format, bounded, queries, options, stop, scanned); },
      [&](SegmentResult& seg, SegmentScan& scan, const std::atomic<bool>&) { scan.Run(seg); },
      [&](SegmentResult& seg) {
        merger.Merge(seg);
        return true;
      },
      [&] { return cancel.load() || subject.closed(); }, [&] { report(false); });
  if (cancel.load() || subject.closed()) totals.cancelled = true;
  report(true);
  return totals;
}

}  // namespace lfe
