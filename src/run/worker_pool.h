// WorkerPool: a fixed set of threads that run ParallelFor loops. The calling
// thread works too, so a pool of N threads starts N - 1 workers, or as many
// as the system lets it start: every loop's result is the same for any count.
#ifndef NEWSCLEAN_SRC_RUN_WORKER_POOL_H_
#define NEWSCLEAN_SRC_RUN_WORKER_POOL_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace newsclean {

class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs fn(i) for every i in [0, n), on the pool and the calling thread, and
  // returns when all calls have returned. Not reentrant. If a call throws, no
  // further items start and the first exception is rethrown on the calling
  // thread once every call under way has returned (so do the loops below).
  void ParallelFor(size_t n, const std::function<void(size_t)>& fn);

  // Runs prepare(i) for every i in [0, n) on the pool and the calling thread,
  // and consume(i) on the calling thread in order 0, 1, ..., n - 1, each as
  // soon as prepare(i) has returned: consuming overlaps preparing the items
  // after it. When the next item to consume is not ready, the calling thread
  // prepares one nobody has taken yet. After a consume returns false no other
  // is called. Returns when all calls have returned: true if every consume
  // returned true. Not reentrant.
  bool ParallelForOrdered(size_t n, const std::function<void(size_t)>& prepare,
                          const std::function<bool(size_t)>& consume);

 private:
  void WorkerLoop();
  // Records the exception being handled (the first one wins) and stops the loop.
  void Capture();
  // Rethrows and clears what Capture() recorded, if anything.
  void RethrowCaptured();
  void RunItems(const std::function<void(size_t)>& fn, size_t n);
  // Publishes a generation of n items of fn to the workers.
  void Start(size_t n, const std::function<void(size_t)>* fn);
  // Waits until every worker has finished the current generation.
  void Finish();

  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable start_cv_, done_cv_;
  const std::function<void(size_t)>* fn_ = nullptr;
  size_t n_ = 0;
  std::atomic<size_t> next_{0};
  size_t generation_ = 0;
  size_t finished_ = 0;  // workers done with the current generation
  bool stop_ = false;
  // The calling thread of ParallelForOrdered sleeps here on an item a worker
  // is preparing.
  std::mutex order_mu_;
  std::condition_variable order_cv_;
  std::exception_ptr error_;         // guarded by mu_
  std::atomic<bool> failed_{false};  // error_ is set
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_RUN_WORKER_POOL_H_
