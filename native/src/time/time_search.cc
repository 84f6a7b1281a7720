#include "time/time_search.h"

#include <algorithm>

namespace lfe {

namespace {

constexpr int kSamples = 64;
// The bisection stops when the range is this small, then scans.
constexpr uint64_t kLinear = 16 * 1024;
// A probe that finds no timed line within this many bytes counts as finding none there.
constexpr uint64_t kProbeLimit = uint64_t{4} << 20;

// The first line in (after, before] of a run break: the first timed line whose time is below
// `threshold` (time stepped back there).
uint64_t FindBreak(LineProbe& probe, uint64_t after, uint64_t before, int64_t threshold) {
  uint64_t lo = after;
  uint64_t hi = before;
  while (hi - lo > kLinear) {
    const uint64_t mid = lo + (hi - lo) / 2;
    const uint64_t s = probe.NextLineStart(mid);
    const std::optional<TimedLine> t = s < hi ? probe.FirstTimed(s, hi, kProbeLimit) : std::nullopt;
    if (!t) hi = mid;
    else if (t->stamp.micros < threshold) hi = t->start;
    else lo = t->end;
  }
  TimedLine line;
  for (uint64_t s = probe.NextLineStart(lo); s < probe.end(); s = line.end) {
    if (probe.ReadLine(s, &line) && line.stamp.micros < threshold) return s;
    if (line.end <= s) break;
  }
  return before;
}

}  // namespace

std::vector<TimeRun> FindRuns(LineProbe& probe, const std::atomic<bool>* cancel) {
  const uint64_t begin = probe.begin();
  const uint64_t end = probe.end();
  std::vector<TimedLine> samples;
  const uint64_t span = end - begin;
  const int count = static_cast<int>(std::clamp<uint64_t>(span / (64 * 1024), 1, kSamples));
  // The disk reads every sample at once (on a cold cache one read after another costs ~5 ms each).
  for (int i = 0; i < count; ++i) probe.WillProbe(begin + span / count * i);
  probe.WillProbe(end - std::min<uint64_t>(span, 2 * 4096));
  for (int i = 0; i < count; ++i) {
    if (cancel && cancel->load(std::memory_order_relaxed)) return {};
    const uint64_t at = probe.NextLineStart(begin + span / count * i);
    if (!samples.empty() && at < samples.back().end) continue;
    const std::optional<TimedLine> t = probe.FirstTimed(at, end, kProbeLimit);
    if (t && (samples.empty() || t->start >= samples.back().end)) samples.push_back(*t);
  }
  const std::optional<TimedLine> last = probe.LastTimedBefore(end, begin, kProbeLimit);
  if (last && (samples.empty() || last->start >= samples.back().end)) samples.push_back(*last);
  if (samples.empty()) return {};

  std::vector<TimeRun> runs;
  TimeRun run;
  run.begin = begin;
  run.first_time = samples.front().stamp.micros;
  for (size_t i = 1; i < samples.size(); ++i) {
    const TimedLine& prev = samples[i - 1];
    const TimedLine& cur = samples[i];
    const int64_t threshold = prev.stamp.micros - kRunBreak;
    if (cur.stamp.micros >= threshold) continue;
    const uint64_t at = FindBreak(probe, prev.end, cur.start, threshold);
    const std::optional<TimedLine> before = probe.LastTimedBefore(at, run.begin, kProbeLimit);
    run.end = at;
    run.last_time = before ? before->stamp.micros : prev.stamp.micros;
    runs.push_back(run);
    run = TimeRun();
    run.begin = at;
    const std::optional<TimedLine> first = probe.FirstTimed(at, end, kProbeLimit);
    run.first_time = first ? first->stamp.micros : cur.stamp.micros;
  }
  run.end = end;
  run.last_time = samples.back().stamp.micros;
  runs.push_back(run);
  return runs;
}

GotoTimeResult GotoTime(LineProbe& probe, const std::vector<TimeRun>& runs, int64_t target) {
  GotoTimeResult result;
  for (size_t r = 0; r < runs.size(); ++r) {
    const TimeRun& run = runs[r];
    // The run's last line need not be its latest (lines out of order): look a little past it.
    if (run.last_time + kRunBreak < target) continue;
    uint64_t lo = run.begin;
    uint64_t hi = run.end;
    while (hi - lo > kLinear) {
      const uint64_t mid = lo + (hi - lo) / 2;
      // The places the next two steps may probe, read from the disk while this one waits.
      for (int k = 1; k < 8; k += 2) probe.WillProbe(lo + (hi - lo) / 8 * k);
      for (int k = 1; k < 4; k += 2) probe.WillProbe(lo + (hi - lo) / 4 * k);
      const uint64_t s = probe.NextLineStart(mid);
      const std::optional<TimedLine> t = s < hi ? probe.FirstTimed(s, hi) : std::nullopt;
      if (!t) hi = mid;
      else if (t->stamp.micros < target) lo = t->end;
      else hi = t->start;
    }
    // Lines out of order: the first one at or after the target, from a window before `lo`.
    const uint64_t from = probe.NextLineStart(lo - std::min(lo - run.begin, kJitterWindow));
    TimedLine line;
    for (uint64_t s = from; s < run.end; s = line.end) {
      if (probe.ReadLine(s, &line) && line.stamp.micros >= target) {
        result.line = line;
        result.run = r;
        return result;
      }
      if (line.end <= s) break;
    }
  }
  result.after_end = true;
  result.run = runs.empty() ? 0 : runs.size() - 1;
  return result;
}

}  // namespace lfe
