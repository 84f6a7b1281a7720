// A file mapped into memory. One interface; the per-platform backends live in posix/ and
// windows/. The mapping is read-only shared memory in every mode: unsaved edits never go
// through it (they live in the host's edit journal), so a crash cannot leak them into the file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace lfe {

enum class OpenMode { kRead, kWrite, kCopy };

class Mapping {
 public:
  // Opens and maps `path`. Throws EngineError (ENOENT, EACCES, EISDIR, ENOTREG, ...).
  static std::unique_ptr<Mapping> Open(const std::string& path, OpenMode mode);

  virtual ~Mapping() = default;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;

  const std::string& path() const { return path_; }
  OpenMode mode() const { return mode_; }
  uint64_t size() const { return size_; }
  // nullptr for an empty file: there is nothing to map.
  const uint8_t* data() const { return data_; }

 protected:
  Mapping(std::string path, OpenMode mode) : path_(std::move(path)), mode_(mode) {}

  std::string path_;
  OpenMode mode_;
  uint64_t size_ = 0;
  const uint8_t* data_ = nullptr;
};

}  // namespace lfe
