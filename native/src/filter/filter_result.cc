#include "filter/filter_result.h"

#include <algorithm>
#include <cstring>

#include "document/document_subject.h"
#include "engine_error.h"
#include "filter/line_locator.h"
#include "filter/line_scan.h"
#include "filter/newlines.h"
#include "ordered_segments.h"

namespace lfe {

namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;

// Segments [first, last) of `per` units each (bytes, or parent lines) over [0, total).
// Segments of `per` units; with `ramp`, the first ones smaller (ramp, then 4 × ramp) so the first
// rows of a view come from a segment scanned in about a millisecond instead of a 32 MiB one
// (140 ms to the first filtered rows on the 10 GB log, under load, before).
std::vector<SegmentLines> CutSegments(uint64_t total, uint64_t per, uint64_t ramp = 0) {
  std::vector<SegmentLines> segments;
  for (uint64_t s = 0; s < total;) {
    uint64_t length = per;
    if (ramp != 0 && segments.size() < 2) length = std::min(per, segments.empty() ? ramp : 4 * ramp);
    segments.emplace_back();
    segments.back().first = s;
    segments.back().last = std::min(total, s + length);
    s = segments.back().last;
  }
  return segments;
}

// Segments read a little past their end (their last line, a neighbour's block): one release of
// the whole subject when a run ends leaves none of it mapped (as searches do).
struct ReleaseWhenDone {
  const Subject& subject;
  ~ReleaseWhenDone() { subject.Release(0, subject.size()); }
};

}  // namespace

std::shared_ptr<const Subject> FilterSubject::Lock() const {
  std::shared_ptr<const MappedFile> f = file.lock();
  if (!f || f->closed()) throw EngineError("ECLOSED", "The filtered file has been closed");
  if (!pieces) return f;
  return std::make_shared<const DocumentSubject>(std::move(f), pieces);
}

FilterResult::FilterResult(FilterSubject subject, std::shared_ptr<const FilterProgram> program, uint64_t density_buckets)
    : subject_(std::move(subject)), program_(std::move(program)), density_buckets_(density_buckets) {
  map_ = std::make_shared<LineMap>(subject_.Lock()->size());
  density_.assign(static_cast<size_t>(density_buckets_), 0);
}

FilterResult::FilterResult(std::shared_ptr<const FilterResult> parent, std::shared_ptr<const FilterProgram> program,
                           uint64_t density_buckets)
    : subject_(parent->subject_), program_(std::move(program)), parent_(std::move(parent)), density_buckets_(density_buckets) {
  if (!parent_->complete()) throw EngineError("EINVAL", "A filter can be refined once it has run to its end");
  map_ = parent_->map_;
  total_lines_ = parent_->total_lines_;
  density_.assign(static_cast<size_t>(density_buckets_), 0);
}

bool FilterResult::complete() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return complete_;
}

void FilterResult::Run(const FilterLimits& limits, const std::atomic<bool>& cancel, const std::function<void()>& progress) {
  const std::shared_ptr<const Subject> subject = subject_.Lock();
  if (parent_) RunRefine(*subject, limits, cancel, progress);
  else RunRoot(*subject, limits, cancel, progress);
}

void FilterResult::AddDensity(const std::vector<uint32_t>& counts, uint64_t first) {
  for (size_t i = 0; i < counts.size() && first + i < density_.size(); ++i) density_[first + i] += counts[i];
}

