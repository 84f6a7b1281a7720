// Turning engine errors into JavaScript errors that carry a `code` property.
#pragma once

#include <napi.h>

#include "engine_error.h"

namespace lfe {

inline Napi::Error ToJsError(Napi::Env env, const std::string& code, const std::string& message) {
  Napi::Error err = Napi::Error::New(env, message);
  err.Set("code", Napi::String::New(env, code));
  return err;
}

inline Napi::Error ToJsError(Napi::Env env, const EngineError& e) {
  return ToJsError(env, e.code(), e.what());
}

// Runs f(), turning EngineError into a JS error with a code.
template <typename F>
auto Translate(Napi::Env env, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const EngineError& e) {
    throw ToJsError(env, e);
  }
}

}  // namespace lfe
