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

 private:
  struct Counts {
    uint64_t newlines = 0;
    uint64_t lone_cr = 0;
  };
  bool BuildImpl(const std::atomic<bool>& cancel, unsigned threads, void (*progress)(void*, uint64_t), void* ctx);
  // Counts breaks in [begin, end): `\n` bytes and lone `\r` (looking at the byte at `end` to
  // decide about a `\r` in the last position).
  Counts CountRange(const MappedFile& file, uint64_t begin, uint64_t end) const;
  // Position of the `nth` (1-based) break in [begin, end), or nullopt.
  std::optional<uint64_t> FindBreak(const MappedFile& file, uint64_t begin, uint64_t end, uint64_t nth) const;
  // The file for a query; ECLOSED once it was closed.
  std::shared_ptr<const MappedFile> Lock() const;

  // Weak: a JS object holding the index must not keep a closed file mapped. Build() holds a
  // strong reference while it runs.
  std::weak_ptr<const MappedFile> file_;
  uint64_t size_;
  uint64_t blocks_;
  // cumulative_[b] = breaks before block b, valid for b <= indexed_blocks_.
  std::unique_ptr<uint64_t[]> cumulative_;
  std::atomic<uint64_t> indexed_blocks_{0};
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
};
// `next` is the byte after the range, or -1 at the end of the file.
BreakCounts CountBreaks(const uint8_t* p, size_t n, int next);

}  // namespace lfe
