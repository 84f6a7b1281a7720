// Reading a search query from JavaScript (file.search's and file.filter's terms):
//   { kind: 'literal'|'hex'|'regex', pattern: string|Uint8Array, ignoreCase, wholeWord, utf8,
//     encoding: 'utf-8'|'latin1'|'windows-1252'|'utf-16le'|'utf-16be' (default: bytes) }
#pragma once

#include <napi.h>

#include <string>

#include "js_args.h"
#include "js_error.h"
#include "search/matcher.h"

namespace lfe {

inline PatternSpec ParseQuery(Napi::Env env, const Napi::Value& value) {
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

}  // namespace lfe
