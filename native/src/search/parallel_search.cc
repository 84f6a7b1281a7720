#include "search/parallel_search.h"

#include <algorithm>
#include <exception>
#include <vector>

#include "ordered_segments.h"

namespace lfe {

namespace {

// Memory per segment stays bounded whatever the pattern: a worker keeps at most
// kKeptWhenCollecting matches (then stops; the merger scans the rest of the segment itself), and
// when only counting it keeps the first kKeptWhenCounting (enough to resynchronise at the
// boundary) and counts the rest.
constexpr size_t kKeptWhenCollecting = size_t{1} << 20;
constexpr size_t kKeptWhenCounting = 64;

struct Segment {
  uint64_t first = 0;
  uint64_t last = 0;
  std::vector<FoundMatch> matches;  // the first matches the worker found (all, when collecting)
  uint64_t count = 0;               // every match the worker found
  FoundMatch final_match{0, 0};     // the last of them
  bool complete = false;  // the worker scanned to the segment's end (not stopped by a cap)
  bool done = false;
  std::exception_ptr error;
};

class SegmentSink final : public MatchSink {
 public:
  SegmentSink(Segment& seg, bool collect, uint64_t max_results)
      : seg_(seg), keep_(collect ? kKeptWhenCollecting : kKeptWhenCounting), collect_(collect), max_(max_results) {}
  bool Accept(uint64_t offset, uint64_t length) override {
    if (seg_.matches.size() < keep_) {
      seg_.matches.push_back(FoundMatch{offset, length});
    } else if (collect_) {
      return false;  // not counted: the merger continues from the last kept match
    }
    ++seg_.count;
    seg_.final_match = FoundMatch{offset, length};
    return max_ == 0 || seg_.count < max_;
  }

 private:
  Segment& seg_;
  size_t keep_;
  bool collect_;
  uint64_t max_;
};

// Emits matches in order, enforcing max_results and tracking where a sequential scan resumes.
class Emitter {
 public:
  Emitter(SearchListener& listener, uint64_t max_results, uint64_t begin)
      : listener_(listener), max_(max_results), resume_(begin) {}

  // False once max_results is reached (the match was not emitted).
  bool Emit(const FoundMatch& m) {
    if (max_ != 0 && result_.count >= max_) {
      result_.truncated = true;
      return false;
    }
    ++result_.count;
    batch_.push_back(m);
    resume_ = m.offset + std::max<uint64_t>(m.length, 1);
    if (batch_.size() >= 4096) Flush();
    return true;
  }
  void Flush() {
    if (!batch_.empty()) listener_.OnMatches(batch_.data(), batch_.size());
    batch_.clear();
  }
  // `n` matches that are counted but not listed, the last of them `last`.
  void EmitCounted(uint64_t n, const FoundMatch& last) {
    if (n == 0) return;
    if (max_ != 0 && result_.count + n > max_) {
      result_.count = max_;
      result_.truncated = true;
      return;
    }
    result_.count += n;
    resume_ = last.offset + std::max<uint64_t>(last.length, 1);
  }
  uint64_t resume() const { return resume_; }
  bool full() const { return max_ != 0 && result_.count >= max_; }
  FindAllResult& result() { return result_; }

 private:
  SearchListener& listener_;
  uint64_t max_;
  uint64_t resume_;
  std::vector<FoundMatch> batch_;
  FindAllResult result_;
};

class EmitSink final : public MatchSink {
 public:
  explicit EmitSink(Emitter& emitter) : emitter_(emitter) {}
  bool Accept(uint64_t offset, uint64_t length) override { return emitter_.Emit(FoundMatch{offset, length}); }

 private:
  Emitter& emitter_;
};

// Rescans from the true resume point until it finds a match the worker also found.
class ResyncSink final : public MatchSink {
 public:
  ResyncSink(Emitter& emitter, const std::vector<FoundMatch>& list) : emitter_(emitter), list_(list) {}
  bool Accept(uint64_t offset, uint64_t length) override {
    while (index_ < list_.size() && list_[index_].offset < offset) ++index_;
    if (index_ < list_.size() && list_[index_].offset == offset && list_[index_].length == length) {
      synced_ = true;
      return false;
    }
    if (!emitter_.Emit(FoundMatch{offset, length})) {
      full_ = true;
      return false;
    }
    return true;
  }
  bool synced() const { return synced_; }
  bool full() const { return full_; }
  size_t index() const { return index_; }

