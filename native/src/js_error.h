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

// Runs f() on the JS thread, turning whatever it throws into a JavaScript error with a code
// (CurrentError: EngineError as it is, ENOMEM, else EINTERNAL). A JavaScript error already made
// (ToJsError, with its code) goes through as it is.
template <typename F>
auto Translate(Napi::Env env, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Napi::Error&) {
    throw;
  } catch (...) {
    throw ToJsError(env, CurrentError());
  }
}

}  // namespace lfe
