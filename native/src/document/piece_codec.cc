#include "document/piece_codec.h"

#include <string>

#include "engine_error.h"

namespace lfe {

void PackedPieceReader::Corrupt(const char* what) {
  throw EngineError("EINVAL", std::string("The document's packed pieces are corrupt: ") + what);
}

uint64_t PackedPieceReader::LongVarint() {
  uint64_t value = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    if (at_ >= end_) Corrupt("a number is cut short");
    const uint8_t b = *at_++;
    value |= static_cast<uint64_t>(b & 127) << shift;
    if (b < 128) return value;
  }
  Corrupt("a number is too long");
}

}  // namespace lfe
