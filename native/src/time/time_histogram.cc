#include "time/time_histogram.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "engine_error.h"
#include "mapped_file.h"
#include "search/scan_loop.h"
#include "time/civil_time.h"
#include "time/line_probe.h"

namespace lfe {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int64_t kUntimed = INT64_MIN;
// Lines parsed per turn of a window before their buckets are settled.
constexpr size_t kRecords = 16384;
// Bytes after a window its matchers may read to decide a match starting in it.
constexpr uint64_t kMatchSlack = 4096;
constexpr uint64_t kPage = 4096;
constexpr uint64_t kFaultAround = 64 * 1024 + kMatchSlack;

const int64_t kLadderSeconds[] = {1,    2,    5,    10,    15,    30,    60,    120,   300,    600,
                                  900,  1800, 3600, 7200,  10800, 21600, 43200, 86400, 172800, 604800};

struct LineRecord {
  uint64_t start;
  int64_t micros;  // kUntimed: no timestamp
};

// What one segment found; merged in order by the calling thread.
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

class OffsetsSink final : public MatchSink {
 public:
  explicit OffsetsSink(std::vector<uint64_t>& out) : out_(out) {}
  bool Accept(uint64_t offset, uint64_t) override {
    out_.push_back(offset);
    return true;
  }

 private:
  std::vector<uint64_t>& out_;
};

// Scans one segment, window by window.
class SegmentScan {
 public:
  SegmentScan(const Subject& subject, const TimeFormat& format, const HistogramPlan& plan,
              const std::vector<const Matcher*>& queries, const HistogramOptions& options, const std::atomic<bool>& stop,
              std::atomic<uint64_t>& scanned)
      : subject_(subject),
        plan_(plan),
        parser_(format),
        probe_(subject, parser_, plan.begin, plan.end),
        window_(std::max<size_t>(options.window, 4096)),
        stop_(stop),
        scanned_(scanned) {
    for (const Matcher* q : queries) matchers_.push_back(q->Clone());
    records_.reserve(kRecords);
    mapped_ = dynamic_cast<const MappedFile*>(&subject);
  }

  void Run(SegmentResult& seg) {
    uint64_t s = probe_.NextLineStart(seg.first);
    // What was read is unmapped as the scan goes, by whole pages from a page-aligned cursor: a
    // window ends inside a page, which the next window's release then covers (releasing each
    // window's own whole pages would leave one page per window mapped: 160 MiB of a 10 GB log).
    uint64_t released = s & ~(kPage - 1);
    while (s < seg.last) {
      if (stop_.load(std::memory_order_relaxed) || subject_.closed()) break;
      const uint64_t consumed = Window(s, seg.last);
      if (!matchers_.empty()) FindMatches(s, s + consumed);
      Settle(seg, s + consumed);
      const uint64_t done = (s + consumed) & ~(kPage - 1);
      if (done > released) subject_.Release(released, done - released);
      released = std::max(released, done);
      scanned_.fetch_add(consumed, std::memory_order_relaxed);
      s += consumed;
    }
    // The page the segment ends in, the slack its matchers read past it, and what a page fault
    // there mapped around it (the kernel maps up to 64 KiB around a fault).
    subject_.Release(released, std::min(plan_.end, s + kFaultAround) - released);
  }

