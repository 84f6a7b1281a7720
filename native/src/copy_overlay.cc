#include "copy_overlay.h"

#include <algorithm>
#include <cstring>

namespace lfe {

bool CopyOverlay::Intersects(uint64_t begin, uint64_t end) const {
  if (pages_.empty() || begin >= end) return false;
  auto it = pages_.lower_bound(begin / kPageSize);
  return it != pages_.end() && it->first * kPageSize < end;
}

void CopyOverlay::Patch(uint64_t begin, uint64_t end, uint8_t* dst) const {
  for (auto it = pages_.lower_bound(begin / kPageSize); it != pages_.end(); ++it) {
    const uint64_t page_start = it->first * kPageSize;
    if (page_start >= end) break;
    const uint64_t from = std::max(begin, page_start);
    const uint64_t to = std::min(end, page_start + kPageSize);
    std::memcpy(dst + (from - begin), it->second.get() + (from - page_start), static_cast<size_t>(to - from));
  }
}

bool CopyOverlay::Covers(uint64_t begin, uint64_t end) const {
  for (uint64_t page = begin / kPageSize; page * kPageSize < end; ++page) {
    if (pages_.find(page) == pages_.end()) return false;
  }
  return true;
}

}  // namespace lfe
