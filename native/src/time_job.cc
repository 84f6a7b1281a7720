// Time in logs, from JavaScript: `addon.time`, whose functions take a target (a MappedFile, or a
// Document: the edited document) and a format descriptor (what `detect` returned).
//
//   detect(target, { format?, pattern?, referenceTime? (ms), start?, end? }) -> descriptor | null
//       descriptor { name, kind, anchor, dateSep, commaFraction, syslogBaseYear, syslogPivot,
//                    custom?, pattern?, zoneMinutes (the first line's, or null), firstOffset,
//                    firstTime (µs), linesSampled, linesTimed }
//   at(target, offset, descriptor) -> { lineStart, lineEnd, entryStart, time, offsetMinutes, own } | null
//       the timestamp of the line holding `offset`: its own (own) or its entry's (the timed line
//       before it, looked for up to 1 MiB back); null if neither has one
//   parse(text, descriptor) -> { time, offsetMinutes } | null    text in any known format
//   goto(target, { format, time (µs), runs?, start?, end? }, onEvent) -> { cancel() }
//       onEvent('done', { offset | null, lineEnd, time, offsetMinutes, after, run, runs, pagesTouched })
//   histogram(target, { format, bucket (µs, 0: chosen), targetBuckets, start, end, query? (one, or
//                       an array: an entry matches when any does), runs?,
//                       threads, segment, window }, onEvent) -> { cancel() }
//       onEvent('plan', { origin, bucket, runs, total })
//              ('update', { first, counts: Float64Array, matches: Float64Array, scanned })  buckets
//               [first, first + counts.length) as they are now (merged so far)
//              ('done', { first, counts, matches, entries, matched, continuation, untimed, outside,
//                         cancelled, scanned })
//   Every function: ('error', Error with .code) for jobs; thrown for the others.
// Times are µs since the epoch (UTC) as doubles; offsets are byte offsets.
#include "time_job.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <thread>

#include "document_wrap.h"
#include "jobs.h"
#include "js_args.h"
#include "js_error.h"
#include "js_query.h"
#include "mapped_file_wrap.h"
#include "time/custom_format.h"
#include "time/format_detect.h"
#include "time/line_probe.h"
#include "time/time_histogram.h"
#include "time/time_search.h"

namespace lfe {

namespace {

constexpr uint64_t kEntryLookBack = uint64_t{1} << 20;

// What a time function works on, and the JS object to hold while a job reads it.
struct Target {
  std::shared_ptr<const Subject> subject;
  Napi::Object keep_alive;
};

Target TargetOf(const Napi::Value& value) {
  if (DocumentWrap::IsDocument(value)) return Target{DocumentWrap::SubjectOf(value), value.As<Napi::Object>()};
  return Target{MappedFileWrap::FileOf(value), Napi::Object()};
}

double Micros(const Napi::Object& o, const char* name) {
  const Napi::Value v = o.Get(name);
  if (!v.IsNumber()) throw ToJsError(o.Env(), "EINVAL", std::string(name) + " must be a number of microseconds");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d > -9.007199254740991e15 && d < 9.007199254740991e15)) throw ToJsError(o.Env(), "EINVAL", std::string(name) + " is out of range");
  return d;
}

Napi::Value ZoneValue(Napi::Env env, int16_t minutes) {
  return minutes == kNoZone ? env.Null() : Napi::Number::New(env, minutes);
}

Napi::Object Describe(Napi::Env env, const DetectedFormat& d) {
  const TimeFormat& f = d.format;
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", TimeFormatName(f));
  o.Set("kind", TimeKindName(f.kind));
  o.Set("anchor", TimeAnchorName(f.anchor));
  o.Set("dateSep", std::string(1, f.date_sep));
  o.Set("commaFraction", Napi::Boolean::New(env, f.comma_fraction));
  o.Set("tSeparator", Napi::Boolean::New(env, d.shape.t_separator));
  o.Set("syslogBaseYear", Napi::Number::New(env, static_cast<double>(f.years.base_year)));
  o.Set("syslogPivot", Napi::Number::New(env, static_cast<double>(f.years.pivot)));
  if (f.custom) o.Set("custom", f.custom->source());
  if (!f.pattern.empty()) o.Set("pattern", f.pattern);
  o.Set("zoneMinutes", ZoneValue(env, d.first.offset_minutes));
  o.Set("firstOffset", Napi::Number::New(env, static_cast<double>(d.first_offset)));
  o.Set("firstTime", Napi::Number::New(env, static_cast<double>(d.first.micros)));
  o.Set("linesSampled", Napi::Number::New(env, static_cast<double>(d.lines_sampled)));
  o.Set("linesTimed", Napi::Number::New(env, static_cast<double>(d.lines_timed)));
  return o;
}

