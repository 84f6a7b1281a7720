// Entry point of the native engine.
#include <napi.h>

#include "document_wrap.h"
#include "guard.h"
#include "mapped_file_wrap.h"
#include "search/matcher.h"
#include "time_job.h"

namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  // Before any mapping exists: every access to mapped memory relies on it.
  lfe::InstallFaultGuard();
  exports.Set("MappedFile", lfe::MappedFileWrap::Define(env));
  exports.Set("Document", lfe::DocumentWrap::Define(env));
  exports.Set("time", lfe::DefineTime(env));  // time in logs (time_job.cc)
  exports.Set("decodePieces", Napi::Function::New(env, lfe::DecodePieces, "decodePieces"));
  exports.Set("abiVersion", Napi::Number::New(env, 3));
  exports.Set("nativeRegex", Napi::Boolean::New(env, lfe::HaveNativeRegex()));
  return exports;
}

}  // namespace

NODE_API_MODULE(lfe, Init)
