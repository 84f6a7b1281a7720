#include "filter/line_scan.h"

#include <algorithm>

#include "engine_error.h"
#include "filter/newlines.h"
#include "search/scan_loop.h"

namespace lfe {

namespace {

// Bytes read before they are released (at most this much of the file is mapped per thread).
constexpr uint64_t kReleaseBatch = uint64_t{8} << 20;

// Counts the '\n' bytes of [first, last) as windows pass, attributing them to 64 KiB blocks.
class NewlineCounter {
 public:
  explicit NewlineCounter(SegmentLines& seg) : seg_(seg), cursor_(seg.first) {
    seg.block_newlines.assign(static_cast<size_t>((seg.last - seg.first + LineMap::kBlock - 1) / LineMap::kBlock), 0);
  }
  // Counts [cursor, min(to, last)) from `view`, which holds the subject from `base` on. Under the guard.
  void Advance(const uint8_t* view, uint64_t base, uint64_t to) {
    to = std::min(to, seg_.last);
    while (cursor_ < to) {
      const uint64_t block = (cursor_ - seg_.first) / LineMap::kBlock;
      const uint64_t end = std::min(to, seg_.first + (block + 1) * LineMap::kBlock);
      const uint64_t n = CountNewlines(view + (cursor_ - base), static_cast<size_t>(end - cursor_));
      seg_.block_newlines[static_cast<size_t>(block)] += n;
      seg_.newlines += n;
      cursor_ = end;
    }
  }
  uint64_t cursor() const { return cursor_; }
  // One '\n' at `at`, bytes before it known to hold none: the cursor jumps past it.
  void Skip(uint64_t at) {
    if (at >= seg_.first && at < seg_.last) {
      seg_.block_newlines[static_cast<size_t>((at - seg_.first) / LineMap::kBlock)] += 1;
      seg_.newlines += 1;
    }
    cursor_ = std::max(cursor_, std::min(at + 1, seg_.last));
  }
  uint64_t newlines() const { return seg_.newlines; }