TimeFormat FormatOf(const Napi::Value& value) {
  Napi::Env env = value.Env();
  if (!value.IsObject()) throw ToJsError(env, "EINVAL", "format must be a descriptor from time.detect()");
  const Napi::Object o = value.As<Napi::Object>();
  TimeFormat f;
  const std::string kind = StringOption(o, "kind", "ymd");
  const std::string anchor = StringOption(o, "anchor", "line-start");
  bool kind_known = false;
  for (const TimeKind k : {TimeKind::kYmd, TimeKind::kSyslog, TimeKind::kCtime, TimeKind::kClf, TimeKind::kEpochSeconds,
                           TimeKind::kEpochMillis, TimeKind::kCustom}) {
    if (kind == TimeKindName(k)) {
      f.kind = k;
      kind_known = true;
    }
  }
  bool anchor_known = false;
  for (const TimeAnchor a : {TimeAnchor::kLineStart, TimeAnchor::kBracket, TimeAnchor::kSearch, TimeAnchor::kPattern}) {
    if (anchor == TimeAnchorName(a)) {
      f.anchor = a;
      anchor_known = true;
    }
  }
  if (!kind_known) throw ToJsError(env, "EINVAL", "Unknown timestamp kind '" + kind + "'");
  if (!anchor_known) throw ToJsError(env, "EINVAL", "Unknown timestamp anchor '" + anchor + "'");
  const std::string sep = StringOption(o, "dateSep", "-");
  if (sep != "-" && sep != "/") throw ToJsError(env, "EINVAL", "dateSep is - or /");
  f.date_sep = sep[0];
  f.comma_fraction = BoolOption(o, "commaFraction", false);
  const Napi::Value base = o.Get("syslogBaseYear");
  const Napi::Value pivot = o.Get("syslogPivot");
  if (base.IsNumber()) f.years.base_year = static_cast<int64_t>(base.As<Napi::Number>().DoubleValue());
  if (pivot.IsNumber()) f.years.pivot = static_cast<int64_t>(pivot.As<Napi::Number>().DoubleValue());
  if (f.kind == TimeKind::kCustom) {
    f.custom = Translate(env, [&] { return std::make_shared<const CustomFormat>(StringOption(o, "custom", "")); });
  }
  f.pattern = StringOption(o, "pattern", "");
  if (f.anchor == TimeAnchor::kPattern && f.pattern.empty()) throw ToJsError(env, "EINVAL", "anchor 'pattern' needs a pattern");
  return f;
}

struct Range {
  uint64_t begin;
  uint64_t end;
};

Range RangeOf(const Napi::Object& o, const Subject& subject) {
  const uint64_t end = std::min(IndexOption(o, "end", subject.size()), subject.size());
  return Range{std::min(IndexOption(o, "start", 0), end), end};
}

Napi::Array RunsToJs(Napi::Env env, const std::vector<TimeRun>& runs) {
  Napi::Array a = Napi::Array::New(env, runs.size());
  for (size_t i = 0; i < runs.size(); ++i) {
    Napi::Object r = Napi::Object::New(env);
    r.Set("begin", Napi::Number::New(env, static_cast<double>(runs[i].begin)));
    r.Set("end", Napi::Number::New(env, static_cast<double>(runs[i].end)));
    r.Set("firstTime", Napi::Number::New(env, static_cast<double>(runs[i].first_time)));
    r.Set("lastTime", Napi::Number::New(env, static_cast<double>(runs[i].last_time)));
    a.Set(static_cast<uint32_t>(i), r);
  }
  return a;
}

