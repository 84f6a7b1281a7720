#include "search/regex_matcher.h"

#include <cstdio>

#include "engine_error.h"

#if LFE_HAVE_PCRE2
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif

namespace lfe {

#if LFE_HAVE_PCRE2

bool HaveNativeRegex() { return true; }

namespace {

// Bounds on one pcre2_match call. A call covers one scan window (about 1 MiB) and the JIT counts
// across all start positions of the call, so the limit is generous for ordinary patterns and
// still stops exponential backtracking within a fraction of a second.
constexpr uint32_t kMatchLimit = 200000000;
constexpr uint32_t kDepthLimit = 1000000;
constexpr size_t kJitStackMax = 32 << 20;  // reserved lazily; deep for long repeated groups

// The compiled pattern, shared read-only by every thread's matcher.
class CompiledRegex {
 public:
  CompiledRegex(pcre2_code* code, bool utf) : code_(code), utf_(utf) {
    uint32_t max_lookbehind = 0;  // in characters: up to 4 bytes each in UTF-8
    pcre2_pattern_info(code, PCRE2_INFO_MAXLOOKBEHIND, &max_lookbehind);
    left_context_ = (static_cast<size_t>(max_lookbehind) + 1) * (utf ? 4 : 1);
  }
  ~CompiledRegex() { pcre2_code_free(code_); }
  CompiledRegex(const CompiledRegex&) = delete;
  CompiledRegex& operator=(const CompiledRegex&) = delete;
  pcre2_code* code() const { return code_; }
  bool utf() const { return utf_; }
  size_t left_context() const { return left_context_; }

 private:
  pcre2_code* code_;
  bool utf_;
  size_t left_context_ = 1;
};

// The length of subject[0, len) without a UTF-8 sequence cut short at its end.
size_t CompleteUtf8Prefix(const uint8_t* s, size_t len) {
  for (size_t back = 1; back <= 4 && back <= len; ++back) {
    const uint8_t b = s[len - back];
    if ((b & 0xC0) == 0x80) continue;  // a continuation byte: look further back for the lead
    const size_t need = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
    return need > back ? len - back : len;
  }
  return len;
}

// Per-thread state: match data, match context and JIT stack, all owned here.
class RegexMatcher final : public Matcher {
 public:
  explicit RegexMatcher(std::shared_ptr<const CompiledRegex> regex) : regex_(std::move(regex)) {
    match_data_ = pcre2_match_data_create_from_pattern(regex_->code(), nullptr);
    context_ = pcre2_match_context_create(nullptr);
    jit_stack_ = pcre2_jit_stack_create(32 * 1024, kJitStackMax, nullptr);
    if (match_data_ == nullptr || context_ == nullptr || jit_stack_ == nullptr) {
      Free();
      throw EngineError("ENOMEM", "Out of memory preparing the regular expression");
    }
    pcre2_set_match_limit(context_, kMatchLimit);
    pcre2_set_depth_limit(context_, kDepthLimit);
    pcre2_jit_stack_assign(context_, nullptr, jit_stack_);
  }
  ~RegexMatcher() override { Free(); }
  RegexMatcher(const RegexMatcher&) = delete;
  RegexMatcher& operator=(const RegexMatcher&) = delete;

  FindStatus Find(const uint8_t* subject, size_t len, size_t from, bool more_follows, MatchSpan* out) override {
    const uint32_t options = more_follows ? PCRE2_PARTIAL_HARD : 0;
    // A window may end inside a UTF-8 sequence. PCRE2 would see an invalid character there and
    // never report a partial match through it, so stop before it and let the next window decide.
    const size_t usable = more_follows && regex_->utf() ? CompleteUtf8Prefix(subject, len) : len;
    // Matches start on character boundaries: a scan segment may begin inside a character.
    if (regex_->utf()) {
      while (from < usable && (subject[from] & 0xC0) == 0x80) ++from;
    }
    if (from > usable) {
      out->start = from;
      out->length = 0;
      return FindStatus::kNeedMore;
    }
    const int rc = pcre2_match(regex_->code(), subject, usable, from, options, match_data_, context_);
    last_subject_ = subject;
    last_length_ = usable;
    last_from_ = from;
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(match_data_);
    if (rc >= 0) {
      out->start = ov[0];
      out->length = ov[1] > ov[0] ? ov[1] - ov[0] : 0;  // \K can put the end before the start
      return FindStatus::kFound;
    }
    if (rc == PCRE2_ERROR_PARTIAL) {
      out->start = ov[0];
      out->length = 0;
      return FindStatus::kNeedMore;
    }
    if (rc == PCRE2_ERROR_NOMATCH) {
      if (usable == len) return FindStatus::kNone;
      out->start = usable;  // nothing starts before the cut; the cut-off character is undecided
      out->length = 0;
      return FindStatus::kNeedMore;
    }
    last_error_ = rc;
    return FindStatus::kError;
  }

  size_t AdvanceAfterEmpty(const uint8_t* subject, size_t len, size_t pos) const override {
    ++pos;
    if (regex_->utf()) {
      while (pos < len && (subject[pos] & 0xC0) == 0x80) ++pos;  // skip continuation bytes
    }
    return pos;
  }

  size_t LeftContext() const override { return regex_->left_context(); }

