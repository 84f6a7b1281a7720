// Finding '\n' bytes, forwards, backwards and by count: what the filter's line splitting, line
// numbers and line lookups are made of. All SIMD where it pays (16 bytes a step backwards; the
// line index's counting for counts), portable otherwise (no memrchr: not on macOS or Windows).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace lfe {

// Index of the first '\n' in p[0, n), or n.
inline size_t NextNewline(const uint8_t* p, size_t n) {
  const void* q = std::memchr(p, '\n', n);
  return q == nullptr ? n : static_cast<size_t>(static_cast<const uint8_t*>(q) - p);
}

// Index of the last '\n' in p[0, n), or n when there is none.
size_t LastNewline(const uint8_t* p, size_t n);

// '\n' bytes in p[0, n).
uint64_t CountNewlines(const uint8_t* p, size_t n);

// Index of the k-th (1-based) '\n' in p[0, n), or n when there are fewer; *seen gets how many
// there were when fewer.
size_t NthNewline(const uint8_t* p, size_t n, uint64_t k, uint64_t* seen);

// Calls fn(i) for the index of each '\n' in p[0, n), in order (a window's every line, listed
// from a SIMD mask of 32 bytes a step rather than a memchr call per line).
void NewlineMasks(const uint8_t* p, size_t n, void (*fn)(void*, size_t), void* ctx);
template <typename Fn>
void ForEachNewline(const uint8_t* p, size_t n, Fn&& fn) {
  NewlineMasks(p, n, [](void* c, size_t i) { (*static_cast<std::remove_reference_t<Fn>*>(c))(i); }, &fn);
}

}  // namespace lfe
