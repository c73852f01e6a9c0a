// WorkerPool: every item runs once; ordered consumption sees items in order,
// each after its preparation, wakes a caller asleep on an item a worker holds,
// and stops at the first refusal; a stream of groups keeps its window, asks
// for more only as documented, and prepares the next group while the last
// items of the one before are consumed.
#include "src/run/worker_pool.h"

#include <algorithm>
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

// A stream in groups of uneven sizes (1 to 9 items), window 12: every item is
// prepared once, consumed in order after its preparation, and no item is
// prepared while the one `window` before it, which shares its slot, is not
// yet consumed. more() is asked to wait only once everything published is
// consumed, and never given less room than the window leaves.
TEST(WorkerPoolTest, StreamKeepsOrderAndWindowAcrossGroups) {
  for (int threads : {1, 2, 4}) {
    WorkerPool pool(threads);
    for (int round = 0; round < 10; ++round) {
      const size_t window = 12, total = 400;
      std::vector<std::atomic<int>> prepared(total);
      std::vector<std::atomic<int>> slot_busy(window);  // prepared, not yet consumed
      std::atomic<bool> slot_clash{false};
      std::vector<size_t> consumed;
      size_t published = 0, group = 0;
      bool room_ok = true, wait_ok = true;
      bool ok = pool.ParallelForOrderedStream(
          window,
          [&](size_t room, bool wait) -> size_t {
            room_ok = room_ok && room >= 1 && room == window - (published - consumed.size());
            wait_ok = wait_ok && (!wait || published == consumed.size());
            const size_t want =
                std::min<size_t>({1 + (group * 7 + round) % 9, room, total - published});
            if (want == 0 || (!wait && group % 3 == 1)) {  // sometimes nothing yet
              ++group;
              return 0;
            }
            ++group;
            published += want;
            return want;
          },
          [&](size_t i) {
            if (slot_busy[i % window].fetch_add(1) != 0) slot_clash = true;
            volatile int spin = 0;  // uneven work, so workers finish out of order
            for (size_t k = 0; k < (i * 7919) % 3000; ++k) spin = spin + 1;
            prepared[i].fetch_add(1);
          },
          [&](size_t i) {
            EXPECT_EQ(prepared[i].load(), 1) << i;
            slot_busy[i % window].fetch_sub(1);
            consumed.push_back(i);
            return true;
          });
      EXPECT_TRUE(ok);
      EXPECT_TRUE(room_ok) << threads;
      EXPECT_TRUE(wait_ok) << threads;
      EXPECT_FALSE(slot_clash.load()) << threads;
      ASSERT_EQ(consumed.size(), total) << threads;
      for (size_t i = 0; i < total; ++i) ASSERT_EQ(consumed[i], i) << threads;
      for (size_t i = 0; i < total; ++i) ASSERT_EQ(prepared[i].load(), 1) << threads;
    }
  }
}

// The point of a stream: the workers go on to the next group while the
// calling thread is still consuming the last item of the group before. Here
// that consume returns only once both items of the next group are prepared;
// a pool that made its workers wait at the group boundary would never get
// there.
TEST(WorkerPoolTest, StreamPreparesTheNextGroupWhileTheLastIsConsumed) {
  auto run = std::async(std::launch::async, [] {
    WorkerPool pool(2);
    int overlapped = 0;
    for (int round = 0; round < 20; ++round) {
      std::vector<std::atomic<bool>> prepared(4);
      int groups = 0;
      pool.ParallelForOrderedStream(
          4, [&](size_t, bool) -> size_t { return groups++ < 2 ? 2 : 0; },
          [&](size_t i) { prepared[i].store(true); },
          [&](size_t i) {
            if (i == 1) {
              while (!prepared[2].load() || !prepared[3].load()) std::this_thread::yield();
              ++overlapped;
            }
            return true;
          });
    }
    return overlapped;
  });
  if (run.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
    std::fprintf(stderr, "the next group was not prepared during the last consume\n");
    std::_Exit(1);
  }
  EXPECT_EQ(run.get(), 20);
}

TEST(WorkerPoolTest, StreamStopsAtTheFirstRefusal) {
  for (int threads : {1, 3}) {
    WorkerPool pool(threads);
    std::vector<size_t> consumed;
    size_t asked_after = 0;
    bool refused = false;
    bool ok = pool.ParallelForOrderedStream(
        8,
        [&](size_t room, bool) -> size_t {
          if (refused) ++asked_after;
          return std::min<size_t>(room, 5);
        },
        [](size_t) {},
        [&](size_t i) {
          consumed.push_back(i);
          refused = i == 41;
          return !refused;
        });
    EXPECT_FALSE(ok);
    EXPECT_EQ(consumed.size(), 42u) << threads;
    EXPECT_EQ(asked_after, 0u) << threads;
    std::atomic<int> count{0};  // the pool is usable afterwards
    pool.ParallelFor(10, [&](size_t) { count.fetch_add(1); });
    EXPECT_EQ(count.load(), 10);
  }
}

}  // namespace
}  // namespace newsclean
