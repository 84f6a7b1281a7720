#include "lines/line_index.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <thread>

#include "simd.h"

namespace lfe {

namespace {

// A stripe is the unit of work handed to a thread: many blocks, so threads rarely synchronise.
constexpr uint64_t kBlocksPerStripe = 256;  // 16 MiB

// Counts `byte` in p[0, n) and tells whether any '\r' is there (so the common case, no '\r' at
// all, needs one pass). Byte-wise counters add up to 255 rounds, then fold into 64-bit sums.
uint64_t CountByteScalar(const uint8_t* p, size_t n, uint8_t byte, bool* any_cr) {
  uint64_t count = 0;
  bool cr = false;
  for (size_t i = 0; i < n; ++i) {
    count += p[i] == byte;
    cr |= p[i] == '\r';
  }
  *any_cr = cr;
  return count;
}

#if LFE_X86_SIMD
uint64_t CountByteSse2(const uint8_t* p, size_t n, uint8_t byte, bool* any_cr) {
  uint64_t count = 0;
  size_t i = 0;
  const __m128i target = _mm_set1_epi8(static_cast<char>(byte));
  const __m128i carriage = _mm_set1_epi8('\r');
  __m128i seen_cr = _mm_setzero_si128();
  while (i + 16 <= n) {
    __m128i acc = _mm_setzero_si128();
    const size_t rounds = std::min<size_t>((n - i) / 16, 255);
    for (size_t r = 0; r < rounds; ++r, i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, target));
      seen_cr = _mm_or_si128(seen_cr, _mm_cmpeq_epi8(v, carriage));
    }
    const __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
    count += static_cast<uint64_t>(_mm_cvtsi128_si64(sums)) +
             static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
  bool tail_cr = false;
  count += CountByteScalar(p + i, n - i, byte, &tail_cr);
  *any_cr = tail_cr || _mm_movemask_epi8(seen_cr) != 0;
  return count;
}

LFE_TARGET_AVX2 uint64_t CountByteAvx2(const uint8_t* p, size_t n, uint8_t byte, bool* any_cr) {
  uint64_t count = 0;
  size_t i = 0;
  const __m256i target = _mm256_set1_epi8(static_cast<char>(byte));
  const __m256i carriage = _mm256_set1_epi8('\r');
  __m256i seen_cr = _mm256_setzero_si256();
  while (i + 64 <= n) {
    // Two independent accumulators per round keep both load ports busy.
    __m256i acc0 = _mm256_setzero_si256();
    __m256i acc1 = _mm256_setzero_si256();
    const size_t rounds = std::min<size_t>((n - i) / 64, 255);
    for (size_t r = 0; r < rounds; ++r, i += 64) {
      const __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
      const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 32));
      acc0 = _mm256_sub_epi8(acc0, _mm256_cmpeq_epi8(v0, target));
      acc1 = _mm256_sub_epi8(acc1, _mm256_cmpeq_epi8(v1, target));
      seen_cr = _mm256_or_si256(seen_cr, _mm256_or_si256(_mm256_cmpeq_epi8(v0, carriage), _mm256_cmpeq_epi8(v1, carriage)));
    }
    const __m256i zero = _mm256_setzero_si256();
    const __m256i sums = _mm256_add_epi64(_mm256_sad_epu8(acc0, zero), _mm256_sad_epu8(acc1, zero));
    count += static_cast<uint64_t>(_mm256_extract_epi64(sums, 0)) + static_cast<uint64_t>(_mm256_extract_epi64(sums, 1)) +
             static_cast<uint64_t>(_mm256_extract_epi64(sums, 2)) + static_cast<uint64_t>(_mm256_extract_epi64(sums, 3));
  }
  bool tail_cr = false;
  count += CountByteSse2(p + i, n - i, byte, &tail_cr);
  *any_cr = tail_cr || _mm256_movemask_epi8(seen_cr) != 0;
  return count;
}

#endif

uint64_t CountByte(const uint8_t* p, size_t n, uint8_t byte, bool* any_cr) {
#if LFE_X86_SIMD
  return CpuHasAvx2() ? CountByteAvx2(p, n, byte, any_cr) : CountByteSse2(p, n, byte, any_cr);
#else
  return CountByteScalar(p, n, byte, any_cr);
#endif
}

}  // namespace

