// Entry point of the native engine.
#include <napi.h>

#include "mapped_file_wrap.h"

namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("MappedFile", lfe::MappedFileWrap::Define(env));
  exports.Set("abiVersion", Napi::Number::New(env, 1));
  return exports;
}

}  // namespace

NODE_API_MODULE(lfe, Init)
