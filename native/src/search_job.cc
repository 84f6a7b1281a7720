// file.search(query, options, onEvent) and document.search(...): find-all / find-next /
// find-previous over a subject (the mapped file, or an edited document) as a job.
//
//   query   { kind: 'literal'|'hex'|'regex', pattern: string|Uint8Array, ignoreCase, wholeWord, utf8,
//             encoding: 'utf-8'|'latin1'|'windows-1252'|'utf-16le'|'utf-16be' (default: bytes) }
//   options { op: 'all'|'next'|'previous', start, end, from, wrap, maxResults, collect,
//             threads, window, segment, checkpointEvery, checkpointGap, replacement }
//   onEvent('matches', {offsets: Float64Array, lengths: Float64Array})   batches, in file order;
//          with checkpointEvery > 0 only the checkpoints cross: a match is one when it comes
//          checkpointEvery matches after the last one, or lies checkpointGap bytes or more past
//          it (the first match always is), and the batch adds {indexes: Float64Array (each
//          checkpoint's index among all matches), count: matches so far}
//          with `replacement` (a regex query's PCRE2 template: op 'all' or 'next') each match's
//          replacement too: {replacements: Uint8Array (packed), replacementEnds: Float64Array
//          (where each ends in it)}; op 'all' then scans on one thread, in order
//           ('progress', {scanned, total})
//           ('done', {count, truncated, cancelled, match, replacement?: Uint8Array (op 'next')})
//           ('error', Error with .code)
// Returns { cancel() }.
#include <chrono>
#include <cstring>
#include <thread>

#include "jobs.h"
#include "js_args.h"
#include "js_error.h"
#include "search/matcher.h"
#include "search/parallel_search.h"
#include "search/replaced_search.h"

