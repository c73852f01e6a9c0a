// WorkerPool: every item runs once; ordered consumption sees items in order,
// each after its preparation, wakes a caller asleep on an item a worker holds,
// and stops at the first refusal.
#include "src/run/worker_pool.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace newsclean {
namespace {

TEST(WorkerPoolTest, ParallelForRunsEveryItemOnce) {
  for (int threads : {1, 2, 4}) {
    WorkerPool pool(threads);
    for (size_t n : {0u, 1u, 7u, 1000u}) {
      std::vector<std::atomic<int>> runs(n);
      pool.ParallelFor(n, [&](size_t i) { runs[i].fetch_add(1); });
      for (size_t i = 0; i < n; ++i) EXPECT_EQ(runs[i].load(), 1) << threads << " " << i;
    }
  }
}

TEST(WorkerPoolTest, OrderedConsumptionIsInOrderAndAfterPreparation) {
  for (int threads : {1, 2, 4}) {
    WorkerPool pool(threads);
    for (int round = 0; round < 20; ++round) {
      const size_t n = 500;
      std::vector<std::atomic<int>> prepared(n);
      std::vector<size_t> consumed;
      bool all_ready = true;
      bool ok = pool.ParallelForOrdered(
          n,
          [&](size_t i) {
            volatile int spin = 0;  // uneven work, so workers finish out of order
            for (size_t k = 0; k < (i * 7919) % 2000; ++k) spin = spin + 1;
            prepared[i].fetch_add(1);
          },
          [&](size_t i) {
            all_ready = all_ready && prepared[i].load() == 1;
            consumed.push_back(i);
            return true;
          });
      EXPECT_TRUE(ok);
      EXPECT_TRUE(all_ready) << threads;
      ASSERT_EQ(consumed.size(), n);
      for (size_t i = 0; i < n; ++i) ASSERT_EQ(consumed[i], i) << threads;
      for (size_t i = 0; i < n; ++i) ASSERT_EQ(prepared[i].load(), 1) << threads;
    }
  }
}

// The calling thread sleeps when the next item to consume is held by a
// worker; the worker that makes it ready must wake it (a lost wake-up would
// hang). Two items, two threads: the caller's item waits until the worker has
// taken the other, which is slow, so the caller always ends up asleep on it.
TEST(WorkerPoolTest, OrderedConsumptionWakesTheCallerForItemsWorkersHold) {
  auto run = std::async(std::launch::async, [] {
    WorkerPool pool(2);
    const std::thread::id caller = std::this_thread::get_id();
    size_t consumed = 0;
    for (int round = 0; round < 40; ++round) {
      std::atomic<bool> worker_started{false};
      pool.ParallelForOrdered(
          2,
          [&](size_t) {
            if (std::this_thread::get_id() == caller) {
              while (!worker_started.load()) std::this_thread::yield();
            } else {
              worker_started.store(true);
              std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
          },
          [&](size_t) { return ++consumed > 0; });
    }
    return consumed;
  });
  if (run.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
    // Fail now: the future's destructor would wait for the sleeper forever.
    std::fprintf(stderr, "the calling thread was not woken\n");
    std::_Exit(1);
  }
  EXPECT_EQ(run.get(), 80u);
}

TEST(WorkerPoolTest, OrderedConsumptionStopsAtTheFirstRefusal) {
  for (int threads : {1, 3}) {
    WorkerPool pool(threads);
    std::vector<size_t> consumed;
    bool ok = pool.ParallelForOrdered(
        100, [](size_t) {},
        [&](size_t i) {
          consumed.push_back(i);
          return i != 41;
        });
    EXPECT_FALSE(ok);
    EXPECT_EQ(consumed.size(), 42u) << threads;
    EXPECT_EQ(consumed.back(), 41u);
    // The pool is usable afterwards.
    std::atomic<int> count{0};
    pool.ParallelFor(10, [&](size_t) { count.fetch_add(1); });
    EXPECT_EQ(count.load(), 10);
  }
}

}  // namespace
}  // namespace newsclean