 private:
  Emitter& emitter_;
  const std::vector<FoundMatch>& list_;
  size_t index_ = 0;
  bool synced_ = false;
  bool full_ = false;
};

}  // namespace

FindAllResult FindAll(const Subject& subject, const Matcher& prototype, const SearchLimits& limits,
                      const std::atomic<bool>& cancel, SearchListener& listener) {
  const uint64_t end = std::min(limits.end, subject.size());
  const uint64_t begin = std::min(limits.begin, end);
  // Each scan unmaps what it read, but parallel segments also read a little of their
  // neighbours' bytes (left context; the kernel maps pages around a fault) after the neighbour
  // released them. One release of the whole range when the search ends (declared first, so it
  // runs after the workers are joined) leaves none of the file mapped.
  struct ReleaseRange {
    const Subject& subject;
    uint64_t from;
    uint64_t to;
    ~ReleaseRange() { subject.Release(from, to - from); }
  } release_range{subject, begin - std::min<uint64_t>(begin, kLeftContext), end};
  // Match starts: [begin, starts_end), plus `end` itself when the range reaches the subject end
  // (an empty match at the very end), which the last segment covers by ending at `end`.
  const bool wrap_part = limits.starts_before < end;
  const uint64_t starts_end = wrap_part ? std::max(begin, limits.starts_before) : end;
  const unsigned threads = WorkerThreads(limits.threads);
  const uint64_t span = starts_end - begin;
  uint64_t segment = limits.segment;
  if (segment == 0) segment = std::clamp<uint64_t>(span / (threads * 4), uint64_t{1} << 20, uint64_t{32} << 20);

  std::vector<Segment> segments;
  for (uint64_t s = begin;; s += segment) {
    segments.emplace_back();
    segments.back().first = s;
    segments.back().last = std::min(starts_end, s + segment);
    if (segments.back().last >= starts_end) break;
  }
  // The last segment of an unwrapped search includes the end position itself.
  const auto scan_range = [&](uint64_t first, uint64_t last) {
    ScanRange r;
    r.first = first;
    r.last = (!wrap_part && last == starts_end) ? end : last;
    r.subject_end = end;
    return r;
  };

  std::atomic<uint64_t> scanned{0};
  Emitter emitter(listener, limits.max_results, begin);
  std::unique_ptr<Matcher> merger = prototype.Clone();
  ScanControl merge_control;
  merge_control.cancel = &cancel;  // the merger's own rescans stop when the user cancels
  merge_control.window = limits.window;
  const bool merged_all = RunOrderedSegments(
      segments, threads, size_t{threads} * 2, [&](const std::atomic<bool>&) { return prototype.Clone(); },
      [&](Segment& seg, Matcher& matcher, const std::atomic<bool>& stop) {
        SegmentSink sink(seg, limits.collect, limits.max_results);
        ScanControl control;
        control.cancel = &stop;
        control.progress = &scanned;
        control.window = limits.window;
        seg.complete = Scan(subject, matcher, scan_range(seg.first, seg.last), control, sink) == ScanOutcome::kDone;
      },
      [&](Segment& seg) {
        size_t i = 0;
        bool list_valid = true;
        if (emitter.resume() > seg.first) {
          // The previous match ran into this segment: the worker's first matches may be wrong.
          ResyncSink sink(emitter, seg.matches);
          Scan(subject, *merger, scan_range(emitter.resume(), seg.last), merge_control, sink);
          if (sink.full()) return false;
          list_valid = sink.synced();
          i = sink.index();
        }
        if (list_valid) {
          for (; i < seg.matches.size(); ++i) {
            if (!emitter.Emit(seg.matches[i])) return false;
          }
          if (emitter.result().truncated) return false;
          emitter.EmitCounted(seg.count - seg.matches.size(), seg.final_match);  // counted, not kept
          if (emitter.result().truncated) return false;
          if (!seg.complete && !emitter.full()) {
            EmitSink sink(emitter);
            Scan(subject, *merger, scan_range(emitter.resume(), seg.last), merge_control, sink);
            if (emitter.result().truncated) return false;
          }
        }
        if (emitter.full()) {
          if (limits.probe_past_max) {
            // Look for one more match to tell "exactly max_results" from "more than that".
            AnyMatchSink any;
            Scan(subject, *merger, scan_range(emitter.resume(), starts_end), merge_control, any);
            emitter.result().truncated = any.found;
          }
          return false;
        }
        return true;
      },
      [&] { return cancel.load() || subject.closed(); },
      [&] {
        emitter.Flush();
        listener.OnProgress(scanned.load());
      });
  (void)merged_all;  // a run that ended early is cancelled (below) or full (the emitter says so)
  if (cancel.load() || subject.closed()) emitter.result().cancelled = true;
  emitter.Flush();
  listener.OnProgress(scanned.load());
  return emitter.result();
}

namespace {

class FirstListener final : public SearchListener {
 public:
  explicit FirstListener(SearchListener& outer) : outer_(outer) {}
  void OnMatches(const FoundMatch* matches, size_t count) override {
    if (count > 0 && !first) first = matches[0];
  }
  void OnProgress(uint64_t bytes) override { outer_.OnProgress(base + bytes); }
  std::optional<FoundMatch> first;
  uint64_t base = 0;