namespace lfe {

namespace {

using Clock = std::chrono::steady_clock;

enum class Op { kAll, kNext, kPrevious };

struct SearchEvent {
  enum class Kind { kMatches, kProgress, kDone, kError };
  explicit SearchEvent(Kind k) : kind(k) {}
  Kind kind;
  std::vector<FoundMatch> matches;
  std::vector<uint64_t> indexes;  // checkpoint mode: each match's index among all matches
  uint64_t count = 0;             // checkpoint mode: matches so far
  uint64_t scanned = 0;
  uint64_t total = 0;
  FindAllResult result;
  std::optional<FoundMatch> match;
  std::string code;
  std::string message;
  std::string replacements;               // with a replacement: the batch's, packed
  std::vector<size_t> replacement_ends;   // where each match's replacement ends in them
  std::optional<std::string> replacement;  // op 'next' with a replacement: the match's
};

struct SearchJob {
  std::shared_ptr<const Subject> subject;
  // The JavaScript object whose memory the subject reads (an edited document's blocks), held
  // until the job is over; released on the JS thread (the thread-safe function's finalizer).
  Napi::ObjectReference keep_alive;
  std::optional<std::string> replacement;
  std::unique_ptr<Matcher> matcher;
  SearchLimits limits;
  Op op = Op::kAll;
  uint64_t from = 0;
  bool wrap = false;
  bool collect = true;
  uint64_t checkpoint_every = 0;  // 0: every match crosses
  uint64_t checkpoint_gap = 0;
  std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
  Napi::ThreadSafeFunction tsfn;
  std::thread thread;
};

Napi::Value ToJs(Napi::Env env, const FoundMatch& m) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("offset", Napi::Number::New(env, static_cast<double>(m.offset)));
  o.Set("length", Napi::Number::New(env, static_cast<double>(m.length)));
  return o;
}

Napi::Uint8Array Bytes(Napi::Env env, const std::string& bytes) {
  Napi::Uint8Array out = Napi::Uint8Array::New(env, bytes.size());
  if (!bytes.empty()) std::memcpy(out.Data(), bytes.data(), bytes.size());
  return out;
}

void Deliver(Napi::Env env, Napi::Function callback, SearchEvent* event) {
  std::unique_ptr<SearchEvent> e(event);
  switch (e->kind) {
    case SearchEvent::Kind::kMatches: {
      const size_t n = e->matches.size();
      Napi::Float64Array offsets = Napi::Float64Array::New(env, n);
      Napi::Float64Array lengths = Napi::Float64Array::New(env, n);
      for (size_t i = 0; i < n; ++i) {
        offsets[i] = static_cast<double>(e->matches[i].offset);
        lengths[i] = static_cast<double>(e->matches[i].length);
      }
      Napi::Object payload = Napi::Object::New(env);
      payload.Set("offsets", offsets);
      payload.Set("lengths", lengths);
      if (!e->replacement_ends.empty()) {
        payload.Set("replacements", Bytes(env, e->replacements));
        Napi::Float64Array ends = Napi::Float64Array::New(env, n);
        for (size_t i = 0; i < n; ++i) ends[i] = static_cast<double>(e->replacement_ends[i]);
        payload.Set("replacementEnds", ends);
      }
      if (!e->indexes.empty() || e->count > 0) {
        Napi::Float64Array indexes = Napi::Float64Array::New(env, n);
        for (size_t i = 0; i < n; ++i) indexes[i] = static_cast<double>(e->indexes[i]);
        payload.Set("indexes", indexes);
        payload.Set("count", Napi::Number::New(env, static_cast<double>(e->count)));
      }
      callback.Call({Napi::String::New(env, "matches"), payload});
      return;
    }
    case SearchEvent::Kind::kProgress: {
      Napi::Object payload = Napi::Object::New(env);
      payload.Set("scanned", Napi::Number::New(env, static_cast<double>(e->scanned)));
      payload.Set("total", Napi::Number::New(env, static_cast<double>(e->total)));
      callback.Call({Napi::String::New(env, "progress"), payload});
      return;
    }
    case SearchEvent::Kind::kDone: {
      Napi::Object payload = Napi::Object::New(env);
      payload.Set("count", Napi::Number::New(env, static_cast<double>(e->result.count)));
      payload.Set("truncated", Napi::Boolean::New(env, e->result.truncated));
      payload.Set("cancelled", Napi::Boolean::New(env, e->result.cancelled));
      payload.Set("match", e->match ? ToJs(env, *e->match) : env.Null());
      if (e->replacement) payload.Set("replacement", Bytes(env, *e->replacement));
      callback.Call({Napi::String::New(env, "done"), payload});
      return;
    }
    case SearchEvent::Kind::kError:
      callback.Call({Napi::String::New(env, "error"), ToJsError(env, e->code, e->message).Value()});
      return;
  }
}

// Batches matches and throttles progress on their way to the JS thread.
class JobListener final : public SearchListener {
 public:
  JobListener(SearchJob& job, uint64_t total) : job_(job), total_(total) {}
  void OnMatches(const FoundMatch* matches, size_t count) override {
    if (!job_.collect) return;
    if (job_.checkpoint_every > 0) {
      // Millions of matches, of which the host keeps a few: choosing them here spares it
      // receiving (and collecting the garbage of) every offset.
      for (size_t i = 0; i < count; ++i, ++seen_) {
        const FoundMatch& m = matches[i];
        const bool due = !have_checkpoint_ || seen_ - checkpoint_index_ >= job_.checkpoint_every ||
                         m.offset - checkpoint_offset_ >= job_.checkpoint_gap;
        if (!due) continue;
        have_checkpoint_ = true;
        checkpoint_index_ = seen_;
        checkpoint_offset_ = m.offset;
        batch_.push_back(m);
        indexes_.push_back(seen_);
      }
      changed_ = changed_ || count > 0;
    } else {
      batch_.insert(batch_.end(), matches, matches + count);
    }
    if (batch_.size() >= 65536 || Clock::now() - last_flush_ > std::chrono::milliseconds(50)) Flush();
  }
  void OnReplacedMatches(const FoundMatch* matches, size_t count, const std::string& bytes, const size_t* ends) override {
    // Ends move from the call's bytes to the batch's.
    const size_t base = replacements_.size();
    replacements_.append(bytes);
    for (size_t i = 0; i < count; ++i) replacement_ends_.push_back(base + ends[i]);
    batch_.insert(batch_.end(), matches, matches + count);
    if (batch_.size() >= 65536 || replacements_.size() >= (size_t{16} << 20) ||
        Clock::now() - last_flush_ > std::chrono::milliseconds(50)) {
      Flush();
    }
  }
  void OnProgress(uint64_t scanned) override {
    Flush();
    if (Clock::now() - last_progress_ < std::chrono::milliseconds(100)) return;
    last_progress_ = Clock::now();
    SearchEvent e(SearchEvent::Kind::kProgress);
    e.scanned = scanned;
    e.total = total_;
    Post(std::move(e));
  }
  void Flush() {
    last_flush_ = Clock::now();
    // In checkpoint mode a batch also carries the count, so it goes out when only that moved.
    if (batch_.empty() && !changed_) return;
    SearchEvent e(SearchEvent::Kind::kMatches);
    e.matches = std::move(batch_);
    e.indexes = std::move(indexes_);
    e.count = seen_;
    e.replacements = std::move(replacements_);
    e.replacement_ends = std::move(replacement_ends_);
    batch_ = std::vector<FoundMatch>();
    indexes_ = std::vector<uint64_t>();
    replacements_ = std::string();
    replacement_ends_ = std::vector<size_t>();
    changed_ = false;
    Post(std::move(e));
  }
  void Post(SearchEvent&& e) {
    SearchEvent* heap = new SearchEvent(std::move(e));
    // Unbounded queue: never blocks the worker (and never deadlocks against a JS thread that is
    // waiting for this job in a finalizer).
    if (job_.tsfn.NonBlockingCall(heap, Deliver) != napi_ok) delete heap;
  }

