#include "src/run/worker_pool.h"

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
    const std::function<void(size_t)>* fn;
    size_t n;
    {
      std::unique_lock<std::mutex> lock(mu_);
      start_cv_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      fn = fn_;
      n = n_;
    }
    RunItems(*fn, n);
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++finished_;
    }
    done_cv_.notify_all();
  }
}

void WorkerPool::Start(size_t n, const std::function<void(size_t)>* fn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    fn_ = fn;
    n_ = n;
    next_.store(0);
    finished_ = 0;
    ++generation_;
  }
  start_cv_.notify_all();
}

void WorkerPool::Finish() {
  // Every worker takes part in every generation, so none can straddle two.
  std::unique_lock<std::mutex> lock(mu_);
  done_cv_.wait(lock, [&] { return finished_ == workers_.size(); });
  fn_ = nullptr;
}

void WorkerPool::ParallelFor(size_t n, const std::function<void(size_t)>& fn) {
  if (workers_.empty() || n <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  Start(n, &fn);
  RunItems(fn, n);
  Finish();
  RethrowCaptured();
}

bool WorkerPool::ParallelForOrdered(size_t n, const std::function<void(size_t)>& prepare,
                                    const std::function<bool(size_t)>& consume) {
  if (workers_.empty() || n <= 1) {
    for (size_t i = 0; i < n; ++i) {
      prepare(i);
      if (!consume(i)) return false;
    }
    return true;
  }
  // A cache line an item: the worker that sets one flag does not take the
  // line from the thread reading its neighbour.
  struct alignas(64) Flag {
    std::atomic<bool> set{false};
  };
  std::unique_ptr<Flag[]> ready_flags(new Flag[n]);
  auto ready = [&](size_t i) -> std::atomic<bool>& { return ready_flags[i].set; };
  // The item the calling thread sleeps on, if any: a worker that makes it
  // ready wakes it. (Not atomic<bool>::notify_one for every item: in
  // libstdc++ that is a locked add on a cache line all threads share, 2% of
  // a two-thread run.) Both sides store, then load the other's flag, all
  // sequentially consistent, so at least one of them sees the other's store:
  // the sleeper sees the item ready, or the worker sees the sleeper and
  // notifies under the mutex the sleeper waits with.
  std::atomic<size_t> sleeping_on{SIZE_MAX};
  // An exception from prepare (on any thread) or consume stops the loop; it is
  // rethrown here once every worker has left the generation.
  // Items taken after a failure are marked ready without running, so that
  // nobody waits for an item nobody will prepare.
  const std::function<void(size_t)> run = [&](size_t i) {
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
  Start(n, &run);
  bool ok = true;
  for (size_t i = 0; i < n && ok && !failed_.load();) {
    if (ready(i).load(std::memory_order_acquire)) {
      try {
        ok = consume(i);
      } catch (...) {
        Capture();
      }
      ++i;
      continue;
    }
    size_t j = next_.fetch_add(1);  // help: prepare an item nobody has taken
    if (j < n) {
      run(j);
    } else {
      // A worker is on it: sleep until it is ready.
      std::unique_lock<std::mutex> lock(order_mu_);
      sleeping_on.store(i);
      order_cv_.wait(lock, [&] { return ready(i).load(); });
      sleeping_on.store(SIZE_MAX);
    }
  }
  if (!ok || failed_.load()) next_.store(n);  // stopped early: nobody takes more items
  Finish();
  RethrowCaptured();
  return ok;
}

}  // namespace newsclean
