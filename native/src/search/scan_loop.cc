#include "search/scan_loop.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace lfe {

namespace {

enum class WindowResult { kFinished, kStopped, kContinue, kNeedMore, kError, kReplacementError };

}  // namespace

ScanOutcome Scan(const Subject& subject, Matcher& matcher, const ScanRange& range, const ScanControl& control,
                 MatchSink& sink) {
  const bool end_inclusive = range.last >= range.subject_end;
  auto past_last = [&](uint64_t offset) { return end_inclusive ? offset > range.subject_end : offset >= range.last; };
  const size_t base_window = std::max<size_t>(subject.Window(control.window), 1);
  const size_t left_context = std::max(kLeftContext, matcher.LeftContext());
  std::vector<uint8_t> scratch;  // windows the subject assembles (edited documents, copy mode's pages)
  std::string replaced;          // the last match's replacement, with ScanControl::replacement
  uint64_t pos = range.first;
  size_t window = base_window;
  auto add_progress = [&](uint64_t from, uint64_t to) {
    if (control.progress != nullptr && to > from) control.progress->fetch_add(to - from, std::memory_order_relaxed);
  };
  // What this scan has read and will not read again is unmapped as it goes (see
  // Mapping::Release): scanning a file must not leave all of it charged to the process.
  uint64_t released = range.first;
  uint64_t read_end = range.first;
  auto release_until = [&](uint64_t to) {
    if (to > released) subject.Release(released, to - released);
    released = std::max(released, to);
  };
  struct ReleaseRest {
    std::function<void()> fn;
    ~ReleaseRest() { fn(); }
  } release_rest{[&] { release_until(read_end); }};

  while (!past_last(pos)) {
    if ((control.cancel != nullptr && control.cancel->load(std::memory_order_relaxed)) || subject.closed()) {
      return ScanOutcome::kCancelled;
    }
    const uint64_t wb = pos - std::min<uint64_t>(pos, left_context);
    const uint64_t we = std::min<uint64_t>(range.subject_end, pos + window);
    const bool more = we < range.subject_end && window < kMaxWindow;
    const uint8_t* bytes = subject.View(wb, we, scratch);
    const size_t len = static_cast<size_t>(we - wb);
    read_end = std::max(read_end, we);

    // Everything the guarded block touches is declared out here: a fault leaves it by longjmp.
    WindowResult result = WindowResult::kError;
    size_t rel = static_cast<size_t>(pos - wb);
    uint64_t next = pos;
    MatchSpan span;
    subject.Guard([&] {
      for (;;) {
        if (rel > len) {  // an empty match at the very end of the subject
          result = WindowResult::kFinished;
          return;
        }
        const FindStatus status = matcher.Find(bytes, len, rel, more, &span);
        if (status == FindStatus::kFound) {
          const uint64_t at = wb + span.start;
          if (past_last(at)) {
            result = WindowResult::kFinished;
            return;
          }
          if (control.replacement != nullptr) {
            if (!matcher.Substitute(*control.replacement, &replaced)) {
              result = WindowResult::kReplacementError;
              next = at;
              return;
            }
            sink.Replacement(replaced);
          }
          if (!sink.Accept(at, span.length)) {
            result = WindowResult::kStopped;
            return;
          }
          rel = span.length > 0 ? span.start + span.length : matcher.AdvanceAfterEmpty(bytes, len, span.start);
          if (more && rel >= len) {
            result = WindowResult::kContinue;
            next = wb + rel;
            return;
          }
          continue;
        }
        if (status == FindStatus::kNone) {
          result = more ? WindowResult::kContinue : WindowResult::kFinished;
          next = we;
          return;
        }
        if (status == FindStatus::kNeedMore) {
          result = WindowResult::kNeedMore;
          next = wb + span.start;
          return;
        }
        result = WindowResult::kError;
        next = wb + rel;
        return;
      }
    });

    switch (result) {
      case WindowResult::kFinished:
        add_progress(pos, std::max(pos, std::min(range.last, range.subject_end)));
        return ScanOutcome::kDone;
      case WindowResult::kStopped:
        return ScanOutcome::kStopped;
      case WindowResult::kContinue:
        add_progress(pos, std::min(next, range.last));
        pos = next;
        window = base_window;
        release_until(pos - std::min<uint64_t>(pos, left_context));
        break;
      case WindowResult::kNeedMore:
        if (next > pos) {
          add_progress(pos, std::min(next, range.last));
          pos = next;
          window = base_window;
        } else {
          window = std::min(window * 2, kMaxWindow);  // the same position is still undecided
        }
        break;
      case WindowResult::kError: {
        const std::string message = matcher.error();
        const bool limit = message.find("limit") != std::string::npos;
        throw EngineError(limit ? "EREGEXLIMIT" : "EREGEX",
                          "The regular expression failed near offset " + std::to_string(next) + " of '" +
                              subject.name() + "': " + message);
      }
      case WindowResult::kReplacementError:
        throw EngineError("EBADREPLACEMENT", "The replacement could not be expanded for the match at offset " +
                                                 std::to_string(next) + ": " + matcher.error());
    }
  }
  return ScanOutcome::kDone;
}

}  // namespace lfe
