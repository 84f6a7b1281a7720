// The C++ twin of extension/edits/pieceCodec.ts: reads the pieces the edit journal packs into its
// table's blocks, so the engine searches an edited document from the journal's own bytes (a
// Replace All of 3.3 M matches keeps about 16 MB of blocks; unpacking them into arrays for the
// engine would cost 100 MB and a pass over every piece on the extension host's thread).
//
// A piece is two varints (little-endian base 128): header = zigzag(delta) * 2 + (add ? 1 : 0),
// then the length. `delta` is how far the piece's start lies from where the previous piece of the
// same source (base file or add buffer) ended; each block is packed on its own, so both running
// ends start at 0 in every block. test/unit/native/documentSearch.test.ts checks both codecs
// agree on random pieces.
#pragma once

#include <cstddef>
#include <cstdint>

namespace lfe {

// Offsets and lengths stay below this (pieceCodec.ts MAX_PIECE_OFFSET): headers are exact doubles there.
constexpr uint64_t kMaxPieceOffset = uint64_t{1} << 50;

struct Piece {
  bool add = false;     // bytes from the add buffer (else from the base file)
  uint64_t source = 0;  // where they start there
  uint64_t length = 0;
};

// Walks the pieces packed in one block, in order.
class PackedPieceReader {
 public:
  PackedPieceReader(const uint8_t* data, size_t length) : at_(data), end_(data + length) {}

  // Loads the next piece; false at the end of the block. Throws EngineError EINVAL for bytes that
  // are no packed pieces (cut short, or offsets out of range). Inline: a search decodes millions.
  bool Next(Piece* out) {
    if (at_ >= end_) return false;
    const uint64_t header = Varint();
    const uint64_t length = Varint();
    const uint64_t zigzag = header >> 1;
    const bool add = (header & 1) != 0;
    uint64_t& next = add ? next_add_ : next_base_;
    uint64_t start;
    if ((zigzag & 1) == 0) {
      start = next + zigzag / 2;
    } else {
      const uint64_t back = (zigzag + 1) / 2;
      if (back > next) Corrupt("a piece starts before offset 0");
      start = next - back;
    }
    if (start >= kMaxPieceOffset || length >= kMaxPieceOffset) Corrupt("an offset is out of range");
    next = start + length;
    out->add = add;
    out->source = start;
    out->length = length;
    return true;
  }

 private:
  // Most numbers of a Replace All's pieces take one or two bytes.
  uint64_t Varint() {
    if (at_ < end_ && *at_ < 128) return *at_++;
    if (end_ - at_ >= 2 && at_[1] < 128) {
      const uint64_t v = static_cast<uint64_t>(at_[0] & 127) | static_cast<uint64_t>(at_[1]) << 7;
      at_ += 2;
      return v;
    }
    return LongVarint();
  }
  uint64_t LongVarint();
  [[noreturn]] static void Corrupt(const char* what);

  const uint8_t* at_;
  const uint8_t* end_;
  uint64_t next_base_ = 0;
  uint64_t next_add_ = 0;
};

}  // namespace lfe
