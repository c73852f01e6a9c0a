// BatchRunner: batches stay within the byte bound (what keeps memory
// independent of the corpus), whether or not records are parsed yet, the
// default bound is 1 MiB for each thread, a document's memory is freed once
// it is consumed, and the next batch is read and prepared while the last
// document of the one before is consumed (by the calling thread at two
// threads, by a reader thread of its own at more).
#include "src/run/batch_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "src/io/record_access.h"
#include "src/run/worker_pool.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

TEST(BatchRunnerTest, BatchesStayWithinTheByteBound) {
  std::string dir = MakeTempDir("batches");
  std::string path = dir + "/feed.jsonl";
  std::string feed;
  const std::string text(3000, 'x');  // 3,000-byte texts
  for (int i = 0; i < 20; ++i) feed += "{\"text\":\"" + text + "\"}\n";
  WriteFile(path, feed);
  for (int threads : {1, 2, 3}) {
    PipelineOptions o;
    o.inputs = {path};
    o.batch_bytes = 7000;  // room for three records at most
    o.batch_documents = 1000;
    WorkerPool pool(threads);
    std::vector<size_t> sizes;
    size_t last = 0;
    BatchRunner runner(
        o, &pool,
        [&](size_t done, size_t) {
          sizes.push_back(done - last);
          last = done;
        },
        BatchRunner::ReaderThreadFor(threads));
    auto reader = DocumentReader::Open(o, nullptr);
    ASSERT_TRUE(reader.ok());
    size_t consumed = 0;
    absl::Status st = runner.Run(
        reader->get(), nullptr, [](size_t) {},
        [&](size_t i) {
          EXPECT_EQ(runner.doc(i).text(), text);  // parsed before it is consumed
          ++consumed;
          return absl::OkStatus();
        });
    ASSERT_TRUE(st.ok()) << st;
    EXPECT_EQ(consumed, 20u);
    for (size_t n : sizes) EXPECT_LE(n, 3u) << threads;
  }
}

// Memory is bounded by the batches in flight only if a consumed document's
// record and text are freed then, not when its slot comes round again.
TEST(BatchRunnerTest, ConsumedDocumentsAreFreed) {
  std::string dir = MakeTempDir("batches_freed");
  std::string path = dir + "/feed.jsonl";
  const std::string text(3000, 'x');
  std::string feed;
  for (int i = 0; i < 40; ++i) feed += "{\"text\":\"" + text + "\"}\n";
  WriteFile(path, feed);
  for (int threads : {1, 2, 3}) {
    PipelineOptions o;
    o.inputs = {path};
    o.batch_documents = 64;  // 128 slots: none of the 40 comes round again
    o.batch_bytes = 7000;    // batches of three records: many batches
    WorkerPool pool(threads);
    BatchRunner runner(o, &pool, nullptr, BatchRunner::ReaderThreadFor(threads));
    auto reader = DocumentReader::Open(o, nullptr);
    ASSERT_TRUE(reader.ok());
    size_t checked = 0;
    std::vector<size_t> order;
    absl::Status st = runner.Run(
        reader->get(), nullptr, [](size_t) {},
        [&](size_t slot) {
          EXPECT_EQ(runner.doc(slot).text().size(), text.size());
          if (!order.empty()) {  // the one consumed before: its slot holds nothing now
            Document& before = runner.doc(order.back());
            EXPECT_LT(before.text().capacity(), 100u) << threads;
            EXPECT_LT(RecordAccess::record(before).capacity(), 100u) << threads;
            ++checked;
          }
          order.push_back(slot);
          return absl::OkStatus();
        });
    ASSERT_TRUE(st.ok()) << st;
    EXPECT_EQ(checked, 39u);
  }
}

