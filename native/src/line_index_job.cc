// file.indexLines(options, onEvent): the line index as a job.
//
//   options { threads, seed: { breaks: Uint32Array, loneCr: Uint32Array, hasCr?: Uint8Array } }   (seed: a stored
//           index's first blocks; only the blocks after them are scanned)
//   onEvent('progress', {indexed, total, lines})   now and then
//          ('done', {lines, breaks, newlines, cancelled})
//          ('error', Error with .code)
// Returns { lineOfOffset(offset), offsetOfLine(line), status(), cancel(),
//           countBreaks(starts, lengths, flags[, counts]), blockCounts() }; the queries answer
// undefined for the part of the file not indexed yet, and work while the scan goes on.
// countBreaks: see LineIndex::CountRanges (Float64Array starts and lengths, Uint8Array flags,
// optional Float64Array counts); blockCounts: { breaks, loneCr, hasCr } once complete, else undefined.
#include <chrono>
#include <thread>

#include "jobs.h"
#include "js_args.h"
#include "js_error.h"
#include "lines/line_index.h"

namespace lfe {

namespace {

using Clock = std::chrono::steady_clock;

struct IndexEvent {
  enum class Kind { kProgress, kDone, kError } kind;
  uint64_t indexed = 0;
  uint64_t breaks = 0;
  uint64_t newlines = 0;
  bool cancelled = false;
  std::string code;
  std::string message;
};

struct IndexJob {
  std::shared_ptr<const MappedFile> file;
  std::shared_ptr<LineIndex> index;
  unsigned threads = 0;
  std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
  Napi::ThreadSafeFunction tsfn;
  std::thread thread;
};

void Deliver(Napi::Env env, Napi::Function callback, IndexEvent* event) {
  std::unique_ptr<IndexEvent> e(event);
  Napi::Object payload = Napi::Object::New(env);
  switch (e->kind) {
    case IndexEvent::Kind::kProgress:
      payload.Set("indexed", Napi::Number::New(env, static_cast<double>(e->indexed)));
      payload.Set("lines", Napi::Number::New(env, static_cast<double>(e->breaks + 1)));
      callback.Call({Napi::String::New(env, "progress"), payload});
      return;
    case IndexEvent::Kind::kDone:
      payload.Set("lines", Napi::Number::New(env, static_cast<double>(e->breaks + 1)));
      payload.Set("breaks", Napi::Number::New(env, static_cast<double>(e->breaks)));
      payload.Set("newlines", Napi::Number::New(env, static_cast<double>(e->newlines)));
      payload.Set("cancelled", Napi::Boolean::New(env, e->cancelled));
      callback.Call({Napi::String::New(env, "done"), payload});
      return;
    case IndexEvent::Kind::kError:
      callback.Call({Napi::String::New(env, "error"), ToJsError(env, e->code, e->message).Value()});
      return;
  }
}

void Post(IndexJob& job, IndexEvent&& e) {
  IndexEvent* heap = new IndexEvent(std::move(e));
  if (job.tsfn.NonBlockingCall(heap, Deliver) != napi_ok) delete heap;
}

void Run(IndexJob& job) {
  LineIndex& index = *job.index;
  Clock::time_point last = Clock::now();
  try {
    const bool complete = index.Build(*job.cancel, job.threads, [&](uint64_t indexed) {
      if (Clock::now() - last < std::chrono::milliseconds(100)) return;
      last = Clock::now();
      Post(job, IndexEvent{IndexEvent::Kind::kProgress, indexed, index.breaks_indexed(), 0, false, {}, {}});
    });
    Post(job, IndexEvent{IndexEvent::Kind::kDone, index.indexed_bytes(), index.breaks_indexed(), index.newlines(),
                         !complete, {}, {}});
  } catch (...) {
    const EngineError e = CurrentError();
    Post(job, IndexEvent{IndexEvent::Kind::kError, 0, 0, 0, false, e.code(), e.what()});
  }
}

// Runs a query, turning its errors into JS errors (Translate); nullopt becomes undefined.
template <typename F>
Napi::Value Query(Napi::Env env, F&& f) {
  const std::optional<uint64_t> r = Translate(env, f);
  return r ? Napi::Number::New(env, static_cast<double>(*r)) : env.Undefined();
}

// A typed array argument of the given kind and at least `length` elements.
template <typename Array>
Array TypedArg(const Napi::Value& v, napi_typedarray_type type, size_t length, const char* name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != type ||
      v.As<Napi::TypedArray>().ElementLength() < length) {
    throw ToJsError(v.Env(), "EINVAL", std::string(name) + " must be a typed array of the right kind and length");
  }
  return v.As<Array>();
}

std::shared_ptr<LineIndex> NewIndex(Napi::Env env, const Napi::Object& options, const std::shared_ptr<MappedFile>& file) {
  const Napi::Value seed = options.Get("seed");
  if (seed.IsUndefined() || seed.IsNull()) return std::make_shared<LineIndex>(file);
  if (!seed.IsObject()) throw ToJsError(env, "EINVAL", "seed must be an object");
  const Napi::Object o = seed.As<Napi::Object>();
  const Napi::Value breaks_value = o.Get("breaks");
  if (!breaks_value.IsTypedArray()) throw ToJsError(env, "EINVAL", "seed.breaks must be a Uint32Array");
  const size_t blocks = breaks_value.As<Napi::TypedArray>().ElementLength();
  Napi::Uint32Array breaks = TypedArg<Napi::Uint32Array>(breaks_value, napi_uint32_array, blocks, "seed.breaks");
  Napi::Uint32Array lone_cr = TypedArg<Napi::Uint32Array>(o.Get("loneCr"), napi_uint32_array, blocks, "seed.loneCr");
  const Napi::Value has_cr_value = o.Get("hasCr");
  const uint8_t* has_cr = nullptr;
  if (!has_cr_value.IsUndefined() && !has_cr_value.IsNull()) {
    has_cr = TypedArg<Napi::Uint8Array>(has_cr_value, napi_uint8_array, blocks, "seed.hasCr").Data();
  }
  return Translate(env, [&] { return std::make_shared<LineIndex>(file, breaks.Data(), lone_cr.Data(), has_cr, blocks); });
}

Napi::Value CountBreaks(const Napi::CallbackInfo& i, const LineIndex& index) {
  Napi::Env env = i.Env();
  if (!i[0].IsTypedArray()) throw ToJsError(env, "EINVAL", "countBreaks(starts, lengths, flags[, counts]) expects typed arrays");
  const size_t n = i[0].As<Napi::TypedArray>().ElementLength();
  Napi::Float64Array starts = TypedArg<Napi::Float64Array>(i[0], napi_float64_array, n, "starts");
  Napi::Float64Array lengths = TypedArg<Napi::Float64Array>(i[1], napi_float64_array, n, "lengths");
  Napi::Uint8Array flags = TypedArg<Napi::Uint8Array>(i[2], napi_uint8_array, n, "flags");
  double* counts = nullptr;
  if (i.Length() > 3 && !i[3].IsUndefined()) counts = TypedArg<Napi::Float64Array>(i[3], napi_float64_array, n, "counts").Data();
  return Query(env, [&] { return index.CountRanges(starts.Data(), lengths.Data(), n, flags.Data(), counts); });
}

Napi::Value BlockCounts(Napi::Env env, const LineIndex& index) {
  if (!index.complete()) return env.Undefined();
  const size_t blocks = static_cast<size_t>(index.blocks());
  Napi::Uint32Array breaks = Napi::Uint32Array::New(env, blocks);
  Napi::Uint32Array lone_cr = Napi::Uint32Array::New(env, blocks);
  Napi::Uint8Array has_cr = Napi::Uint8Array::New(env, blocks);
  if (!index.ExportBlocks(breaks.Data(), lone_cr.Data(), has_cr.Data())) return env.Undefined();
  Napi::Object out = Napi::Object::New(env);
  out.Set("breaks", breaks);
  out.Set("loneCr", lone_cr);
  out.Set("hasCr", has_cr);
  return out;
}

}  // namespace

