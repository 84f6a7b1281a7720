#include "search/replaced_search.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

namespace lfe {

namespace {

using Clock = std::chrono::steady_clock;

// Batches matches and their replacements for the listener.
class ReplacedSink final : public MatchSink {
 public:
  ReplacedSink(SearchListener& listener, const std::atomic<uint64_t>& scanned, uint64_t max_results)
      : listener_(listener), scanned_(scanned), max_(max_results) {}

  void Replacement(const std::string& bytes) override { pending_ = &bytes; }

  bool Accept(uint64_t offset, uint64_t length) override {
    if (max_ != 0 && result.count >= max_) {
      result.truncated = true;
      return false;
    }
    ++result.count;
    matches_.push_back(FoundMatch{offset, length});
    if (pending_ != nullptr) bytes_.append(*pending_);
    pending_ = nullptr;
    ends_.push_back(bytes_.size());
    if (matches_.size() >= 4096 || bytes_.size() >= (size_t{4} << 20)) Flush();
    if (Clock::now() - last_progress_ > std::chrono::milliseconds(100)) {
      last_progress_ = Clock::now();
      Flush();
      listener_.OnProgress(scanned_.load(std::memory_order_relaxed));
    }
    return true;
  }

  void Flush() {
    if (matches_.empty()) return;
    listener_.OnReplacedMatches(matches_.data(), matches_.size(), bytes_, ends_.data());
    matches_.clear();
    bytes_.clear();
    ends_.clear();
  }

  FindAllResult result;

 private:
  SearchListener& listener_;
  const std::atomic<uint64_t>& scanned_;
  uint64_t max_;
  const std::string* pending_ = nullptr;
  std::vector<FoundMatch> matches_;
  std::string bytes_;
  std::vector<size_t> ends_;
  Clock::time_point last_progress_ = Clock::now();
};

}  // namespace

FindAllResult FindAllReplaced(const Subject& subject, const Matcher& prototype, const SearchLimits& limits,
                              const std::string& replacement, const std::atomic<bool>& cancel,
                              SearchListener& listener) {
  const uint64_t end = std::min(limits.end, subject.size());
  const uint64_t begin = std::min(limits.begin, end);
  std::unique_ptr<Matcher> matcher = prototype.Clone();
  std::atomic<uint64_t> scanned{0};
  ReplacedSink sink(listener, scanned, limits.max_results);
  ScanControl control;
  control.cancel = &cancel;
  control.progress = &scanned;
  control.window = limits.window;
  control.replacement = &replacement;
  ScanRange range;
  range.first = begin;
  range.last = std::min(end, limits.starts_before);
  range.subject_end = end;
  const ScanOutcome outcome = Scan(subject, *matcher, range, control, sink);
  sink.Flush();
  listener.OnProgress(scanned.load());
  sink.result.cancelled = outcome == ScanOutcome::kCancelled || cancel.load() || subject.closed();
  return sink.result;
}

std::string ExpandReplacement(const Subject& subject, const Matcher& prototype, const SearchLimits& limits,
                              const FoundMatch& match, const std::string& replacement) {
  struct FirstSink final : MatchSink {
    void Replacement(const std::string& bytes) override { expanded = bytes; }
    bool Accept(uint64_t offset, uint64_t length) override {
      found = FoundMatch{offset, length};
      return false;
    }
    std::optional<FoundMatch> found;
    std::string expanded;
  } sink;
  std::unique_ptr<Matcher> matcher = prototype.Clone();
  const uint64_t end = std::min(limits.end, subject.size());
  ScanControl control;
  // A small window: one match is wanted (a longer one grows the window as any scan does).
  control.window = std::clamp<size_t>(limits.window, 1, size_t{64} << 10);
  control.replacement = &replacement;
  ScanRange range;
  range.first = match.offset;
  range.last = std::min(end, match.offset + 1);
  range.subject_end = end;
  Scan(subject, *matcher, range, control, sink);
  if (!sink.found || sink.found->offset != match.offset || sink.found->length != match.length) {
    throw EngineError("ECHANGED", "The match at offset " + std::to_string(match.offset) + " is no longer there");
  }
  return sink.expanded;
}

}  // namespace lfe