// Runs the caller kept from an earlier answer (checked: they must lie in the range, in order).
std::optional<std::vector<TimeRun>> RunsOf(const Napi::Object& o, const Range& range) {
  const Napi::Value v = o.Get("runs");
  if (v.IsUndefined() || v.IsNull()) return std::nullopt;
  if (!v.IsArray()) throw ToJsError(o.Env(), "EINVAL", "runs must be an array");
  const Napi::Array a = v.As<Napi::Array>();
  std::vector<TimeRun> runs;
  uint64_t at = range.begin;
  for (uint32_t i = 0; i < a.Length(); ++i) {
    if (!a.Get(i).IsObject()) throw ToJsError(o.Env(), "EINVAL", "runs[i] must be an object");
    const Napi::Object r = a.Get(i).As<Napi::Object>();
    TimeRun run;
    run.begin = ToIndex(r.Get("begin"), "runs[i].begin");
    run.end = ToIndex(r.Get("end"), "runs[i].end");
    run.first_time = static_cast<int64_t>(Micros(r, "firstTime"));
    run.last_time = static_cast<int64_t>(Micros(r, "lastTime"));
    if (run.begin < at || run.end < run.begin || run.end > range.end) throw ToJsError(o.Env(), "EINVAL", "runs do not fit the range");
    at = run.end;
    runs.push_back(run);
  }
  return runs;
}

// A job on a thread of its own, reporting through a thread-safe function.
struct TimeJob {
  Target target;
  TimeFormat format;
  Range range{0, 0};
  std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
  Napi::ObjectReference keep_alive;
  Napi::ThreadSafeFunction tsfn;
  std::thread thread;
};

using EventBuilder = std::function<Napi::Value(Napi::Env)>;
struct TimeEvent {
  std::string name;
  EventBuilder build;
};

void Deliver(Napi::Env env, Napi::Function callback, TimeEvent* event) {
  std::unique_ptr<TimeEvent> e(event);
  callback.Call({Napi::String::New(env, e->name), e->build(env)});
}

void Post(TimeJob& job, std::string name, EventBuilder build) {
  TimeEvent* heap = new TimeEvent{std::move(name), std::move(build)};
  if (job.tsfn.NonBlockingCall(heap, Deliver) != napi_ok) delete heap;
}

void PostError(TimeJob& job, const std::string& code, const std::string& message) {
  Post(job, "error", [code, message](Napi::Env env) { return ToJsError(env, code, message).Value(); });
}

// Starts `body` on its own thread; returns the { cancel() } handle.
Napi::Value StartJob(const Napi::CallbackInfo& info, const std::shared_ptr<TimeJob>& job, const char* name,
                     const std::function<void(TimeJob&)>& body) {
  Napi::Env env = info.Env();
  if (!job->target.keep_alive.IsEmpty()) job->keep_alive = Napi::Persistent(job->target.keep_alive);
  job->target.keep_alive = Napi::Object();
  job->tsfn = Napi::ThreadSafeFunction::New(env, info[2].As<Napi::Function>(), name, 0, 1, [job](Napi::Env) {
    job->cancel->store(true);
    if (job->thread.joinable()) job->thread.join();
    job->keep_alive.Reset();
  });
  job->thread = std::thread([job, body] {
    try {
      body(*job);
    } catch (const EngineError& e) {
      PostError(*job, e.code(), e.what());
    } catch (const std::exception& e) {
      PostError(*job, "EIO", e.what());
    }
    job->target.subject.reset();
    job->tsfn.Release();
  });
  std::shared_ptr<std::atomic<bool>> cancel = job->cancel;
  Napi::Object handle = Napi::Object::New(env);
  handle.Set("cancel", Napi::Function::New(env, [cancel](const Napi::CallbackInfo& i) {
               cancel->store(true);
               return i.Env().Undefined();
             }));
  return handle;
}