Napi::Value StartLineIndex(const Napi::CallbackInfo& info, const std::shared_ptr<MappedFile>& file) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsObject() || !info[1].IsFunction()) {
    throw ToJsError(env, "EINVAL", "indexLines(options, onEvent) expects an object and a function");
  }
  auto job = std::make_shared<IndexJob>();
  job->file = file;
  job->index = NewIndex(env, info[0].As<Napi::Object>(), file);
  job->threads = static_cast<unsigned>(IndexOption(info[0].As<Napi::Object>(), "threads", 0));
  job->tsfn = Napi::ThreadSafeFunction::New(env, info[1].As<Napi::Function>(), "lfe.lines", 0, 1, [job](Napi::Env) {
    job->cancel->store(true);
    if (job->thread.joinable()) job->thread.join();
  });
  job->thread = std::thread([job] {
    Run(*job);
    job->file.reset();
    job->tsfn.Release();
  });

  std::shared_ptr<LineIndex> index = job->index;
  std::shared_ptr<std::atomic<bool>> cancel = job->cancel;
  Napi::Object handle = Napi::Object::New(env);
  handle.Set("lineOfOffset", Napi::Function::New(env, [index](const Napi::CallbackInfo& i) {
               const uint64_t offset = ToIndex(i[0], "offset");
               return Query(i.Env(), [&] { return index->LineOfOffset(offset); });
             }));
  handle.Set("offsetOfLine", Napi::Function::New(env, [index](const Napi::CallbackInfo& i) {
               const uint64_t line = ToIndex(i[0], "line");
               return Query(i.Env(), [&] { return index->OffsetOfLine(line); });
             }));
  handle.Set("status", Napi::Function::New(env, [index](const Napi::CallbackInfo& i) {
               Napi::Env e = i.Env();
               Napi::Object s = Napi::Object::New(e);
               s.Set("indexed", Napi::Number::New(e, static_cast<double>(index->indexed_bytes())));
               s.Set("size", Napi::Number::New(e, static_cast<double>(index->size())));
               s.Set("lines", Napi::Number::New(e, static_cast<double>(index->breaks_indexed() + 1)));
               s.Set("complete", Napi::Boolean::New(e, index->complete()));
               return s;
             }));
  handle.Set("countBreaks", Napi::Function::New(env, [index](const Napi::CallbackInfo& i) { return CountBreaks(i, *index); }));
  handle.Set("blockCounts", Napi::Function::New(env, [index](const Napi::CallbackInfo& i) { return BlockCounts(i.Env(), *index); }));
  handle.Set("cancel", Napi::Function::New(env, [cancel](const Napi::CallbackInfo& i) {
               cancel->store(true);
               return i.Env().Undefined();
             }));
  return handle;
}

}  // namespace lfe