 private:
  SearchJob& job_;
  uint64_t total_;
  std::vector<FoundMatch> batch_;
  // With a replacement.
  std::string replacements_;
  std::vector<size_t> replacement_ends_;
  // Checkpoint mode.
  std::vector<uint64_t> indexes_;
  uint64_t seen_ = 0;
  bool have_checkpoint_ = false;
  uint64_t checkpoint_index_ = 0;
  uint64_t checkpoint_offset_ = 0;
  bool changed_ = false;
  Clock::time_point last_flush_ = Clock::now();
  Clock::time_point last_progress_ = Clock::now();
};

SearchEvent ErrorEvent(const std::string& code, const std::string& message) {
  SearchEvent e(SearchEvent::Kind::kError);
  e.code = code;
  e.message = message;
  return e;
}

void Run(SearchJob& job) {
  const Subject& subject = *job.subject;
  const uint64_t end = std::min(job.limits.end, subject.size());
  JobListener listener(job, end - std::min(job.limits.begin, end));
  SearchEvent done(SearchEvent::Kind::kDone);
  try {
    switch (job.op) {
      case Op::kAll:
        done.result = job.replacement
                          ? FindAllReplaced(subject, *job.matcher, job.limits, *job.replacement, *job.cancel, listener)
                          : FindAll(subject, *job.matcher, job.limits, *job.cancel, listener);
        break;
      case Op::kNext:
        done.match = FindNext(subject, *job.matcher, job.limits, job.from, job.wrap, *job.cancel, listener);
        if (done.match && job.replacement) {
          done.replacement = ExpandReplacement(subject, *job.matcher, job.limits, *done.match, *job.replacement);
        }
        break;
      case Op::kPrevious:
        done.match = FindPrevious(subject, *job.matcher, job.limits, job.from, job.wrap, *job.cancel, listener);
        break;
    }
    if (job.op != Op::kAll) {
      done.result.count = done.match ? 1 : 0;
      done.result.cancelled = job.cancel->load() || subject.closed();
    }
    listener.Flush();
    listener.Post(std::move(done));
  } catch (const EngineError& e) {
    listener.Post(ErrorEvent(e.code(), e.what()));
  } catch (const std::exception& e) {
    listener.Post(ErrorEvent("EIO", e.what()));
  }
}

}  // namespace

PatternSpec ParseQuery(Napi::Env env, const Napi::Value& value) {
  if (!value.IsObject()) throw ToJsError(env, "EINVAL", "search(query, options, onEvent): query must be an object");
  Napi::Object q = value.As<Napi::Object>();
  PatternSpec spec;
  const std::string kind = StringOption(q, "kind", "literal");
  if (kind == "literal") spec.kind = PatternKind::kLiteral;
  else if (kind == "hex") spec.kind = PatternKind::kHex;
  else if (kind == "regex") spec.kind = PatternKind::kRegex;
  else throw ToJsError(env, "EINVAL", "Unknown query kind '" + kind + "' (literal, hex or regex)");
  const Napi::Value pattern = q.Get("pattern");
  if (pattern.IsString()) {
    spec.pattern = pattern.As<Napi::String>().Utf8Value();
  } else {
    const ByteView bytes = ToBytes(pattern, "query.pattern");
    spec.pattern.assign(reinterpret_cast<const char*>(bytes.data), bytes.length);
  }
  spec.ignore_case = BoolOption(q, "ignoreCase", false);
  spec.whole_word = BoolOption(q, "wholeWord", false);
  spec.utf8 = BoolOption(q, "utf8", false);
  const std::string encoding = StringOption(q, "encoding", "");
  if (encoding == "utf-8") spec.encoding = TextEncoding::kUtf8;
  else if (encoding == "latin1") spec.encoding = TextEncoding::kLatin1;
  else if (encoding == "windows-1252") spec.encoding = TextEncoding::kWindows1252;
  else if (encoding == "utf-16le") spec.encoding = TextEncoding::kUtf16le;
  else if (encoding == "utf-16be") spec.encoding = TextEncoding::kUtf16be;
  else if (!encoding.empty()) {
    throw ToJsError(env, "EINVAL", "Unknown query encoding '" + encoding + "' (utf-8, latin1, windows-1252, utf-16le or utf-16be)");
  }
  return spec;
}