uint64_t CountNewlineBytes(const uint8_t* p, size_t n) {
  bool any_cr = false;
  return CountByte(p, n, '\n', &any_cr);
}

BreakCounts CountBreaks(const uint8_t* p, size_t n, int next) {
  bool any_cr = false;
  BreakCounts counts{CountByte(p, n, '\n', &any_cr), 0, false};
  if (!any_cr) return counts;  // the common case: no '\r' at all, one pass
  counts.any_cr = true;
  for (const uint8_t* q = static_cast<const uint8_t*>(std::memchr(p, '\r', n)); q != nullptr;
       q = static_cast<const uint8_t*>(std::memchr(q + 1, '\r', static_cast<size_t>(p + n - q - 1)))) {
    const int after = q + 1 < p + n ? q[1] : next;
    if (after != '\n') ++counts.lone_cr;
    if (q + 1 >= p + n) break;
  }
  return counts;
}

LineIndex::LineIndex(const std::shared_ptr<const MappedFile>& file)
    : file_(file),
      size_(file->size()),
      blocks_((size_ + kBlockSize - 1) / kBlockSize),
      cumulative_(new uint64_t[blocks_ + 1]()),
      lone_cr_(new uint32_t[blocks_ > 0 ? blocks_ : 1]()),
      has_cr_(new uint8_t[blocks_ > 0 ? blocks_ : 1]()) {}

LineIndex::LineIndex(const std::shared_ptr<const MappedFile>& file, const uint32_t* seed_breaks,
                     const uint32_t* seed_lone_cr, const uint8_t* seed_has_cr, uint64_t seed_blocks)
    : LineIndex(file) {
  if (seed_blocks > blocks_) throw EngineError("EINVAL", "The stored line index has more blocks than the file");
  uint64_t newlines = 0;
  for (uint64_t b = 0; b < seed_blocks; ++b) {
    const uint64_t block_bytes = std::min(size_, (b + 1) * kBlockSize) - b * kBlockSize;
    if (seed_breaks[b] > block_bytes || seed_lone_cr[b] > seed_breaks[b]) {
      throw EngineError("EINVAL", "The stored line index has an impossible count for block " + std::to_string(b));
    }
    cumulative_[b + 1] = cumulative_[b] + seed_breaks[b];
    lone_cr_[b] = seed_lone_cr[b];
    // A lone '\r' is a '\r': a seed that says otherwise is not believed.
    has_cr_[b] = seed_has_cr == nullptr || seed_has_cr[b] != 0 || seed_lone_cr[b] > 0 ? 1 : 0;
    newlines += seed_breaks[b] - seed_lone_cr[b];
  }
  newlines_.store(newlines);
  seeded_blocks_ = seed_blocks;
  indexed_blocks_.store(seed_blocks, std::memory_order_release);
}

uint64_t LineIndex::indexed_bytes() const {
  return std::min(size_, indexed_blocks_.load(std::memory_order_acquire) * kBlockSize);
}

uint64_t LineIndex::breaks_indexed() const {
  return cumulative_[indexed_blocks_.load(std::memory_order_acquire)];
}

std::shared_ptr<const MappedFile> LineIndex::Lock() const {
  std::shared_ptr<const MappedFile> file = file_.lock();
  if (!file || file->closed()) throw EngineError("ECLOSED", "The file has been closed");
  return file;
}

LineIndex::Counts LineIndex::CountRange(const MappedFile& file, uint64_t begin, uint64_t end) const {
  std::vector<uint8_t> scratch;
  const uint8_t* p = file.View(begin, std::min(size_, end + 1), scratch);
  const size_t n = static_cast<size_t>(end - begin);
  const bool has_next = end < size_;
  BreakCounts counts{0, 0, false};
  file.Guard([&] { counts = CountBreaks(p, n, has_next ? p[n] : -1); });
  return Counts{counts.newlines, counts.lone_cr, counts.any_cr};
}

