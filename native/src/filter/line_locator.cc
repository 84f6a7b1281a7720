#include "filter/line_locator.h"

#include <algorithm>

#include "filter/newlines.h"

namespace lfe {

uint64_t SkipLines(const Subject& subject, uint64_t from, uint64_t k, std::vector<uint8_t>& scratch) {
  const uint64_t size = subject.size();
  const uint64_t step = subject.Window(size_t{1} << 20);
  while (from < size && k > 0) {
    const uint64_t end = std::min(size, from + step);
    const uint8_t* view = subject.View(from, end, scratch);
    const size_t len = static_cast<size_t>(end - from);
    uint64_t seen = 0;
    size_t at = len;
    subject.Guard([&] { at = NthNewline(view, len, k, &seen); });
    if (at < len) return from + at + 1;
    k -= seen;
    from = end;
  }
  return size;
}

void ReleaseRead(const Subject& subject, uint64_t from, uint64_t to) {
  const uint64_t start = from & ~uint64_t{4095};
  if (to > start) subject.Release(start, to - start);
}

std::optional<uint64_t> LineLocator::Locate(uint64_t line) {
  std::optional<uint64_t> at;
  uint64_t read_from = 0;
  if (known_ && line >= line_ && line - line_ <= kWalk) {
    at = line == line_ ? offset_ : SkipLines(subject_, offset_, line - line_, scratch_);
    read_from = offset_;
    if (*at >= subject_.size() && line != line_) at = std::nullopt;
  }
  if (!at) {
    at = map_.LineStart(subject_, line, scratch_);
    read_from = map_.BlockOfLine(line) * LineMap::kBlock;
  }
  if (at) {
    if (release_) ReleaseRead(subject_, read_from, *at);
    Know(line, *at);
  }
  return at;
}

}  // namespace lfe
