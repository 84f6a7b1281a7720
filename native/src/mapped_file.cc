#include "mapped_file.h"

#include <cstring>
#include <string>
#include <utility>

#include "engine_error.h"

namespace lfe {

std::shared_ptr<MappedFile> MappedFile::Open(const std::string& path, MappingAccess access) {
  return std::shared_ptr<MappedFile>(new MappedFile(Mapping::Open(path, access)));
}

void MappedFile::Read(uint64_t offset, uint8_t* dst, uint64_t length) const {
  if (length == 0) return;
  const uint8_t* src = mapping_->data() + offset;
  Guard([&] { std::memcpy(dst, src, static_cast<size_t>(length)); });
}

namespace {

EngineError ReadOnly(const std::string& file) {
  return EngineError("EPERM", "Cannot write to '" + file + "': it is mapped read-only");
}

}  // namespace

void MappedFile::Write(uint64_t offset, const uint8_t* src, uint64_t length) {
  const std::string& file = mapping_->path();
  if (offset > size() || length > size() - offset) {
    throw EngineError("EINVAL", "Cannot write past the end of '" + file + "' (writes stay inside the file)");
  }
  if (length == 0) return;
  if (mapping_->access() != MappingAccess::kWrite) throw ReadOnly(file);
  uint8_t* dst = mapping_->writable_data() + offset;
  Guard([&] { std::memcpy(dst, src, static_cast<size_t>(length)); });
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
  const uint8_t* base = mapping_->data();
  // One guard for the whole batch: setting it up per range would cost more than the copies.
  Guard([&] {
    ForEachRange(ranges, [&](uint64_t offset, size_t length, size_t at) { std::memcpy(bytes + at, base + offset, length); });
  });
}

void MappedFile::WriteRanges(const Ranges& ranges, const uint8_t* bytes, size_t bytes_length) {
  const auto span = CheckRanges(ranges, size(), bytes_length, mapping_->path());
  if (ranges.count == 0) return;
  if (mapping_->access() != MappingAccess::kWrite) throw ReadOnly(mapping_->path());
  uint8_t* base = mapping_->writable_data();
  Guard([&] {
    ForEachRange(ranges, [&](uint64_t offset, size_t length, size_t at) { std::memcpy(base + offset, bytes + at, length); });
  });
  mapping_->StartWriteback(span.first, span.second - span.first);
}

const uint8_t* MappedFile::View(uint64_t begin, uint64_t, std::vector<uint8_t>&) const {
  static const uint8_t kEmpty[1] = {0};
  if (mapping_->data() == nullptr) return kEmpty;  // an empty file: matchers still get a valid pointer
  return mapping_->data() + begin;
}

}  // namespace lfe
