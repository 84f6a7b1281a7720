// file.filter(program, options, onEvent) and document.filter(...): a filter of the subject's lines
// as a job on the addon's own threads, and the handle through which the host reads its result.
//
//   program { terms: [query, ...] (see js_query.h; literal or regex), root: node }
//           node: { op: 'term', term: i } | { op: 'and' | 'or', args: [node, ...] } | { op: 'not', arg: node }
//   options { threads, window, segment, densityBuckets }
//   onEvent('progress', { scanned, total, count })   now and then (bytes, or a refine's parent lines)
//          ('done', { count, lines, cancelled })      lines: the subject's lines (0 when cancelled)
//          ('error', Error with .code)
// Returns the handle:
//   cancel(), release() (frees the result now), summary() -> { count, lines, scanned, total, complete, cancelled }
//   rowCount(before, after), rows(start, count, { before, after, maxBytes, maxSpans }) ->
//     { lines, offsets, lengths: Float64Array, flags: Uint8Array (1 match, 2 gap before, 4 truncated),
//       bytes: Uint8Array, byteEnds: Float64Array, spans: Float64Array ([start, length] pairs, from
//       the line's start), spanEnds: Float64Array (each row's end in spans, in pairs) }
//   nearest(offset) -> { index, line, exact } | null, density() -> Uint32Array, lines(start, count) -> Float64Array
//   refine(program, options, onEvent) -> handle (a filter of this one's lines; it must be complete)
//   exportLines(path, { before, after, separators, firstLine, endLine }, onEvent) -> { cancel() }
//     (only the rows' lines in [firstLine, endLine), when given)
//     onEvent('progress', { lines, total }), ('done', { lines, bytes, cancelled }), ('error', Error)
//   bytes() -> heap bytes the result holds
#include <chrono>
#include <cstring>
#include <thread>

#include "filter/filter_result.h"
#include "jobs.h"
#include "js_args.h"
#include "js_error.h"
#include "js_query.h"