 private:
  // Parses the lines starting in [s, limit) that fit in one window into records_; returns the
  // bytes they cover (at least one line).
  uint64_t Window(uint64_t s, uint64_t limit) {
    records_.clear();
    const uint64_t end = plan_.end;
    const uint64_t vend = std::min(end, s + window_);
    // The mapped file maps the window's pages in one call (the matchers read them after the parse).
    // Not past the segment: a neighbour may already have read and released what lies beyond.
    if (mapped_) mapped_->Prefetch(s, std::min(vend, limit) - s);
    const uint8_t* bytes = subject_.View(s, vend, scratch_);
    const size_t n = static_cast<size_t>(vend - s);
    const size_t stop_at = static_cast<size_t>(std::min(limit, vend) - s);
    const bool at_end = vend == end;
    size_t pos = 0;
    LineTimeParser& parser = parser_;
    std::vector<LineRecord>& records = records_;
    subject_.Guard([&] {
      while (pos < stop_at && records.size() < kRecords) {
        const uint8_t* line = bytes + pos;
        const void* nl = std::memchr(line, '\n', n - pos);
        size_t len;
        size_t next;
        if (nl) {
          len = static_cast<size_t>(static_cast<const uint8_t*>(nl) - line);
          next = pos + len + 1;
        } else if (at_end) {
          len = n - pos;
          next = n;
        } else {
          return;  // the line goes on past the window: the next window starts with it
        }
        const size_t text = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        Stamp stamp;
        records.push_back(LineRecord{s + pos, parser.Parse(line, text, &stamp) ? stamp.micros : kUntimed});
        pos = next;
      }
    });
    if (pos > 0) return pos;
    // One line longer than the window: its head tells its time, the probe finds its end.
    TimedLine line;
    const bool timed = probe_.ReadLine(s, &line);
    records_.push_back(LineRecord{s, timed ? line.stamp.micros : kUntimed});
    return line.end - s;
  }

  // The starts of the queries' matches in [from, to), each matcher over the window as it is in
  // the mapping (and the cache) after the parse: one view, one guard. A match the window cannot
  // decide (longer than the slack after it, or a regex that needs more bytes) is left to the scan
  // loop from there, which reads as far as it must.
  void FindMatches(uint64_t from, uint64_t to) {
    matches_.clear();
    const uint64_t wb = from - std::min<uint64_t>(from - plan_.begin, kLeftContext);
    const uint64_t we = std::min<uint64_t>(plan_.end, to + kMatchSlack);
    const bool more = we < plan_.end;
    const uint8_t* bytes = subject_.View(wb, we, scratch_);
    const size_t len = static_cast<size_t>(we - wb);
    for (const std::unique_ptr<Matcher>& m : matchers_) {
      Matcher& matcher = *m;
      std::vector<uint64_t>& out = matches_;
      uint64_t undecided = UINT64_MAX;  // where the scan loop takes over
      size_t rel = static_cast<size_t>(from - wb);
      subject_.Guard([&] {
        while (rel <= len) {
          MatchSpan span;
          const FindStatus status = matcher.Find(bytes, len, rel, more, &span);
          if (status == FindStatus::kNone) return;
          if (status != FindStatus::kFound) {
            undecided = wb + (status == FindStatus::kNeedMore ? span.start : rel);
            return;
          }
          if (wb + span.start >= to) return;
          out.push_back(wb + span.start);
          rel = span.length > 0 ? span.start + span.length : matcher.AdvanceAfterEmpty(bytes, len, span.start);
        }
      });
      if (undecided < to) {
        OffsetsSink sink(matches_);
        ScanRange range;
        range.first = undecided;
        range.last = to;
        range.subject_end = plan_.end;
        ScanControl control;
        control.cancel = &stop_;
        Scan(subject_, matcher, range, control, sink);
      }
    }
    if (matchers_.size() > 1) std::sort(matches_.begin(), matches_.end());
  }

