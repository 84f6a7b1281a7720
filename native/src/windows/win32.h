// What the Windows backends share: UTF-8 paths widened for the W functions, Win32 errors as the
// engine's codes, and an owned HANDLE. Free of Node headers so the cross compiler can check it.
#pragma once

#include <windows.h>

#include <string>

#include "engine_error.h"

namespace lfe {

std::wstring Widen(const std::string& utf8);

EngineError Win32Error(DWORD err, const std::string& what, const std::string& path);

// Owns a Win32 HANDLE.
class Handle {
 public:
  explicit Handle(HANDLE h = nullptr) : h_(h) {}
  ~Handle() { Reset(nullptr); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  HANDLE get() const { return h_; }
  bool valid() const { return h_ != nullptr && h_ != INVALID_HANDLE_VALUE; }
  void Reset(HANDLE h) {
    if (valid()) CloseHandle(h_);
    h_ = h;
  }
  // Gives the handle up without closing it (the caller closes it and sees the error).
  HANDLE Release() {
    HANDLE h = h_;
    h_ = nullptr;
    return h;
  }

 private:
  HANDLE h_;
};

}  // namespace lfe
