// The set of a filter's matching lines, kept compactly: line numbers (0-based, up to 2^64) in
// containers of 65,536 consecutive numbers, each stored the smallest way for what it holds — a
// sorted array of 16-bit values (2 bytes a line: sparse hits), a bitmap (8 KiB: 1 bit per line of
// the file, whatever the hits), or runs (4 bytes per run: "every line but a few") — as Roaring
// bitmaps do. So a filter costs at most about one bit per line of the file: `ERROR` in the 10 GB
// log (10.4 M of its 83 M lines) takes 9.6 MiB, `not xyzzy` (every line) a few KiB, and a rare
// hit 2 bytes; a list of offsets would take 8 bytes a hit (670 MiB for every line of that log).
//
// Values are appended in increasing order (a filter's merge emits lines in file order); queries —
// the i-th value, how many values come before a line, iteration, runs — work on everything
// appended so far. Not thread-safe: the filter's result guards it with its own mutex.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "filter/bits.h"

namespace lfe {

class LineSet {
 public:
  LineSet() = default;
  LineSet(LineSet&&) = default;
  LineSet& operator=(LineSet&&) = default;
  LineSet(const LineSet&) = delete;
  LineSet& operator=(const LineSet&) = delete;

  // Appends `value`, which must be greater than every value appended before (else ignored).
  void Append(uint64_t value);
  // Appends [first, last] (first <= last, first greater than every value before).
  void AppendRange(uint64_t first, uint64_t last);

  uint64_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // The last value appended (undefined when empty).
  uint64_t last() const { return last_; }

  // The i-th value (0-based), or nullopt past the end.
  std::optional<uint64_t> Select(uint64_t i) const;
  // Number of values < `value`.
  uint64_t Rank(uint64_t value) const;
  bool Contains(uint64_t value) const;

  // Calls fn(value) for the values from the i-th on, in order, until fn returns false.
  template <typename Fn>
  void ForEachFrom(uint64_t i, Fn&& fn) const;
  // Calls fn(first, last) for each maximal run of consecutive values, in order, until fn returns false.
  template <typename Fn>
  void ForEachRun(Fn&& fn) const;
  // The same for the runs clipped to [lo, hi), starting at the container that holds `lo` (a
  // worker of an export takes a stretch of lines without walking the runs before it).
  template <typename Fn>
  void ForEachRunIn(uint64_t lo, uint64_t hi, Fn&& fn) const;

  // Every value v widened to [v - before, v + after], clipped to [0, limit): the lines a view with
  // context shows (grep -B/-A).
  LineSet Dilate(uint64_t before, uint64_t after, uint64_t limit) const;

  // Stores the last container in its smallest form (done for the others as appending moves on).
  void Seal();

  // Heap bytes held.
  size_t bytes() const;

 private:
  static constexpr uint32_t kContainerBits = 16;
  static constexpr uint32_t kContainerSize = 1u << kContainerBits;
  static constexpr size_t kBitmapWords = kContainerSize / 64;

  enum class Kind : uint8_t { kArray, kBitmap, kRuns };
  struct Container {
    uint64_t key = 0;     // values >> 16
    uint64_t before = 0;  // values in the containers before this one
    uint32_t cardinality = 0;
    Kind kind = Kind::kBitmap;
    std::vector<uint16_t> small;  // kArray: the values; kRuns: (first, last) pairs
    std::vector<uint64_t> bits;   // kBitmap
  };

  // The container for key `key` to append into (a bitmap until Seal chooses its form).
  Container& Open(uint64_t key);
  static void SetBits(std::vector<uint64_t>& bits, uint32_t first, uint32_t last);
  static uint32_t SelectIn(const Container& c, uint32_t j);
  static uint32_t RankIn(const Container& c, uint32_t low);
  // Index of the container holding the i-th value.
  size_t ContainerOfIndex(uint64_t i) const;
  template <typename Fn>
  static bool ForEachIn(const Container& c, uint32_t from, Fn& fn);
  template <typename Fn>
  static bool RunsIn(const Container& c, Fn& fn);

