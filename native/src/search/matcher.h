// What every matcher (literal, ASCII-caseless literal, hex with wildcards, PCRE2 regex) offers the
// one scanning loop (scan_loop.h). Matchers know nothing about files, chunks or threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "search/unicode.h"

namespace lfe {

struct MatchSpan {
  size_t start = 0;   // relative to the subject passed to Find
  size_t length = 0;
};

enum class FindStatus {
  kFound,     // *out is the leftmost match starting at or after `from`
  kNone,      // no match starts in [from, len]
  kNeedMore,  // out->start is the first position whose outcome depends on bytes past `len`
  kError,     // see Matcher::error() (for example a regex match limit)
};

class Matcher {
 public:
  virtual ~Matcher() = default;

  // Looks for the leftmost match starting at or after `from` in subject[0, len). Bytes before
  // `from` are context only (look-behind, ^, whole-word checks). When `more_follows`, the subject
  // is a window cut short: a matcher must answer kNeedMore rather than report a match (or no
  // match) that the following bytes could change. Called under the fault guard: must not keep
  // objects with destructors alive while reading the subject.
  virtual FindStatus Find(const uint8_t* subject, size_t len, size_t from, bool more_follows, MatchSpan* out) = 0;

  // Where to look next after an empty match at `pos` (one byte, or one UTF-8 sequence).
  virtual size_t AdvanceAfterEmpty(const uint8_t* subject, size_t len, size_t pos) const {
    (void)subject;
    (void)len;
    return pos + 1;
  }

  // How many bytes before `from` the matcher may look at (look-behind); the scan loop gives at
  // least kLeftContext.
  virtual size_t LeftContext() const { return 1; }

  // Expands a replacement template (PCRE2's syntax: $1, ${12}, $name, ${name}, $0, $$) for the
  // match the last Find() reported as kFound, into *out; false on failure (see error()). Called
  // under the fault guard with the same subject as that Find(). Only regexes have groups; other
  // matchers refuse.
  virtual bool Substitute(const std::string& replacement, std::string* out) {
    (void)replacement;
    (void)out;
    return false;
  }

  // Another instance for another thread (compiled state is shared, scratch state is not).
  virtual std::unique_ptr<Matcher> Clone() const = 0;

  // Message for kError.
  virtual std::string error() const { return std::string(); }
};

// What the user asked for.
enum class PatternKind { kLiteral, kHex, kRegex };

struct PatternSpec {
  PatternKind kind = PatternKind::kLiteral;
  std::string pattern;  // bytes: UTF-8 text for literal/regex, "4F ?? 2a" text for hex
  bool ignore_case = false;
  bool whole_word = false;
  bool utf8 = false;  // UTF-8 text: the same as encoding = kUtf8
  // How the text's bytes are characters: what whole word and case-insensitive literals look at
  // (see unicode.h), and for regexes whether PCRE2 runs in UTF mode with Unicode properties.
  TextEncoding encoding = TextEncoding::kBytes;

  TextEncoding text_encoding() const { return utf8 ? TextEncoding::kUtf8 : encoding; }
};

// Builds the matcher for a spec. Throws EngineError EINVAL (empty pattern, bad hex) or EBADREGEX.
std::unique_ptr<Matcher> CreateMatcher(const PatternSpec& spec);

// Word characters for whole-word matching in text of an encoding the engine does not know
// (TextEncoding::kBytes): ASCII letters, digits, '_' and every byte >= 0x80, so that the letters
// of a multi-byte encoding count as word characters. Known encodings go by unicode.h.
inline bool IsWordByte(uint8_t b) {
  return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b == '_' || b >= 0x80;
}

// Whether the regex engine was linked in (PCRE2); without it the host falls back to JS RegExp.
bool HaveNativeRegex();

}  // namespace lfe
