// The character facts the matchers need beyond bytes, per text encoding: UTF-8 decoding,
// Unicode word characters (for whole word) and simple case folding orbits (for caseless
// literals). The tables come from scripts/gen-unicode-tables.mjs (unicode_tables.cc).
//
// Word characters are those of ripgrep's -w and UTS #18's \w: Alphabetic, marks, decimal digits,
// connector punctuation, U+200C/U+200D. So `“int”` and `»int«` are whole words, `é` and `中` are
// word characters, `²` and `€` are not. A byte that is not part of a valid UTF-8 sequence is not a
// word character (as ripgrep 14 has it).
#pragma once

#include <cstddef>
#include <cstdint>

namespace lfe {

// How the searched bytes are characters. kBytes: each byte on its own, ASCII letters, digits and
// `_` and every byte >= 0x80 are word characters (for encodings the engine does not know).
enum class TextEncoding { kBytes, kUtf8, kLatin1, kWindows1252, kUtf16le, kUtf16be };

struct CodePointRange {
  uint32_t first, last;
};
struct CodePointOrbit {
  uint32_t code_point;
  uint16_t orbit;
};

namespace unicode_tables {
extern const CodePointRange kWordRanges[];
extern const size_t kWordRangeCount;
extern const uint32_t kOrbitMembers[];
extern const uint16_t kOrbitStart[];
extern const size_t kOrbitCount;
extern const CodePointOrbit kOrbitOf[];
extern const size_t kOrbitOfCount;
}  // namespace unicode_tables

namespace unicode {

constexpr uint32_t kInvalid = 0xFFFFFFFF;
constexpr size_t kMaxOrbit = 4;  // the largest simple case folding orbit (θ ϑ ϴ Θ, ι ͅ ι Ι, т Т ᲄ ᲅ)

bool IsWordChar(uint32_t cp);

// The characters simple case folding makes equal to cp, cp included (1 to kMaxOrbit of them).
size_t CaseOrbit(uint32_t cp, uint32_t out[kMaxOrbit]);

// The character a single-byte encoding's byte stands for.
uint32_t Latin1ToCodePoint(uint8_t b);
uint32_t Windows1252ToCodePoint(uint8_t b);
// The byte that stands for cp in that encoding, or -1.
int CodePointToWindows1252(uint32_t cp);

// Decodes the UTF-8 sequence at s[0, len): its length (1–4) and *cp, or 0 when the bytes are not a
// valid sequence (*cp = kInvalid; `truncated` says whether more bytes could still make it one).
size_t DecodeUtf8(const uint8_t* s, size_t len, uint32_t* cp, bool* truncated);
// Encodes cp (a valid scalar value) into out[0, 4); returns the length.
size_t EncodeUtf8(uint32_t cp, uint8_t out[4]);

// The three answers of a word-boundary check: a word character, not one (or nothing: the start or
// end of the text), or undecided because the character runs past the bytes at hand.
enum class WordAnswer { kWord, kNotWord, kUndecided };

// The character that ends at s[pos] (exclusive): s[0, pos) is readable context.
bool WordCharBeforeSlow(TextEncoding encoding, const uint8_t* s, size_t pos);
// The character that starts at s[pos], in s[0, len). At len: kNotWord when the text ends there,
// kUndecided when more follows.
WordAnswer WordCharAtSlow(TextEncoding encoding, const uint8_t* s, size_t len, size_t pos, bool more_follows);

// ASCII neighbours (nearly all of them in logs) without a call: whole word `user` over 20 million
// matches cost 11% more through the general functions.
inline bool IsAsciiWordByte(uint8_t b) {
  return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || b == '_';
}
inline bool WordCharBefore(TextEncoding encoding, const uint8_t* s, size_t pos) {
  if (pos > 0 && s[pos - 1] < 0x80 && encoding != TextEncoding::kUtf16le && encoding != TextEncoding::kUtf16be) {
    return IsAsciiWordByte(s[pos - 1]);
  }
  return WordCharBeforeSlow(encoding, s, pos);
}
inline WordAnswer WordCharAt(TextEncoding encoding, const uint8_t* s, size_t len, size_t pos, bool more_follows) {
  if (pos < len && s[pos] < 0x80 && encoding != TextEncoding::kUtf16le && encoding != TextEncoding::kUtf16be) {
    return IsAsciiWordByte(s[pos]) ? WordAnswer::kWord : WordAnswer::kNotWord;
  }
  return WordCharAtSlow(encoding, s, len, pos, more_follows);
}
// How many bytes before a match WordCharBefore may read.
constexpr size_t kWordLookBehind = 4;

// Whether s[0, n) holds a byte >= 0x80 (64 bytes a step with SSE2): ASCII text holds no
// non-ASCII case variant.
bool HasNonAscii(const uint8_t* s, size_t n);

// Whether a byte is a word character in a single-byte encoding (kBytes, kLatin1, kWindows1252).
bool IsWordByteIn(TextEncoding encoding, uint8_t b);

}  // namespace unicode
}  // namespace lfe