  std::vector<Container> containers_;
  bool open_ = false;  // the last container is still a bitmap being filled
  uint64_t size_ = 0;
  uint64_t last_ = 0;
};

template <typename Fn>
bool LineSet::ForEachIn(const Container& c, uint32_t from, Fn& fn) {
  const uint64_t base = c.key << kContainerBits;
  uint32_t j = 0;
  switch (c.kind) {
    case Kind::kArray:
      for (size_t k = from; k < c.small.size(); ++k) {
        if (!fn(base + c.small[k])) return false;
      }
      return true;
    case Kind::kRuns:
      for (size_t r = 0; r + 1 < c.small.size(); r += 2) {
        const uint32_t first = c.small[r];
        const uint32_t last = c.small[r + 1];
        const uint32_t n = last - first + 1;
        if (j + n <= from) {
          j += n;
          continue;
        }
        for (uint32_t v = first + (from > j ? from - j : 0); v <= last; ++v) {
          if (!fn(base + v)) return false;
        }
        j += n;
      }
      return true;
    case Kind::kBitmap:
      for (size_t w = 0; w < c.bits.size(); ++w) {
        uint64_t word = c.bits[w];
        const uint32_t n = Popcount64(word);
        if (j + n <= from) {
          j += n;
          continue;
        }
        while (word != 0) {
          const uint32_t bit = Ctz64(word);
          word &= word - 1;
          if (j++ < from) continue;
          if (!fn(base + w * 64 + bit)) return false;
        }
      }
      return true;
  }
  return true;
}

template <typename Fn>
void LineSet::ForEachFrom(uint64_t i, Fn&& fn) const {
  if (i >= size_) return;
  for (size_t k = ContainerOfIndex(i); k < containers_.size(); ++k) {
    const Container& c = containers_[k];
    const uint32_t from = i > c.before ? static_cast<uint32_t>(i - c.before) : 0;
    if (!ForEachIn(c, from, fn)) return;
  }
}

template <typename Fn>
bool LineSet::RunsIn(const Container& c, Fn& fn) {
  const uint64_t base = c.key << kContainerBits;
  switch (c.kind) {
    case Kind::kArray:
      for (size_t k = 0; k < c.small.size();) {
        size_t e = k;
        while (e + 1 < c.small.size() && c.small[e + 1] == c.small[e] + 1) ++e;
        if (!fn(base + c.small[k], base + c.small[e])) return false;
        k = e + 1;
      }
      return true;
    case Kind::kRuns:
      for (size_t r = 0; r + 1 < c.small.size(); r += 2) {
        if (!fn(base + c.small[r], base + c.small[r + 1])) return false;
      }
      return true;
    case Kind::kBitmap: {
      // A run may cross words: carry its start until a zero bit ends it.
      bool in_run = false;
      uint64_t start = 0;
      for (size_t w = 0; w < c.bits.size(); ++w) {
        uint64_t word = c.bits[w];
        uint32_t pos = 0;
        while (pos < 64) {
          if (in_run) {
            const uint64_t zeros = ~word >> pos;
            if (zeros == 0) break;  // the run goes on into the next word
            const uint32_t end = pos + Ctz64(zeros);
            if (!fn(start, base + w * 64 + end - 1)) return false;
            in_run = false;
            pos = end;
          } else {
            const uint64_t ones = word >> pos;
            if (ones == 0) break;
            pos += Ctz64(ones);
            start = base + w * 64 + pos;
            in_run = true;
          }
        }
      }
      if (in_run && !fn(start, base + kContainerSize - 1)) return false;
      return true;
    }
  }
  return true;
}

template <typename Fn>
void LineSet::ForEachRun(Fn&& fn) const {
  ForEachRunIn(0, UINT64_MAX, fn);
}

template <typename Fn>
void LineSet::ForEachRunIn(uint64_t lo, uint64_t hi, Fn&& fn) const {
  if (lo >= hi) return;
  // Runs that continue across containers are joined.
  bool have = false;
  uint64_t first = 0;
  uint64_t last = 0;
  bool stopped = false;
  auto join = [&](uint64_t a, uint64_t b) {
    if (have && a == last + 1) {
      last = b;
      return true;
    }
    if (have && !fn(first, last)) {
      stopped = true;
      return false;
    }
    have = true;
    first = a;
    last = b;
    return true;
  };
  // Clipped to [lo, hi); the first run at or past `hi` ends the walk.
  bool past = false;
  auto clip = [&](uint64_t a, uint64_t b) {
    if (b < lo) return true;
    if (a >= hi) {
      past = true;
      return false;
    }
    return join(std::max(a, lo), std::min(b, hi - 1));
  };
  const auto from = std::lower_bound(containers_.begin(), containers_.end(), lo >> kContainerBits,
                                     [](const Container& c, uint64_t key) { return c.key < key; });
  for (auto c = from; c != containers_.end() && !past; ++c) {
    if (!RunsIn(*c, clip)) break;
  }
  if (have && !stopped) fn(first, last);
}

}  // namespace lfe
