// Where a filtered subject's lines start: the '\n' count before each 64 KiB block, gathered by the
// filter's own scan as it counts line numbers (8 bytes per 64 KiB: 1.2 MiB for a 10 GB log), so a
// row of the filtered view, a refine and an export find any line by reading at most one block —
// over the file or an edited document alike, without the host's line index.
//
// Lines are split at '\n': line 0 starts at 0, line n after the n-th '\n' (a '\n' that ends the
// subject starts no line; a last line without one counts). Blocks are appended in order as the
// filter's segments are merged; queries work on the blocks known so far. Not thread-safe (the
// filter's result guards it).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "search/subject.h"

namespace lfe {

class LineMap {
 public:
  static constexpr uint64_t kBlock = 64 * 1024;

  explicit LineMap(uint64_t size) : size_(size) { cumulative_.push_back(0); }

  uint64_t size() const { return size_; }
  // Blocks whose counts are known, and the bytes they cover.
  uint64_t blocks() const { return cumulative_.size() - 1; }
  uint64_t known_bytes() const { return std::min(size_, blocks() * kBlock); }
  bool complete() const { return known_bytes() >= size_; }
  // '\n' bytes in the known blocks.
  uint64_t newlines() const { return cumulative_.back(); }
  // '\n' bytes before known block `block` (block <= blocks()): the 0-based line holding its first byte.
  uint64_t NewlinesBefore(uint64_t block) const { return cumulative_[static_cast<size_t>(block)]; }

  // The '\n' count of each of the next blocks.
  void AppendBlocks(const uint64_t* counts, size_t n);

  // Where 0-based `line` starts, if the known blocks reach it: reads at most one block of
  // `subject` (under its guard). Throws EngineError (EFILECHANGED, ECLOSED...).
  std::optional<uint64_t> LineStart(const Subject& subject, uint64_t line, std::vector<uint8_t>& scratch) const;
  // The 0-based line holding the byte at `offset` (offset == size: the last line), if known.
  std::optional<uint64_t> LineOf(const Subject& subject, uint64_t offset, std::vector<uint8_t>& scratch) const;
  // The first block whose start is at or after line `line`'s start, as a lower bound of where
  // the line is (no read): the index of the block holding the line's start.
  uint64_t BlockOfLine(uint64_t line) const;

  size_t bytes() const { return cumulative_.capacity() * sizeof(uint64_t); }

 private:
  uint64_t size_;
  // cumulative_[k]: '\n' bytes in [0, k * kBlock).
  std::vector<uint64_t> cumulative_;
};

}  // namespace lfe
