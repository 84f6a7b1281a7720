// Bit counting on 64-bit words for the line set's bitmaps (GCC/Clang builtins, MSVC intrinsics).
#pragma once

#include <cstdint>

#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#endif

namespace lfe {

inline uint32_t Popcount64(uint64_t x) {
#if defined(_MSC_VER) && !defined(__clang__)
  return static_cast<uint32_t>(__popcnt64(x));
#else
  return static_cast<uint32_t>(__builtin_popcountll(x));
#endif
}

// Index of the lowest set bit; x != 0.
inline uint32_t Ctz64(uint64_t x) {
#if defined(_MSC_VER) && !defined(__clang__)
  unsigned long index;
  _BitScanForward64(&index, x);
  return static_cast<uint32_t>(index);
#else
  return static_cast<uint32_t>(__builtin_ctzll(x));
#endif
}

}  // namespace lfe
