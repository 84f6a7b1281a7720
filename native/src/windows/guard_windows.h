// Windows half of guard.h: structured exception handling around the access.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(_MSC_VER)
#include <windows.h>
#endif

namespace lfe {
namespace detail {

#if defined(_MSC_VER)
// EXCEPTION_EXECUTE_HANDLER for an in-page error (or access violation) inside [begin, end);
// EXCEPTION_CONTINUE_SEARCH for anything else, so other handlers still see their faults.
int FaultFilter(EXCEPTION_POINTERS* info, uintptr_t begin, uintptr_t end);

template <typename Fn>
bool RunGuarded(const void* begin, uint64_t length, Fn& fn) {
  const uintptr_t b = reinterpret_cast<uintptr_t>(begin);
  const uintptr_t e = b + static_cast<uintptr_t>(length);
  __try {
    fn();
  } __except (FaultFilter(GetExceptionInformation(), b, e)) {
    return false;
  }
  return true;
}
#else
// MinGW has no __try/__except. This fallback only keeps the sources compiling (the cross
// compiler checks them); release builds for Windows use MSVC, which takes the branch above.
template <typename Fn>
bool RunGuarded(const void*, uint64_t, Fn& fn) {
  fn();
  return true;
}
#endif

}  // namespace detail
}  // namespace lfe
