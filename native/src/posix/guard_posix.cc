// The process-wide SIGBUS/SIGSEGV handler behind guard.h.
#include <signal.h>
#include <string.h>

#include <mutex>

#include "guard.h"

namespace lfe {
namespace detail {

#if defined(__GNUC__) && !defined(__APPLE__)
thread_local GuardScope* t_guard_scope __attribute__((tls_model("initial-exec"))) = nullptr;
#else
thread_local GuardScope* t_guard_scope = nullptr;
#endif

namespace {

struct sigaction g_previous_bus;
struct sigaction g_previous_segv;

// Not our fault: do what the previous owner of the signal would have done.
void ChainToPrevious(int sig, siginfo_t* info, void* context) {
  const struct sigaction& previous = sig == SIGBUS ? g_previous_bus : g_previous_segv;
  if (previous.sa_flags & SA_SIGINFO) {
    if (previous.sa_sigaction != nullptr) {
      previous.sa_sigaction(sig, info, context);
      return;
    }
  } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
    previous.sa_handler(sig);
    return;
  }
  // Default action: restore it and return; the faulting instruction runs again and the kernel
  // applies the default (a core dump). A signal sent with kill() does not recur, so re-raise it.
  signal(sig, SIG_DFL);
  if (info == nullptr || info->si_code <= 0) raise(sig);
}

void OnFault(int sig, siginfo_t* info, void* context) {
  if (info != nullptr) {
    const uintptr_t address = reinterpret_cast<uintptr_t>(info->si_addr);
    for (GuardScope* scope = t_guard_scope; scope != nullptr; scope = scope->outer) {
      if (address >= scope->begin && address < scope->end) siglongjmp(scope->jump, 1);
    }
  }
  ChainToPrevious(sig, info, context);
}

}  // namespace

void AfterFault() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGBUS);
  sigaddset(&set, SIGSEGV);
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

}  // namespace detail

void InstallFaultGuard() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = detail::OnFault;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &detail::g_previous_bus);
    sigaction(SIGSEGV, &action, &detail::g_previous_segv);
  });
}

}  // namespace lfe
