// POSIX backend of Mapping: open + fstat + one mmap of the whole file.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "engine_error.h"
#include "mapping.h"

namespace lfe {

namespace {

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Takes ownership of `other`'s descriptor.
  void TakeFrom(Fd& other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }

 private:
  int fd_;
};

EngineError NotRegular(const std::string& path) {
  return EngineError("ENOTREG", "Cannot open '" + path + "': not a regular file (device, FIFO or socket)");
}

class PosixMapping final : public Mapping {
 public:
  PosixMapping(const std::string& path, MappingAccess access) : Mapping(path, access), fd_(-1) {
    // Classify with stat() before open(): opening a device or FIFO can have side effects
    // (a FIFO open blocks for a writer, some devices act on open), so refuse them unopened.
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) throw ErrnoError(errno, "Cannot open", path);
    if (S_ISDIR(st.st_mode)) throw EngineError("EISDIR", "Cannot open '" + path + "': it is a directory");
    if (!S_ISREG(st.st_mode)) throw NotRegular(path);

    const bool writable = access == MappingAccess::kWrite;
    // O_NONBLOCK: if the path was swapped for a FIFO since stat(), open must not hang.
    const int flags = (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NONBLOCK;
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0) throw ErrnoError(errno, "Cannot open", path);
    Fd owned(fd);
    if (::fstat(fd, &st) != 0) throw ErrnoError(errno, "Cannot stat", path);
    if (!S_ISREG(st.st_mode)) throw NotRegular(path);

    size_ = static_cast<uint64_t>(st.st_size);
    if (size_ > 0) {
      const int prot = writable ? (PROT_READ | PROT_WRITE) : PROT_READ;
      void* p = ::mmap(nullptr, static_cast<size_t>(size_), prot, MAP_SHARED, fd, 0);
      if (p == MAP_FAILED) throw ErrnoError(errno, "Cannot map", path);
      data_ = static_cast<const uint8_t*>(p);
      if (writable) writable_ = static_cast<uint8_t*>(p);
    }
    // A writable mapping keeps the descriptor for fsync; a read-only one needs only the mapping.
    if (writable) fd_.TakeFrom(owned);
  }

  ~PosixMapping() override {
    if (data_ != nullptr) ::munmap(const_cast<uint8_t*>(data_), static_cast<size_t>(size_));
  }

  void Prefetch(uint64_t offset, uint64_t length) const override {
#if defined(__linux__)
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22  // Linux 5.14; older kernels answer EINVAL, which is fine
#endif
    if (data_ == nullptr || offset >= size_ || populate_unsupported_) return;
    const uint64_t page = 4096;
    const uint64_t begin = offset & ~(page - 1);
    const uint64_t end = std::min(size_, offset + length);
    if (::madvise(const_cast<uint8_t*>(data_) + begin, static_cast<size_t>(end - begin), MADV_POPULATE_READ) != 0 &&
        errno == EINVAL) {
      populate_unsupported_ = true;
    }
#else
    (void)offset;
    (void)length;
#endif
  }

  void WillNeed(uint64_t offset, uint64_t length) const override {
    if (data_ == nullptr || offset >= size_) return;
    const uint64_t page = 4096;
    const uint64_t begin = offset & ~(page - 1);
    const uint64_t end = std::min(size_, offset + length);
    ::madvise(const_cast<uint8_t*>(data_) + begin, static_cast<size_t>(end - begin), MADV_WILLNEED);
  }

  void Release(uint64_t offset, uint64_t length) const override {
    // A writable mapping is left alone: its pages may hold a save's bytes not yet flushed.
    if (data_ == nullptr || writable_ != nullptr || offset >= size_) return;
    const uint64_t page = 4096;
    const uint64_t begin = (offset + page - 1) & ~(page - 1);
    const uint64_t end = std::min(size_, offset + length) & ~(page - 1);
    if (end <= begin) return;
    (void)::madvise(const_cast<uint8_t*>(data_) + begin, static_cast<size_t>(end - begin), MADV_DONTNEED);
  }

  void StartWriteback(uint64_t offset, uint64_t length) override {
#if defined(__linux__)
    if (writable_ == nullptr || length == 0) return;
    (void)::sync_file_range(fd_.get(), static_cast<off_t>(offset), static_cast<off_t>(length), SYNC_FILE_RANGE_WRITE);
#else
    (void)offset;
    (void)length;
#endif
  }

  void Flush() override {
    if (writable_ == nullptr) return;
    if (::msync(writable_, static_cast<size_t>(size_), MS_SYNC) != 0) throw ErrnoError(errno, "Cannot flush", path_);
#if defined(__APPLE__)
    // fsync on macOS only reaches the drive's cache; F_FULLFSYNC asks the drive to persist.
    if (::fcntl(fd_.get(), F_FULLFSYNC) == 0) return;
#endif
    if (::fsync(fd_.get()) != 0) throw ErrnoError(errno, "Cannot flush", path_);
  }

 private:
  Fd fd_;  // open only for a writable mapping
  mutable bool populate_unsupported_ = false;  // a benign race: at worst one more EINVAL
};

}  // namespace

std::unique_ptr<Mapping> Mapping::Open(const std::string& path, MappingAccess access) {
  return std::make_unique<PosixMapping>(path, access);
}

}  // namespace lfe