std::shared_ptr<TimeJob> NewJob(const Napi::CallbackInfo& info, const char* usage) {
  Napi::Env env = info.Env();
  if (info.Length() < 3 || !info[1].IsObject() || !info[2].IsFunction()) throw ToJsError(env, "EINVAL", usage);
  auto job = std::make_shared<TimeJob>();
  job->target = TargetOf(info[0]);
  const Napi::Object o = info[1].As<Napi::Object>();
  job->format = FormatOf(o.Get("format"));
  job->range = RangeOf(o, *job->target.subject);
  // A bad pattern is an error now, not on the job's thread.
  Translate(env, [&] { LineTimeParser check(job->format); });
  return job;
}

Napi::Value Detect(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Target target = TargetOf(info[0]);
  DetectOptions options;
  Range range{0, target.subject->size()};
  if (info.Length() > 1 && info[1].IsObject()) {
    const Napi::Object o = info[1].As<Napi::Object>();
    options.custom_format = StringOption(o, "format", "");
    options.pattern = StringOption(o, "pattern", "");
    const Napi::Value ref = o.Get("referenceTime");
    if (ref.IsNumber()) options.reference_micros = static_cast<int64_t>(ref.As<Napi::Number>().DoubleValue() * 1000);
    range = RangeOf(o, *target.subject);
  }
  const std::optional<DetectedFormat> found =
      Translate(env, [&] { return DetectTimeFormat(*target.subject, range.begin, range.end, options); });
  return found ? Describe(env, *found) : env.Null();
}

Napi::Value At(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Target target = TargetOf(info[0]);
  const uint64_t offset = ToIndex(info[1], "offset");
  const TimeFormat format = FormatOf(info[2]);
  return Translate(env, [&]() -> Napi::Value {
    LineTimeParser parser(format);
    LineProbe probe(*target.subject, parser, 0, target.subject->size());
    const uint64_t start = probe.LineStartOf(std::min(offset, target.subject->size()));
    TimedLine line;
    const bool own = probe.ReadLine(start, &line);
    std::optional<TimedLine> entry = own ? std::optional<TimedLine>(line) : probe.LastTimedBefore(start, 0, kEntryLookBack);
    if (!entry) return env.Null();
    Napi::Object o = Napi::Object::New(env);
    o.Set("lineStart", Napi::Number::New(env, static_cast<double>(line.start)));
    o.Set("lineEnd", Napi::Number::New(env, static_cast<double>(line.end)));
    o.Set("entryStart", Napi::Number::New(env, static_cast<double>(entry->start)));
    o.Set("time", Napi::Number::New(env, static_cast<double>(entry->stamp.micros)));
    o.Set("offsetMinutes", ZoneValue(env, entry->stamp.offset_minutes));
    o.Set("own", Napi::Boolean::New(env, own));
    return o;
  });
}

Napi::Value Parse(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString()) throw ToJsError(env, "EINVAL", "parse(text, format) expects a string");
  const std::string text = info[0].As<Napi::String>().Utf8Value();
  const TimeFormat format = FormatOf(info[1]);
  Stamp stamp;
  if (!Translate(env, [&] { return ParseStampText(format, reinterpret_cast<const uint8_t*>(text.data()), text.size(), &stamp); })) {
    return env.Null();
  }
  Napi::Object o = Napi::Object::New(env);
  o.Set("time", Napi::Number::New(env, static_cast<double>(stamp.micros)));
  o.Set("offsetMinutes", ZoneValue(env, stamp.offset_minutes));
  return o;
}

