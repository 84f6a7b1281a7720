#include "document/document_subject.h"

#include <atomic>
#include <cstring>

namespace lfe {

namespace {

// Base runs closer than this are released as one (the bytes between are a few replaced ones).
constexpr uint64_t kReleaseGap = uint64_t{64} << 10;

// The last window this thread assembled: whether every base byte in it sat at one distance from
// its place. The next window of the same subject then starts with one copy of the base (a
// document's edits mostly look alike from one window to the next), and the scan loop's release
// of what it has read of the window just viewed costs no walk over the pieces again.
struct LastView {
  uint64_t subject = 0;  // DocumentSubject::id_
  uint64_t begin = 0;
  uint64_t end = 0;
  bool one_shift = false;
  uint64_t shift_base = 0;  // with one_shift: the base offset of `begin`
};
thread_local LastView t_last_view;

std::atomic<uint64_t> g_next_id{1};

}  // namespace

DocumentSubject::DocumentSubject(std::shared_ptr<const MappedFile> base, std::shared_ptr<const DocumentPieces> pieces)
    : base_(std::move(base)), pieces_(std::move(pieces)), id_(g_next_id.fetch_add(1, std::memory_order_relaxed)) {}

const uint8_t* DocumentSubject::View(uint64_t begin, uint64_t end, std::vector<uint8_t>& scratch) const {
  static const uint8_t kEmpty[1] = {0};
  if (end <= begin) return kEmpty;
  const uint64_t n = end - begin;
  // The first base piece: where the window's base bytes would start, were they all in place.
  bool single = false;
  bool fits = false;  // the window's start would lie inside the base (not before its offset 0)
  uint64_t first_source = 0;
  uint64_t shift_base = 0;
  pieces_->ForEach(begin, end, [&](uint64_t at, const Piece& p) {
    if (p.add) return true;
    single = at == begin && p.length == n;
    first_source = p.source;
    fits = p.source >= at - begin;
    shift_base = fits ? p.source - (at - begin) : 0;
    return false;
  });
  if (single) {
    t_last_view = LastView{id_, begin, end, true, first_source};
    return base_->View(first_source, first_source + n, scratch);  // no copy at all
  }

  scratch.resize(static_cast<size_t>(n));
  uint8_t* dst = scratch.data();
  size_t chunk = 0;  // CopyAdded's hint
  const LastView& last = t_last_view;
  // Every base byte at one distance from its place (what a same-length Replace All leaves) makes
  // the base span one copy, the added bytes then copied over it; the JS twin is readPieces in
  // edits/editJournal.ts. Tried when the last window was like that; a base piece elsewhere is
  // copied on its own either way, so a wrong guess costs time, never bytes.
  const bool bulk = fits && last.subject == id_ && last.one_shift && shift_base + n <= base_->size();
  bool one_shift = fits;
  const uint8_t* base = base_->data();
  base_->Guard([&] {
    if (bulk) std::memcpy(dst, base + shift_base, static_cast<size_t>(n));
    pieces_->ForEach(begin, end, [&](uint64_t at, const Piece& p) {
      uint8_t* to = dst + (at - begin);
      if (p.add) {
        pieces_->CopyAdded(p.source, p.length, to, &chunk);
        return;
      }
      const bool in_place = p.source + begin >= at && p.source + begin - at == shift_base;
      one_shift = one_shift && in_place;
      if (!bulk || !in_place) std::memcpy(to, base + p.source, static_cast<size_t>(p.length));
    });
  });
  t_last_view = LastView{id_, begin, end, one_shift, shift_base};
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
  if (last.subject == id_ && last.one_shift && offset >= last.begin && end <= last.end) {
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
