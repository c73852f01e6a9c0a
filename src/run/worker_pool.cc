#include "src/run/worker_pool.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <system_error>

namespace newsclean {

WorkerPool::WorkerPool(int threads) {
  for (int i = 1; i < threads; ++i) {
    try {
      workers_.emplace_back([this] { WorkerLoop(); });
    } catch (const std::system_error&) {
      break;  // the system has no more threads to give: run on those started
    }
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  start_cv_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void WorkerPool::RunItems(const std::function<void(size_t)>& fn, size_t n) {
  for (size_t i = next_.fetch_add(1); i < n; i = next_.fetch_add(1)) {
    if (failed_.load(std::memory_order_relaxed)) continue;  // skip: the loop has failed
    try {
      fn(i);
    } catch (...) {
      Capture();
    }
  }
}

void WorkerPool::Capture() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!error_) error_ = std::current_exception();
  failed_.store(true);
}

void WorkerPool::RethrowCaptured() {
  std::exception_ptr error;
  {
    std::lock_guard<std::mutex> lock(mu_);
    error.swap(error_);
    failed_.store(false);
  }
  if (error) std::rethrow_exception(error);
}

void WorkerPool::WorkerLoop() {
  size_t seen = 0;
  while (true) {
    const std::function<void()>* body;
    {
      std::unique_lock<std::mutex> lock(mu_);
      start_cv_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      body = body_;
    }
    (*body)();
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++finished_;
    }
    done_cv_.notify_all();
  }
}

void WorkerPool::Start(const std::function<void()>* body) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    body_ = body;
    finished_ = 0;
    ++generation_;
  }
  start_cv_.notify_all();
}

void WorkerPool::Finish() {
  // Every worker takes part in every generation, so none can straddle two.
  std::unique_lock<std::mutex> lock(mu_);
  done_cv_.wait(lock, [&] { return finished_ == workers_.size(); });
  body_ = nullptr;
}

void WorkerPool::ParallelFor(size_t n, const std::function<void(size_t)>& fn) {
  if (workers_.empty() || n <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  next_.store(0);
  const std::function<void()> body = [&] { RunItems(fn, n); };
  Start(&body);
  RunItems(fn, n);
  Finish();
  RethrowCaptured();
}

bool WorkerPool::ParallelForOrdered(size_t n, const std::function<void(size_t)>& prepare,
                                    const std::function<bool(size_t)>& consume) {
  bool given = false;
  return ParallelForOrderedStream(
      n,
      [&](size_t, bool) {
        if (given) return size_t{0};
        given = true;
        return n;
      },
      prepare, consume);
}

bool WorkerPool::WaitPublished(size_t i) {
  if (i < published_.load(std::memory_order_acquire)) return true;
  std::unique_lock<std::mutex> lock(stream_mu_);
  stream_cv_.wait(lock, [&] { return closed_ || i < published_.load(); });
  return i < published_.load();
}

bool WorkerPool::ParallelForOrderedStream(size_t window,
                                          const std::function<size_t(size_t room, bool wait)>& more,
                                          const std::function<void(size_t)>& prepare,
                                          const std::function<bool(size_t)>& consume) {
  window = std::max<size_t>(window, 1);
  // A cache line an item: the worker that sets one flag does not take the
  // line from the thread reading its neighbour. Item i's is ready_flags[i %
  // window], cleared when the item is published.
  struct alignas(64) Flag {
    std::atomic<bool> set{false};
  };
  std::unique_ptr<Flag[]> ready_flags(new Flag[window]);
  auto ready = [&](size_t i) -> std::atomic<bool>& { return ready_flags[i % window].set; };
  // The item the calling thread sleeps on, if any: a worker that makes it
  // ready wakes it. (Not atomic<bool>::notify_one for every item: in
  // libstdc++ that is a locked add on a cache line all threads share, 2% of
  // a two-thread run.) Both sides store, then load the other's flag, all
  // sequentially consistent, so at least one of them sees the other's store:
  // the sleeper sees the item ready, or the worker sees the sleeper and
  // notifies under the mutex the sleeper waits with.
  std::atomic<size_t> sleeping_on{SIZE_MAX};
  // An exception from prepare (on any thread), consume or more stops the
  // stream; it is rethrown here once every worker has left the generation.
  // Items taken after a failure are marked ready without running, so that
  // nobody waits for an item nobody will prepare.
  auto run = [&](size_t i) {
    if (!failed_.load(std::memory_order_relaxed)) {
      try {
        prepare(i);
      } catch (...) {
        Capture();
      }
    }
    ready(i).store(true);
    if (sleeping_on.load() == i) {
      std::lock_guard<std::mutex> lock(order_mu_);
      order_cv_.notify_one();
    }
  };
  // A worker takes the next item, published or not (it is the one to
  // prepare it once it is), until the stream is closed.
  const std::function<void()> body = [&] {
    for (size_t i = next_.fetch_add(1); WaitPublished(i); i = next_.fetch_add(1)) run(i);
  };
  next_.store(0);
  published_.store(0);
  {
    std::lock_guard<std::mutex> lock(stream_mu_);
    closed_ = false;
  }
  auto close = [&] {
    {
      std::lock_guard<std::mutex> lock(stream_mu_);
      closed_ = true;
    }
    stream_cv_.notify_all();
  };
  const bool pooled = !workers_.empty();
  if (pooled) Start(&body);
  size_t published = 0;  // published_, as this thread last stored it
  bool ended = false;    // more() said the stream has ended
  size_t i = 0;          // the next item to consume
  bool ok = true;
  // Publishes what more() gives, after clearing the items' flags.
  auto ask = [&](bool wait) {
    size_t count = 0;
    try {
      count = more(window - (published - i), wait);
    } catch (...) {
      Capture();
      return;
    }
    if (count == 0) {
      ended = wait;
      return;
    }
    for (size_t k = published; k < published + count; ++k) ready(k).store(false);
    published += count;
    published_.store(published, std::memory_order_release);
    if (pooled) {
      std::lock_guard<std::mutex> lock(stream_mu_);  // (no wake-up lost: see WaitPublished)
      stream_cv_.notify_all();
    }
  };
  while (ok && !failed_.load()) {
    if (i == published) {
      if (ended) break;
      ask(/*wait=*/true);
      continue;
    }
    if (!ended && published - i < window) ask(/*wait=*/false);
    if (ready(i).load(std::memory_order_acquire)) {
      try {
        ok = consume(i);
      } catch (...) {
        Capture();
      }
      ++i;
      continue;
    }
    // Help: prepare a published item nobody has taken.
    size_t j = next_.load();
    if (j < published) {
      if (next_.compare_exchange_strong(j, j + 1)) run(j);
    } else {
      // A worker is on it: sleep until it is ready.
      std::unique_lock<std::mutex> lock(order_mu_);
      sleeping_on.store(i);
      order_cv_.wait(lock, [&] { return ready(i).load(); });
      sleeping_on.store(SIZE_MAX);
    }
  }
  if (pooled) {
    // Stopped or ended: workers take no more items (those under way finish).
    next_.store(SIZE_MAX / 2);
    close();
    Finish();
  }
  RethrowCaptured();
  return ok;
}

}  // namespace newsclean
