#include "filter/line_set.h"

#include <algorithm>

namespace lfe {

LineSet::Container& LineSet::Open(uint64_t key) {
  if (open_ && containers_.back().key == key) return containers_.back();
  if (!open_ && !containers_.empty() && containers_.back().key == key) {
    // Appending to a container already sealed: back to a bitmap.
    Container& c = containers_.back();
    std::vector<uint64_t> bits(kBitmapWords, 0);
    auto set = [&](uint64_t v) {
      const uint32_t low = static_cast<uint32_t>(v & (kContainerSize - 1));
      bits[low >> 6] |= uint64_t{1} << (low & 63);
      return true;
    };
    ForEachIn(c, 0, set);
    c.bits = std::move(bits);
    c.small = std::vector<uint16_t>();
    c.kind = Kind::kBitmap;
    open_ = true;
    return c;
  }
  if (open_) Seal();
  Container c;
  c.key = key;
  c.before = size_;
  c.kind = Kind::kBitmap;
  c.bits.assign(kBitmapWords, 0);
  containers_.push_back(std::move(c));
  open_ = true;
  return containers_.back();
}

void LineSet::Seal() {
  if (!open_) return;
  open_ = false;
  Container& c = containers_.back();
  size_t runs = 0;
  uint64_t carry = 0;  // the last bit of the previous word
  for (uint64_t w : c.bits) {
    runs += Popcount64(w & ~((w << 1) | carry));  // bits that start a run
    carry = w >> 63;
  }
  const size_t array_bytes = size_t{c.cardinality} * 2;
  const size_t run_bytes = runs * 4;
  const size_t bitmap_bytes = kBitmapWords * 8;
  if (run_bytes < bitmap_bytes && run_bytes <= array_bytes) {
    std::vector<uint16_t> pairs;
    pairs.reserve(runs * 2);
    auto add = [&](uint64_t first, uint64_t last) {
      pairs.push_back(static_cast<uint16_t>(first & (kContainerSize - 1)));
      pairs.push_back(static_cast<uint16_t>(last & (kContainerSize - 1)));
      return true;
    };
    RunsIn(c, add);
    c.small = std::move(pairs);
    c.small.shrink_to_fit();
    c.kind = Kind::kRuns;
    c.bits = std::vector<uint64_t>();
  } else if (array_bytes < bitmap_bytes) {
    std::vector<uint16_t> values;
    values.reserve(c.cardinality);
    auto add = [&](uint64_t v) {
      values.push_back(static_cast<uint16_t>(v & (kContainerSize - 1)));
      return true;
    };
    ForEachIn(c, 0, add);
    c.small = std::move(values);
    c.kind = Kind::kArray;
    c.bits = std::vector<uint64_t>();
  }
}

void LineSet::Append(uint64_t value) {
  if (size_ > 0 && value <= last_) return;
  Container& c = Open(value >> kContainerBits);
  const uint32_t low = static_cast<uint32_t>(value & (kContainerSize - 1));
  c.bits[low >> 6] |= uint64_t{1} << (low & 63);
  ++c.cardinality;
  ++size_;
  last_ = value;
}

void LineSet::SetBits(std::vector<uint64_t>& bits, uint32_t first, uint32_t last) {
  const uint32_t fw = first >> 6;
  const uint32_t lw = last >> 6;
  const uint64_t head = ~uint64_t{0} << (first & 63);
  const uint64_t tail = ~uint64_t{0} >> (63 - (last & 63));
  if (fw == lw) {
    bits[fw] |= head & tail;
    return;
  }
  bits[fw] |= head;
  for (uint32_t w = fw + 1; w < lw; ++w) bits[w] = ~uint64_t{0};
  bits[lw] |= tail;
}

void LineSet::AppendRange(uint64_t first, uint64_t last) {
  if (last < first) return;
  if (size_ > 0 && first <= last_) {
    if (last <= last_) return;
    first = last_ + 1;
  }
  while (first <= last) {
    const uint64_t key = first >> kContainerBits;
    const uint64_t container_last = (key << kContainerBits) | (kContainerSize - 1);
    const uint64_t to = std::min(last, container_last);
    Container& c = Open(key);
    SetBits(c.bits, static_cast<uint32_t>(first & (kContainerSize - 1)), static_cast<uint32_t>(to & (kContainerSize - 1)));
    const uint64_t n = to - first + 1;
    c.cardinality += static_cast<uint32_t>(n);
    size_ += n;
    last_ = to;
    if (to == UINT64_MAX) break;
    first = to + 1;
  }
}

size_t LineSet::ContainerOfIndex(uint64_t i) const {
  // The last container whose first value's index is <= i.
  size_t lo = 0;
  size_t hi = containers_.size();
  while (hi - lo > 1) {
    const size_t mid = (lo + hi) / 2;
    if (containers_[mid].before <= i) lo = mid;
    else hi = mid;
  }
  return lo;
}

uint32_t LineSet::SelectIn(const Container& c, uint32_t j) {
  switch (c.kind) {
    case Kind::kArray:
      return c.small[j];
    case Kind::kRuns:
      for (size_t r = 0; r + 1 < c.small.size(); r += 2) {
        const uint32_t n = static_cast<uint32_t>(c.small[r + 1]) - c.small[r] + 1;
        if (j < n) return c.small[r] + j;
        j -= n;
      }
      return 0;
    case Kind::kBitmap:
      for (size_t w = 0; w < c.bits.size(); ++w) {
        uint64_t word = c.bits[w];
        const uint32_t n = Popcount64(word);
        if (j >= n) {
          j -= n;
          continue;
        }
        for (; j > 0; --j) word &= word - 1;
        return static_cast<uint32_t>(w * 64 + Ctz64(word));
      }
      return 0;
  }
  return 0;
}

uint32_t LineSet::RankIn(const Container& c, uint32_t low) {
  switch (c.kind) {
    case Kind::kArray:
      return static_cast<uint32_t>(std::lower_bound(c.small.begin(), c.small.end(), static_cast<uint16_t>(low)) - c.small.begin());
    case Kind::kRuns: {
      uint32_t n = 0;
      for (size_t r = 0; r + 1 < c.small.size(); r += 2) {
        if (c.small[r] >= low) break;
        n += std::min<uint32_t>(c.small[r + 1], low - 1) - c.small[r] + 1;
      }
      return n;
    }
    case Kind::kBitmap: {
      uint32_t n = 0;
      const uint32_t words = low >> 6;
      for (uint32_t w = 0; w < words; ++w) n += Popcount64(c.bits[w]);
      if ((low & 63) != 0) n += Popcount64(c.bits[words] & ((uint64_t{1} << (low & 63)) - 1));
      return n;
    }
  }
  return 0;
}

std::optional<uint64_t> LineSet::Select(uint64_t i) const {
  if (i >= size_) return std::nullopt;
  const Container& c = containers_[ContainerOfIndex(i)];
  return (c.key << kContainerBits) + SelectIn(c, static_cast<uint32_t>(i - c.before));
}

uint64_t LineSet::Rank(uint64_t value) const {
  const uint64_t key = value >> kContainerBits;
  // The first container with a key >= key.
  const auto it = std::lower_bound(containers_.begin(), containers_.end(), key,
                                   [](const Container& c, uint64_t k) { return c.key < k; });
  if (it == containers_.end()) return size_;
  if (it->key > key) return it->before;
  return it->before + RankIn(*it, static_cast<uint32_t>(value & (kContainerSize - 1)));
}

bool LineSet::Contains(uint64_t value) const {
  const uint64_t r = Rank(value);
  const std::optional<uint64_t> at = Select(r);
  return at && *at == value;
}

LineSet LineSet::Dilate(uint64_t before, uint64_t after, uint64_t limit) const {
  LineSet out;
  if (limit == 0) return out;
  bool have = false;
  uint64_t first = 0;
  uint64_t last = 0;
  ForEachRun([&](uint64_t a, uint64_t b) {
    const uint64_t lo = a > before ? a - before : 0;
    const uint64_t hi = std::min(limit - 1, b > UINT64_MAX - after ? UINT64_MAX : b + after);
    if (lo > hi) return true;
    if (have && lo <= last + 1) {
      last = std::max(last, hi);
      return true;
    }
    if (have) out.AppendRange(first, last);
    have = true;
    first = lo;
    last = hi;
    return true;
  });
  if (have) out.AppendRange(first, last);
  out.Seal();
  return out;
}

size_t LineSet::bytes() const {
  size_t n = containers_.capacity() * sizeof(Container);
  for (const Container& c : containers_) n += c.small.capacity() * 2 + c.bits.capacity() * 8;
  return n;
}

}  // namespace lfe