namespace lfe {

namespace {

using Clock = std::chrono::steady_clock;

struct FilterEvent {
  enum class Kind { kProgress, kDone, kError, kExportProgress, kExportDone };
  explicit FilterEvent(Kind k) : kind(k) {}
  Kind kind;
  FilterSummary summary;
  ExportSummary exported;
  uint64_t lines = 0;
  uint64_t total = 0;
  std::string code;
  std::string message;
};

void Deliver(Napi::Env env, Napi::Function callback, FilterEvent* event) {
  std::unique_ptr<FilterEvent> e(event);
  Napi::Object payload = Napi::Object::New(env);
  auto number = [&](const char* name, uint64_t v) { payload.Set(name, Napi::Number::New(env, static_cast<double>(v))); };
  switch (e->kind) {
    case FilterEvent::Kind::kProgress:
      number("scanned", e->summary.scanned);
      number("total", e->summary.total);
      number("count", e->summary.count);
      callback.Call({Napi::String::New(env, "progress"), payload});
      return;
    case FilterEvent::Kind::kDone:
      number("count", e->summary.count);
      number("lines", e->summary.lines);
      payload.Set("cancelled", Napi::Boolean::New(env, e->summary.cancelled));
      callback.Call({Napi::String::New(env, "done"), payload});
      return;
    case FilterEvent::Kind::kExportProgress:
      number("lines", e->lines);
      number("total", e->total);
      callback.Call({Napi::String::New(env, "progress"), payload});
      return;
    case FilterEvent::Kind::kExportDone:
      number("lines", e->exported.lines);
      number("bytes", e->exported.bytes);
      payload.Set("cancelled", Napi::Boolean::New(env, e->exported.cancelled));
      callback.Call({Napi::String::New(env, "done"), payload});
      return;
    case FilterEvent::Kind::kError:
      callback.Call({Napi::String::New(env, "error"), ToJsError(env, e->code, e->message).Value()});
      return;
  }
}

// A job on a thread of its own: `work(post)` runs there; events reach `onEvent` on the JS thread.
// `keep` (the handle, and through it an edited document's arrays) stays alive until it is over.
struct Job {
  std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
  Napi::ThreadSafeFunction tsfn;
  Napi::ObjectReference keep;
  std::thread thread;
  void Post(FilterEvent&& e) {
    FilterEvent* heap = new FilterEvent(std::move(e));
    if (tsfn.NonBlockingCall(heap, Deliver) != napi_ok) delete heap;
  }
};

FilterEvent ErrorEvent(const std::string& code, const std::string& message) {
  FilterEvent e(FilterEvent::Kind::kError);
  e.code = code;
  e.message = message;
  return e;
}

template <typename Work>
Napi::Object StartJob(Napi::Env env, Napi::Function on_event, Napi::Object keep, const char* name,
                      std::shared_ptr<std::atomic<bool>> cancel, Work work) {
  auto job = std::make_shared<Job>();
  job->cancel = std::move(cancel);
  if (!keep.IsEmpty()) job->keep = Napi::Persistent(keep);
  job->tsfn = Napi::ThreadSafeFunction::New(env, on_event, name, 0, 1, [job](Napi::Env) {
    job->cancel->store(true);
    if (job->thread.joinable()) job->thread.join();
    job->keep.Reset();
  });
  job->thread = std::thread([job, work = std::move(work)]() mutable {
    {
      Work running = std::move(work);  // let go of what it holds (the result) when it is over
      try {
        running(*job);
      } catch (const EngineError& e) {
        job->Post(ErrorEvent(e.code(), e.what()));
      } catch (const std::exception& e) {
        job->Post(ErrorEvent("EIO", e.what()));
      }
    }
    job->tsfn.Release();
  });
  Napi::Object control = Napi::Object::New(env);
  std::shared_ptr<std::atomic<bool>> flag = job->cancel;
  control.Set("cancel", Napi::Function::New(env, [flag](const Napi::CallbackInfo& i) {
                flag->store(true);
                return i.Env().Undefined();
              }));
  return control;
}

FilterNode ParseNode(Napi::Env env, const Napi::Value& value, size_t terms, int depth) {
  if (depth > 200) throw ToJsError(env, "EINVAL", "The filter expression is nested too deeply");
  if (!value.IsObject()) throw ToJsError(env, "EINVAL", "A filter node must be an object");
  Napi::Object o = value.As<Napi::Object>();
  const std::string op = StringOption(o, "op", "");
  FilterNode node;
  if (op == "term") {
    node.op = FilterNode::Op::kTerm;
    node.term = static_cast<size_t>(ToIndex(o.Get("term"), "node.term"));
    if (node.term >= terms) throw ToJsError(env, "EINVAL", "A filter node names a term that does not exist");
  } else if (op == "not") {
    node.op = FilterNode::Op::kNot;
    node.children.push_back(ParseNode(env, o.Get("arg"), terms, depth + 1));
  } else if (op == "and" || op == "or") {
    node.op = op == "and" ? FilterNode::Op::kAnd : FilterNode::Op::kOr;
    const Napi::Value args = o.Get("args");
    if (!args.IsArray() || args.As<Napi::Array>().Length() == 0) throw ToJsError(env, "EINVAL", "and / or need an array of operands");
    Napi::Array a = args.As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length(); ++i) node.children.push_back(ParseNode(env, a.Get(i), terms, depth + 1));
  } else {
    throw ToJsError(env, "EINVAL", "Unknown filter node op '" + op + "' (term, and, or, not)");
  }
  return node;
}

std::shared_ptr<const FilterProgram> ParseProgram(Napi::Env env, const Napi::Value& value) {
  if (!value.IsObject()) throw ToJsError(env, "EINVAL", "filter(program, options, onEvent): program must be an object");
  Napi::Object p = value.As<Napi::Object>();
  const Napi::Value terms = p.Get("terms");
  if (!terms.IsArray()) throw ToJsError(env, "EINVAL", "program.terms must be an array of queries");
  Napi::Array list = terms.As<Napi::Array>();
  std::vector<PatternSpec> specs;
  for (uint32_t i = 0; i < list.Length(); ++i) specs.push_back(ParseQuery(env, list.Get(i)));
  FilterNode root = ParseNode(env, p.Get("root"), specs.size(), 0);
  try {
    return std::make_shared<const FilterProgram>(specs, std::move(root));
  } catch (const FilterTermError& e) {
    Napi::Error error = ToJsError(env, e);
    error.Set("term", Napi::Number::New(env, static_cast<double>(e.term())));
    throw error;
  } catch (const EngineError& e) {
    throw ToJsError(env, e);
  }
}

struct RunOptions {
  FilterLimits limits;
  uint64_t density_buckets = 0;
};

RunOptions ParseRunOptions(const Napi::Value& value) {
  RunOptions r;
  if (!value.IsObject()) return r;
  Napi::Object o = value.As<Napi::Object>();
  r.limits.threads = static_cast<unsigned>(IndexOption(o, "threads", 0));
  r.limits.window = static_cast<size_t>(std::max<uint64_t>(16, IndexOption(o, "window", size_t{1} << 20)));
  r.limits.segment = IndexOption(o, "segment", 0);
  r.density_buckets = std::min<uint64_t>(IndexOption(o, "densityBuckets", 0), uint64_t{1} << 20);
  return r;
}

// What the handle's functions share: the result until release().
struct Holder {
  std::shared_ptr<FilterResult> result;
  std::shared_ptr<std::atomic<bool>> cancel;
  FilterResult& Get(Napi::Env env) const {
    if (!result) throw ToJsError(env, "ECLOSED", "The filter has been released");
    return *result;
  }
};

Napi::Float64Array Numbers(Napi::Env env, const std::vector<double>& values) {
  Napi::Float64Array a = Napi::Float64Array::New(env, values.size());
  if (!values.empty()) std::memcpy(a.Data(), values.data(), values.size() * sizeof(double));
  return a;
}

Napi::Value RowsToJs(Napi::Env env, const FilterRows& rows) {
  const size_t n = rows.rows.size();
  std::vector<double> lines(n), offsets(n), lengths(n), byte_ends(n), span_ends(n), spans(rows.spans.size() * 2);
  Napi::Uint8Array flags = Napi::Uint8Array::New(env, n);
  for (size_t i = 0; i < n; ++i) {
    const FilterRow& r = rows.rows[i];
    lines[i] = static_cast<double>(r.line);
    offsets[i] = static_cast<double>(r.offset);
    lengths[i] = static_cast<double>(r.length);
    byte_ends[i] = static_cast<double>(r.bytes_end);
    span_ends[i] = static_cast<double>(r.spans_end);
    flags[i] = static_cast<uint8_t>((r.match ? 1 : 0) | (r.gap_before ? 2 : 0) | (r.truncated ? 4 : 0));
  }
  for (size_t i = 0; i < rows.spans.size(); ++i) {
    spans[2 * i] = static_cast<double>(rows.spans[i].start);
    spans[2 * i + 1] = static_cast<double>(rows.spans[i].length);
  }
  Napi::Uint8Array bytes = Napi::Uint8Array::New(env, rows.bytes.size());
  if (!rows.bytes.empty()) std::memcpy(bytes.Data(), rows.bytes.data(), rows.bytes.size());
  Napi::Object out = Napi::Object::New(env);
  out.Set("lines", Numbers(env, lines));
  out.Set("offsets", Numbers(env, offsets));
  out.Set("lengths", Numbers(env, lengths));
  out.Set("flags", flags);
  out.Set("bytes", bytes);
  out.Set("byteEnds", Numbers(env, byte_ends));
  out.Set("spans", Numbers(env, spans));
  out.Set("spanEnds", Numbers(env, span_ends));
  return out;
}

Napi::Object MakeHandle(Napi::Env env, std::shared_ptr<FilterResult> result, Napi::Object document, Napi::Function on_event,
                        const RunOptions& options);

// The handle's methods (see the header comment).
void DefineMethods(Napi::Env env, Napi::Object handle, const std::shared_ptr<Holder>& holder) {
  auto method = [&](const char* name, std::function<Napi::Value(const Napi::CallbackInfo&)> fn) {
    handle.Set(name, Napi::Function::New(env, [fn](const Napi::CallbackInfo& info) { return Translate(info.Env(), [&] { return fn(info); }); }, name));
  };
  method("cancel", [holder](const Napi::CallbackInfo& info) {
    holder->cancel->store(true);
    return info.Env().Undefined();
  });
  method("release", [holder](const Napi::CallbackInfo& info) {
    holder->cancel->store(true);
    holder->result.reset();
    return info.Env().Undefined();
  });
  method("summary", [holder](const Napi::CallbackInfo& info) {
    Napi::Env e = info.Env();
    const FilterSummary s = holder->Get(e).summary();
    Napi::Object o = Napi::Object::New(e);
    o.Set("count", Napi::Number::New(e, static_cast<double>(s.count)));
    o.Set("lines", Napi::Number::New(e, static_cast<double>(s.lines)));
    o.Set("scanned", Napi::Number::New(e, static_cast<double>(s.scanned)));
    o.Set("total", Napi::Number::New(e, static_cast<double>(s.total)));
    o.Set("complete", Napi::Boolean::New(e, s.complete));
    o.Set("cancelled", Napi::Boolean::New(e, s.cancelled));
    return o;
  });
  method("rowCount", [holder](const Napi::CallbackInfo& info) {
    const uint64_t before = info.Length() > 0 && !info[0].IsUndefined() ? ToIndex(info[0], "before") : 0;
    const uint64_t after = info.Length() > 1 && !info[1].IsUndefined() ? ToIndex(info[1], "after") : 0;
    return Napi::Number::New(info.Env(), static_cast<double>(holder->Get(info.Env()).RowCount(before, after)));
  });
  method("rows", [holder](const Napi::CallbackInfo& info) {
    const uint64_t start = ToIndex(info[0], "start");
    const uint64_t count = std::min<uint64_t>(ToIndex(info[1], "count"), 100000);
    RowOptions options;
    if (info.Length() > 2 && info[2].IsObject()) {
      Napi::Object o = info[2].As<Napi::Object>();
      options.before = IndexOption(o, "before", 0);
      options.after = IndexOption(o, "after", 0);
      options.max_bytes = static_cast<size_t>(std::min<uint64_t>(IndexOption(o, "maxBytes", 4096), 1 << 20));
      options.max_spans = static_cast<size_t>(std::min<uint64_t>(IndexOption(o, "maxSpans", 64), 4096));
    }
    return RowsToJs(info.Env(), holder->Get(info.Env()).Rows(start, count, options));
  });
  method("nearest", [holder](const Napi::CallbackInfo& info) -> Napi::Value {
    Napi::Env e = info.Env();
    const std::optional<NearestHit> hit = holder->Get(e).Nearest(ToIndex(info[0], "offset"));
    if (!hit) return e.Null();
    Napi::Object o = Napi::Object::New(e);
    o.Set("index", Napi::Number::New(e, static_cast<double>(hit->index)));
    o.Set("line", Napi::Number::New(e, static_cast<double>(hit->line)));
    o.Set("exact", Napi::Boolean::New(e, hit->exact));
    return o;
  });
  method("density", [holder](const Napi::CallbackInfo& info) {
    const std::vector<uint32_t> d = holder->Get(info.Env()).Density();
    Napi::Uint32Array out = Napi::Uint32Array::New(info.Env(), d.size());
    if (!d.empty()) std::memcpy(out.Data(), d.data(), d.size() * sizeof(uint32_t));
    return out;
  });
  method("lines", [holder](const Napi::CallbackInfo& info) {
    const std::vector<uint64_t> v = holder->Get(info.Env()).Lines(ToIndex(info[0], "start"), ToIndex(info[1], "count"));
    return Numbers(info.Env(), std::vector<double>(v.begin(), v.end()));
  });
  method("bytes", [holder](const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(holder->Get(info.Env()).bytes()));
  });
  method("refine", [holder](const Napi::CallbackInfo& info) -> Napi::Value {
    Napi::Env e = info.Env();
    if (info.Length() < 3 || !info[2].IsFunction()) throw ToJsError(e, "EINVAL", "refine(program, options, onEvent) expects a function last");
    holder->Get(e);  // ECLOSED once released
    std::shared_ptr<const FilterProgram> program = ParseProgram(e, info[0]);
    const RunOptions options = ParseRunOptions(info[1]);
    auto refined = std::make_shared<FilterResult>(std::shared_ptr<const FilterResult>(holder->result), program, options.density_buckets);
    // The refine reads the same snapshot: it holds the same document object.
    Napi::Object document;
    if (info.This().IsObject()) {
      const Napi::Value d = info.This().As<Napi::Object>().Get("document");
      if (d.IsObject()) document = d.As<Napi::Object>();
    }
    return MakeHandle(e, std::move(refined), document, info[2].As<Napi::Function>(), options);
  });
  method("exportLines", [holder](const Napi::CallbackInfo& info) -> Napi::Value {
    Napi::Env e = info.Env();
    if (info.Length() < 3 || !info[0].IsString() || !info[2].IsFunction()) {
      throw ToJsError(e, "EINVAL", "exportLines(path, options, onEvent) expects a path, an object and a function");
    }
    std::shared_ptr<FilterResult> result = holder->result;
    if (!result) throw ToJsError(e, "ECLOSED", "The filter has been released");
    if (!result->complete()) throw ToJsError(e, "EINVAL", "A filter can be exported once it has run to its end");
    const std::string path = info[0].As<Napi::String>().Utf8Value();
    ExportOptions options;
    if (info[1].IsObject()) {
      Napi::Object o = info[1].As<Napi::Object>();
      options.before = IndexOption(o, "before", 0);
      options.after = IndexOption(o, "after", 0);
      options.separators = BoolOption(o, "separators", true);
      options.first_line = IndexOption(o, "firstLine", 0);
      options.end_line = IndexOption(o, "endLine", UINT64_MAX);
      options.threads = static_cast<unsigned>(std::min<uint64_t>(IndexOption(o, "threads", 0), 64));
      options.segment = IndexOption(o, "segment", 0);
    }
    return StartJob(e, info[2].As<Napi::Function>(), info.This().IsObject() ? info.This().As<Napi::Object>() : Napi::Object(),
                    "lfe.filterExport", std::make_shared<std::atomic<bool>>(false), [result, path, options](Job& job) {
                      Clock::time_point last = Clock::now();
                      FilterEvent done(FilterEvent::Kind::kExportDone);
                      done.exported = result->Export(path, options, *job.cancel, [&](uint64_t lines, uint64_t total) {
                        if (Clock::now() - last < std::chrono::milliseconds(100)) return;
                        last = Clock::now();
                        FilterEvent e(FilterEvent::Kind::kExportProgress);
                        e.lines = lines;
                        e.total = total;
                        job.Post(std::move(e));
                      });
                      job.Post(std::move(done));
                    });
  });
}

