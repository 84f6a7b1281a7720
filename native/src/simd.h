// x86-64 SIMD portability: which compiler spelling to use for a per-function AVX2 target, for the
// CPU check, and for count-trailing-zeros. Other architectures use the scalar code paths.
#pragma once

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define LFE_X86_SIMD 1
#define LFE_TARGET_AVX2 __attribute__((target("avx2")))

namespace lfe {
inline bool CpuHasAvx2() {
  static const bool have = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return have;
}
inline unsigned CountTrailingZeros(unsigned x) { return static_cast<unsigned>(__builtin_ctz(x)); }
}  // namespace lfe

#elif defined(_M_X64) && defined(_MSC_VER)
#include <immintrin.h>
#include <intrin.h>
#define LFE_X86_SIMD 1
#define LFE_TARGET_AVX2  // MSVC emits AVX2 intrinsics without a target attribute

namespace lfe {
inline bool CpuHasAvx2() {
  static const bool have = [] {
    int info[4];
    __cpuid(info, 1);
    const bool os_saves_ymm = (info[2] & (1 << 27)) != 0 && (_xgetbv(0) & 6) == 6;  // OSXSAVE, XMM+YMM state
    __cpuidex(info, 7, 0);
    return os_saves_ymm && (info[1] & (1 << 5)) != 0;  // AVX2
  }();
  return have;
}
inline unsigned CountTrailingZeros(unsigned x) {
  unsigned long index;
  _BitScanForward(&index, x);
  return static_cast<unsigned>(index);
}
}  // namespace lfe

#else
#define LFE_X86_SIMD 0
#endif
