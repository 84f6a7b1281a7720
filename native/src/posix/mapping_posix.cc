#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

 private:
  int fd_;
};

class PosixMapping final : public Mapping {
 public:
  PosixMapping(const std::string& path, OpenMode mode) : Mapping(path, mode) {
    // O_NONBLOCK so that opening a FIFO cannot hang the caller before fstat refuses it.
    const int flags = (mode == OpenMode::kWrite ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NONBLOCK;
    int fd = ::open(path.c_str(), flags);
    if (fd < 0) throw ErrnoError(errno, "Cannot open", path);
    Fd owned(fd);

    struct stat st;
    if (::fstat(fd, &st) != 0) throw ErrnoError(errno, "Cannot stat", path);
    if (S_ISDIR(st.st_mode)) throw EngineError("EISDIR", "'" + path + "' is a directory");
    if (!S_ISREG(st.st_mode)) {
      throw EngineError("ENOTREG", "'" + path + "' is not a regular file (device, FIFO or socket)");
    }
    size_ = static_cast<uint64_t>(st.st_size);
    if (size_ == 0) return;

    void* p = ::mmap(nullptr, static_cast<size_t>(size_), PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) throw ErrnoError(errno, "Cannot map", path);
    data_ = static_cast<const uint8_t*>(p);
  }

  ~PosixMapping() override {
    if (data_ != nullptr) ::munmap(const_cast<uint8_t*>(data_), static_cast<size_t>(size_));
  }
};

}  // namespace

std::unique_ptr<Mapping> Mapping::Open(const std::string& path, OpenMode mode) {
  return std::make_unique<PosixMapping>(path, mode);
}

}  // namespace lfe
