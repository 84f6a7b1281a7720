// Finding where a filtered subject's lines start, for the rows of the filtered view, a refine and
// an export: walking a few lines on from one already found costs their bytes, a far one the line
// map's one block (line_map.h).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "filter/line_map.h"
#include "search/subject.h"

namespace lfe {

// The position just after the k-th '\n' at or after `from` (k >= 1), or the subject's end.
uint64_t SkipLines(const Subject& subject, uint64_t from, uint64_t k, std::vector<uint8_t>& scratch);

// Releases [from, to) of the subject from the start of the page holding `from` (the bytes before
// it on that page were read just before).
void ReleaseRead(const Subject& subject, uint64_t from, uint64_t to);

// Finds where lines start, walking from a known nearby line when there is one, else through the
// line map. With `release`, what it read goes as it goes (an export walks the whole file).
class LineLocator {
 public:
  LineLocator(const Subject& subject, const LineMap& map, bool release) : subject_(subject), map_(map), release_(release) {}
  // Where 0-based `line` starts, or nullopt past the subject's end. Throws as LineMap::LineStart.
  std::optional<uint64_t> Locate(uint64_t line);
  void Know(uint64_t line, uint64_t offset) {
    known_ = true;
    line_ = line;
    offset_ = offset;
  }
  std::vector<uint8_t>& scratch() { return scratch_; }

 private:
  static constexpr uint64_t kWalk = 512;  // lines: walking costs their bytes, the map one block
  const Subject& subject_;
  const LineMap& map_;
  const bool release_;
  std::vector<uint8_t> scratch_;
  bool known_ = false;
  uint64_t line_ = 0;
  uint64_t offset_ = 0;
};

}  // namespace lfe
