// POSIX backend of OutputFile: open + write. On Linux the whole blocks go with O_DIRECT from a
// 4 KiB-aligned staging buffer of 8 MiB, and the last partial block through the cache; where the
// file system refuses O_DIRECT (at open, or EINVAL on a write), everything goes through the cache.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "engine_error.h"
#include "output_file.h"

namespace lfe {

namespace {

constexpr size_t kAlign = 4096;
constexpr size_t kStaging = size_t{8} << 20;

struct FreeDeleter {
  void operator()(uint8_t* p) const { std::free(p); }
};

class PosixOutputFile final : public OutputFile {
 public:
  explicit PosixOutputFile(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd_ < 0) throw ErrnoError(errno, "Cannot create", path);
#ifdef O_DIRECT
    void* p = nullptr;
    const int flags = ::fcntl(fd_, F_GETFL);
    if (flags >= 0 && ::posix_memalign(&p, kAlign, kStaging) == 0) {
      staging_.reset(static_cast<uint8_t*>(p));
      direct_ = ::fcntl(fd_, F_SETFL, flags | O_DIRECT) == 0;
    }
#endif
  }
  PosixOutputFile(const PosixOutputFile&) = delete;
  PosixOutputFile& operator=(const PosixOutputFile&) = delete;
  ~PosixOutputFile() override {
    if (fd_ >= 0) ::close(fd_);
  }

  void Write(const uint8_t* data, size_t n) override {
    if (!direct_) return WriteAll(data, n);
    while (n > 0) {
      const size_t k = std::min(n, kStaging - used_);
      std::memcpy(staging_.get() + used_, data, k);
      used_ += k;
      data += k;
      n -= k;
      if (used_ == kStaging) FlushStaging();
    }
  }

  void Close() override {
    if (direct_ && used_ > 0) FlushStaging();
    // The partial block at the end goes through the cache.
    if (used_ > 0) {
      if (direct_) Buffered();
      WriteAll(staging_.get(), used_);
      used_ = 0;
    }
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) throw ErrnoError(errno, "Cannot write", path_);
  }

 private:
  // Writes the staging buffer's whole blocks direct; a partial block stays at its start.
  void FlushStaging() {
    const size_t whole = used_ / kAlign * kAlign;
    if (whole == 0) return;
    size_t done = 0;
    while (done < whole) {
      const ssize_t w = ::write(fd_, staging_.get() + done, whole - done);
      if (w < 0 && errno == EINTR) continue;
      // EINVAL: the file system takes no direct writes of this alignment.
      if (w < 0 && errno == EINVAL) return BufferedFrom(done);
      if (w < 0) throw ErrnoError(errno, "Cannot write", path_);
      done += static_cast<size_t>(w);
      // A short direct write leaves an unaligned position.
      if (done % kAlign != 0 && done < whole) return BufferedFrom(done);
    }
    std::memmove(staging_.get(), staging_.get() + whole, used_ - whole);
    used_ -= whole;
  }

  // Through the cache from here on, starting with the staging buffer's bytes from `done`.
  void BufferedFrom(size_t done) {
    Buffered();
    WriteAll(staging_.get() + done, used_ - done);
    used_ = 0;
  }

  void Buffered() {
    direct_ = false;
#ifdef O_DIRECT
    const int flags = ::fcntl(fd_, F_GETFL);
    if (flags < 0 || ::fcntl(fd_, F_SETFL, flags & ~O_DIRECT) != 0) throw ErrnoError(errno, "Cannot write", path_);
#endif
  }

  void WriteAll(const uint8_t* data, size_t n) {
    while (n > 0) {
      const ssize_t w = ::write(fd_, data, n);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) throw ErrnoError(errno, "Cannot write", path_);
      data += static_cast<size_t>(w);
      n -= static_cast<size_t>(w);
    }
  }

  const std::string path_;
  int fd_ = -1;
  bool direct_ = false;
  std::unique_ptr<uint8_t, FreeDeleter> staging_;
  size_t used_ = 0;
};

}  // namespace

std::unique_ptr<OutputFile> OutputFile::Create(const std::string& path) {
  return std::make_unique<PosixOutputFile>(path);
}

}  // namespace lfe
