// Windows backend of Mapping: CreateFileW + one section + one view of the whole file.
// Free of Node headers so the cross compiler can check it anywhere.
#include <windows.h>

#include <string>

#include "engine_error.h"
#include "mapping.h"
#include "windows/win32.h"

namespace lfe {

namespace {

class WindowsMapping final : public Mapping {
 public:
  WindowsMapping(const std::string& path, MappingAccess access) : Mapping(path, access) {
    const std::wstring wpath = Widen(path);
    const DWORD attrs = GetFileAttributesW(wpath.c_str());
    if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY)) {
      throw EngineError("EISDIR", "Cannot open '" + path + "': it is a directory");
    }
    const bool writable = access == MappingAccess::kWrite;
    const DWORD rights = writable ? (GENERIC_READ | GENERIC_WRITE) : GENERIC_READ;
    file_.Reset(CreateFileW(wpath.c_str(), rights, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                            OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr));
    if (!file_.valid()) throw Win32Error(GetLastError(), "Cannot open", path);
    if (GetFileType(file_.get()) != FILE_TYPE_DISK) {
      throw EngineError("ENOTREG", "Cannot open '" + path + "': not a regular file (device, pipe or socket)");
    }
    LARGE_INTEGER size;
    if (!GetFileSizeEx(file_.get(), &size)) throw Win32Error(GetLastError(), "Cannot stat", path);
    size_ = static_cast<uint64_t>(size.QuadPart);
    if (size_ == 0) return;

    // A shared section: no FILE_MAP_COPY, which would commit page-file space for the whole view.
    Handle section(CreateFileMappingW(file_.get(), nullptr, writable ? PAGE_READWRITE : PAGE_READONLY, 0, 0, nullptr));
    if (section.get() == nullptr) throw Win32Error(GetLastError(), "Cannot map", path);
    void* p = MapViewOfFile(section.get(), writable ? (FILE_MAP_READ | FILE_MAP_WRITE) : FILE_MAP_READ, 0, 0, 0);
    if (p == nullptr) throw Win32Error(GetLastError(), "Cannot map", path);
    data_ = static_cast<const uint8_t*>(p);
    if (writable) writable_ = static_cast<uint8_t*>(p);
  }

  ~WindowsMapping() override {
    if (data_ != nullptr) UnmapViewOfFile(data_);
  }

  // Page faults on Windows map 64 KiB-aligned clusters already; no prefetch needed.
  void Prefetch(uint64_t, uint64_t) const override {}

  // Windows trims a process's working set of file pages on its own under memory pressure.
  void Release(uint64_t, uint64_t) const override {}

  // FlushViewOfFile would wait for the disk; the final Flush() does all the writing here.
  void StartWriteback(uint64_t, uint64_t) override {}

  void Flush() override {
    if (writable_ == nullptr) return;
    if (!FlushViewOfFile(writable_, 0)) throw Win32Error(GetLastError(), "Cannot flush", path_);
    if (!FlushFileBuffers(file_.get())) throw Win32Error(GetLastError(), "Cannot flush", path_);
  }

 private:
  Handle file_;
};

}  // namespace

std::unique_ptr<Mapping> Mapping::Open(const std::string& path, MappingAccess access) {
  return std::make_unique<WindowsMapping>(path, access);
}

}  // namespace lfe
