// Reading arguments that arrive from JavaScript, with EINVAL errors that say what was wrong.
#pragma once

#include <napi.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "js_error.h"

namespace lfe {

// A non-negative integer up to 2^53: offsets past 4 GiB arrive as doubles.
inline uint64_t ToIndex(const Napi::Value& v, const char* name) {
  if (!v.IsNumber()) throw ToJsError(v.Env(), "EINVAL", std::string(name) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0) || d > 9007199254740991.0 || std::floor(d) != d) {
    throw ToJsError(v.Env(), "EINVAL", std::string(name) + " must be a non-negative integer");
  }
  return static_cast<uint64_t>(d);
}

// An optional property of an options object.
inline uint64_t IndexOption(const Napi::Object& o, const char* name, uint64_t fallback) {
  const Napi::Value v = o.Get(name);
  return v.IsUndefined() || v.IsNull() ? fallback : ToIndex(v, name);
}

inline bool BoolOption(const Napi::Object& o, const char* name, bool fallback) {
  const Napi::Value v = o.Get(name);
  return v.IsUndefined() || v.IsNull() ? fallback : v.ToBoolean().Value();
}

inline std::string StringOption(const Napi::Object& o, const char* name, const std::string& fallback) {
  const Napi::Value v = o.Get(name);
  if (v.IsUndefined() || v.IsNull()) return fallback;
  if (!v.IsString()) throw ToJsError(o.Env(), "EINVAL", std::string(name) + " must be a string");
  return v.As<Napi::String>().Utf8Value();
}

// The bytes of a Uint8Array/Buffer argument (a view into V8 memory, valid during the call).
struct ByteView {
  const uint8_t* data = nullptr;
  size_t length = 0;
};

inline ByteView ToBytes(const Napi::Value& v, const char* name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    throw ToJsError(v.Env(), "EINVAL", std::string(name) + " must be a Uint8Array or Buffer");
  }
  Napi::Uint8Array a = v.As<Napi::Uint8Array>();
  return ByteView{a.Data(), a.ByteLength()};
}

}  // namespace lfe
