// One segment of a filter's scan, as one worker thread runs it.
//
// A root filter's segment is a byte range [first, last) of the subject and owns the lines that
// start in it (a line starts at 0 and after each '\n'); the worker reads past `last` to finish its
// last line, so segments need no resynchronisation (unlike find's, whose matches chain). It
// reads the segment in windows of whole lines — a window is cut after its last '\n' — evaluates
// the program over each window (filter_program.h), and counts the '\n' bytes of [first, last) in
// the same pass, per 64 KiB block: a hit's line number is the count before it, and the blocks'
// counts become the filter's line map (line_map.h). A line longer than the largest window (64
// MiB) is judged term by term by the scan loop.
//
// A refine's segment is a range of its parent's matching lines: the worker finds each one through
// the parent's line map (or by counting '\n' from the one before, when it is near), puts the
// nearby ones into one window, and evaluates the program over just those lines. Bytes far from
// every parent line are never read.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <vector>

#include "filter/filter_program.h"
#include "filter/line_map.h"
#include "filter/line_set.h"
#include "search/subject.h"

namespace lfe {

struct SegmentLines {
  uint64_t first = 0;  // root: bytes [first, last); refine: the parent's lines [first, last) by index
  uint64_t last = 0;
  // Root: each 64 KiB block's '\n' count, their sum, and the hits as the '\n' count in [first,
  // their start), kept as a line set too (a segment of 3.7 M short lines all matching: a few KiB).
  std::vector<uint64_t> block_newlines;
  uint64_t newlines = 0;
  LineSet rel_lines;
  // Refine: the hits' line numbers.
  std::vector<uint64_t> lines;
  // Hits per density bucket, from bucket `density_first` on.
  uint64_t density_first = 0;
  std::vector<uint32_t> density;
  bool complete = false;  // scanned to its end (not stopped by a cancel)
  bool done = false;
  std::exception_ptr error;
};

struct LineScanSettings {
  size_t window = size_t{1} << 20;
  uint64_t density_buckets = 0;  // 0: no density
};

// A root filter's segment. Throws EngineError (EFILECHANGED, EREGEXLIMIT...).
void ScanSegmentLines(const Subject& subject, LineEvaluator& evaluator, const LineScanSettings& settings,
                      const std::atomic<bool>& cancel, std::atomic<uint64_t>& progress, SegmentLines& seg);

// A refine's segment: the parent's lines from index seg.first to seg.last (the parent and its map
// are complete and unchanging). `progress` counts parent lines judged.
void RefineSegmentLines(const Subject& subject, LineEvaluator& evaluator, const LineSet& parent, const LineMap& map,
                        const LineScanSettings& settings, const std::atomic<bool>& cancel,
                        std::atomic<uint64_t>& progress, SegmentLines& seg);

// The first '\n' at or after `from`, or `limit` when there is none before it.
uint64_t FindNewlineFrom(const Subject& subject, uint64_t from, uint64_t limit, std::vector<uint8_t>& scratch);

// The density bucket of a line starting at `offset` of a subject of `size` bytes.
inline uint64_t DensityBucket(uint64_t offset, uint64_t size, uint64_t buckets) {
  if (size == 0 || buckets == 0) return 0;
  const double b = static_cast<double>(offset) / static_cast<double>(size) * static_cast<double>(buckets);
  return std::min<uint64_t>(buckets - 1, static_cast<uint64_t>(b));
}

}  // namespace lfe
