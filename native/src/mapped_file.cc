#include "mapped_file.h"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>

#include "engine_error.h"

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

namespace {

// Checks every range lies inside the file, in increasing order, and that their lengths add up
// to the packed buffer's; returns where the span of all of them starts and ends.
std::pair<uint64_t, uint64_t> CheckRanges(const MappedFile::Ranges& r, uint64_t size, size_t bytes_length,
                                          const std::string& file) {
  uint64_t total = 0;
  uint64_t previous_end = 0;
  for (size_t i = 0; i < r.count; ++i) {
    const double o = r.offsets[i];
    const double l = r.lengths[i];
    if (!(o >= 0 && l >= 0) || o != static_cast<double>(static_cast<uint64_t>(o)) ||
        l != static_cast<double>(static_cast<uint64_t>(l))) {
      throw EngineError("EINVAL", "Range " + std::to_string(i) + " is not a pair of non-negative integers");
    }
    const uint64_t offset = static_cast<uint64_t>(o);
    const uint64_t length = static_cast<uint64_t>(l);
    if (offset < previous_end) throw EngineError("EINVAL", "Ranges must be sorted and must not overlap");
    if (offset > size || length > size - offset) {
      throw EngineError("EINVAL", "A range reaches past the end of '" + file + "'");
    }
    previous_end = offset + length;
    total += length;
  }
  if (total != bytes_length) throw EngineError("EINVAL", "The ranges' lengths do not add up to the buffer's length");
  if (r.count == 0) return {0, 0};
  return {static_cast<uint64_t>(r.offsets[0]), previous_end};
}


// Calls fn(offset, length, packed_at) for each range, where packed_at is where its bytes sit in
// the packed buffer.
template <typename Fn>
void ForEachRange(const MappedFile::Ranges& r, Fn&& fn) {
  size_t at = 0;
  for (size_t i = 0; i < r.count; ++i) {
    const size_t length = static_cast<size_t>(r.lengths[i]);
    fn(static_cast<uint64_t>(r.offsets[i]), length, at);
    at += length;
  }
}

}  // namespace

void MappedFile::ReadRanges(const Ranges& ranges, uint8_t* bytes, size_t bytes_length) const {
  CheckRanges(ranges, size(), bytes_length, mapping_->path());
  if (ranges.count == 0) return;
  if (has_overlay_.load(std::memory_order_acquire)) {
    ForEachRange(ranges, [&](uint64_t offset, size_t length, size_t at) { Read(offset, bytes + at, length); });
    return;
  }
  const uint8_t* base = mapping_->data();
  // One guard for the whole batch: setting it up per range would cost more than the copies.
  Guard([&] {
    ForEachRange(ranges, [&](uint64_t offset, size_t length, size_t at) { std::memcpy(bytes + at, base + offset, length); });
  });
}

void MappedFile::WriteRanges(const Ranges& ranges, const uint8_t* bytes, size_t bytes_length) {
  const auto span = CheckRanges(ranges, size(), bytes_length, mapping_->path());
  if (ranges.count == 0) return;
  if (mapping_->mode() != OpenMode::kWrite) {
    // Read mode refuses in Write; copy mode patches its overlay page by page there anyway.
    ForEachRange(ranges, [&](uint64_t offset, size_t length, size_t at) { Write(offset, bytes + at, length); });
    return;
  }
  uint8_t* base = mapping_->writable_data();
  Guard([&] {
    ForEachRange(ranges, [&](uint64_t offset, size_t length, size_t at) { std::memcpy(base + offset, bytes + at, length); });
  });
  mapping_->StartWriteback(span.first, span.second - span.first);
}

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
