// The fault guard: the ONE primitive through which every access to mapped memory goes (copies,
// searches, line indexing, writes).
//
// Why: another process may truncate a mapped file at any time. The next access to a page past the
// new end raises SIGBUS (Windows: EXCEPTION_IN_PAGE_ERROR), which would kill the extension host
// and every extension in it. The guard turns that fault into an EngineError("EFILECHANGED").
//
// How (POSIX): a process-wide SIGBUS/SIGSEGV handler (sigaction, SA_SIGINFO|SA_ONSTACK) looks at a
// thread-local record "this thread is inside a guarded access of [begin, end)". If the faulting
// address is inside, it siglongjmps back to the guard; otherwise it hands the fault to the handler
// that was installed before ours (Node/V8 rely on theirs for WebAssembly bounds traps).
//
// The rule for code running under the guard: the faulting path leaves by longjmp, without
// unwinding, so the guarded callable must not create objects with destructors that could be alive
// at the moment it touches mapped memory. Objects created before the guard are fine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine_error.h"

namespace lfe {

// Installs the process-wide fault handler. Idempotent and thread-safe; called when the addon loads.
void InstallFaultGuard();

}  // namespace lfe

#if defined(_WIN32)
#include "windows/guard_windows.h"
#else
#include "posix/guard_posix.h"
#endif

namespace lfe {

// Runs fn() with [begin, begin+length) guarded. A fault inside that range ends fn() early and
// throws EngineError EFILECHANGED naming `path`.
template <typename Fn>
void GuardedAccess(const void* begin, uint64_t length, const std::string& path, Fn&& fn) {
  if (!detail::RunGuarded(begin, length, fn)) {
    throw EngineError("EFILECHANGED",
                      "'" + path + "' changed on disk while it was being read (it was truncated or replaced)");
  }
}

}  // namespace lfe
