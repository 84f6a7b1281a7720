// Segments scanned on every core, merged in order on the calling thread: the one shape of the
// engine's parallel jobs (find-all, a filter and its refine, the time histogram). Workers take
// the next segment while they are fewer than `lookahead` segments ahead of the merge, so memory
// holds a few segments' results whatever the subject's size (a 10 GB log is 300 segments of
// 32 MiB; two cores keep at most 4–8 in flight). The merger waits for each segment in turn and
// hands it to `merge`, whose memory is then freed; `tick` reports progress about every 100 ms
// (and once after the first segment: the first rows of a view, the first bars of a chart).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace lfe {

// Worker threads for `requested` (0: one per core, at most 16).
inline unsigned WorkerThreads(unsigned requested) {
  if (requested != 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return std::max(1u, std::min(cores == 0 ? 2u : cores, 16u));
}

// Seg has `first`, `last` (what the worker is given), `done` and `error` (set by the pool).
//   make_state(stop) -> a worker's own state (a matcher clone, a scanner), made on its thread;
//   work(seg, state, stop): scans one segment; `stop` turns true when the run ends early, so a
//     long scan can give up at its next window;
//   merge(seg) -> bool, on this thread, in order: false ends the run (a cap reached, a segment
//     that did not complete);
//   stopped() -> bool, asked every 20 ms while waiting: true ends the run (the user cancelled,
//     the file closed);
//   tick(): progress.
// Returns true when every segment was merged. A worker's error (or a state it could not make) is
// rethrown here after every worker has been joined.
template <typename Seg, typename MakeState, typename Work, typename Merge, typename Stopped, typename Tick>
bool RunOrderedSegments(std::vector<Seg>& segments, unsigned threads, size_t lookahead, MakeState&& make_state, Work&& work,
                        Merge&& merge, Stopped&& stopped, Tick&& tick) {
  using Clock = std::chrono::steady_clock;
  std::mutex mutex;
  std::condition_variable changed;
  std::atomic<bool> stop{false};
  std::exception_ptr failed;  // a worker that could not make its state
  size_t next = 0;
  size_t merged = 0;
  auto worker = [&] {
    decltype(make_state(stop)) state;
    try {
      state = make_state(stop);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      if (!failed) failed = std::current_exception();
      stop.store(true);
      changed.notify_all();
      return;
    }
    for (;;) {
      size_t index;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return stop.load() || next < merged + lookahead; });
        if (stop.load() || next >= segments.size()) return;
        index = next++;
      }
      // Only this worker touches the segment until it marks it done.
      Seg local;
      local.first = segments[index].first;
      local.last = segments[index].last;
      try {
        work(local, *state, stop);
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
  const size_t workers = std::min<size_t>(threads, std::max<size_t>(1, segments.size()));
  for (size_t i = 0; i < workers; ++i) pool.emplace_back(worker);
  auto shutdown = [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stop.store(true);
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
        while (!seg.done && !failed) {
          changed.wait_for(lock, std::chrono::milliseconds(20));
          lock.unlock();
          const bool end = stopped();
          if (!end && Clock::now() - last_tick > std::chrono::milliseconds(100)) {
            last_tick = Clock::now();
            tick();
          }
          lock.lock();
          if (end) break;
        }
        if (failed) std::rethrow_exception(failed);
        if (!seg.done) {
          finished = false;
          break;
        }
      }
      if (seg.error) std::rethrow_exception(seg.error);
      if (!merge(seg)) {
        finished = false;
        break;
      }
      {
        std::lock_guard<std::mutex> lock(mutex);
        seg = Seg();
        merged = k + 1;
      }
      changed.notify_all();
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
  return finished;
}

}  // namespace lfe
