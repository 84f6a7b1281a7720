#include "filter/newlines.h"

#include <algorithm>

#include "lines/line_index.h"
#include "filter/bits.h"
#include "simd.h"

namespace lfe {

size_t LastNewline(const uint8_t* p, size_t n) {
  size_t i = n;
#if LFE_X86_SIMD
  const __m128i nl = _mm_set1_epi8('\n');
  while (i >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i - 16));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)));
    if (mask != 0) {
      unsigned top = 15;
      while ((mask & (1u << top)) == 0) --top;
      return i - 16 + top;
    }
    i -= 16;
  }
#endif
  while (i > 0) {
    --i;
    if (p[i] == '\n') return i;
  }
  return n;
}

namespace {

#if LFE_X86_SIMD
// Short ranges (the bytes between two hits, a line or a few): 32 bytes a step, the last step an
// overlapping load with the bytes already counted masked off, instead of the SSE2 and byte loops
// of the long-range counter's tail.
LFE_TARGET_AVX2 uint64_t CountShortAvx2(const uint8_t* p, size_t n) {
  const __m256i nl = _mm256_set1_epi8('\n');
  uint64_t count = 0;
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    count += Popcount64(static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl))));
  }
  if (i < n) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + n - 32));
    const uint32_t mask = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl)));
    count += Popcount64(mask >> (32 - (n - i)));
  }
  return count;
}
#endif

}  // namespace

uint64_t CountNewlines(const uint8_t* p, size_t n) {
#if LFE_X86_SIMD
  if (n >= 32 && n < 4096 && CpuHasAvx2()) return CountShortAvx2(p, n);
#endif
  if (n < 32) {
    uint64_t count = 0;
    for (size_t i = 0; i < n; ++i) count += p[i] == '\n';
    return count;
  }
  return CountNewlineBytes(p, n);
}

#if LFE_X86_SIMD
namespace {
// The k-th '\n' 32 bytes a step: the step's newlines by popcount, the one wanted by clearing the
// lower bits of its mask (a walk from one line to one a few lines on costs no call per line).
LFE_TARGET_AVX2 size_t NthNewlineAvx2(const uint8_t* p, size_t n, uint64_t k, uint64_t* seen) {
  const __m256i nl = _mm256_set1_epi8('\n');
  uint64_t found = 0;
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    uint32_t mask = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl)));
    const uint32_t here = Popcount64(mask);
    if (found + here < k) {
      found += here;
      continue;
    }
    for (uint64_t skip = k - found - 1; skip > 0; --skip) mask &= mask - 1;
    return i + Ctz64(mask);
  }
  for (; i < n; ++i) {
    if (p[i] == '\n' && ++found == k) return i;
  }
  if (seen != nullptr) *seen = found;
  return n;
}
}  // namespace
#endif

size_t NthNewline(const uint8_t* p, size_t n, uint64_t k, uint64_t* seen) {
#if LFE_X86_SIMD
  // Near lines: the SIMD walk; far ones: whole chunks counted first (below).
  if (k <= 256 && CpuHasAvx2()) {
    const size_t probe = std::min<size_t>(n, 64 * 1024);
    uint64_t found = 0;
    const size_t at = NthNewlineAvx2(p, probe, k, &found);
    if (at < probe) return at;
    if (probe == n) {
      if (seen != nullptr) *seen = found;
      return n;
    }
    uint64_t rest = 0;
    const size_t more = NthNewline(p + probe, n - probe, k - found, &rest);
    if (more < n - probe) return probe + more;
    if (seen != nullptr) *seen = found + rest;
    return n;
  }
#endif
  // Whole chunks are counted with SIMD; the chunk holding the k-th is walked with memchr.
  constexpr size_t kChunk = 4096;
  uint64_t found = 0;
  size_t i = 0;
  while (i < n) {
    const size_t len = std::min(kChunk, n - i);
    const uint64_t here = k - found > 64 ? CountNewlineBytes(p + i, len) : UINT64_MAX;
    if (here != UINT64_MAX && found + here < k) {
      found += here;
      i += len;
      continue;
    }
    for (size_t j = i; j < i + len;) {
      const size_t at = j + NextNewline(p + j, i + len - j);
      if (at >= i + len) break;
      if (++found == k) return at;
      j = at + 1;
    }
    i += len;
  }
  if (seen != nullptr) *seen = found;
  return n;
}

#if LFE_X86_SIMD
namespace {
LFE_TARGET_AVX2 size_t NewlineMasksAvx2(const uint8_t* p, size_t n, void (*fn)(void*, size_t), void* ctx) {
  const __m256i nl = _mm256_set1_epi8('\n');
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    uint32_t mask = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl)));
    while (mask != 0) {
      fn(ctx, i + Ctz64(mask));
      mask &= mask - 1;
    }
  }
  return i;
}
}  // namespace
#endif

void NewlineMasks(const uint8_t* p, size_t n, void (*fn)(void*, size_t), void* ctx) {
  size_t i = 0;
#if LFE_X86_SIMD
  if (CpuHasAvx2()) i = NewlineMasksAvx2(p, n, fn, ctx);
#endif
  for (; i < n; ++i) {
    if (p[i] == '\n') fn(ctx, i);
  }
}

}  // namespace lfe