 private:
  SegmentLines& seg_;
  uint64_t cursor_;
};

void AddDensity(SegmentLines& seg, uint64_t offset, uint64_t size, uint64_t buckets) {
  if (buckets == 0) return;
  const uint64_t b = DensityBucket(offset, size, buckets);
  if (seg.density.empty()) seg.density_first = b;
  if (b < seg.density_first) return;  // cannot happen: lines come in order
  const size_t i = static_cast<size_t>(b - seg.density_first);
  if (i >= seg.density.size()) seg.density.resize(i + 1, 0);
  ++seg.density[i];
}

[[noreturn]] void ThrowRegexError(const std::string& message, const Subject& subject, uint64_t near) {
  const bool limit = message.find("limit") != std::string::npos;
  throw EngineError(limit ? "EREGEXLIMIT" : "EREGEX", "The regular expression failed near offset " + std::to_string(near) +
                                                          " of '" + subject.name() + "': " + message);
}

}  // namespace

uint64_t FindNewlineFrom(const Subject& subject, uint64_t from, uint64_t limit, std::vector<uint8_t>& scratch) {
  const uint64_t step = subject.Window(size_t{1} << 20);
  while (from < limit) {
    const uint64_t end = std::min(limit, from + step);
    const uint8_t* view = subject.View(from, end, scratch);
    size_t at = 0;
    const size_t len = static_cast<size_t>(end - from);
    subject.Guard([&] { at = NextNewline(view, len); });
    if (at < len) return from + at;
    from = end;
    if (subject.closed()) break;
  }
  return limit;
}

void ScanSegmentLines(const Subject& subject, LineEvaluator& evaluator, const LineScanSettings& settings,
                      const std::atomic<bool>& cancel, std::atomic<uint64_t>& progress, SegmentLines& seg) {
  const uint64_t size = subject.size();
  const uint64_t a = seg.first;
  const uint64_t b = std::min(seg.last, size);
  const uint64_t window = std::max<uint64_t>(subject.Window(settings.window), 16);
  std::vector<uint8_t> scratch;
  std::vector<LineSpan> hits;
  NewlineCounter counter(seg);

  // The segment's first line: at `a` when a line starts there, else after the next '\n'.
  uint64_t pos = a;
  if (a > 0 && a < b) {
    const uint64_t nl = FindNewlineFrom(subject, a - 1, size, scratch);
    pos = nl >= size ? size : nl + 1;
    if (nl >= a) counter.Skip(nl);  // the only '\n' in [a, pos)
  }
  uint64_t released = a;  // where the bytes not released yet start (a page start)
  uint64_t reported = a;
  auto report = [&](uint64_t to) {
    to = std::min(to, b);
    if (to > reported) progress.fetch_add(to - reported, std::memory_order_relaxed);
    reported = std::max(reported, to);
  };

  while (pos < b) {
    if (cancel.load(std::memory_order_relaxed) || subject.closed()) return;
    uint64_t end = std::min(size, pos + window);
    const uint8_t* view = subject.View(pos, end, scratch);
    // Where the window is cut: after the '\n' that ends the segment's last line (the one holding
    // byte b - 1) when the window reaches it, else after the window's last '\n'. 0: no cut in it.
    uint64_t cut = 0;
    subject.Guard([&] {
      const size_t len = static_cast<size_t>(end - pos);
      if (end >= b) {
        const size_t from = static_cast<size_t>(b - 1 - pos);
        const size_t at = from + NextNewline(view + from, len - from);
        if (at < len) {
          cut = pos + at + 1;
          return;
        }
        if (end == size) {
          cut = size;
          return;
        }
      }
      const size_t last = LastNewline(view, len);
      if (last < len) cut = pos + last + 1;
      else if (end == size) cut = size;
    });
    if (cut == 0) {
      // No '\n' in the window: the line starting at `pos` is longer than it.
      const uint64_t nl = FindNewlineFrom(subject, end, size, scratch);
      const uint64_t line_end = std::min(nl, size);
      if (line_end + 1 - pos <= kMaxWindow) {
        end = std::min(size, line_end + 1);
        view = subject.View(pos, end, scratch);
        cut = end;
      } else {
        if (evaluator.EvaluateLongLine(subject, pos, line_end, cancel)) {
          seg.rel_lines.Append(counter.newlines());
          AddDensity(seg, pos, size, settings.density_buckets);
        }
        if (line_end < size) counter.Skip(line_end);
        subject.Release(pos & ~uint64_t{4095}, line_end - (pos & ~uint64_t{4095}));
        pos = line_end + 1;
        report(pos);
        continue;
      }
    }
    const size_t len = static_cast<size_t>(cut - pos);
    bool ok = true;
    subject.Guard([&] {
      ok = evaluator.Evaluate(view, len, nullptr, &hits);
      if (!ok) return;
      const LineSpan* previous = nullptr;
      for (const LineSpan& h : hits) {
        const uint64_t start = pos + h.start;
        // The line right after the last hit: the one '\n' between them is where that line ends.
        if (previous != nullptr && h.start == previous->end + 1 && counter.cursor() == pos + previous->start) {
          counter.Skip(pos + previous->end);
        } else {
          counter.Advance(view, pos, start);
        }
        previous = &h;
        seg.rel_lines.Append(counter.newlines());
        AddDensity(seg, start, size, settings.density_buckets);
      }
      counter.Advance(view, pos, cut);
    });
    if (!ok) ThrowRegexError(evaluator.error(), subject, pos);
    // Released in batches (each release makes the kernel flush TLBs on every core), from the
    // start of the page holding the first byte not released yet.
    if (cut - released >= kReleaseBatch) {
      subject.Release(released, cut - released);
      released = cut & ~uint64_t{4095};
    }
    pos = cut;
    report(pos);
  }
  report(b);
  subject.Release(released, std::max(pos, released) - released);
  // A page fault maps the 64 KiB around it: finding this segment's first line and finishing its
  // last one mapped some of the neighbours' pages, which they may have released already.
  const uint64_t edge = 64 * 1024;
  subject.Release(a - std::min(a, edge), std::min(a, edge));
  if (pos > b) subject.Release(b, std::min(size, pos + edge) - b);
  seg.rel_lines.Seal();
  seg.complete = true;
}

void RefineSegmentLines(const Subject& subject, LineEvaluator& evaluator, const LineSet& parent, const LineMap& map,
                        const LineScanSettings& settings, const std::atomic<bool>& cancel,
                        std::atomic<uint64_t>& progress, SegmentLines& seg) {
  const uint64_t size = subject.size();
  const uint64_t window = std::max<uint64_t>(subject.Window(settings.window), 16);
  std::vector<uint64_t> candidates;
  candidates.reserve(static_cast<size_t>(seg.last - seg.first));
  parent.ForEachFrom(seg.first, [&](uint64_t v) {
    if (candidates.size() >= seg.last - seg.first) return false;
    candidates.push_back(v);
    return true;
  });
  std::vector<uint8_t> scratch;
  std::vector<LineSpan> spans;
  std::vector<LineSpan> hits;
  const size_t n = candidates.size();
  // Where the bytes not released yet start: from the block the line map reads for the first line.
  uint64_t released = n > 0 ? map.BlockOfLine(candidates[0]) * LineMap::kBlock : 0;
  uint64_t read_to = released;
  for (size_t i = 0; i < n;) {
    if (cancel.load(std::memory_order_relaxed) || subject.closed()) return;
    const std::optional<uint64_t> found = map.LineStart(subject, candidates[i], scratch);
    if (!found) throw EngineError("EFILECHANGED", "'" + subject.name() + "' no longer has the lines the filter found");
    const uint64_t start = *found;
    // The candidates whose lines can be in this window (their block starts before its end): the
    // view reaches one block past the last of them, not further.
    size_t j = i + 1;
    while (j < n && map.BlockOfLine(candidates[j]) * LineMap::kBlock < start + window) ++j;
    const uint64_t reach = (map.BlockOfLine(candidates[j - 1]) + 2) * LineMap::kBlock;
    const uint64_t end = std::min({size, start + window, std::max(reach, start + 4096)});
    const uint8_t* view = subject.View(start, end, scratch);
    const size_t len = static_cast<size_t>(end - start);
    size_t taken = i;  // candidates placed in the window
    size_t window_len = 0;
    bool ok = true;
    subject.Guard([&] {
      spans.clear();
      size_t s = 0;  // the current candidate's start in the view
      for (size_t k = i; k < j; ++k) {
        if (k > i) {
          uint64_t seen = 0;
          const size_t at = NthNewline(view + s, len - s, candidates[k] - candidates[k - 1], &seen);
          if (at >= len - s) break;
          s = s + at + 1;
          if (s >= len) break;
        }
        const size_t e = s + NextNewline(view + s, len - s);
        if (e >= len && end < size) break;  // the line runs past the view
        spans.push_back(LineSpan{static_cast<uint32_t>(s), static_cast<uint32_t>(e)});
        taken = k + 1;
        window_len = std::min(len, e + 1);
      }
      if (spans.empty()) return;
      ok = evaluator.Evaluate(view, window_len, &spans, &hits);
      if (!ok) return;
      size_t m = 0;
      for (const LineSpan& h : hits) {
        while (spans[m].start != h.start) ++m;
        seg.lines.push_back(candidates[i + m]);
        AddDensity(seg, start + h.start, size, settings.density_buckets);
      }
    });
    if (!ok) ThrowRegexError(evaluator.error(), subject, start);
    // Candidates come in file order: what is behind this window has been read, and goes in batches.
    read_to = std::max(read_to, end);
    if (end - std::min(end, released) >= kReleaseBatch) {
      subject.Release(released, end - released);
      released = end & ~uint64_t{4095};
    }
    if (taken == i) {
      // The first candidate's line is longer than the window.
      const uint64_t line_end = FindNewlineFrom(subject, start, size, scratch);
      bool holds;
      if (line_end + 1 - start <= kMaxWindow) {
        const uint64_t stop = std::min(size, line_end + 1);
        const uint8_t* line = subject.View(start, stop, scratch);
        subject.Guard([&] {
          spans.assign(1, LineSpan{0, static_cast<uint32_t>(line_end - start)});
          ok = evaluator.Evaluate(line, static_cast<size_t>(stop - start), &spans, &hits);
        });
        if (!ok) ThrowRegexError(evaluator.error(), subject, start);
        holds = !hits.empty();
      } else {
        holds = evaluator.EvaluateLongLine(subject, start, line_end, cancel);
      }
      if (holds) {
        seg.lines.push_back(candidates[i]);
        AddDensity(seg, start, size, settings.density_buckets);
      }
      taken = i + 1;
    }
    progress.fetch_add(taken - i, std::memory_order_relaxed);
    i = taken;
  }
  if (read_to > released) subject.Release(released, read_to - released);
  seg.complete = true;
}

}  // namespace lfe
