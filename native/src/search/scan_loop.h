// The one scanning loop: every search walks its subject (search/subject.h: the mapped file, or an
// edited document) through here, whatever the matcher.
//
// It slides a window (1 MiB by default) over the subject and asks the matcher for successive
// leftmost matches. Boundaries: a matcher whose answer depends on bytes past the window says so
// (kNeedMore, for regexes via PCRE2 partial matching) and the loop re-reads from that position,
// doubling the window while the same position stays undecided. A window never grows past
// kMaxWindow: a regex match is at most that long (documented limit; past it the window end is
// taken as the end of the subject). The window also starts kLeftContext bytes early (more if the
// pattern's look-behind is longer) so look-behind, ^ and whole-word checks see the bytes before
// the match.
//
// Semantics are non-overlapping, leftmost-first, like `rg --count-matches` and JS `matchAll`: the
// next search starts where the previous match ended; after an empty match, one character later.
// Progress is bytes scanned; cancellation is checked once per window.
#pragma once

#include <atomic>
#include <cstdint>

#include <string>

#include "search/matcher.h"
#include "search/subject.h"

namespace lfe {

constexpr size_t kDefaultWindow = size_t{1} << 20;
constexpr size_t kMaxWindow = size_t{64} << 20;
constexpr size_t kLeftContext = 256;

struct ScanRange {
  uint64_t first = 0;        // matches start at or after this offset ...
  uint64_t last = 0;         // ... and before this one (or at it, when last == subject_end)
  uint64_t subject_end = 0;  // where the searched text ends (the file end, or a selection's end)
};

class MatchSink {
 public:
  virtual ~MatchSink() = default;
  // Returns false to stop the scan.
  virtual bool Accept(uint64_t offset, uint64_t length) = 0;
  // With ScanControl::replacement: the next match's replacement, just before its Accept.
  virtual void Replacement(const std::string& bytes) { (void)bytes; }
};

// A sink that stops at the first match: whether there is one.
class AnyMatchSink final : public MatchSink {
 public:
  bool Accept(uint64_t, uint64_t) override {
    found = true;
    return false;
  }
  bool found = false;
};

struct ScanControl {
  const std::atomic<bool>* cancel = nullptr;      // optional
  std::atomic<uint64_t>* progress = nullptr;      // optional: bytes scanned are added here
  size_t window = kDefaultWindow;
  // Optional: a replacement template the matcher expands at every match (Matcher::Substitute),
  // while the match's bytes are in the window.
  const std::string* replacement = nullptr;
};

enum class ScanOutcome { kDone, kStopped, kCancelled };

// Throws EngineError: EFILECHANGED (fault guard), EREGEXLIMIT / EREGEX (regex failures),
// EBADREPLACEMENT (a replacement the matcher cannot expand).
ScanOutcome Scan(const Subject& subject, Matcher& matcher, const ScanRange& range, const ScanControl& control,
                 MatchSink& sink);

}  // namespace lfe
