#include "document/document_subject.h"

#include <cstring>

namespace lfe {

namespace {

// Base runs closer than this are released as one (the bytes between are a few replaced ones).
constexpr uint64_t kReleaseGap = uint64_t{64} << 10;

}  // namespace

const uint8_t* DocumentSubject::View(uint64_t begin, uint64_t end, std::vector<uint8_t>& scratch) const {
  static const uint8_t kEmpty[1] = {0};
  if (end <= begin) return kEmpty;
  // What the window is made of (decoding is cheap next to copying: a few ns a piece).
  size_t count = 0;
  Piece first;
  bool have_base = false;
  bool one_shift = true;
  uint64_t shift_base = 0;  // the base offset of document offset `begin`, when one_shift
  pieces_->ForEach(begin, end, [&](uint64_t at, const Piece& p) {
    if (count++ == 0) first = p;
    if (p.add) return;
    // p.source - at + begin, without going below zero in between.
    const bool fits = p.source + begin >= at;
    const uint64_t here = fits ? p.source + begin - at : 0;
    if (!fits) one_shift = false;
    else if (!have_base) shift_base = here;
    else if (here != shift_base) one_shift = false;
    have_base = true;
  });
  const uint64_t n = end - begin;
  if (count == 1 && !first.add) return base_->View(first.source, first.source + n, scratch);

  scratch.resize(static_cast<size_t>(n));
  uint8_t* dst = scratch.data();
  const bool overlay = base_->has_overlay();
  if (have_base && one_shift && !overlay && shift_base + n <= base_->size()) {
    const uint8_t* from = base_->data() + shift_base;
    base_->Guard([&] { std::memcpy(dst, from, static_cast<size_t>(n)); });
    pieces_->ForEach(begin, end, [&](uint64_t at, const Piece& p) {
      if (p.add) pieces_->CopyAdded(p.source, p.length, dst + (at - begin));
    });
    return dst;
  }
  if (overlay) {
    // Copy mode's written pages: the file's own reads patch them in, piece by piece.
    pieces_->ForEach(begin, end, [&](uint64_t at, const Piece& p) {
      if (p.add) pieces_->CopyAdded(p.source, p.length, dst + (at - begin));
      else base_->Read(p.source, dst + (at - begin), p.length);
    });
    return dst;
  }
  const uint8_t* base = base_->data();
  base_->Guard([&] {
    pieces_->ForEach(begin, end, [&](uint64_t at, const Piece& p) {
      if (p.add) pieces_->CopyAdded(p.source, p.length, dst + (at - begin));
      else std::memcpy(dst + (at - begin), base + p.source, static_cast<size_t>(p.length));
    });
  });
  return dst;
}

void DocumentSubject::Release(uint64_t offset, uint64_t length) const {
  try {
    ReleaseRuns(offset, length);
  } catch (const EngineError&) {
    // A hint that never fails (scans call it from destructors); corrupt pieces fail the views.
  }
}

void DocumentSubject::ReleaseRuns(uint64_t offset, uint64_t length) const {
  bool open = false;
  uint64_t run_begin = 0;
  uint64_t run_end = 0;
  pieces_->ForEach(offset, offset + length, [&](uint64_t, const Piece& p) {
    if (p.add) return;
    if (open && p.source >= run_begin && p.source <= run_end + kReleaseGap) {
      run_end = std::max(run_end, p.source + p.length);
      return;
    }
    if (open) base_->Release(run_begin, run_end - run_begin);
    open = true;
    run_begin = p.source;
    run_end = p.source + p.length;
  });
  if (open) base_->Release(run_begin, run_end - run_begin);
}

}  // namespace lfe
