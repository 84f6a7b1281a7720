// Segments scanned on every core, merged in order on the calling thread: the shape of a filter's
// run (and of a refine's). Workers take the next segment while they are fewer than `lookahead`
// ahead of the merge, so memory holds a few segments' results whatever the subject's size; the
// merger waits for each segment in turn, calls `tick` about every 100 ms while it waits (progress
// to report), and hands finished segments to `merge`, whose memory is then freed.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace lfe {

inline unsigned FilterThreads(unsigned requested) {
  if (requested != 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return std::max(1u, std::min(cores == 0 ? 2u : cores, 16u));
}

// Seg: has `done`, `complete` and `error` (see line_scan.h's SegmentLines). work(seg, state) runs
// on a worker with its own state from make_state(); merge(seg) on this thread, in order. Returns
// false when stopped early (cancelled, or a segment that did not complete). Rethrows a worker's
// error after joining them all.
template <typename Seg, typename MakeState, typename Work, typename Merge, typename Tick>
bool RunOrderedSegments(std::vector<Seg>& segments, unsigned threads, const std::atomic<bool>& cancel,
                        MakeState&& make_state, Work&& work, Merge&& merge, Tick&& tick) {
  using Clock = std::chrono::steady_clock;
  std::mutex mutex;
  std::condition_variable changed;
  bool stop = false;
  size_t next = 0;
  size_t merged = 0;
  const size_t lookahead = size_t{threads} * 2;
  auto worker = [&] {
    auto state = make_state();
    for (;;) {
      size_t index;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return stop || next < merged + lookahead; });
        if (stop || next >= segments.size()) return;
        index = next++;
      }
      Seg local;
      local.first = segments[index].first;
      local.last = segments[index].last;
      try {
        work(local, *state);
      } catch (...) {
        local.error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mutex);
        local.done = true;
        segments[index] = std::move(local);
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  const size_t workers = std::min<size_t>(threads, segments.size());
  for (size_t i = 0; i < workers; ++i) pool.emplace_back(worker);
  auto shutdown = [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stop = true;
    }
    changed.notify_all();
    for (std::thread& t : pool) t.join();
    pool.clear();
  };

  bool finished = true;
  Clock::time_point last_tick = Clock::now();
  try {
    for (size_t k = 0; k < segments.size(); ++k) {
      Seg& seg = segments[k];
      {
        std::unique_lock<std::mutex> lock(mutex);
        while (!seg.done && !cancel.load()) {
          changed.wait_for(lock, std::chrono::milliseconds(20));
          if (Clock::now() - last_tick > std::chrono::milliseconds(100)) {
            last_tick = Clock::now();
            lock.unlock();
            tick();
            lock.lock();
          }
        }
        if (!seg.done) {
          finished = false;
          break;
        }
      }
      if (seg.error) std::rethrow_exception(seg.error);
      if (!seg.complete) {
        finished = false;
        break;
      }
      merge(seg);
      {
        std::lock_guard<std::mutex> lock(mutex);
        seg = Seg();
        merged = k + 1;
      }
      changed.notify_all();
      // The first segment's results at once (the first rows of a view), then about every 100 ms.
      if (k == 0 || Clock::now() - last_tick > std::chrono::milliseconds(100)) {
        last_tick = Clock::now();
        tick();
      }
    }
  } catch (...) {
    shutdown();
    throw;
  }
  shutdown();
  return finished && !cancel.load();
}

}  // namespace lfe