Napi::Value Goto(const Napi::CallbackInfo& info) {
  std::shared_ptr<TimeJob> job = NewJob(info, "goto(target, { format, time }, onEvent) expects a target, an object and a function");
  const Napi::Object o = info[1].As<Napi::Object>();
  const int64_t target_time = static_cast<int64_t>(Micros(o, "time"));
  const std::optional<std::vector<TimeRun>> known = RunsOf(o, job->range);
  return StartJob(info, job, "lfe.gotoTime", [target_time, known](TimeJob& j) {
    LineTimeParser parser(j.format);
    LineProbe probe(*j.target.subject, parser, j.range.begin, j.range.end);
    const std::vector<TimeRun> runs = known ? *known : FindRuns(probe, j.cancel.get());
    if (runs.empty()) throw EngineError("ENOTIMESTAMPS", "No line has a timestamp in the " + std::string(TimeFormatName(j.format)) + " format");
    const GotoTimeResult r = GotoTime(probe, runs, target_time);
    const uint64_t pages = probe.pages_touched();
    Post(j, "done", [r, runs, pages](Napi::Env env) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("offset", r.line ? Napi::Number::New(env, static_cast<double>(r.line->start)) : env.Null());
      o.Set("lineEnd", r.line ? Napi::Number::New(env, static_cast<double>(r.line->end)) : env.Null());
      o.Set("time", r.line ? Napi::Number::New(env, static_cast<double>(r.line->stamp.micros)) : env.Null());
      o.Set("offsetMinutes", r.line ? ZoneValue(env, r.line->stamp.offset_minutes) : env.Null());
      o.Set("after", Napi::Boolean::New(env, r.after_end));
      o.Set("run", Napi::Number::New(env, static_cast<double>(r.run)));
      o.Set("runs", RunsToJs(env, runs));
      o.Set("pagesTouched", Napi::Number::New(env, static_cast<double>(pages)));
      return o;
    });
  });
}

Napi::Float64Array Doubles(Napi::Env env, const std::vector<uint64_t>& v, size_t from, size_t n) {
  Napi::Float64Array a = Napi::Float64Array::New(env, n);
  for (size_t i = 0; i < n; ++i) a[i] = static_cast<double>(v[from + i]);
  return a;
}

// Posts the merged buckets as they settle.
class HistogramEvents final : public HistogramListener {
 public:
  explicit HistogramEvents(TimeJob& job) : job_(job) {}
  void OnUpdate(const BucketCounts& all, int64_t lo, int64_t hi, uint64_t scanned) override {
    if (all.empty()) {
      Post(job_, "update", [scanned](Napi::Env env) {
        Napi::Object o = Napi::Object::New(env);
        o.Set("first", Napi::Number::New(env, 0));
        o.Set("counts", Napi::Float64Array::New(env, 0));
        o.Set("matches", Napi::Float64Array::New(env, 0));
        o.Set("scanned", Napi::Number::New(env, static_cast<double>(scanned)));
        return o;
      });
      return;
    }
    lo = std::max(lo, all.first);
    hi = std::min(hi, all.last());
    const size_t from = static_cast<size_t>(lo - all.first);
    const size_t n = hi >= lo ? static_cast<size_t>(hi - lo + 1) : 0;
    const auto first = static_cast<std::ptrdiff_t>(from);
    const auto last = static_cast<std::ptrdiff_t>(from + n);
    std::vector<uint64_t> counts(all.counts.begin() + first, all.counts.begin() + last);
    std::vector<uint64_t> matches(all.matches.begin() + first, all.matches.begin() + last);
    Post(job_, "update", [lo, counts = std::move(counts), matches = std::move(matches), scanned](Napi::Env env) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("first", Napi::Number::New(env, static_cast<double>(lo)));
      o.Set("counts", Doubles(env, counts, 0, counts.size()));
      o.Set("matches", Doubles(env, matches, 0, matches.size()));
      o.Set("scanned", Napi::Number::New(env, static_cast<double>(scanned)));
      return o;
    });
  }

 private:
  TimeJob& job_;
};

