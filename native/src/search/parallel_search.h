// Find-all, find-next and find-previous over a subject (the mapped file or an edited document).
//
// Find-all uses every core: the range is cut into segments that worker threads scan
// independently, while the calling thread merges their results in order. A worker starts its
// segment fresh, so its first matches may be wrong when the previous segment's last match runs
// past the boundary; the merger detects that (the sequential scan would resume past the
// segment's start) and rescans from the true resume point until it meets a match the worker also
// found; from there on both sequences agree. The result is exactly the single-threaded
// leftmost-first sequence.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include <string>
#include <vector>

#include "search/matcher.h"
#include "search/scan_loop.h"
#include "search/subject.h"

namespace lfe {

struct FoundMatch {
  uint64_t offset;
  uint64_t length;
};

struct SearchLimits {
  uint64_t begin = 0;                  // the searched text is [begin, end)
  uint64_t end = 0;
  uint64_t starts_before = UINT64_MAX;  // only matches starting before this (find-next's wrap)
  uint64_t max_results = 0;             // 0: no limit
  unsigned threads = 0;                 // 0: one per core
  size_t window = kDefaultWindow;
  uint64_t segment = 0;                 // 0: chosen from the range size
  bool probe_past_max = true;           // at max_results, look for one more to set `truncated`
  bool collect = true;                  // false: only count (workers keep a few matches each)
};

class SearchListener {
 public:
  virtual ~SearchListener() = default;
  // Matches in file order. Called on the thread that called FindAll.
  virtual void OnMatches(const FoundMatch* matches, size_t count) = 0;
  // FindAllReplaced (replaced_search.h): matches with their replacements packed in `bytes`, match i's ending at
  // ends[i] (ends are relative to this call's bytes).
  virtual void OnReplacedMatches(const FoundMatch* matches, size_t count, const std::string& bytes, const size_t* ends) {
    (void)bytes;
    (void)ends;
    OnMatches(matches, count);
  }
  virtual void OnProgress(uint64_t bytes_scanned) = 0;
};

struct FindAllResult {
  uint64_t count = 0;
  bool truncated = false;  // stopped at max_results with more matches left
  bool cancelled = false;
};

// Blocks until done. Throws EngineError (EFILECHANGED, EREGEXLIMIT, ...).
FindAllResult FindAll(const Subject& subject, const Matcher& prototype, const SearchLimits& limits,
                      const std::atomic<bool>& cancel, SearchListener& listener);

// The first match starting at or after `from`; with `wrap`, else the first from `begin`.
std::optional<FoundMatch> FindNext(const Subject& subject, const Matcher& prototype, const SearchLimits& limits,
                                   uint64_t from, bool wrap, const std::atomic<bool>& cancel,
                                   SearchListener& listener);

// The last match starting before `from` (scanning backwards window by window); with `wrap`,
// else the last one in the whole range.
std::optional<FoundMatch> FindPrevious(const Subject& subject, const Matcher& prototype, const SearchLimits& limits,
                                       uint64_t from, bool wrap, const std::atomic<bool>& cancel,
                                       SearchListener& listener);

}  // namespace lfe
