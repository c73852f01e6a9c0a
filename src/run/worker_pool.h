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

  // The threads that run loops: the workers started and the calling thread.
  int threads() const { return static_cast<int>(workers_.size()) + 1; }

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
  // returned true. Not reentrant. (ParallelForOrderedStream with one group.)
  bool ParallelForOrdered(size_t n, const std::function<void(size_t)>& prepare,
                          const std::function<bool(size_t)>& consume);

  // ParallelForOrdered over a stream of items 0, 1, 2, ... that the calling
  // thread publishes in groups while the pool works: `more(room, wait)`, on
  // the calling thread, publishes the next up to `room` items (room >= 1) by
  // returning how many; 0 when it has none yet, or, when `wait` is true (it
  // is then asked only once every published item is consumed, and may block),
  // when the stream has ended. At most `window` items are published and not
  // yet consumed, so a caller can keep item i's data in slot i % window.
  // The workers go on to the next group while the calling thread consumes
  // the last items of the one before: no worker waits at a group boundary
  // unless the next group is not there yet. Returns true if every consume
  // returned true; an exception from any callback stops the stream and is
  // rethrown once every call under way has returned. Not reentrant.
  bool ParallelForOrderedStream(size_t window,
                                const std::function<size_t(size_t room, bool wait)>& more,
                                const std::function<void(size_t)>& prepare,
                                const std::function<bool(size_t)>& consume);

 private:
  void WorkerLoop();
  // Records the exception being handled (the first one wins) and stops the loop.
  void Capture();
  // Rethrows and clears what Capture() recorded, if anything.
  void RethrowCaptured();
  void RunItems(const std::function<void(size_t)>& fn, size_t n);
  // Publishes a generation to the workers: each runs `body` once.
  void Start(const std::function<void()>* body);
  // A worker's part of a stream: blocks until item `i` is published (true),
  // or the stream is closed without it (false).
  bool WaitPublished(size_t i);
  // Waits until every worker has finished the current generation.
  void Finish();

  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable start_cv_, done_cv_;
  const std::function<void()>* body_ = nullptr;
  std::atomic<size_t> next_{0};
  size_t generation_ = 0;
  size_t finished_ = 0;  // workers done with the current generation
  bool stop_ = false;
  // The calling thread of ParallelForOrdered sleeps here on an item a worker
  // is preparing.
  std::mutex order_mu_;
  std::condition_variable order_cv_;
  // A stream's items below published_ may be taken; once closed_, no more
  // are published. Workers wait for them on stream_cv_.
  std::atomic<size_t> published_{0};
  bool closed_ = false;  // guarded by stream_mu_
  std::mutex stream_mu_;
  std::condition_variable stream_cv_;
  std::exception_ptr error_;         // guarded by mu_
  std::atomic<bool> failed_{false};  // error_ is set
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_RUN_WORKER_POOL_H_
