#include "src/worker_pool.h"

#include <memory>

namespace newsclean {

WorkerPool::WorkerPool(int threads) {
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { WorkerLoop(); });
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
  for (size_t i = next_.fetch_add(1); i < n; i = next_.fetch_add(1)) fn(i);
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
  std::unique_ptr<std::atomic<bool>[]> ready(new std::atomic<bool>[n]);
  for (size_t i = 0; i < n; ++i) ready[i].store(false, std::memory_order_relaxed);
  const std::function<void(size_t)> run = [&](size_t i) {
    prepare(i);
    ready[i].store(true, std::memory_order_release);
    ready[i].notify_one();
  };
  Start(n, &run);
  bool ok = true;
  for (size_t i = 0; i < n && ok;) {
    if (ready[i].load(std::memory_order_acquire)) {
      ok = consume(i);
      ++i;
      continue;
    }
    size_t j = next_.fetch_add(1);  // help: prepare an item nobody has taken
    if (j < n) {
      run(j);
    } else {
      ready[i].wait(false, std::memory_order_acquire);  // a worker is on it
    }
  }
  if (!ok) next_.store(n);  // a failed consume: nobody takes more items
  Finish();
  return ok;
}

}  // namespace newsclean
