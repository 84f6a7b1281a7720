// Copy mode's scratch buffer: a sparse overlay of private pages over the read-only mapping.
//
// Why this and not a private writable mapping: MAP_PRIVATE|PROT_WRITE over a whole file larger
// than RAM fails under default overcommit, and Windows' FILE_MAP_COPY commits page-file space for
// the whole view (DESIGN.md). The overlay is a page table keyed by page index; a page is
// allocated (and filled from the file) only when something is written into it, so memory grows
// with what was written, never with the file size, and any file size works. Untouched pages read
// through to the file; written pages are private snapshots the file never sees.
//
// Not thread-safe by itself: MappedFile serialises access with a reader/writer lock.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

namespace lfe {

class CopyOverlay {
 public:
  static constexpr uint64_t kPageSize = 4096;

  bool empty() const { return pages_.empty(); }
  uint64_t page_count() const { return pages_.size(); }

  // Whether any written page intersects [begin, end).
  bool Intersects(uint64_t begin, uint64_t end) const;

  // `dst` holds the file's bytes of [begin, end); copies written pages' bytes over them.
  void Patch(uint64_t begin, uint64_t end, uint8_t* dst) const;

  // Whether every byte of [begin, end) lies in written pages (a read needs no file access).
  bool Covers(uint64_t begin, uint64_t end) const;

  // The page holding `index`, allocating it on first use; `fill(page_start, dst)` loads a new
  // page's bytes from the file first.
  template <typename Fill>
  uint8_t* PageFor(uint64_t index, Fill&& fill) {
    auto it = pages_.find(index);
    if (it != pages_.end()) return it->second.get();
    std::unique_ptr<uint8_t[]> page(new uint8_t[kPageSize]());
    fill(index * kPageSize, page.get());
    uint8_t* raw = page.get();
    pages_.emplace(index, std::move(page));
    return raw;
  }

 private:
  std::map<uint64_t, std::unique_ptr<uint8_t[]>> pages_;
};

}  // namespace lfe
