#include "document/document_pieces.h"

#include <cstring>
#include <string>

namespace lfe {

DocumentPieces::DocumentPieces(std::vector<PackedBlock> blocks, std::vector<AddedChunk> chunks, uint64_t base_size)
    : blocks_(std::move(blocks)), chunks_(std::move(chunks)), base_size_(base_size) {
  starts_.reserve(blocks_.size());
  for (const PackedBlock& block : blocks_) {
    if (block.bytes >= kMaxPieceOffset) throw EngineError("EINVAL", "A block of the document is too long");
    starts_.push_back(size_);
    size_ += block.bytes;
    if (size_ >= kMaxPieceOffset) throw EngineError("EINVAL", "The document is too long");
  }
  if (starts_.empty()) starts_.push_back(0);  // BlockAt stays valid for an empty document
  uint64_t previous_end = 0;
  for (const AddedChunk& chunk : chunks_) {
    if (chunk.start < previous_end) throw EngineError("EINVAL", "The add buffer's chunks overlap or are out of order");
    previous_end = chunk.start + chunk.used;
  }
}

void DocumentPieces::CopyAddedSlow(uint64_t offset, uint64_t length, uint8_t* dst, size_t* hint) const {
  auto after = std::upper_bound(chunks_.begin(), chunks_.end(), offset,
                                [](uint64_t o, const AddedChunk& c) { return o < c.start; });
  if (after == chunks_.begin()) throw EngineError("EINVAL", "A piece refers to add-buffer bytes that do not exist");
  size_t i = static_cast<size_t>(after - chunks_.begin()) - 1;
  while (length > 0) {
    if (i >= chunks_.size() || offset < chunks_[i].start || offset >= chunks_[i].start + chunks_[i].used) {
      throw EngineError("EINVAL", "A piece refers to add-buffer bytes that do not exist (offset " + std::to_string(offset) + ")");
    }
    *hint = i;
    const AddedChunk& chunk = chunks_[i++];
    const uint64_t from = offset - chunk.start;
    const uint64_t n = std::min(length, chunk.used - from);
    std::memcpy(dst, chunk.data + from, static_cast<size_t>(n));
    dst += n;
    offset += n;
    length -= n;
  }
}

}  // namespace lfe
