// A file mapped into memory. One interface; the per-platform backends live in posix/ and
// windows/ and contain no Node headers, so the Windows backend can be syntax-checked by a cross
// compiler on any machine.
//
// The whole file is mapped once as shared memory, with one of two protections (no private
// copy-on-write mapping: see DESIGN.md, a private writable mapping of a file larger than RAM
// fails under default overcommit):
//   read  - read-only shared mapping: what every open document maps.
//   write - read/write shared mapping; MappedFile::Write goes through it, and only at save time
//           (unsaved edits stay in the host's journal, so a crash cannot leak them into the file).
// The user's edit modes (read-only, in place, copy) are the host's: a Copy document maps its file
// read-only like any other, and its edits never leave the journal.
// Nothing here touches mapped bytes: callers do, through the fault guard (guard.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace lfe {

// How the file is mapped (not how the user edits it: that is the host's OpenMode).
enum class MappingAccess { kRead, kWrite };

class Mapping {
 public:
  // Opens and maps `path`. Throws EngineError (ENOENT, EACCES, EROFS, EISDIR, ENOTREG, ...).
  static std::unique_ptr<Mapping> Open(const std::string& path, MappingAccess access);

  virtual ~Mapping() = default;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;

  const std::string& path() const { return path_; }
  MappingAccess access() const { return access_; }
  // The size when the file was opened; the mapping never grows or shrinks afterwards.
  uint64_t size() const { return size_; }
  // nullptr for an empty file: there is nothing to map.
  const uint8_t* data() const { return data_; }
  // The same bytes, writable: only with write access (nullptr otherwise).
  uint8_t* writable_data() const { return writable_; }

  // Makes bytes written through writable_data() durable: msync(MS_SYNC) then fsync
  // (F_FULLFSYNC on macOS); FlushViewOfFile then FlushFileBuffers on Windows. A no-op for a
  // read-only mapping. Throws EngineError.
  virtual void Flush() = 0;

  // Starts writing [offset, offset+length) of the written pages back to the disk without
  // waiting (Linux sync_file_range), so a save's final Flush() overlaps the disk with the
  // writes still to come instead of paying for all of them at the end. A hint: never fails.
  virtual void StartWriteback(uint64_t offset, uint64_t length) = 0;

  // A hint that [offset, offset+length) is about to be read front to back: map its pages now,
  // in one call, instead of one page fault per few pages (Linux MADV_POPULATE_READ). Never
  // fails: a range that cannot be populated (the file shrank) is left to the fault guard.
  virtual void Prefetch(uint64_t offset, uint64_t length) const = 0;

  // A hint that [offset, offset+length) will be read soon, in no order: start reading it from the
  // disk without waiting (Linux MADV_WILLNEED), so reads of scattered places (a go-to-time's
  // samples) go to the disk together instead of one after another. Never fails.
  virtual void WillNeed(uint64_t offset, uint64_t length) const {
    (void)offset;
    (void)length;
  }

  // Unmaps the pages of [offset, offset+length) from this process (Linux MADV_DONTNEED) once a
  // scan is done with them. They stay in the page cache, and a later read maps them again; but
  // a 10 GB file scanned end to end no longer counts as 10 GB of the extension host's own memory
  // (the kernel charges file pages mapped by one process alone to it as Private_Clean). Only
  // whole pages inside the range; read-only mappings only. Never fails.
  virtual void Release(uint64_t offset, uint64_t length) const = 0;

 protected:
  Mapping(std::string path, MappingAccess access) : path_(std::move(path)), access_(access) {}

  std::string path_;
  MappingAccess access_;
  uint64_t size_ = 0;
  const uint8_t* data_ = nullptr;
  uint8_t* writable_ = nullptr;
};

}  // namespace lfe