bool LineIndex::BuildImpl(const std::atomic<bool>& cancel, unsigned threads, void (*progress)(void*, uint64_t),
                          void* ctx) {
  const std::shared_ptr<const MappedFile> file = file_.lock();
  if (!file) return false;
  // Blocks before `first` came from a seed; stripes cover the rest.
  const uint64_t first = seeded_blocks_;
  const uint64_t stripes = (blocks_ - first + kBlocksPerStripe - 1) / kBlocksPerStripe;
  if (threads == 0) threads = std::max(1u, std::min(std::thread::hardware_concurrency(), 16u));
  threads = static_cast<unsigned>(std::min<uint64_t>(threads, std::max<uint64_t>(stripes, 1)));
  // Per-block counts land in `block_breaks`; the publisher turns completed stripes, in order,
  // into the cumulative table.
  std::vector<uint32_t> block_breaks(blocks_);
  std::vector<char> stripe_done(stripes, 0);
  std::mutex mutex;
  std::condition_variable changed;
  std::atomic<uint64_t> next_stripe{0};
  std::atomic<bool> stop{false};
  std::exception_ptr error;
  uint64_t published_stripes = 0;

  auto publish = [&] {  // called with `mutex` held
    while (published_stripes < stripes && stripe_done[published_stripes]) {
      const uint64_t b0 = first + published_stripes * kBlocksPerStripe;
      const uint64_t b1 = std::min(blocks_, b0 + kBlocksPerStripe);
      for (uint64_t b = b0; b < b1; ++b) cumulative_[b + 1] = cumulative_[b] + block_breaks[b];
      ++published_stripes;
      indexed_blocks_.store(b1, std::memory_order_release);
    }
  };

  auto work = [&] {
    try {
      for (;;) {
        if (stop.load() || cancel.load() || file->closed()) return;
        const uint64_t stripe = next_stripe.fetch_add(1);
        if (stripe >= stripes) return;
        const uint64_t b0 = first + stripe * kBlocksPerStripe;
        const uint64_t b1 = std::min(blocks_, b0 + kBlocksPerStripe);
        uint64_t newlines = 0;
        file->Prefetch(b0 * kBlockSize, (b1 - b0) * kBlockSize);
        for (uint64_t b = b0; b < b1; ++b) {
          const Counts c = CountRange(*file, b * kBlockSize, std::min(size_, (b + 1) * kBlockSize));
          block_breaks[b] = static_cast<uint32_t>(c.newlines + c.lone_cr);
          lone_cr_[b] = static_cast<uint32_t>(c.lone_cr);
          has_cr_[b] = c.any_cr ? 1 : 0;
          newlines += c.newlines;
        }
        file->Release(b0 * kBlockSize, (b1 - b0) * kBlockSize);
        newlines_.fetch_add(newlines);
        {
          std::lock_guard<std::mutex> lock(mutex);
          stripe_done[stripe] = 1;
          publish();
        }
        changed.notify_all();
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      if (!error) error = std::current_exception();
      stop.store(true);
      changed.notify_all();
    }
  };

  // The workers scan; this thread only reports progress until they are done.
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(work);
  {
    std::unique_lock<std::mutex> lock(mutex);
    while (published_stripes < stripes && !stop.load() && !cancel.load() && !file->closed()) {
      changed.wait_for(lock, std::chrono::milliseconds(50));
      const uint64_t bytes = indexed_bytes();
      lock.unlock();
      progress(ctx, bytes);
      lock.lock();
    }
  }
  stop.store(true);
  for (std::thread& t : pool) t.join();
  // Stripes read a byte or so past their end, mapping pages of a stripe another thread may have
  // released already: one release of the whole file leaves none of it mapped (see Scan).
  if (stripes > 0) file->Release(0, size_);
  if (error) std::rethrow_exception(error);
  progress(ctx, indexed_bytes());
  return complete();
}

std::optional<uint64_t> LineIndex::LineOfOffset(uint64_t offset) const {
  const std::shared_ptr<const MappedFile> file = Lock();
  if (offset > size_) return std::nullopt;
  const uint64_t block = offset / kBlockSize;
  const uint64_t ready = indexed_blocks_.load(std::memory_order_acquire);
  if (block > ready) return std::nullopt;  // cumulative_[block] is not known yet
  const uint64_t block_start = block * kBlockSize;
  if (block_start == offset) return cumulative_[block];
  // Breaks attributed to positions before `offset`: a '\r' just before `offset` followed by '\n'
  // at `offset` is not a break yet (the pair counts at its '\n').
  const Counts c = CountRange(*file, block_start, offset);
  return cumulative_[block] + c.newlines + c.lone_cr;
}

std::optional<uint64_t> LineIndex::FindBreak(const MappedFile& file, uint64_t begin, uint64_t end,
                                             uint64_t nth) const {
  std::vector<uint8_t> scratch;
  const uint8_t* p = file.View(begin, std::min(size_, end + 1), scratch);
  const size_t n = static_cast<size_t>(end - begin);
  const bool has_next = end < size_;
  size_t found = SIZE_MAX;
  file.Guard([&] {
    uint64_t seen = 0;
    for (size_t i = 0; i < n; ++i) {
      const uint8_t c = p[i];
      if (c == '\n' || (c == '\r' && (i + 1 < n ? p[i + 1] != '\n' : (!has_next || p[n] != '\n')))) {
        if (++seen == nth) {
          found = i;
          return;
        }
      }
    }
  });
  if (found == SIZE_MAX) return std::nullopt;
  return begin + found;
}

std::optional<uint64_t> LineIndex::OffsetOfLine(uint64_t line) const {
  const std::shared_ptr<const MappedFile> file = Lock();
  if (line == 0) return 0;
  const uint64_t ready = indexed_blocks_.load(std::memory_order_acquire);
  if (cumulative_[ready] < line) return std::nullopt;  // not indexed yet, or past the last line
  // The block holding the line-th break: the last b with cumulative_[b] < line.
  const uint64_t* first = cumulative_.get();
  const uint64_t* it = std::lower_bound(first, first + ready + 1, line);
  const uint64_t block = static_cast<uint64_t>(it - first) - 1;
  const uint64_t begin = block * kBlockSize;
  const std::optional<uint64_t> at =
      FindBreak(*file, begin, std::min(size_, begin + kBlockSize), line - cumulative_[block]);
  if (!at) return std::nullopt;
  return *at + 1;
}

bool LineIndex::ExportBlocks(uint32_t* breaks, uint32_t* lone_cr, uint8_t* has_cr) const {
  if (!complete()) return false;
  for (uint64_t b = 0; b < blocks_; ++b) {
    breaks[b] = static_cast<uint32_t>(cumulative_[b + 1] - cumulative_[b]);
    lone_cr[b] = lone_cr_[b];
    has_cr[b] = has_cr_[b];
  }
  return true;
}

namespace {

// CountRanges reads straight from the mapping, under one guard for the whole batch (a guard per
// access would cost more than the counting: a Replace All leaves millions of ranges).
struct DirectBytes {
  const uint8_t* base;
  uint64_t size;
  uint64_t Count(uint64_t a, uint64_t b) const {
    if (b - a <= kShort) {
      // The gaps between a Replace All's pieces are a few bytes: a plain loop beats the SIMD set-up.
      uint64_t n = 0;
      for (uint64_t p = a; p < b; ++p) n += base[p] == '\n' || (base[p] == '\r' && At(p + 1) != '\n');
      return n;
    }
    const BreakCounts c = CountBreaks(base + a, static_cast<size_t>(b - a), b < size ? base[b] : -1);
    return c.newlines + c.lone_cr;
  }
  int At(uint64_t p) const { return p < size ? base[p] : -1; }
  static constexpr uint64_t kShort = 64;
};

}  // namespace

template <typename Bytes>
uint64_t LineIndex::BreaksBefore(const Bytes& bytes, uint64_t x) const {
  const uint64_t k = x / kBlockSize;
  const uint64_t lo = k * kBlockSize;
  const uint64_t hi = std::min(size_, lo + kBlockSize);
  if (x - lo <= hi - x) return cumulative_[k] + bytes.Count(lo, x);
  return cumulative_[k + 1] - bytes.Count(x, hi);
}

template <typename Bytes>
uint64_t LineIndex::BreaksBetween(const Bytes& bytes, uint64_t a, uint64_t b) const {
  auto edge = [&](uint64_t x) {
    const uint64_t lo = x / kBlockSize * kBlockSize;
    return std::min(x - lo, std::min(size_, lo + kBlockSize) - x);
  };
  if (b - a <= edge(a) + edge(b)) return bytes.Count(a, b);
  return BreaksBefore(bytes, b) - BreaksBefore(bytes, a);
}

template <typename Bytes>
std::optional<uint64_t> LineIndex::CountRangesWith(const Bytes& bytes, const double* starts, const double* lengths,
                                                   size_t n, uint8_t* flags, double* counts) const {
  const uint64_t indexed = indexed_bytes();
  // Breaks before b minus breaks before a, for a and b in either order.
  auto signed_between = [&](uint64_t a, uint64_t b) -> int64_t {
    return a <= b ? static_cast<int64_t>(BreaksBetween(bytes, a, b)) : -static_cast<int64_t>(BreaksBetween(bytes, b, a));
  };
  int64_t total = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t s = static_cast<uint64_t>(starts[i]);
    const uint64_t e = s + static_cast<uint64_t>(lengths[i]);
    if (e > indexed) return std::nullopt;
    // Only blocks with a '\r' need a look at the last byte; the first only when asked. A file
    // with no '\r' then touches just the bytes it counts (every page of the mapping read costs a
    // fault, and an edited document's ranges lie on every page).
    const bool ends_cr = has_cr_[(e - 1) / kBlockSize] != 0 && bytes.At(e - 1) == '\r';
    // The index counts a '\r' at e - 1 by the byte after it in the file; the range leaves it out.
    const int64_t cr_at_end = ends_cr && bytes.At(e) != '\n' ? 1 : 0;
    const bool starts_lf = (flags[i] & 1) != 0 && bytes.At(s) == '\n';
    flags[i] = static_cast<uint8_t>((starts_lf ? 1 : 0) | (ends_cr ? 2 : 0));
    if (counts) {
      const int64_t c = static_cast<int64_t>(BreaksBetween(bytes, s, e)) - cr_at_end;
      counts[i] = static_cast<double>(c);
      total += c;
    } else {
      total -= cr_at_end;
    }
  }
  if (!counts && n > 0) {
    // sum (B(e_i) - B(s_i)) = (B(e_last) - B(s_0)) - sum (B(s_i+1) - B(e_i)): the gaps, not the ranges.
    auto end_of = [&](size_t i) { return static_cast<uint64_t>(starts[i]) + static_cast<uint64_t>(lengths[i]); };
    total += signed_between(static_cast<uint64_t>(starts[0]), end_of(n - 1));
    for (size_t i = 0; i + 1 < n; ++i) {
      const uint64_t gap_begin = end_of(i);
      const uint64_t gap_end = static_cast<uint64_t>(starts[i + 1]);
      // Mostly a match's few bytes (a Replace All) or none (inserts): counted where they lie.
      if (gap_end >= gap_begin && gap_end - gap_begin <= 64) total -= static_cast<int64_t>(bytes.Count(gap_begin, gap_end));
      else total -= signed_between(gap_begin, gap_end);
    }
  }
  return static_cast<uint64_t>(total);
}

