#include "document/piece_codec.h"

#include "engine_error.h"

namespace lfe {

namespace {

[[noreturn]] void Corrupt(const char* what) {
  throw EngineError("EINVAL", std::string("The document's packed pieces are corrupt: ") + what);
}

}  // namespace

uint64_t PackedPieceReader::Varint() {
  uint64_t value = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    if (at_ >= end_) Corrupt("a number is cut short");
    const uint8_t b = *at_++;
    value |= static_cast<uint64_t>(b & 127) << shift;
    if (b < 128) return value;
  }
  Corrupt("a number is too long");
}

bool PackedPieceReader::Next(Piece* out) {
  if (at_ >= end_) return false;
  const uint64_t header = Varint();
  const uint64_t length = Varint();
  const bool add = (header & 1) != 0;
  const uint64_t zigzag = header >> 1;
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

}  // namespace lfe
