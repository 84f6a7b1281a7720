#include "filter/newlines.h"

#include <algorithm>

#include "lines/line_index.h"
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

uint64_t CountNewlines(const uint8_t* p, size_t n) { return CountNewlineBytes(p, n); }

size_t NthNewline(const uint8_t* p, size_t n, uint64_t k, uint64_t* seen) {
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

}  // namespace lfe
