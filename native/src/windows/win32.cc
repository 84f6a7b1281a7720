#include "windows/win32.h"

namespace lfe {

std::wstring Widen(const std::string& utf8) {
  if (utf8.empty()) return std::wstring();
  int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
  std::wstring out(static_cast<size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), &out[0], n);
  return out;
}

EngineError Win32Error(DWORD err, const std::string& what, const std::string& path) {
  const char* code = "EIO";
  switch (err) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND: code = "ENOENT"; break;
    case ERROR_ACCESS_DENIED: code = "EACCES"; break;
    case ERROR_WRITE_PROTECT: code = "EROFS"; break;
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION: code = "EBUSY"; break;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_COMMITMENT_LIMIT: code = "ENOMEM"; break;
    default: break;
  }
  return EngineError(code, what + " '" + path + "': Windows error " + std::to_string(err));
}

}  // namespace lfe
