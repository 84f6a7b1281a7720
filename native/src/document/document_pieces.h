// The content of an edited document at one moment, as the edit journal holds it: its piece
// table's blocks of packed pieces (piece_codec.h) and its add buffer's chunks, read in place from
// the JavaScript memory they live in (document_wrap.h keeps that memory alive and unmoved while
// anything here may read it). Nothing changes after construction: the journal never changes a
// block (an edit replaces blocks) and only appends to its add buffer past the bytes used here, so
// a search over this snapshot is not affected by edits made while it runs, and any number of
// threads may read it at once.
//
// Locating a document offset is a binary search over the blocks' starts and the decoding of at
// most one block's pieces (512 by default) before it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "document/piece_codec.h"
#include "engine_error.h"

namespace lfe {

struct PackedBlock {
  const uint8_t* data;
  size_t length;   // packed bytes
  uint64_t bytes;  // document bytes its pieces cover
};

struct AddedChunk {
  const uint8_t* data;
  uint64_t start;  // add-buffer offset of data[0]
  uint64_t used;   // bytes written when the snapshot was taken
};

class DocumentPieces {
 public:
  // `base_size`: the base file's size; pieces reaching past it are refused (never read). Throws
  // EngineError EINVAL when the chunks overlap or are out of order, or a size is out of range.
  DocumentPieces(std::vector<PackedBlock> blocks, std::vector<AddedChunk> chunks, uint64_t base_size);

  uint64_t size() const { return size_; }

  // Calls fn(doc_offset, piece) for each piece overlapping [begin, end), clipped to it, in order
  // (an fn that returns bool stops the walk by returning false). Throws EngineError EINVAL for
  // corrupt pieces (a block whose pieces do not add up to its length, a base piece past the end
  // of the base).
  template <typename Fn>
  void ForEach(uint64_t begin, uint64_t end, Fn&& fn) const;

  // Copies add-buffer bytes [offset, offset + length) into dst (pieces may run from one chunk
  // into the next). `chunk` is the caller's hint, kept between calls: the chunk the last copy
  // came from (consecutive pieces mostly share one). Throws EngineError EINVAL for bytes the
  // snapshot does not hold.
  void CopyAdded(uint64_t offset, uint64_t length, uint8_t* dst, size_t* chunk) const {
    if (*chunk < chunks_.size()) {
      const AddedChunk& c = chunks_[*chunk];
      if (offset >= c.start && offset - c.start + length <= c.used) {
        const uint8_t* from = c.data + (offset - c.start);
        if (length <= 16) {
          for (uint64_t i = 0; i < length; ++i) dst[i] = from[i];
        } else {
          std::memcpy(dst, from, static_cast<size_t>(length));
        }
        return;
      }
    }
    CopyAddedSlow(offset, length, dst, chunk);
  }

 private:
  void CopyAddedSlow(uint64_t offset, uint64_t length, uint8_t* dst, size_t* chunk) const;

  // The block holding document offset `at` (the last block for at == size).
  size_t BlockAt(uint64_t at) const {
    return static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), at) - starts_.begin()) - 1;
  }

  std::vector<PackedBlock> blocks_;
  std::vector<uint64_t> starts_;  // document offset of each block's first byte
  std::vector<AddedChunk> chunks_;
  uint64_t base_size_;
  uint64_t size_ = 0;
};

template <typename Fn>
void DocumentPieces::ForEach(uint64_t begin, uint64_t end, Fn&& fn) const {
  end = std::min(end, size_);
  if (begin >= end) return;
  for (size_t b = BlockAt(begin); b < blocks_.size() && starts_[b] < end; ++b) {
    const uint64_t block_end = starts_[b] + blocks_[b].bytes;
    PackedPieceReader reader(blocks_[b].data, blocks_[b].length);
    uint64_t d = starts_[b];
    Piece p;
    while (d < end) {
      if (!reader.Next(&p)) {
        if (d != block_end) throw EngineError("EINVAL", "The document's packed pieces are corrupt: a block is shorter than its length");
        break;
      }
      const uint64_t piece_end = d + p.length;
      if (piece_end > block_end) throw EngineError("EINVAL", "The document's packed pieces are corrupt: a block is longer than its length");
      if (!p.add && p.source + p.length > base_size_) {
        throw EngineError("EINVAL", "The document's packed pieces are corrupt: a piece lies past the end of the file");
      }
      if (piece_end > begin) {
        const uint64_t a = std::max(d, begin);
        const uint64_t z = std::min(piece_end, end);
        Piece clipped;
        clipped.add = p.add;
        clipped.source = p.source + (a - d);
        clipped.length = z - a;
        if constexpr (std::is_same_v<decltype(fn(a, clipped)), bool>) {
          if (!fn(a, clipped)) return;
        } else {
          fn(a, clipped);
        }
      }
      d = piece_end;
    }
  }
}

}  // namespace lfe
