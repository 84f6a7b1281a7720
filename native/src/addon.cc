// Entry point of the native engine.
#include <napi.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include "document_wrap.h"
#include "guard.h"
#include "js_error.h"
#include "mapped_file_wrap.h"
#include "search/matcher.h"
#include "time_job.h"

namespace {

// testHooks.throwError(kind): throws what a bug would, so tests can see how it reaches
// JavaScript: 'engine' an EngineError, 'alloc' std::bad_alloc, 'std' a std::logic_error (each
// through Translate), 'uncaught' a std::runtime_error straight out of the call (node-addon-api's
// NODE_ADDON_API_CPP_EXCEPTIONS_ALL makes it a JavaScript error instead of ending the process).
Napi::Value ThrowError(const Napi::CallbackInfo& info) {
  const std::string kind = info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  if (kind == "uncaught") throw std::runtime_error("an exception no code was given to");
  return lfe::Translate(info.Env(), [&]() -> Napi::Value {
    if (kind == "engine") throw lfe::EngineError("EINVAL", "a typed engine error");
    if (kind == "alloc") throw std::bad_alloc();
    if (kind == "std") throw std::logic_error("an invariant that does not hold");
    return info.Env().Undefined();
  });
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  // Before any mapping exists: every access to mapped memory relies on it.
  lfe::InstallFaultGuard();
  exports.Set("MappedFile", lfe::MappedFileWrap::Define(env));
  exports.Set("Document", lfe::DocumentWrap::Define(env));
  exports.Set("time", lfe::DefineTime(env));  // time in logs (time_job.cc)
  exports.Set("decodePieces", Napi::Function::New(env, lfe::DecodePieces, "decodePieces"));
  exports.Set("abiVersion", Napi::Number::New(env, 3));
  exports.Set("nativeRegex", Napi::Boolean::New(env, lfe::HaveNativeRegex()));
  // Only for tests that ask for them, before the addon loads; never in a user's extension host.
  const char* hooks = std::getenv("LFE_ENGINE_TEST_HOOKS");
  if (hooks != nullptr && std::strcmp(hooks, "1") == 0) {
    Napi::Object test = Napi::Object::New(env);
    test.Set("throwError", Napi::Function::New(env, ThrowError, "throwError"));
    exports.Set("testHooks", test);
  }
  return exports;
}

}  // namespace

NODE_API_MODULE(lfe, Init)
