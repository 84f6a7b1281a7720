#include "mapped_file.h"

#include <algorithm>
#include <cstring>
#include <mutex>

namespace lfe {

std::shared_ptr<MappedFile> MappedFile::Open(const std::string& path, OpenMode mode) {
  return std::shared_ptr<MappedFile>(new MappedFile(Mapping::Open(path, mode)));
}

void MappedFile::Read(uint64_t offset, uint8_t* dst, uint64_t length) const {
  if (length == 0) return;
  const uint8_t* src = mapping_->data() + offset;
  if (!has_overlay_.load(std::memory_order_acquire)) {
    Guard([&] { std::memcpy(dst, src, static_cast<size_t>(length)); });
    return;
  }
  std::shared_lock<std::shared_mutex> lock(overlay_mutex_);
  // Pages already written are served from the overlay alone: they survive a truncated file.
  if (!overlay_.Covers(offset, offset + length)) {
    Guard([&] { std::memcpy(dst, src, static_cast<size_t>(length)); });
  }
  overlay_.Patch(offset, offset + length, dst);
}

void MappedFile::Write(uint64_t offset, const uint8_t* src, uint64_t length) {
  const std::string& file = mapping_->path();
  if (offset > size() || length > size() - offset) {
    throw EngineError("EINVAL", "Cannot write past the end of '" + file + "' (writes stay inside the file)");
  }
  if (length == 0) return;
  switch (mapping_->mode()) {
    case OpenMode::kRead:
      throw EngineError("EPERM", "Cannot write to '" + file + "': it was opened read-only");
    case OpenMode::kWrite: {
      uint8_t* dst = mapping_->writable_data() + offset;
      Guard([&] { std::memcpy(dst, src, static_cast<size_t>(length)); });
      return;
    }
    case OpenMode::kCopy: {
      std::unique_lock<std::shared_mutex> lock(overlay_mutex_);
      const uint64_t end = offset + length;
      for (uint64_t page = offset / CopyOverlay::kPageSize; page * CopyOverlay::kPageSize < end; ++page) {
        uint8_t* bytes = overlay_.PageFor(page, [&](uint64_t start, uint8_t* out) {
          const uint64_t n = std::min<uint64_t>(CopyOverlay::kPageSize, size() - start);
          const uint8_t* from = mapping_->data() + start;
          Guard([&] { std::memcpy(out, from, static_cast<size_t>(n)); });
        });
        const uint64_t page_start = page * CopyOverlay::kPageSize;
        const uint64_t from = std::max(offset, page_start);
        const uint64_t to = std::min(end, page_start + CopyOverlay::kPageSize);
        std::memcpy(bytes + (from - page_start), src + (from - offset), static_cast<size_t>(to - from));
      }
      has_overlay_.store(true, std::memory_order_release);
      return;
    }
  }
}

void MappedFile::Flush() { mapping_->Flush(); }

const uint8_t* MappedFile::View(uint64_t begin, uint64_t end, std::vector<uint8_t>& scratch) const {
  static const uint8_t kEmpty[1] = {0};
  if (mapping_->data() == nullptr) return kEmpty;  // an empty file: matchers still get a valid pointer
  const uint8_t* direct = mapping_->data() + begin;
  if (!has_overlay_.load(std::memory_order_acquire)) return direct;
  std::shared_lock<std::shared_mutex> lock(overlay_mutex_);
  if (!overlay_.Intersects(begin, end)) return direct;
  scratch.resize(static_cast<size_t>(end - begin));
  uint8_t* dst = scratch.data();
  Guard([&] { std::memcpy(dst, direct, static_cast<size_t>(end - begin)); });
  overlay_.Patch(begin, end, dst);
  return dst;
}

}  // namespace lfe
