// The JavaScript face of a Mapping: `new MappedFile(path, mode)`.
#pragma once

#include <napi.h>

#include <memory>

#include "mapping.h"

namespace lfe {

class MappedFileWrap : public Napi::ObjectWrap<MappedFileWrap> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit MappedFileWrap(const Napi::CallbackInfo& info);

 private:
  Napi::Value Size(const Napi::CallbackInfo& info);
  Napi::Value Mode(const Napi::CallbackInfo& info);
  Napi::Value Read(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);

  // Throws ECLOSED once close() has run.
  Mapping& Open(Napi::Env env);

  // Reset by close(); the destructor (finalizer) releases it if close() was forgotten.
  std::unique_ptr<Mapping> mapping_;
};

}  // namespace lfe
