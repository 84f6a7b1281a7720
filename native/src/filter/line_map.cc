#include "filter/line_map.h"

#include <algorithm>

#include "filter/newlines.h"

namespace lfe {

void LineMap::AppendBlocks(const uint64_t* counts, size_t n) {
  cumulative_.reserve(cumulative_.size() + n);
  for (size_t i = 0; i < n; ++i) cumulative_.push_back(cumulative_.back() + counts[i]);
}

uint64_t LineMap::BlockOfLine(uint64_t line) const {
  // Line `line` starts right after the line-th '\n': in the first block k whose cumulative count
  // through its end reaches `line`.
  if (line == 0) return 0;
  const auto it = std::lower_bound(cumulative_.begin() + 1, cumulative_.end(), line);
  return static_cast<uint64_t>(it - cumulative_.begin()) - 1;
}

std::optional<uint64_t> LineMap::LineStart(const Subject& subject, uint64_t line, std::vector<uint8_t>& scratch) const {
  if (line == 0) return size_ > 0 ? std::optional<uint64_t>(0) : std::nullopt;
  if (line > newlines()) return std::nullopt;
  const uint64_t block = BlockOfLine(line);
  const uint64_t begin = block * kBlock;
  const uint64_t end = std::min(size_, begin + kBlock);
  const uint64_t k = line - cumulative_[block];
  const uint8_t* bytes = subject.View(begin, end, scratch);
  size_t at = 0;
  const size_t len = static_cast<size_t>(end - begin);
  subject.Guard([&] { at = NthNewline(bytes, len, k, nullptr); });
  if (at >= len) return std::nullopt;  // the counts do not fit the subject (it changed)
  const uint64_t start = begin + at + 1;
  // A '\n' that ends the subject starts no line.
  return start < size_ ? std::optional<uint64_t>(start) : std::nullopt;
}

std::optional<uint64_t> LineMap::LineOf(const Subject& subject, uint64_t offset, std::vector<uint8_t>& scratch) const {
  offset = std::min(offset, size_);
  const uint64_t block = std::min(offset / kBlock, blocks());
  if (offset > known_bytes() || (offset == size_ && !complete())) return std::nullopt;
  const uint64_t begin = block * kBlock;
  uint64_t count = 0;
  if (offset > begin) {
    const uint8_t* bytes = subject.View(begin, offset, scratch);
    const size_t len = static_cast<size_t>(offset - begin);
    subject.Guard([&] { count = CountNewlines(bytes, len); });
  }
  uint64_t line = cumulative_[block] + count;
  // The position after a final '\n' belongs to the last line.
  if (offset == size_ && size_ > 0 && line > 0) {
    const uint8_t* last = subject.View(size_ - 1, size_, scratch);
    uint8_t b = 0;
    subject.Guard([&] { b = *last; });
    if (b == '\n') --line;
  }
  return line;
}

}  // namespace lfe
