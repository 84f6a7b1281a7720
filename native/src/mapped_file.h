// A mapped file as the engine uses it: the platform Mapping and the fault guard around every
// access. It is one of the subjects the scan loop searches (search/subject.h). Shared (std::shared_ptr) between the JavaScript object and any search
// or indexing job still running, so close() never unmaps memory a worker is scanning: the mapping
// goes away when the last holder lets go, and close() tells jobs to stop.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "guard.h"
#include "mapping.h"
#include "search/subject.h"

namespace lfe {

class MappedFile final : public Subject {
 public:
  static std::shared_ptr<MappedFile> Open(const std::string& path, MappingAccess access);

  const std::string& path() const { return mapping_->path(); }
  MappingAccess access() const { return mapping_->access(); }
  uint64_t size() const override { return mapping_->size(); }
  const std::string& name() const override { return mapping_->path(); }

  // Copies [offset, offset+length) into dst; the caller clips the range to size().
  void Read(uint64_t offset, uint8_t* dst, uint64_t length) const;

  // Writes bytes inside the file (a mapping cannot grow it), through the shared mapping: only
  // with write access (a save), EPERM otherwise.
  void Write(uint64_t offset, const uint8_t* src, uint64_t length);

  void Flush();

  // Many small ranges at once (a save's millions of replaced matches): one call and one guard
  // instead of one each. Ranges are [offsets[i], offsets[i]+lengths[i]); their bytes are packed
  // back to back in `bytes`, whose length must be the sum of the lengths. Reads fill `bytes`;
  // writes (through the mapping, then StartWriteback of their span) take from it.
  struct Ranges {
    const double* offsets;
    const double* lengths;
    size_t count;
  };
  void ReadRanges(const Ranges& ranges, uint8_t* bytes, size_t bytes_length) const;
  void WriteRanges(const Ranges& ranges, const uint8_t* bytes, size_t bytes_length);

  // For scanners: [begin, end) as one contiguous run of bytes: a pointer into the mapping, which
  // the caller must only touch inside Guard(). `scratch` is unused (the bytes are all there).
  const uint8_t* View(uint64_t begin, uint64_t end, std::vector<uint8_t>& scratch) const override;

  // The mapping itself, for batched random access and for subjects built over this file (an
  // edited document assembling its windows): touch it only inside Guard(). nullptr when empty.
  const uint8_t* data() const { return mapping_->data(); }

  // See Mapping::Prefetch. Scanners call it for the range they are about to read.
  void Prefetch(uint64_t offset, uint64_t length) const {
    mapping_->Prefetch(offset, length);
  }

  // See Mapping::WillNeed. A go-to-time asks for the places it will sample.
  void WillNeed(uint64_t offset, uint64_t length) const {
    mapping_->WillNeed(offset, length);
  }

  // See Mapping::Release. Scanners call it for what they have finished reading.
  void Release(uint64_t offset, uint64_t length) const override {
    mapping_->Release(offset, length);
  }

  // Set by close(): running jobs stop at their next cancellation check.
  void MarkClosed() { closed_.store(true, std::memory_order_relaxed); }
  bool closed() const override { return closed_.load(std::memory_order_relaxed); }

 protected:
  // Guard() (from Subject) covers the whole mapping.
  GuardedMemory guarded_memory() const override { return GuardedMemory{mapping_->data(), mapping_->size()}; }

 private:
  explicit MappedFile(std::unique_ptr<Mapping> mapping) : mapping_(std::move(mapping)) {}

  std::unique_ptr<Mapping> mapping_;
  std::atomic<bool> closed_{false};
};

}  // namespace lfe
