#include "time/line_probe.h"

#include <algorithm>
#include <cstring>

namespace lfe {

namespace {

constexpr uint64_t kPage = 4096;

}  // namespace

LineProbe::LineProbe(const Subject& subject, LineTimeParser& parser, uint64_t begin, uint64_t end)
    : subject_(subject),
      mapped_(dynamic_cast<const MappedFile*>(&subject)),
      parser_(parser),
      begin_(std::min(begin, end)),
      end_(std::min(end, subject.size())) {
  begin_ = std::min(begin_, end_);
}

void LineProbe::WillProbe(uint64_t offset) const {
  if (mapped_ && offset < end_) mapped_->WillNeed(offset, 2 * kPage);
}

const uint8_t* LineProbe::View(uint64_t a, uint64_t b) { return subject_.View(a, b, scratch_); }

void LineProbe::Touch(uint64_t a, uint64_t b) {
  if (b <= a) return;
  for (uint64_t p = a / kPage; p <= (b - 1) / kPage; ++p) {
    if (pages_.empty() || pages_.back() != p) pages_.push_back(p);
  }
}

uint64_t LineProbe::pages_touched() {
  std::sort(pages_.begin(), pages_.end());
  pages_.erase(std::unique(pages_.begin(), pages_.end()), pages_.end());
  return pages_.size();
}

uint64_t LineProbe::FindNewline(uint64_t from, uint64_t limit) {
  limit = std::min(limit, end_);
  while (from < limit) {
    const uint64_t to = std::min(limit, (from / kChunk + 1) * kChunk);
    const uint8_t* bytes = View(from, to);
    const size_t n = static_cast<size_t>(to - from);
    size_t at = n;
    subject_.Guard([&] {
      const void* nl = std::memchr(bytes, '\n', n);
      if (nl) at = static_cast<size_t>(static_cast<const uint8_t*>(nl) - bytes);
    });
    Touch(from, from + std::min(n, at + 1));
    if (at < n) return from + at;
    from = to;
  }
  return limit;
}

uint64_t LineProbe::NextLineStart(uint64_t offset) {
  if (offset <= begin_) return begin_;
  if (offset >= end_) return end_;
  // A line starts at `offset` when the byte before it ends one.
  const uint64_t nl = FindNewline(offset - 1, end_);
  return nl >= end_ ? end_ : nl + 1;
}

uint64_t LineProbe::LineStartOf(uint64_t offset, uint64_t max_back) {
  offset = std::min(offset, end_);
  const uint64_t floor = offset - std::min(offset - begin_, max_back);
  uint64_t to = offset;
  while (to > floor) {
    const uint64_t from = std::max(floor, to - std::min(to - floor, ((to - 1) % kChunk) + 1));
    const uint8_t* bytes = View(from, to);
    const size_t n = static_cast<size_t>(to - from);
    size_t at = n;  // the last '\n' in [from, to), n if none
    subject_.Guard([&] {
      for (size_t i = n; i > 0; --i) {
        if (bytes[i - 1] == '\n') {
          at = i - 1;
          return;
        }
      }
    });
    Touch(at < n ? from + at : from, to);
    if (at < n) return from + at + 1;
    to = from;
  }
  return floor;
}

bool LineProbe::ReadLine(uint64_t start, TimedLine* line) {
  line->start = start;
  const uint64_t head_end = std::min(end_, start + LineTimeParser::kLineHead);
  const uint8_t* bytes = View(start, head_end);
  const size_t n = static_cast<size_t>(head_end - start);
  size_t at = n;
  bool timed = false;
  Stamp stamp;
  subject_.Guard([&] {
    const void* nl = std::memchr(bytes, '\n', n);
    if (nl) at = static_cast<size_t>(static_cast<const uint8_t*>(nl) - bytes);
    size_t len = at;
    if (len > 0 && bytes[len - 1] == '\r') --len;
    timed = parser_.Parse(bytes, len, &stamp);
  });
  Touch(start, start + std::min(n, at + 1));
  const uint64_t nl = at < n ? start + at : FindNewline(head_end, end_);
  line->end = nl >= end_ ? end_ : nl + 1;
  line->stamp = stamp;
  return timed;
}

std::optional<TimedLine> LineProbe::FirstTimed(uint64_t start, uint64_t limit, uint64_t max_bytes) {
  limit = std::min(limit, end_);
  TimedLine line;
  for (uint64_t s = start; s < limit && s - start <= max_bytes; s = line.end) {
    if (ReadLine(s, &line)) return line;
    if (line.end <= s) break;
  }
  return std::nullopt;
}

std::optional<TimedLine> LineProbe::LastTimedBefore(uint64_t before, uint64_t floor, uint64_t max_bytes) {
  before = std::min(before, end_);
  floor = std::max(floor, begin_);
  const uint64_t stop = before - std::min(before - floor, max_bytes);
  TimedLine line;
  while (before > stop) {
    const uint64_t s = std::max(floor, LineStartOf(before - 1));
    if (ReadLine(s, &line) && line.start < before) return line;
    if (s >= before) break;
    before = s;
  }
  return std::nullopt;
}

}  // namespace lfe
