// What the scan loop searches, as ripgrep's searcher runs over any haystack: the mapped file
// (mapped_file.h), or an edited document — the edit journal's pieces over the mapping plus the
// added bytes (document/document_subject.h). The loop, the parallel find-all and find-next /
// find-previous know only this interface, so every search sees what the user sees with the same
// matchers, the same regex dialect and the same window boundaries, edits or not.
//
// A view is [begin, end) as one contiguous run of bytes: a pointer into the mapping where the
// range lies in the file as it is (zero copy), else the bytes assembled into the caller's scratch.
// Either way the caller touches the view only inside Guard(), which turns a fault (the file
// truncated behind our back) into EngineError EFILECHANGED.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "guard.h"

namespace lfe {

class Subject {
 public:
  virtual ~Subject() = default;

  virtual uint64_t size() const = 0;

  // Names the subject in error messages (the file's path).
  virtual const std::string& name() const = 0;

  // [begin, end) with end <= size(): a pointer into the mapping (valid while the subject lives)
  // or into `scratch` (valid until the next View with the same scratch). Never null, even when
  // empty. Throws EngineError (EFILECHANGED when assembling meets a fault; EINVAL for corrupt
  // pieces).
  virtual const uint8_t* View(uint64_t begin, uint64_t end, std::vector<uint8_t>& scratch) const = 0;

  // The scan is done with [offset, offset + length): the file's pages there may be unmapped from
  // this process (a hint; see Mapping::Release). Never fails.
  virtual void Release(uint64_t offset, uint64_t length) const = 0;

  // The window the scan loop reads when `requested` is asked for. A subject that assembles its
  // windows by copying keeps them small enough to stay in the CPU's cache while the matcher
  // reads them (copied bytes are then read once from memory, not three times).
  virtual size_t Window(size_t requested) const { return requested; }

  // True once the file was closed: running scans stop at their next window.
  virtual bool closed() const = 0;

  // Runs fn() with the mapping guarded (see guard.h for what fn() may not do).
  template <typename Fn>
  void Guard(Fn&& fn) const {
    const GuardedMemory memory = guarded_memory();
    GuardedAccess(memory.begin, memory.length, name(), fn);
  }

 protected:
  // The mapped memory views may point into.
  struct GuardedMemory {
    const void* begin;
    uint64_t length;
  };
  virtual GuardedMemory guarded_memory() const = 0;
};

}  // namespace lfe