TEST(BatchRunnerTest, NextBatchIsPreparedWhileTheLastIsConsumed) {
  std::string dir = MakeTempDir("batches_ahead");
  std::string path = dir + "/feed.jsonl";
  const std::string text(3000, 'x');
  std::string feed;
  for (int i = 0; i < 12; ++i) feed += "{\"text\":\"" + text + "\"}\n";
  WriteFile(path, feed);
  for (int threads : {2, 3}) {
    EXPECT_EQ(BatchRunner::ReaderThreadFor(threads), threads > 2);
    auto run = std::async(std::launch::async, [&] {
      PipelineOptions o;
      o.inputs = {path};
      o.batch_documents = 100;  // 200 slots: a slot is a document's index here
      o.batch_bytes = 7000;     // batches of three records
      WorkerPool pool(threads);
      BatchRunner runner(o, &pool, nullptr, BatchRunner::ReaderThreadFor(threads));
      auto reader = DocumentReader::Open(o, nullptr);
      if (!reader.ok()) return reader.status();
      std::atomic<size_t> prepared_past{0};  // 1 + the highest document prepared
      return runner.Run(
          reader->get(), nullptr,
          [&](size_t slot) {
            size_t seen = prepared_past.load();
            while (seen < slot + 1 && !prepared_past.compare_exchange_weak(seen, slot + 1)) {
            }
          },
          [&](size_t slot) {
            // The last of the first batch: returns once the second is being prepared.
            if (slot == 2) {
              while (prepared_past.load() < 4) std::this_thread::yield();
            }
            return absl::OkStatus();
          });
    });
    if (run.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
      std::fprintf(stderr, "the next batch was not prepared during the last consume\n");
      std::_Exit(1);
    }
    absl::Status st = run.get();
    EXPECT_TRUE(st.ok()) << st;
  }
}

TEST(BatchRunnerTest, DefaultBatchIsOneMebibyteAThread) {
  std::string dir = MakeTempDir("batches_default");
  std::string path = dir + "/feed.jsonl";
  const std::string text(300000, 'x');  // 300,012-byte records
  std::string feed;
  for (int i = 0; i < 24; ++i) feed += "{\"text\":\"" + text + "\"}\n";
  WriteFile(path, feed);
  // A batch closes at the first record that brings it to the bound: 1 MiB
  // holds three such records and a fourth closes it; 2 MiB six and a seventh;
  // 3 MiB ten and an eleventh.
  for (auto [threads, expected] : {std::pair<int, size_t>{1, 4}, {2, 7}, {3, 11}}) {
    PipelineOptions o;
    o.inputs = {path};
    ASSERT_EQ(o.batch_bytes, 0u);  // the default: by the thread count
    WorkerPool pool(threads);
    EXPECT_EQ(BatchRunner::BatchBytes(o, pool), static_cast<size_t>(threads) << 20);
    std::vector<size_t> sizes;
    size_t last = 0;
    BatchRunner runner(
        o, &pool,
        [&](size_t done, size_t) {
          sizes.push_back(done - last);
          last = done;
        },
        BatchRunner::ReaderThreadFor(threads));
    auto reader = DocumentReader::Open(o, nullptr);
    ASSERT_TRUE(reader.ok());
    absl::Status st = runner.Run(
        reader->get(), nullptr, [](size_t) {}, [](size_t) { return absl::OkStatus(); });
    ASSERT_TRUE(st.ok()) << st;
    ASSERT_FALSE(sizes.empty());
    EXPECT_EQ(sizes[0], expected) << threads;
    for (size_t n : sizes) EXPECT_LE(n, expected) << threads;
  }
  PipelineOptions o;
  WorkerPool many(64);
  // At most 16 MiB (64 threads, unless the system gave fewer).
  EXPECT_EQ(BatchRunner::BatchBytes(o, many), std::min<size_t>(many.threads(), 16) << 20);
  o.batch_bytes = 5000;
  EXPECT_EQ(BatchRunner::BatchBytes(o, many), 5000u);  // as set
}

}  // namespace
}  // namespace newsclean
