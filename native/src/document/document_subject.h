// An edited document as a search subject (search/subject.h): the pieces of a snapshot
// (document_pieces.h) over the mapped base file, assembled into the scan loop's windows inside the
// engine, under the same fault guard as the file itself.
//
// A window is, fastest first:
//   - one base piece: a pointer into the mapping (no copy at all);
//   - base pieces all at one distance from their place in the base (what a same-length Replace All
//     leaves: 3.3 M replacements of `request` keep every other byte where it was): one memcpy of
//     the base span, with the added bytes copied over it;
//   - anything else: each piece copied in turn, all under one guard.
#pragma once

#include <algorithm>
#include <memory>

#include "document/document_pieces.h"
#include "mapped_file.h"
#include "search/subject.h"

namespace lfe {

class DocumentSubject final : public Subject {
 public:
  DocumentSubject(std::shared_ptr<const MappedFile> base, std::shared_ptr<const DocumentPieces> pieces);

  uint64_t size() const override { return pieces_->size(); }
  const std::string& name() const override { return base_->name(); }
  const uint8_t* View(uint64_t begin, uint64_t end, std::vector<uint8_t>& scratch) const override;
  // Releases the base pages under the base pieces of [offset, offset + length).
  void Release(uint64_t offset, uint64_t length) const override;
  bool closed() const override { return base_->closed(); }
  size_t Window(size_t requested) const override { return std::min(requested, kAssembledWindow); }

  // Windows of at most this size (a quarter of a typical L2 cache, and large enough that
  // locating a window's first piece costs nothing next to copying it).
  static constexpr size_t kAssembledWindow = size_t{256} << 10;

 protected:
  GuardedMemory guarded_memory() const override { return GuardedMemory{base_->data(), base_->size()}; }

 private:
  void ReleaseRuns(uint64_t offset, uint64_t length) const;

  std::shared_ptr<const MappedFile> base_;
  std::shared_ptr<const DocumentPieces> pieces_;
  uint64_t id_;  // tells this subject's views from others' in a thread's cache
};

}  // namespace lfe
