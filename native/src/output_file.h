// A file written once from its start to its end, in large pieces: an export of filtered lines.
// Where the platform can, the bytes bypass the page cache (Linux: O_DIRECT, from an aligned
// staging buffer; the last partial block through the cache): 1.3 GB written through the cache
// took 1.1-3.5 s here, most of it the kernel copying into pages and throttling on writeback, and
// 0.6 s direct. It also leaves the page cache to the file being read (a 10 GB log stays cached
// while 10 GB of its lines are written). Where the file system refuses direct writes (tmpfs,
// some network file systems), it writes through the cache. POSIX and Windows backends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace lfe {

class OutputFile {
 public:
  // Creates (or truncates) `path`. Throws EngineError (EACCES, ENOENT, EISDIR…).
  static std::unique_ptr<OutputFile> Create(const std::string& path);
  virtual ~OutputFile() = default;
  // Appends `n` bytes. Throws EngineError (ENOSPC, EIO…).
  virtual void Write(const uint8_t* data, size_t n) = 0;
  // Writes what is left and closes; until then the file may be short. Throws as Write.
  virtual void Close() = 0;
};

}  // namespace lfe
