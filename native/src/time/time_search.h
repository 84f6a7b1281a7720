// Go to a time: a binary search over byte offsets of the subject, sampling the first timed line
// after each probe (line_probe.h), so no line index is needed: a 10 GB log is searched in a few
// dozen page reads.
//
// Logs are sorted by time only mostly:
//   - Lines slightly out of order (several threads writing one log): the search lands on the
//     first line whose time is at or after the target within kJitterWindow bytes before the
//     point the bisection settles on (it scans that window forward), so a line a little earlier
//     in the file with a later time is found first, as a linear scan would find it.
//   - Lines without a timestamp (stack traces, wrapped messages) continue the entry before
//     them: probes skip them, and the answer is always a timed line.
//   - Files that are several sorted runs (logs appended to each other, rotated logs joined: the
//     10 GB benchmark log is five copies of one): `FindRuns` samples 64 evenly spaced lines; where
//     time steps back by more than kRunBreak between two samples, a second bisection finds the
//     line where it stepped back. A go-to-time answers in the first run (in file order) that has
//     a line at or after the target (runs whose last line is more than kRunBreak before it are
//     not searched); the runs come with the answer, so the caller can keep
//     them and pass them back (the next search then costs the bisection alone). A run shorter
//     than 1/64 of the file between two samples may go unseen.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include "time/line_probe.h"

namespace lfe {

// Time stepping back by more than this between two lines starts a new run.
constexpr int64_t kRunBreak = int64_t{60} * 1000000;
// How far before the bisection's point the final scan starts (the bound on lines out of order).
constexpr uint64_t kJitterWindow = 64 * 1024;

struct TimeRun {
  uint64_t begin = 0;  // where its first line starts
  uint64_t end = 0;    // where the next run starts (or the end of the range)
  int64_t first_time = 0;  // its first and last timed lines' times
  int64_t last_time = 0;
};

// The sorted runs of [probe.begin(), probe.end()); empty when no line has a timestamp.
std::vector<TimeRun> FindRuns(LineProbe& probe, const std::atomic<bool>* cancel = nullptr);

struct GotoTimeResult {
  // The first line at or after the target (in the first run that reaches it)...
  std::optional<TimedLine> line;
  size_t run = 0;
  // ... or none: the target is after every line (`line` empty).
  bool after_end = false;
};

// Throws EngineError (EFILECHANGED).
GotoTimeResult GotoTime(LineProbe& probe, const std::vector<TimeRun>& runs, int64_t target);

}  // namespace lfe