  // Records (and the matches among them) into the segment's buckets; `window_end`: where the
  // last record's line ends.
  void Settle(SegmentResult& seg, uint64_t window_end) {
    size_t m = 0;
    for (size_t i = 0; i < records_.size(); ++i) {
      const LineRecord& r = records_[i];
      const uint64_t next = i + 1 < records_.size() ? records_[i + 1].start : window_end;
      bool hit = false;
      while (m < matches_.size() && matches_[m] < next) {
        hit = hit || matches_[m] >= r.start;
        ++m;
      }
      if (r.micros != kUntimed) {
        // Lines mostly fall in the bucket of the line before.
        if (r.micros < bucket_start_ || r.micros - bucket_start_ >= plan_.bucket) {
          bucket_index_ = FloorDiv(r.micros - plan_.origin, plan_.bucket);
          bucket_start_ = plan_.origin + bucket_index_ * plan_.bucket;
        }
        const int64_t index = bucket_index_;
        seg.has_entry = true;
        seg.last_marked = hit;
        seg.last_valid = index >= plan_.min_index && index <= plan_.max_index;
        if (!seg.last_valid) {
          ++seg.outside;
          continue;
        }
        seg.last_index = index;
        ++seg.entries;
        seg.matched += hit ? 1 : 0;
        seg.buckets.Add(index, 1, hit ? 1 : 0);
        continue;
      }
      ++seg.continuation;
      if (!seg.has_entry) {
        ++seg.leading_lines;
        seg.leading_matched = seg.leading_matched || hit;
      } else if (hit && !seg.last_marked) {
        seg.last_marked = true;
        if (seg.last_valid) {
          ++seg.matched;
          seg.buckets.Add(seg.last_index, 0, 1);
        }
      }
    }
    matches_.clear();
  }

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

unsigned ThreadCount(unsigned requested) {
  if (requested != 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return std::max(1u, std::min(cores == 0 ? 2u : cores, 16u));
}

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

  const unsigned threads = ThreadCount(options.threads);
  uint64_t segment = options.segment;
  if (segment == 0) segment = std::clamp<uint64_t>((end - begin) / (threads * 4), uint64_t{1} << 20, uint64_t{32} << 20);
  std::vector<SegmentResult> segments;
  for (uint64_t s = begin; s < end; s += segment) {
    segments.emplace_back();
    segments.back().first = s;
    segments.back().last = std::min(end, s + segment);
  }

  std::mutex mutex;
  std::condition_variable changed;
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> scanned{0};
  size_t next = 0;
  size_t merged = 0;
  const size_t lookahead = threads * 4;
  auto work = [&] {
    std::unique_ptr<SegmentScan> scan;
    try {
      scan = std::make_unique<SegmentScan>(subject, format, bounded, queries, options, stop, scanned);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      for (SegmentResult& s : segments) {
        if (!s.done && !s.error) s.error = std::current_exception();
      }
      changed.notify_all();
      return;
    }
    for (;;) {
      size_t index;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return stop.load() || next < merged + lookahead; });
        if (stop.load() || next >= segments.size()) return;
        index = next++;
      }
      SegmentResult local;
      local.first = segments[index].first;
      local.last = segments[index].last;
      try {
        scan->Run(local);
      } catch (...) {
        local.error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mutex);
        local.done = true;
        segments[index] = std::move(local);
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  const unsigned workers = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(1, segments.size())));
  for (unsigned i = 0; i < workers; ++i) pool.emplace_back(work);
  auto shutdown = [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stop.store(true);
    }
    changed.notify_all();
    for (std::thread& t : pool) t.join();
    pool.clear();
  };

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
  try {
    for (size_t k = 0; k < segments.size(); ++k) {
      SegmentResult* seg = &segments[k];
      {
        std::unique_lock<std::mutex> lock(mutex);
        while (!seg->done && !seg->error) {
          changed.wait_for(lock, std::chrono::milliseconds(20));
          if (cancel.load() || subject.closed()) break;
          lock.unlock();
          report(false);
          lock.lock();
        }
        if (!seg->done && !seg->error) {
          totals.cancelled = true;
          break;
        }
      }
      if (seg->error) std::rethrow_exception(seg->error);
      merger.Merge(*seg);
      {
        std::lock_guard<std::mutex> lock(mutex);
        segments[k].buckets = BucketCounts();
        merged = k + 1;
      }
      changed.notify_all();
      report(false);
    }
  } catch (...) {
    shutdown();
    throw;
  }
  shutdown();
  if (cancel.load() || subject.closed()) totals.cancelled = true;
  report(true);
  return totals;
}

}  // namespace lfe
