// Windows backend of OutputFile: CreateFileW + WriteFile through the cache (sequential-scan
// hint). Free of Node headers so the cross compiler can check it anywhere.
#include <windows.h>

#include <algorithm>
#include <string>

#include "output_file.h"
#include "windows/win32.h"

namespace lfe {

namespace {

class WindowsOutputFile final : public OutputFile {
 public:
  explicit WindowsOutputFile(const std::string& path) : path_(path) {
    file_.Reset(CreateFileW(Widen(path).c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN, nullptr));
    if (!file_.valid()) throw Win32Error(GetLastError(), "Cannot create", path);
  }

  void Write(const uint8_t* data, size_t n) override {
    while (n > 0) {
      const DWORD chunk = static_cast<DWORD>(std::min<size_t>(n, size_t{1} << 30));
      DWORD written = 0;
      if (!WriteFile(file_.get(), data, chunk, &written, nullptr)) throw Win32Error(GetLastError(), "Cannot write", path_);
      data += written;
      n -= written;
    }
  }

  void Close() override {
    if (!CloseHandle(file_.Release())) throw Win32Error(GetLastError(), "Cannot write", path_);
  }

 private:
  const std::string path_;
  Handle file_;
};

}  // namespace

std::unique_ptr<OutputFile> OutputFile::Create(const std::string& path) {
  return std::make_unique<WindowsOutputFile>(path);
}

}  // namespace lfe