void FilterResult::RunRoot(const Subject& subject, const FilterLimits& limits, const std::atomic<bool>& cancel,
                           const std::function<void()>& progress) {
  const uint64_t size = subject.size();
  const unsigned threads = WorkerThreads(limits.threads);
  uint64_t segment = limits.segment != 0 ? limits.segment : std::clamp<uint64_t>(size / (threads * 8), kMiB, 32 * kMiB);
  segment = std::max<uint64_t>(LineMap::kBlock, (segment + LineMap::kBlock - 1) / LineMap::kBlock * LineMap::kBlock);
  // The default cut starts small (its unit, the line map's 64 KiB block, keeps every cut aligned).
  const uint64_t ramp = limits.segment != 0 ? 0 : std::max<uint64_t>(LineMap::kBlock, kMiB);
  std::vector<SegmentLines> segments = CutSegments(size, segment, ramp);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    total_ = size;
  }
  const ReleaseWhenDone release{subject};
  LineScanSettings settings;
  settings.window = limits.window;
  settings.density_buckets = density_buckets_;
  uint64_t base = 0;  // '\n' bytes before the next segment
  const bool finished = RunOrderedSegments(
      segments, threads, size_t{threads} * 2, [&](const std::atomic<bool>&) { return std::make_unique<LineEvaluator>(*program_); },
      [&](SegmentLines& seg, LineEvaluator& evaluator, const std::atomic<bool>&) {
        ScanSegmentLines(subject, evaluator, settings, cancel, scanned_, seg);
      },
      [&](SegmentLines& seg) {
        if (!seg.complete) return false;
        std::lock_guard<std::mutex> lock(mutex_);
        seg.rel_lines.ForEachRun([&](uint64_t lo, uint64_t hi) {
          lines_.AppendRange(base + lo, base + hi);
          return true;
        });
        map_->AppendBlocks(seg.block_newlines.data(), seg.block_newlines.size());
        AddDensity(seg.density, seg.density_first);
        base += seg.newlines;
        return true;
      },
      [&] { return cancel.load(); }, progress) && !cancel.load();
  uint64_t lines = base;
  if (finished && size > 0) {
    std::vector<uint8_t> scratch;
    const uint8_t* last = subject.View(size - 1, size, scratch);
    uint8_t b = '\n';
    subject.Guard([&] { b = *last; });
    if (b != '\n') ++lines;  // a last line without '\n' counts
  }
  std::lock_guard<std::mutex> lock(mutex_);
  lines_.Seal();
  total_lines_ = lines;
  complete_ = finished;
  cancelled_ = !finished;
}

void FilterResult::RunRefine(const Subject& subject, const FilterLimits& limits, const std::atomic<bool>& cancel,
                             const std::function<void()>& progress) {
  const LineSet& parent = parent_->lines_;  // complete: it no longer changes
  const uint64_t n = parent.size();
  const unsigned threads = WorkerThreads(limits.threads);
  const uint64_t per = limits.segment != 0 ? limits.segment : std::clamp<uint64_t>(n / (threads * 8), 4096, 256 * 1024);
  std::vector<SegmentLines> segments = CutSegments(n, per);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    total_ = n;
  }
  const ReleaseWhenDone release{subject};
  LineScanSettings settings;
  settings.window = limits.window;
  settings.density_buckets = density_buckets_;
  const bool finished = RunOrderedSegments(
      segments, threads, size_t{threads} * 2, [&](const std::atomic<bool>&) { return std::make_unique<LineEvaluator>(*program_); },
      [&](SegmentLines& seg, LineEvaluator& evaluator, const std::atomic<bool>&) {
        RefineSegmentLines(subject, evaluator, parent, *map_, settings, cancel, scanned_, seg);
      },
      [&](SegmentLines& seg) {
        if (!seg.complete) return false;
        std::lock_guard<std::mutex> lock(mutex_);
        for (uint64_t v : seg.lines) lines_.Append(v);
        AddDensity(seg.density, seg.density_first);
        return true;
      },
      [&] { return cancel.load(); }, progress) && !cancel.load();
  std::lock_guard<std::mutex> lock(mutex_);
  lines_.Seal();
  complete_ = finished;
  cancelled_ = !finished;
}

FilterSummary FilterResult::summary() const {
  std::lock_guard<std::mutex> lock(mutex_);
  FilterSummary s;
  s.count = lines_.size();
  s.lines = complete_ ? total_lines_ : 0;
  s.scanned = std::min(scanned_.load(), total_);
  s.total = total_;
  s.complete = complete_;
  s.cancelled = cancelled_;
  return s;
}

uint64_t FilterResult::LineLimit() const {
  if (complete_ || parent_) return total_lines_;
  return map_->newlines() + 1;
}