Napi::Object MakeHandle(Napi::Env env, std::shared_ptr<FilterResult> result, Napi::Object document, Napi::Function on_event,
                        const RunOptions& options) {
  Napi::Object handle = Napi::Object::New(env);
  auto holder = std::make_shared<Holder>();
  holder->result = result;
  // The handle holds the edited document's object (and so the arrays its snapshot reads).
  if (!document.IsEmpty()) handle.Set("document", document);
  holder->cancel = std::make_shared<std::atomic<bool>>(false);
  Napi::Object control = StartJob(env, on_event, handle, "lfe.filter", holder->cancel, [result, options](Job& job) {
    const FilterLimits limits = options.limits;
    result->Run(limits, *job.cancel, [&] {
      FilterEvent e(FilterEvent::Kind::kProgress);
      e.summary = result->summary();
      job.Post(std::move(e));
    });
    FilterEvent done(FilterEvent::Kind::kDone);
    done.summary = result->summary();
    job.Post(std::move(done));
  });
  (void)control;  // the handle's cancel() and release() stop the run through holder->cancel
  DefineMethods(env, handle, holder);
  return handle;
}

}  // namespace

Napi::Value StartFilter(const Napi::CallbackInfo& info, FilterSubject subject, Napi::Object document) {
  Napi::Env env = info.Env();
  if (info.Length() < 3 || !info[2].IsFunction()) {
    throw ToJsError(env, "EINVAL", "filter(program, options, onEvent) expects an object, an object and a function");
  }
  std::shared_ptr<const FilterProgram> program = ParseProgram(env, info[0]);
  const RunOptions options = ParseRunOptions(info[1]);
  auto result = Translate(env, [&] { return std::make_shared<FilterResult>(std::move(subject), program, options.density_buckets); });
  return MakeHandle(env, std::move(result), document, info[2].As<Napi::Function>(), options);
}

}  // namespace lfe
