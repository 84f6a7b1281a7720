// POSIX half of guard.h: sigsetjmp here, the signal handler in guard_posix.cc.
#pragma once

#include <setjmp.h>

#include <cstddef>
#include <cstdint>

namespace lfe {
namespace detail {

struct GuardScope {
  uintptr_t begin;
  uintptr_t end;
  GuardScope* outer;  // guards nest (a guarded read inside a guarded search)
  sigjmp_buf jump;
};

// The innermost guard on this thread. initial-exec TLS: reading it from the signal handler must
// not allocate (dynamic TLS of a dlopen'ed module can allocate on first touch).
#if defined(__GNUC__) && !defined(__APPLE__)
extern thread_local GuardScope* t_guard_scope __attribute__((tls_model("initial-exec")));
#else
extern thread_local GuardScope* t_guard_scope;
#endif

// After siglongjmp out of the handler the faulting signal is still blocked on this thread (we
// jump with savemask=0 to keep sigsetjmp free of syscalls); unblock it.
void AfterFault();

template <typename Fn>
bool RunGuarded(const void* begin, uint64_t length, Fn& fn) {
  GuardScope scope;
  scope.begin = reinterpret_cast<uintptr_t>(begin);
  scope.end = scope.begin + static_cast<uintptr_t>(length);
  scope.outer = t_guard_scope;
  if (sigsetjmp(scope.jump, 0) != 0) {
    t_guard_scope = scope.outer;
    AfterFault();
    return false;
  }
  t_guard_scope = &scope;
  try {
    fn();
  } catch (...) {
    t_guard_scope = scope.outer;
    throw;
  }
  t_guard_scope = scope.outer;
  return true;
}

}  // namespace detail
}  // namespace lfe