const LineSet& FilterResult::ViewSet(uint64_t before, uint64_t after) {
  if (before == 0 && after == 0) return lines_;
  if (!context_ || context_->before != before || context_->after != after || context_->count != lines_.size()) {
    ContextView view;
    view.before = before;
    view.after = after;
    view.count = lines_.size();
    view.set = lines_.Dilate(before, after, LineLimit());
    context_ = std::move(view);
  }
  return context_->set;
}

uint64_t FilterResult::RowCount(uint64_t before, uint64_t after) {
  std::lock_guard<std::mutex> lock(mutex_);
  return ViewSet(before, after).size();
}

FilterRows FilterResult::Rows(uint64_t start, uint64_t count, const RowOptions& options) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::shared_ptr<const Subject> subject = subject_.Lock();
  const uint64_t size = subject->size();
  const bool context = options.before > 0 || options.after > 0;
  const LineSet& set = ViewSet(options.before, options.after);
  if (!spans_) spans_ = std::make_unique<LineEvaluator>(*program_);
  FilterRows out;
  std::vector<uint64_t> lines;
  set.ForEachFrom(start, [&](uint64_t v) {
    lines.push_back(v);
    return lines.size() < count;
  });
  // The line of the row before `start` (none: UINT64_MAX), to tell where rows are not consecutive.
  uint64_t previous = UINT64_MAX;
  if (start > 0) previous = set.Select(start - 1).value_or(UINT64_MAX);
  LineLocator locator(*subject, *map_, false);
  std::vector<MatchSpan> spans;
  for (uint64_t v : lines) {
    const std::optional<uint64_t> offset = locator.Locate(v);
    if (!offset) break;  // not scanned yet
    FilterRow row;
    row.line = v;
    row.offset = *offset;
    row.match = !context || lines_.Contains(v);
    row.gap_before = previous != UINT64_MAX && previous + 1 != v;
    previous = v;
    const uint64_t end = std::min(size, *offset + options.max_bytes + 1);
    const uint8_t* view = subject->View(*offset, end, locator.scratch());
    const size_t len = static_cast<size_t>(end - *offset);
    size_t shown = 0;
    subject->Guard([&] {
      const size_t e = NextNewline(view, len);
      row.truncated = e >= len && end < size;
      shown = std::min(e, options.max_bytes);
    });
    row.length = shown;
    const size_t at = out.bytes.size();
    out.bytes.resize(at + shown);
    char* dst = &out.bytes[0];
    subject->Guard([&] {
      std::memcpy(dst + at, view, shown);
      spans_->MatchSpans(view, shown, options.max_spans, &spans);
    });
    out.spans.insert(out.spans.end(), spans.begin(), spans.end());
    row.bytes_end = out.bytes.size();
    row.spans_end = out.spans.size();
    out.rows.push_back(row);
  }
  return out;
}

std::optional<NearestHit> FilterResult::Nearest(uint64_t offset) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (lines_.empty()) return std::nullopt;
  const std::shared_ptr<const Subject> subject = subject_.Lock();
  std::vector<uint8_t> scratch;
  const std::optional<uint64_t> line = map_->LineOf(*subject, offset, scratch);
  if (!line) return std::nullopt;
  const uint64_t r = lines_.Rank(*line);
  const std::optional<uint64_t> after = lines_.Select(r);
  if (after && *after == *line) return NearestHit{r, *line, true};
  const std::optional<uint64_t> before = r > 0 ? lines_.Select(r - 1) : std::nullopt;
  if (before && (!after || *line - *before <= *after - *line)) return NearestHit{r - 1, *before, false};
  return NearestHit{r, *after, false};
}

std::vector<uint32_t> FilterResult::Density() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return density_;
}

std::vector<uint64_t> FilterResult::Lines(uint64_t start, uint64_t count) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<uint64_t> out;
  lines_.ForEachFrom(start, [&](uint64_t v) {
    out.push_back(v);
    return out.size() < count;
  });
  return out;
}

size_t FilterResult::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return lines_.bytes() + (parent_ ? 0 : map_->bytes()) + density_.capacity() * 4 + (context_ ? context_->set.bytes() : 0);
}

}  // namespace lfe