Napi::Value StartSearch(const Napi::CallbackInfo& info, std::shared_ptr<const Subject> subject, Napi::Object keep_alive) {
  Napi::Env env = info.Env();
  if (info.Length() < 3 || !info[1].IsObject() || !info[2].IsFunction()) {
    throw ToJsError(env, "EINVAL", "search(query, options, onEvent) expects an object, an object and a function");
  }
  auto job = std::make_shared<SearchJob>();
  const PatternSpec spec = ParseQuery(env, info[0]);
  try {
    job->matcher = CreateMatcher(spec);
  } catch (const EngineError& e) {
    throw ToJsError(env, e);
  }
  Napi::Object o = info[1].As<Napi::Object>();
  const std::string op = StringOption(o, "op", "all");
  if (op == "all") job->op = Op::kAll;
  else if (op == "next") job->op = Op::kNext;
  else if (op == "previous") job->op = Op::kPrevious;
  else throw ToJsError(env, "EINVAL", "Unknown search op '" + op + "' (all, next or previous)");
  job->limits.begin = IndexOption(o, "start", 0);
  job->limits.end = IndexOption(o, "end", subject->size());
  job->limits.max_results = IndexOption(o, "maxResults", 0);
  job->limits.threads = static_cast<unsigned>(IndexOption(o, "threads", 0));
  job->limits.window = static_cast<size_t>(std::max<uint64_t>(1, IndexOption(o, "window", kDefaultWindow)));
  job->limits.segment = IndexOption(o, "segment", 0);
  job->from = IndexOption(o, "from", job->limits.begin);
  job->wrap = BoolOption(o, "wrap", false);
  job->collect = BoolOption(o, "collect", true);
  job->limits.collect = job->collect;
  job->checkpoint_every = IndexOption(o, "checkpointEvery", 0);
  job->checkpoint_gap = IndexOption(o, "checkpointGap", UINT64_MAX);
  const Napi::Value replacement = o.Get("replacement");
  if (!replacement.IsUndefined() && !replacement.IsNull()) {
    if (spec.kind != PatternKind::kRegex) {
      throw ToJsError(env, "EINVAL", "A replacement with groups needs a regular expression");
    }
    if (job->op == Op::kPrevious || job->checkpoint_every > 0) {
      throw ToJsError(env, "EINVAL", "Replacements come with op 'all' (without checkpoints) or 'next'");
    }
    if (replacement.IsString()) {
      job->replacement = replacement.As<Napi::String>().Utf8Value();
    } else {
      const ByteView bytes = ToBytes(replacement, "options.replacement");
      job->replacement = std::string(reinterpret_cast<const char*>(bytes.data), bytes.length);
    }
  }
  job->subject = std::move(subject);
  if (!keep_alive.IsEmpty()) job->keep_alive = Napi::Persistent(keep_alive);

  job->tsfn = Napi::ThreadSafeFunction::New(env, info[2].As<Napi::Function>(), "lfe.search", 0, 1,
                                            [job](Napi::Env) {
                                              // Runs on the JS thread once the job released it
                                              // (or at environment teardown): stop and join.
                                              job->cancel->store(true);
                                              if (job->thread.joinable()) job->thread.join();
                                              job->keep_alive.Reset();
                                            });
  job->thread = std::thread([job] {
    Run(*job);
    job->matcher.reset();
    job->subject.reset();  // let a closed file unmap now, even if JS still holds the handle
    job->tsfn.Release();
  });

  Napi::Object handle = Napi::Object::New(env);
  std::shared_ptr<std::atomic<bool>> cancel = job->cancel;
  handle.Set("cancel", Napi::Function::New(env, [cancel](const Napi::CallbackInfo& i) {
               cancel->store(true);
               return i.Env().Undefined();
             }));
  return handle;
}

}  // namespace lfe