std::optional<uint64_t> LineIndex::CountRanges(const double* starts, const double* lengths, size_t n, uint8_t* flags,
                                               double* counts) const {
  const std::shared_ptr<const MappedFile> file = Lock();
  for (size_t i = 0; i < n; ++i) {
    const double s = starts[i];
    const double l = lengths[i];
    if (!(s >= 0 && l >= 1) || s != std::floor(s) || l != std::floor(l) || s + l > static_cast<double>(size_)) {
      throw EngineError("EINVAL", "Range " + std::to_string(i) + " is not a non-empty range inside the file");
    }
  }
  const uint8_t* direct = file->data();
  if (direct == nullptr) return 0;  // an empty file: no range can have passed the check above
  std::optional<uint64_t> result;
  file->Guard([&] { result = CountRangesWith(DirectBytes{direct, size_}, starts, lengths, n, flags, counts); });
  // Like every scan, leave no page of what was read mapped (charged to the process), but not after
  // every batch: a Replace All's line count makes 13 K batches over neighbouring bytes, and
  // mapping the same pages again each time costs more than counting. At most kRetained stay mapped.
  double span = 0;
  for (size_t i = 0; i < n; ++i) span += lengths[i];
  if (retained_.fetch_add(static_cast<uint64_t>(span) + 2 * kBlockSize) > kRetained) {
    retained_.store(0);
    file->Release(0, size_);
  }
  return result;
}

}  // namespace lfe
