#include "engine_error.h"

#include <cerrno>
#include <cstring>
#include <exception>
#include <new>

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
    case ENFILE: return "ENFILE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case EBUSY: return "EBUSY";
    case ENODEV: return "ENODEV";
    case EOVERFLOW: return "EOVERFLOW";
    case EFBIG: return "EFBIG";
    case EAGAIN: return "EAGAIN";
    default: return nullptr;
  }
}

}  // namespace

EngineError ErrnoError(int err, const std::string& what, const std::string& path) {
  const char* name = ErrnoName(err);
  const std::string detail = std::strerror(err);
  if (name != nullptr) return EngineError(name, what + " '" + path + "': " + detail);
  return EngineError("EIO", what + " '" + path + "': " + detail + " (errno " + std::to_string(err) + ")");
}

EngineError InternalError(const std::string& what) {
  return EngineError("EINTERNAL", "Internal error in the native engine: " + what);
}

EngineError CurrentError() {
  try {
    throw;
  } catch (const EngineError& e) {
    return e;
  } catch (const std::bad_alloc&) {
    return EngineError("ENOMEM", "The native engine ran out of memory");
  } catch (const std::exception& e) {
    return InternalError(e.what());
  } catch (...) {
    return InternalError("an exception of unknown type");
  }
}

}  // namespace lfe
