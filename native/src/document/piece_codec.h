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
  // are no packed pieces (cut short, or offsets out of range).
  bool Next(Piece* out);

 private:
  uint64_t Varint();

  const uint8_t* at_;
  const uint8_t* end_;
  uint64_t next_base_ = 0;
  uint64_t next_add_ = 0;
};

}  // namespace lfe