Napi::Value Histogram(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::shared_ptr<TimeJob> job = NewJob(info, "histogram(target, { format, bucket }, onEvent) expects a target, an object and a function");
  const Napi::Object o = info[1].As<Napi::Object>();
  const int64_t bucket = o.Get("bucket").IsNumber() ? static_cast<int64_t>(Micros(o, "bucket")) : 0;
  const int64_t target_buckets = static_cast<int64_t>(IndexOption(o, "targetBuckets", 1000));
  // Buckets follow the file's clock: its first line's zone (from the descriptor), unless given.
  Napi::Value zone_value = o.Get("zoneMinutes");
  if (!zone_value.IsNumber()) zone_value = o.Get("format").As<Napi::Object>().Get("zoneMinutes");
  const int16_t zone = zone_value.IsNumber() ? static_cast<int16_t>(zone_value.As<Napi::Number>().Int32Value()) : kNoZone;
  HistogramOptions options;
  options.threads = static_cast<unsigned>(IndexOption(o, "threads", 0));
  options.segment = IndexOption(o, "segment", 0);
  options.window = static_cast<size_t>(std::max<uint64_t>(4096, IndexOption(o, "window", 256 * 1024)));
  // One query or several (an entry matches when any does).
  auto queries = std::make_shared<std::vector<std::unique_ptr<Matcher>>>();
  const Napi::Value q = o.Get("query");
  if (!q.IsUndefined() && !q.IsNull()) {
    std::vector<Napi::Value> specs;
    if (q.IsArray()) {
      const Napi::Array list = q.As<Napi::Array>();
      for (uint32_t i = 0; i < list.Length(); ++i) specs.push_back(list.Get(i));
    } else {
      specs.push_back(q);
    }
    for (const Napi::Value& v : specs) {
      const PatternSpec spec = ParseQuery(env, v);
      queries->push_back(Translate(env, [&] { return CreateMatcher(spec); }));
    }
  }
  const std::optional<std::vector<TimeRun>> known = RunsOf(o, job->range);
  return StartJob(info, job, "lfe.timeHistogram", [=](TimeJob& j) {
    const Subject& subject = *j.target.subject;
    LineTimeParser parser(j.format);
    LineProbe probe(subject, parser, j.range.begin, j.range.end);
    const std::vector<TimeRun> runs = known ? *known : FindRuns(probe, j.cancel.get());
    const HistogramPlan plan = PlanHistogram(runs, j.range.begin, j.range.end, bucket, target_buckets, zone);
    const uint64_t total = j.range.end - j.range.begin;
    Post(j, "plan", [plan, runs, total](Napi::Env env) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("origin", Napi::Number::New(env, static_cast<double>(plan.origin)));
      o.Set("bucket", Napi::Number::New(env, static_cast<double>(plan.bucket)));
      o.Set("runs", RunsToJs(env, runs));
      o.Set("total", Napi::Number::New(env, static_cast<double>(total)));
      return o;
    });
    HistogramEvents events(j);
    auto all = std::make_shared<BucketCounts>();
    std::vector<const Matcher*> matchers;
    for (const std::unique_ptr<Matcher>& m : *queries) matchers.push_back(m.get());
    const HistogramTotals t = BuildHistogram(subject, j.format, plan, matchers, options, *j.cancel, events, all.get());
    Post(j, "done", [all, t, total](Napi::Env env) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("first", Napi::Number::New(env, static_cast<double>(all->first)));
      o.Set("counts", Doubles(env, all->counts, 0, all->counts.size()));
      o.Set("matches", Doubles(env, all->matches, 0, all->matches.size()));
      o.Set("entries", Napi::Number::New(env, static_cast<double>(t.entries)));
      o.Set("matched", Napi::Number::New(env, static_cast<double>(t.matched)));
      o.Set("continuation", Napi::Number::New(env, static_cast<double>(t.continuation)));
      o.Set("untimed", Napi::Number::New(env, static_cast<double>(t.untimed)));
      o.Set("outside", Napi::Number::New(env, static_cast<double>(t.outside)));
      o.Set("cancelled", Napi::Boolean::New(env, t.cancelled));
      o.Set("scanned", Napi::Number::New(env, static_cast<double>(total)));
      return o;
    });
  });
}

}  // namespace

Napi::Object DefineTime(Napi::Env env) {
  Napi::Object time = Napi::Object::New(env);
  time.Set("detect", Napi::Function::New(env, Detect, "detect"));
  time.Set("at", Napi::Function::New(env, At, "at"));
  time.Set("parse", Napi::Function::New(env, Parse, "parse"));
  time.Set("goto", Napi::Function::New(env, Goto, "goto"));
  time.Set("histogram", Napi::Function::New(env, Histogram, "histogram"));
  return time;
}

}  // namespace lfe
