#include "mapped_file_wrap.h"

#include <algorithm>

#include "js_args.h"
#include "js_error.h"
#include "jobs.h"

namespace lfe {

namespace {

// Marks our objects, so FileOf never unwraps an object of another class.
const napi_type_tag kMappedFileTag = {0x6c66652d6d617070ULL, 0x65642d66696c6531ULL};

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

// Two Float64Arrays of the same length: the offsets and lengths of ranges.
MappedFile::Ranges ToRanges(const Napi::Value& offsets, const Napi::Value& lengths) {
  const auto isFloat64 = [](const Napi::Value& v) {
    return v.IsTypedArray() && v.As<Napi::TypedArray>().TypedArrayType() == napi_float64_array;
  };
  if (!isFloat64(offsets) || !isFloat64(lengths)) {
    throw ToJsError(offsets.Env(), "EINVAL", "offsets and lengths must be Float64Arrays");
  }
  Napi::Float64Array o = offsets.As<Napi::Float64Array>();
  Napi::Float64Array l = lengths.As<Napi::Float64Array>();
  if (o.ElementLength() != l.ElementLength()) throw ToJsError(offsets.Env(), "EINVAL", "offsets and lengths differ in count");
  return MappedFile::Ranges{o.Data(), l.Data(), o.ElementLength()};
}

}  // namespace

Napi::Function MappedFileWrap::Define(Napi::Env env) {
  return DefineClass(env, "MappedFile",
                     {
                         InstanceAccessor<&MappedFileWrap::Size>("size"),
                         InstanceAccessor<&MappedFileWrap::Mode>("mode"),
                         InstanceAccessor<&MappedFileWrap::Path>("path"),
                         InstanceAccessor<&MappedFileWrap::Closed>("closed"),
                         InstanceMethod<&MappedFileWrap::Read>("read"),
                         InstanceMethod<&MappedFileWrap::ReadInto>("readInto"),
                         InstanceMethod<&MappedFileWrap::Write>("write"),
                         InstanceMethod<&MappedFileWrap::Flush>("flush"),
                         InstanceMethod<&MappedFileWrap::ReadRanges>("readRanges"),
                         InstanceMethod<&MappedFileWrap::WriteRanges>("writeRanges"),
                         InstanceMethod<&MappedFileWrap::Close>("close"),
                         InstanceMethod<&MappedFileWrap::Search>("search"),
                         InstanceMethod<&MappedFileWrap::IndexLines>("indexLines"),
                     });
}

MappedFileWrap::MappedFileWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<MappedFileWrap>(info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsString()) {
    throw ToJsError(env, "EINVAL", "MappedFile(path, mode) expects two strings");
  }
  const std::string path = info[0].As<Napi::String>();
  const OpenMode mode = ParseMode(env, info[1].As<Napi::String>());
  file_ = Translate(env, [&] { return MappedFile::Open(path, mode); });
  info.This().As<Napi::Object>().TypeTag(&kMappedFileTag);
}

std::shared_ptr<MappedFile> MappedFileWrap::FileOf(const Napi::Value& value) {
  Napi::Env env = value.Env();
  if (!value.IsObject() || !value.As<Napi::Object>().CheckTypeTag(&kMappedFileTag)) {
    throw ToJsError(env, "EINVAL", "Expected a MappedFile");
  }
  return Unwrap(value.As<Napi::Object>())->Open(env);
}

const std::shared_ptr<MappedFile>& MappedFileWrap::Open(Napi::Env env) {
  if (!file_) throw ToJsError(env, "ECLOSED", "The file has been closed");
  return file_;
}

Napi::Value MappedFileWrap::Size(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(Open(info.Env())->size()));
}

Napi::Value MappedFileWrap::Mode(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), ModeName(Open(info.Env())->mode()));
}

Napi::Value MappedFileWrap::Path(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), Open(info.Env())->path());
}

Napi::Value MappedFileWrap::Closed(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), !file_);
}

// read(offset, length): a copy of [offset, offset+length) clipped to the file. Always a copy into
// V8 memory: external buffers over the mapping are forbidden (V8 memory cage, DESIGN.md).
Napi::Value MappedFileWrap::Read(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::shared_ptr<MappedFile>& f = Open(env);
  const uint64_t offset = ToIndex(info[0], "offset");
  const uint64_t length = ToIndex(info[1], "length");
  const uint64_t start = std::min(offset, f->size());
  const uint64_t n = std::min(length, f->size() - start);
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, static_cast<size_t>(n));
  Translate(env, [&] { f->Read(start, out.Data(), n); });
  return out;
}

// readInto(offset, target): fills target from offset; returns the number of bytes copied.
Napi::Value MappedFileWrap::ReadInto(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::shared_ptr<MappedFile>& f = Open(env);
  const uint64_t offset = ToIndex(info[0], "offset");
  const ByteView target = ToBytes(info[1], "target");
  const uint64_t start = std::min(offset, f->size());
  const uint64_t n = std::min<uint64_t>(target.length, f->size() - start);
  Translate(env, [&] { f->Read(start, const_cast<uint8_t*>(target.data), n); });
  return Napi::Number::New(env, static_cast<double>(n));
}

// write(offset, bytes): returns the number of bytes written (all of them, or an error).
Napi::Value MappedFileWrap::Write(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::shared_ptr<MappedFile>& f = Open(env);
  const uint64_t offset = ToIndex(info[0], "offset");
  const ByteView bytes = ToBytes(info[1], "bytes");
  Translate(env, [&] { f->Write(offset, bytes.data, bytes.length); });
  return Napi::Number::New(env, static_cast<double>(bytes.length));
}

Napi::Value MappedFileWrap::Flush(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::shared_ptr<MappedFile>& f = Open(env);
  Translate(env, [&] { f->Flush(); });
  return env.Undefined();
}

// readRanges(offsets, lengths, target) / writeRanges(offsets, lengths, bytes): Float64Arrays of
// sorted ranges, their bytes packed in a Uint8Array; return the number of bytes copied.
Napi::Value MappedFileWrap::ReadRanges(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::shared_ptr<MappedFile>& f = Open(env);
  const MappedFile::Ranges ranges = ToRanges(info[0], info[1]);
  const ByteView target = ToBytes(info[2], "target");
  Translate(env, [&] { f->ReadRanges(ranges, const_cast<uint8_t*>(target.data), target.length); });
  return Napi::Number::New(env, static_cast<double>(target.length));
}

Napi::Value MappedFileWrap::WriteRanges(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::shared_ptr<MappedFile>& f = Open(env);
  const MappedFile::Ranges ranges = ToRanges(info[0], info[1]);
  const ByteView bytes = ToBytes(info[2], "bytes");
  Translate(env, [&] { f->WriteRanges(ranges, bytes.data, bytes.length); });
  return Napi::Number::New(env, static_cast<double>(bytes.length));
}

Napi::Value MappedFileWrap::Close(const Napi::CallbackInfo& info) {
  if (file_) {
    file_->MarkClosed();
    file_.reset();
  }
  return info.Env().Undefined();
}

Napi::Value MappedFileWrap::Search(const Napi::CallbackInfo& info) {
  return StartSearch(info, Open(info.Env()));
}

Napi::Value MappedFileWrap::IndexLines(const Napi::CallbackInfo& info) {
  return StartLineIndex(info, Open(info.Env()));
}

}  // namespace lfe
