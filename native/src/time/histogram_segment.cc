#include "time/histogram_segment.h"

#include <algorithm>
#include <cstring>

#include "search/scan_loop.h"
#include "time/civil_time.h"

namespace lfe {

namespace {

constexpr int64_t kUntimed = INT64_MIN;
// Lines parsed per turn of a window before their buckets are settled.
constexpr size_t kRecords = 16384;
// Bytes after a window its matchers may read to decide a match starting in it.
constexpr uint64_t kMatchSlack = 4096;
constexpr uint64_t kPage = 4096;
// What a page fault maps around it (the kernel's fault-around: 64 KiB), and the matchers' slack.
constexpr uint64_t kFaultAround = 64 * 1024 + kMatchSlack;

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

}  // namespace

SegmentScan::SegmentScan(const Subject& subject, const TimeFormat& format, const HistogramPlan& plan,
                         const std::vector<const Matcher*>& queries, const HistogramOptions& options,
                         const std::atomic<bool>& stop, std::atomic<uint64_t>& scanned)
    : subject_(subject),
      plan_(plan),
      parser_(format),
      probe_(subject, parser_, plan.begin, plan.end),
      mapped_(dynamic_cast<const MappedFile*>(&subject)),
      window_(std::max<size_t>(options.window, 4096)),
      stop_(stop),
      scanned_(scanned) {
  for (const Matcher* q : queries) matchers_.push_back(q->Clone());
  records_.reserve(kRecords);
}

void SegmentScan::Run(SegmentResult& seg) {
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

// Parses the lines starting in [s, limit) that fit in one window into records_; returns the
// bytes they cover (at least one line).
uint64_t SegmentScan::Window(uint64_t s, uint64_t limit) {
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
void SegmentScan::FindMatches(uint64_t from, uint64_t to) {
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
void SegmentScan::Settle(SegmentResult& seg, uint64_t window_end) {
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

}  // namespace lfe
