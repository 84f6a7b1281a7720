#include "document_wrap.h"

#include <cstring>
#include <vector>

#include "jobs.h"
#include "js_args.h"
#include "js_error.h"
#include "mapped_file_wrap.h"

namespace lfe {

namespace {

// Marks our objects, so SubjectOf never unwraps an object of another class.
const napi_type_tag kDocumentTag = {0x6c66652d646f6375ULL, 0x6d656e742d6f626aULL};

Napi::Array ArrayArgument(const Napi::Value& v, const char* name) {
  if (!v.IsArray()) throw ToJsError(v.Env(), "EINVAL", std::string(name) + " must be an array of Uint8Arrays");
  return v.As<Napi::Array>();
}

Napi::Float64Array NumbersArgument(const Napi::Value& v, const char* name, uint32_t count) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    throw ToJsError(v.Env(), "EINVAL", std::string(name) + " must be a Float64Array");
  }
  Napi::Float64Array a = v.As<Napi::Float64Array>();
  if (a.ElementLength() != count) throw ToJsError(v.Env(), "EINVAL", std::string(name) + " must have one number per array");
  return a;
}

uint64_t Integer(Napi::Env env, double d, const char* name) {
  if (!(d >= 0) || d >= static_cast<double>(kMaxPieceOffset) || static_cast<double>(static_cast<uint64_t>(d)) != d) {
    throw ToJsError(env, "EINVAL", std::string(name) + " must hold non-negative integers below 2^50");
  }
  return static_cast<uint64_t>(d);
}

// The element's bytes. Asking for its data moves a small array V8 kept on its heap (where the
// collector may move it) out to a backing store of its own, which stays put while it is alive.
ByteView Element(const Napi::Array& array, uint32_t i, const char* name) {
  return ToBytes(array.Get(i), name);
}

}  // namespace

Napi::Function DocumentWrap::Define(Napi::Env env) {
  return DefineClass(env, "Document",
                     {
                         InstanceAccessor<&DocumentWrap::Size>("size"),
                         InstanceMethod<&DocumentWrap::Read>("read"),
                         InstanceMethod<&DocumentWrap::Search>("search"),
                         InstanceMethod<&DocumentWrap::Filter>("filter"),
                     });
}

DocumentWrap::DocumentWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<DocumentWrap>(info) {
  Napi::Env env = info.Env();
  if (info.Length() < 6) {
    throw ToJsError(env, "EINVAL", "Document(file, blocks, blockBytes, chunks, chunkStarts, chunkUsed) takes six arguments");
  }
  std::shared_ptr<MappedFile> file = MappedFileWrap::FileOf(info[0]);
  const Napi::Array blocks = ArrayArgument(info[1], "blocks");
  const Napi::Float64Array block_bytes = NumbersArgument(info[2], "blockBytes", blocks.Length());
  const Napi::Array chunks = ArrayArgument(info[3], "chunks");
  const Napi::Float64Array chunk_starts = NumbersArgument(info[4], "chunkStarts", chunks.Length());
  const Napi::Float64Array chunk_used = NumbersArgument(info[5], "chunkUsed", chunks.Length());

  // Our own array of every block and chunk: what pieces_ points into lives as long as it does.
  Napi::Array pinned = Napi::Array::New(env, blocks.Length() + chunks.Length());
  std::vector<PackedBlock> packed;
  packed.reserve(blocks.Length());
  for (uint32_t i = 0; i < blocks.Length(); ++i) {
    const ByteView bytes = Element(blocks, i, "blocks[i]");
    packed.push_back(PackedBlock{bytes.data, bytes.length, Integer(env, block_bytes[i], "blockBytes")});
    pinned.Set(i, blocks.Get(i));
  }
  std::vector<AddedChunk> added;
  added.reserve(chunks.Length());
  for (uint32_t i = 0; i < chunks.Length(); ++i) {
    const ByteView bytes = Element(chunks, i, "chunks[i]");
    const uint64_t used = Integer(env, chunk_used[i], "chunkUsed");
    if (used > bytes.length) throw ToJsError(env, "EINVAL", "chunkUsed is larger than its chunk");
    added.push_back(AddedChunk{bytes.data, Integer(env, chunk_starts[i], "chunkStarts"), used});
    pinned.Set(blocks.Length() + i, chunks.Get(i));
  }
  pieces_ = Translate(env, [&] { return std::make_shared<const DocumentPieces>(std::move(packed), std::move(added), file->size()); });
  pinned_ = Napi::Persistent(static_cast<Napi::Object>(pinned));
  base_ = file;
  info.This().As<Napi::Object>().TypeTag(&kDocumentTag);
}

bool DocumentWrap::IsDocument(const Napi::Value& value) {
  return value.IsObject() && value.As<Napi::Object>().CheckTypeTag(&kDocumentTag);
}

std::shared_ptr<const DocumentSubject> DocumentWrap::SubjectOf(const Napi::Value& value) {
  if (!IsDocument(value)) throw ToJsError(value.Env(), "EINVAL", "Expected a Document");
  return Unwrap(value.As<Napi::Object>())->Subject(value.Env());
}

std::shared_ptr<const DocumentSubject> DocumentWrap::Subject(Napi::Env env) const {
  std::shared_ptr<const MappedFile> base = base_.lock();
  if (!base || base->closed()) throw ToJsError(env, "ECLOSED", "The document's file has been closed");
  return std::make_shared<const DocumentSubject>(std::move(base), pieces_);
}

Napi::Value DocumentWrap::Size(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(pieces_->size()));
}

// read(offset, length): a copy of [offset, offset + length) of the document, clipped to its end.
Napi::Value DocumentWrap::Read(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::shared_ptr<const DocumentSubject> subject = Subject(env);
  const uint64_t offset = std::min(ToIndex(info[0], "offset"), subject->size());
  const uint64_t n = std::min(ToIndex(info[1], "length"), subject->size() - offset);
  Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, static_cast<size_t>(n));
  Translate(env, [&] {
    std::vector<uint8_t> scratch;
    const uint8_t* view = subject->View(offset, offset + n, scratch);
    uint8_t* dst = out.Data();
    subject->Guard([&] { std::memcpy(dst, view, static_cast<size_t>(n)); });
  });
  return out;
}

Napi::Value DocumentWrap::Search(const Napi::CallbackInfo& info) {
  // The job holds this object, and through it the arrays its subject reads.
  return StartSearch(info, Subject(info.Env()), info.This().As<Napi::Object>());
}

Napi::Value DocumentWrap::Filter(const Napi::CallbackInfo& info) {
  Subject(info.Env());  // ECLOSED once the file is closed
  FilterSubject subject;
  subject.file = base_;
  subject.pieces = pieces_;
  // The filter's handle holds this object, and through it the arrays its snapshot reads.
  return StartFilter(info, std::move(subject), info.This().As<Napi::Object>());
}

Napi::Value DecodePieces(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const ByteView bytes = ToBytes(info[0], "block");
  std::vector<double> out;
  Translate(env, [&] {
    PackedPieceReader reader(bytes.data, bytes.length);
    Piece p;
    while (reader.Next(&p)) {
      out.push_back(p.add ? -static_cast<double>(p.source) - 1 : static_cast<double>(p.source));
      out.push_back(static_cast<double>(p.length));
    }
  });
  Napi::Float64Array result = Napi::Float64Array::New(env, out.size());
  if (!out.empty()) std::memcpy(result.Data(), out.data(), out.size() * sizeof(double));
  return result;
}

}  // namespace lfe
