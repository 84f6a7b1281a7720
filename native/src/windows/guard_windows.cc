// The exception filter behind guard.h on Windows. No process-wide handler is needed: __except
// catches the fault in the frame that made the access.
#include "guard.h"

namespace lfe {
namespace detail {

#if defined(_MSC_VER)
int FaultFilter(EXCEPTION_POINTERS* info, uintptr_t begin, uintptr_t end) {
  const EXCEPTION_RECORD* record = info->ExceptionRecord;
  const DWORD code = record->ExceptionCode;
  if ((code == EXCEPTION_IN_PAGE_ERROR || code == EXCEPTION_ACCESS_VIOLATION) && record->NumberParameters >= 2) {
    const uintptr_t address = static_cast<uintptr_t>(record->ExceptionInformation[1]);
    if (address >= begin && address < end) return EXCEPTION_EXECUTE_HANDLER;
  }
  return EXCEPTION_CONTINUE_SEARCH;
}
#endif

}  // namespace detail

void InstallFaultGuard() {}

}  // namespace lfe