  bool Substitute(const std::string& replacement, std::string* out) override {
#ifdef PCRE2_SUBSTITUTE_MATCHED
    // The match data of the last Find: no second match. Unset groups expand to nothing (as in
    // JavaScript); a group the pattern does not have is an error.
    const uint32_t options = PCRE2_SUBSTITUTE_MATCHED | PCRE2_SUBSTITUTE_REPLACEMENT_ONLY |
                             PCRE2_SUBSTITUTE_UNSET_EMPTY | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH;
    if (out->size() < replacement.size() + 64) out->resize(replacement.size() + 64);
    for (int attempt = 0; attempt < 2; ++attempt) {
      PCRE2_SIZE length = out->size();
      const int rc = pcre2_substitute(regex_->code(), last_subject_, last_length_, last_from_, options, match_data_,
                                      context_, reinterpret_cast<PCRE2_SPTR>(replacement.data()), replacement.size(),
                                      reinterpret_cast<PCRE2_UCHAR*>(&(*out)[0]), &length);
      if (rc >= 0) {
        out->resize(length);
        return true;
      }
      if (rc != PCRE2_ERROR_NOMEMORY) {
        last_error_ = rc;
        return false;
      }
      out->resize(length + 1);  // the size it needs (and its terminating zero)
    }
    last_error_ = PCRE2_ERROR_NOMEMORY;
    return false;
#else
    (void)replacement;
    (void)out;
    last_error_ = PCRE2_ERROR_INTERNAL;
    return false;
#endif
  }

  std::unique_ptr<Matcher> Clone() const override { return std::make_unique<RegexMatcher>(regex_); }

  std::string error() const override {
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(last_error_, buffer, sizeof buffer);
    return reinterpret_cast<const char*>(buffer);
  }

 private:
  void Free() {
    if (match_data_) pcre2_match_data_free(match_data_);
    if (context_) pcre2_match_context_free(context_);
    if (jit_stack_) pcre2_jit_stack_free(jit_stack_);
    match_data_ = nullptr;
    context_ = nullptr;
    jit_stack_ = nullptr;
  }

  std::shared_ptr<const CompiledRegex> regex_;
  pcre2_match_data* match_data_ = nullptr;
  pcre2_match_context* context_ = nullptr;
  pcre2_jit_stack* jit_stack_ = nullptr;
  int last_error_ = 0;
  // What the last Find passed to pcre2_match (Substitute needs the same).
  const uint8_t* last_subject_ = nullptr;
  size_t last_length_ = 0;
  size_t last_from_ = 0;
};

// Owns a compile context.
struct CompileContext {
  pcre2_compile_context* ctx = pcre2_compile_context_create(nullptr);
  ~CompileContext() { pcre2_compile_context_free(ctx); }
};

// The word characters of whole word, as a PCRE2 class. Single-byte encodings list their bytes:
// \w there is ASCII (no UCP outside UTF-8), so it cannot stand for them.
std::string WordClass(TextEncoding encoding) {
  if (encoding == TextEncoding::kUtf8) return "[\\p{Alpha}\\p{M}\\p{Nd}\\p{Pc}\\x{200C}\\x{200D}]";
  if (encoding != TextEncoding::kLatin1 && encoding != TextEncoding::kWindows1252) return "[\\w\\x80-\\xff]";
  std::string out = "[";
  char buffer[16];
  for (int b = 0; b < 256;) {
    if (!unicode::IsWordByteIn(encoding, static_cast<uint8_t>(b))) {
      ++b;
      continue;
    }
    int last = b;
    while (last + 1 < 256 && unicode::IsWordByteIn(encoding, static_cast<uint8_t>(last + 1))) ++last;
    std::snprintf(buffer, sizeof buffer, "\\x{%x}-\\x{%x}", b, last);
    out += buffer;
    b = last + 1;
  }
  return out + "]";
}

}  // namespace

std::unique_ptr<Matcher> CreateRegexMatcher(const std::string& pattern, bool ignore_case, bool whole_word,
                                            TextEncoding encoding) {
  const bool utf8 = encoding == TextEncoding::kUtf8;
  std::string source = pattern;
  if (whole_word) {
    const std::string word = WordClass(encoding);
    source = "(?<!" + word + ")(?:" + pattern + ")(?!" + word + ")";
  }
  uint32_t options = PCRE2_MULTILINE;
  if (ignore_case) options |= PCRE2_CASELESS;
  if (utf8) options |= PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP;
  CompileContext cc;
  if (cc.ctx == nullptr) throw EngineError("ENOMEM", "Out of memory compiling the regular expression");
  pcre2_set_newline(cc.ctx, PCRE2_NEWLINE_ANYCRLF);
  int error = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.data()), source.size(), options, &error,
                                   &error_offset, cc.ctx);
  if (code == nullptr) {
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(error, buffer, sizeof buffer);
    throw EngineError("EBADREGEX", "Invalid regular expression /" + pattern + "/: " +
                                       reinterpret_cast<const char*>(buffer) + " (at offset " +
                                       std::to_string(error_offset) + ")");
  }
  std::unique_ptr<CompiledRegex> owned(new CompiledRegex(code, utf8));  // owns `code` from here on
  // Without JIT (for example where executable memory is forbidden) the interpreter still works.
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD);
  std::shared_ptr<const CompiledRegex> regex(std::move(owned));
  return std::make_unique<RegexMatcher>(regex);
}

#else  // !LFE_HAVE_PCRE2

bool HaveNativeRegex() { return false; }

std::unique_ptr<Matcher> CreateRegexMatcher(const std::string&, bool, bool, TextEncoding) {
  throw EngineError("ENOREGEX", "The native engine was built without PCRE2; regular expressions run in JavaScript");
}

#endif

}  // namespace lfe