 private:
  SearchListener& outer_;
};

class LastSink final : public MatchSink {
 public:
  bool Accept(uint64_t offset, uint64_t length) override {
    last = FoundMatch{offset, length};
    return true;
  }
  std::optional<FoundMatch> last;
};

}  // namespace

std::optional<FoundMatch> FindNext(const Subject& subject, const Matcher& prototype, const SearchLimits& limits,
                                   uint64_t from, bool wrap, const std::atomic<bool>& cancel,
                                   SearchListener& listener) {
  const uint64_t end = std::min(limits.end, subject.size());
  const uint64_t begin = std::min(limits.begin, end);
  from = std::clamp(from, begin, end);
  FirstListener first(listener);
  SearchLimits forward = limits;
  forward.begin = from;
  forward.max_results = 1;
  forward.starts_before = UINT64_MAX;
  forward.probe_past_max = false;
  forward.collect = true;
  // The subject still starts at `begin` for context; matches start at or after `from`.
  FindAll(subject, prototype, forward, cancel, first);
  if (first.first || !wrap || from == begin || cancel.load()) return first.first;
  SearchLimits wrapped = limits;
  wrapped.max_results = 1;
  wrapped.starts_before = from;
  wrapped.probe_past_max = false;
  wrapped.collect = true;
  first.base = end - from;
  FindAll(subject, prototype, wrapped, cancel, first);
  return first.first;
}

std::optional<FoundMatch> FindPrevious(const Subject& subject, const Matcher& prototype, const SearchLimits& limits,
                                       uint64_t from, bool wrap, const std::atomic<bool>& cancel,
                                       SearchListener& listener) {
  const uint64_t end = std::min(limits.end, subject.size());
  const uint64_t begin = std::min(limits.begin, end);
  from = std::clamp(from, begin, end);
  std::unique_ptr<Matcher> matcher = prototype.Clone();
  std::atomic<uint64_t> scanned{0};
  ScanControl control;
  control.cancel = &cancel;
  control.progress = &scanned;
  control.window = limits.window;
  // Windows of growing size, walking back from `limit`; the first with a match answers.
  auto search_back = [&](uint64_t low, uint64_t limit) -> std::optional<FoundMatch> {
    uint64_t step = std::max<uint64_t>(limits.window, 4096);
    while (limit > low) {
      const uint64_t start = limit - std::min(step, limit - low);
      LastSink sink;
      ScanRange range;
      range.first = start;
      range.last = limit;
      range.subject_end = end;
      if (Scan(subject, *matcher, range, control, sink) == ScanOutcome::kCancelled) return std::nullopt;
      listener.OnProgress(scanned.load());
      if (sink.last) return sink.last;
      limit = start;
      step = std::min<uint64_t>(step * 2, kMaxWindow);
    }
    return std::nullopt;
  };
  std::optional<FoundMatch> found = search_back(begin, from);
  if (found || !wrap || cancel.load()) return found;
  // Wrapping: the last match in [from, end], including an empty match at the very end.
  found = search_back(from, end);
  if (found) return found;
  LastSink at_end;
  ScanRange range;
  range.first = end;
  range.last = end;
  range.subject_end = end;
  Scan(subject, *matcher, range, control, at_end);
  return at_end.last;
}

}  // namespace lfe
