#include "engine_error.h"

#include <cerrno>
#include <cstring>

namespace lfe {

namespace {

const char* ErrnoName(int err) {
  switch (err) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EISDIR: return "EISDIR";
    case ENOMEM: return "ENOMEM";
    case EROFS: return "EROFS";
    case ENOSPC: return "ENOSPC";
    case EINVAL: return "EINVAL";
    case EIO: return "EIO";
    case EMFILE: return "EMFILE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case EBUSY: return "EBUSY";
    default: return "EIO";
  }
}

}  // namespace

EngineError ErrnoError(int err, const std::string& what, const std::string& path) {
  return EngineError(ErrnoName(err), what + " '" + path + "': " + std::strerror(err));
}

}  // namespace lfe
