#include "mapped_file_wrap.h"

#include <cmath>
#include <cstring>

#include "js_error.h"

namespace lfe {

namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;

OpenMode ParseMode(Napi::Env env, const std::string& mode) {
  if (mode == "read") return OpenMode::kRead;
  if (mode == "write") return OpenMode::kWrite;
  if (mode == "copy") return OpenMode::kCopy;
  throw ToJsError(env, "EINVAL", "Unknown open mode '" + mode + "' (expected read, write or copy)");
}

const char* ModeName(OpenMode mode) {
  switch (mode) {
    case OpenMode::kRead: return "read";
    case OpenMode::kWrite: return "write";
    case OpenMode::kCopy: return "copy";
  }
  return "read";
}

// A non-negative integer argument up to 2^53: offsets and lengths beyond 4 GiB arrive as doubles.
uint64_t ToIndex(const Napi::Value& v, const char* name) {
  if (!v.IsNumber()) throw ToJsError(v.Env(), "EINVAL", std::string(name) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0) || d > kMaxSafeInteger || std::floor(d) != d) {
    throw ToJsError(v.Env(), "EINVAL", std::string(name) + " must be a non-negative integer");
  }
  return static_cast<uint64_t>(d);
}

}  // namespace

Napi::Function MappedFileWrap::Define(Napi::Env env) {
  return DefineClass(env, "MappedFile",
                     {
                         InstanceAccessor<&MappedFileWrap::Size>("size"),
                         InstanceAccessor<&MappedFileWrap::Mode>("mode"),
                         InstanceMethod<&MappedFileWrap::Read>("read"),
                         InstanceMethod<&MappedFileWrap::Close>("close"),
                     });
}

MappedFileWrap::MappedFileWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<MappedFileWrap>(info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsString()) {
    throw ToJsError(env, "EINVAL", "MappedFile(path, mode) expects two strings");
  }
  const std::string path = info[0].As<Napi::String>();
  const OpenMode mode = ParseMode(env, info[1].As<Napi::String>());
  try {
    mapping_ = Mapping::Open(path, mode);
  } catch (const EngineError& e) {
    throw ToJsError(env, e);
  }
}

Mapping& MappedFileWrap::Open(Napi::Env env) {
  if (!mapping_) throw ToJsError(env, "ECLOSED", "The file has been closed");
  return *mapping_;
}

Napi::Value MappedFileWrap::Size(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(Open(info.Env()).size()));
}

Napi::Value MappedFileWrap::Mode(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), ModeName(Open(info.Env()).mode()));
}

// read(offset, length): a copy of the bytes in [offset, offset+length) clipped to the file.
// Always a copy into V8 memory: external buffers over the mapping are forbidden (V8 memory cage).
Napi::Value MappedFileWrap::Read(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Mapping& m = Open(env);
  const uint64_t offset = ToIndex(info[0], "offset");
  const uint64_t length = ToIndex(info[1], "length");
  const uint64_t start = std::min(offset, m.size());
  const uint64_t end = std::min(m.size(), start + std::min(length, m.size() - start));
  const size_t n = static_cast<size_t>(end - start);
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, n);
  if (n > 0) std::memcpy(out.Data(), m.data() + start, n);
  return out;
}

Napi::Value MappedFileWrap::Close(const Napi::CallbackInfo& info) {
  mapping_.reset();
  return info.Env().Undefined();
}

}  // namespace lfe
