#include "document/document_subject.h"

#include <atomic>
#include <cstring>

namespace lfe {

namespace {

// Base runs closer than this are released as one (the bytes between are a few replaced ones).
constexpr uint64_t kReleaseGap = uint64_t{64} << 10;

struct PlacedPiece {
  uint64_t at;  // document offset
  Piece piece;
};

// The last window this thread assembled with every base byte at one distance from its place:
// the scan loop releases what it has read of the window just after it, which then costs no walk
// over the pieces again.
struct LastView {
  uint64_t subject = 0;  // DocumentSubject::id_
  uint64_t begin = 0;
  uint64_t end = 0;
  uint64_t shift_base = 0;  // the base offset of `begin`
};
thread_local LastView t_last_view;

std::atomic<uint64_t> g_next_id{1};

}  // namespace

DocumentSubject::DocumentSubject(std::shared_ptr<const MappedFile> base, std::shared_ptr<const DocumentPieces> pieces)
    : base_(std::move(base)), pieces_(std::move(pieces)), id_(g_next_id.fetch_add(1, std::memory_order_relaxed)) {}

const uint8_t* DocumentSubject::View(uint64_t begin, uint64_t end, std::vector<uint8_t>& scratch) const {
  static const uint8_t kEmpty[1] = {0};
  if (end <= begin) return kEmpty;
  // The window's pieces, decoded once (a 1 MiB window after a Replace All holds a few thousand).
  // (Per thread: views run on several at once. Search threads end with their search.)
  static thread_local std::vector<PlacedPiece> pieces;
  pieces.clear();
  bool have_base = false;
  bool one_shift = true;
  uint64_t shift_base = 0;  // with one_shift: the base offset of document offset `begin`
  pieces_->ForEach(begin, end, [&](uint64_t at, const Piece& p) {
    pieces.push_back(PlacedPiece{at, p});
    if (p.add) return;
    // p.source - at + begin, without going below zero in between.
    const bool fits = p.source + begin >= at;
    const uint64_t here = fits ? p.source + begin - at : 0;
    if (!fits || (have_base && here != shift_base)) one_shift = false;
    if (!have_base) shift_base = here;
    have_base = true;
  });
  const uint64_t n = end - begin;
  if (have_base && one_shift) t_last_view = LastView{id_, begin, end, shift_base};
  if (pieces.size() == 1 && !pieces[0].piece.add) {
    return base_->View(pieces[0].piece.source, pieces[0].piece.source + n, scratch);  // no copy
  }
  scratch.resize(static_cast<size_t>(n));
  uint8_t* dst = scratch.data();
  const auto copy_added = [&] {
    size_t chunk = 0;
    for (const PlacedPiece& p : pieces) {
      if (p.piece.add) pieces_->CopyAdded(p.piece.source, p.piece.length, dst + (p.at - begin), &chunk);
    }
  };
  if (base_->has_overlay()) {
    // Copy mode's written pages: the file's own reads patch them in, piece by piece.
    for (const PlacedPiece& p : pieces) {
      if (!p.piece.add) base_->Read(p.piece.source, dst + (p.at - begin), p.piece.length);
    }
    copy_added();
    return dst;
  }
  const uint8_t* base = base_->data();
  if (have_base && one_shift && shift_base + n <= base_->size()) {
    // Every base byte at one distance from its place: the base span in one copy, then the added
    // bytes over it (the JS twin is readPieces in edits/editJournal.ts).
    const uint8_t* from = base + shift_base;
    base_->Guard([&] { std::memcpy(dst, from, static_cast<size_t>(n)); });
  } else {
    base_->Guard([&] {
      for (const PlacedPiece& p : pieces) {
        if (!p.piece.add) std::memcpy(dst + (p.at - begin), base + p.piece.source, static_cast<size_t>(p.piece.length));
      }
    });
  }
  copy_added();
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
  const uint64_t end = std::min(offset + length, size());
  if (offset >= end) return;
  const LastView& last = t_last_view;
  if (last.subject == id_ && offset >= last.begin && end <= last.end) {
    base_->Release(last.shift_base + (offset - last.begin), end - offset);
    return;
  }
  // Edits mostly keep the base in order (replacements, inserts, deletes): then the base bytes
  // of the range lie between those of its first and last base pieces, found by decoding only
  // the blocks at its two ends. Pieces moved far away (a cut and paste) make that span much
  // larger than the range: then each base run is released on its own.
  bool have_first = false;
  uint64_t first = 0;
  pieces_->ForEach(offset, end, [&](uint64_t, const Piece& p) {
    if (p.add) return true;
    have_first = true;
    first = p.source;
    return false;
  });
  uint64_t last_end = 0;
  bool have_last = false;
  for (uint64_t from = end; from > offset && !have_last;) {
    const uint64_t to = from;
    from = to - std::min<uint64_t>(to - offset, uint64_t{1} << 20);
    pieces_->ForEach(from, to, [&](uint64_t, const Piece& p) {
      if (p.add) return;
      have_last = true;
      last_end = p.source + p.length;
    });
  }
  if (!have_first || !have_last) return;  // no base bytes at all
  if (first < last_end && last_end - first <= 2 * (end - offset) + kReleaseGap) {
    base_->Release(first, last_end - first);
    return;
  }
  bool open = false;
  uint64_t run_begin = 0;
  uint64_t run_end = 0;
  pieces_->ForEach(offset, end, [&](uint64_t, const Piece& p) {
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
