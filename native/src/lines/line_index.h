// Line index: where lines start, built by an asynchronous newline scan.
//
// Compact: one 64-bit count per 64 KiB block (the number of line breaks before the block), so
// memory is size/64 KiB * 8 bytes whatever the number of lines (a 64 GiB file: 8 MiB). Queries
// look up the block and count within it (at most 64 KiB of memchr-speed work).
//
// Line breaks are "\n", "\r\n" and a lone "\r", as in VS Code. A "\r\n" counts once, at its "\n";
// a lone "\r" counts at itself. Blocks are counted by several threads in stripes; the prefix of
// the file whose counts are known is published as it grows, so queries about the beginning of a
// file are answered while the rest is still being scanned.
//
// Seeded from a stored index (the host keeps one per file, keyed by a fingerprint), a build scans
// only the blocks after the seed: none for the same file, the appended tail for a grown log.
// CountRanges answers for many ranges of the file at once, for the base pieces of an edited
// document: ranges that nearly tile the file cost about their gaps, not their bytes.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <vector>

#include "mapped_file.h"

namespace lfe {

class LineIndex {
 public:
  static constexpr uint64_t kBlockSize = 64 * 1024;

  explicit LineIndex(const std::shared_ptr<const MappedFile>& file);
  // Seeded: the first `seed_blocks` blocks have these counts (line breaks, lone '\r' among them)
  // and say whether they hold any '\r' (nullptr: assume they do). EINVAL when the seed is longer
  // than the file's blocks or a count is impossible for a block.
  LineIndex(const std::shared_ptr<const MappedFile>& file, const uint32_t* seed_breaks, const uint32_t* seed_lone_cr,
            const uint8_t* seed_has_cr, uint64_t seed_blocks);

  // Scans the whole file; blocks until done or cancelled. Returns whether it completed. `progress(bytes_indexed)` is called
  // from this thread now and then. Throws EngineError (EFILECHANGED).
  template <typename Progress>
  bool Build(const std::atomic<bool>& cancel, unsigned threads, Progress&& progress);

  uint64_t size() const { return size_; }
  // Bytes from the start of the file whose line breaks are counted.
  uint64_t indexed_bytes() const;
  bool complete() const { return indexed_bytes() >= size_; }
  // Line breaks in the indexed prefix, and (once complete) "\n" bytes alone, the way `wc -l` counts.
  uint64_t breaks_indexed() const;
  uint64_t newlines() const { return newlines_.load(); }

  // 0-based line of the byte at `offset` (offset == size is the position after the last byte).
  // nullopt while that part of the file is not indexed yet.
  std::optional<uint64_t> LineOfOffset(uint64_t offset) const;
  // Offset where 0-based `line` starts; nullopt if not indexed yet or past the last line.
  std::optional<uint64_t> OffsetOfLine(uint64_t line) const;

  uint64_t blocks() const { return blocks_; }
  // Once complete, each block's line breaks, lone '\r' and whether it holds a '\r' at all (for
  // storing the index); false before.
  bool ExportBlocks(uint32_t* breaks, uint32_t* lone_cr, uint8_t* has_cr) const;

  // Line breaks inside the ranges [starts[i], starts[i] + lengths[i]) of the file (lengths >= 1),
  // judged by the bytes inside each range: a '\r' in a range's last byte is left to the caller
  // (what follows it in the document decides), a '\n' there counts. flags[i] on the way in: bit 0
  // asks whether the range starts with '\n' (the caller needs it only after a '\r'); on the way
  // out: bit 0 it does (when asked), bit 1 it ends with '\r'. Blocks without any '\r' need no look
  // at a range's ends, so ranges that were not asked about touch only the bytes counted. With
  // `counts`, each range's count lands there.
  // Returns their sum, or nullopt if a range reaches past the indexed prefix. Without `counts`
  // the sum telescopes: consecutive ranges cost the bytes between them (plus at most 64 KiB).
  std::optional<uint64_t> CountRanges(const double* starts, const double* lengths, size_t n, uint8_t* flags,
                                      double* counts) const;

 private:
  struct Counts {
    uint64_t newlines = 0;
    uint64_t lone_cr = 0;
    bool any_cr = false;
  };
  bool BuildImpl(const std::atomic<bool>& cancel, unsigned threads, void (*progress)(void*, uint64_t), void* ctx);
  // Counts breaks in [begin, end): `\n` bytes and lone `\r` (looking at the byte at `end` to
  // decide about a `\r` in the last position).
  Counts CountRange(const MappedFile& file, uint64_t begin, uint64_t end) const;
  // Position of the `nth` (1-based) break in [begin, end), or nullopt.
  std::optional<uint64_t> FindBreak(const MappedFile& file, uint64_t begin, uint64_t end, uint64_t nth) const;
  // The file for a query; ECLOSED once it was closed.
  std::shared_ptr<const MappedFile> Lock() const;
  template <typename Bytes>
  std::optional<uint64_t> CountRangesWith(const Bytes& bytes, const double* starts, const double* lengths, size_t n,
                                          uint8_t* flags, double* counts) const;
  // Breaks before `x` (x <= indexed_bytes()), from the nearest block edge.
  template <typename Bytes>
  uint64_t BreaksBefore(const Bytes& bytes, uint64_t x) const;
  // BreaksBefore(b) - BreaksBefore(a) for a <= b, the cheaper way: scanning [a, b) or from block edges.
  template <typename Bytes>
  uint64_t BreaksBetween(const Bytes& bytes, uint64_t a, uint64_t b) const;

  // Weak: a JS object holding the index must not keep a closed file mapped. Build() holds a
  // strong reference while it runs.
  std::weak_ptr<const MappedFile> file_;
  uint64_t size_;
  uint64_t blocks_;
  // cumulative_[b] = breaks before block b, valid for b <= indexed_blocks_.
  std::unique_ptr<uint64_t[]> cumulative_;
  // Lone '\r' per block (line breaks that are not '\n'), kept for storing the index.
  std::unique_ptr<uint32_t[]> lone_cr_;
  // Whether each block holds any '\r' (1 when unknown).
  std::unique_ptr<uint8_t[]> has_cr_;
  // Blocks whose counts came from a seed; Build scans from there.
  uint64_t seeded_blocks_ = 0;
  std::atomic<uint64_t> indexed_blocks_{0};
  // Bytes CountRanges has read since it last released the mapping's pages.
  static constexpr uint64_t kRetained = 64ull << 20;
  mutable std::atomic<uint64_t> retained_{0};
  std::atomic<uint64_t> newlines_{0};
};

template <typename Progress>
bool LineIndex::Build(const std::atomic<bool>& cancel, unsigned threads, Progress&& progress) {
  return BuildImpl(cancel, threads,
                   [](void* ctx, uint64_t bytes) { (*static_cast<std::remove_reference_t<Progress>*>(ctx))(bytes); },
                   &progress);
}

// Counts line breaks in memory (exposed for the block scan and for tests).
struct BreakCounts {
  uint64_t newlines;  // '\n' bytes
  uint64_t lone_cr;   // '\r' not followed by '\n'
  bool any_cr;        // any '\r' at all
};
// `next` is the byte after the range, or -1 at the end of the file.
BreakCounts CountBreaks(const uint8_t* p, size_t n, int next);
// '\n' bytes in p[0, n), counted with SIMD (the filter's line numbers: native/src/filter/).
uint64_t CountNewlineBytes(const uint8_t* p, size_t n);

}  // namespace lfe
