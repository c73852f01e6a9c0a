// BatchRunner: batches stay within the byte bound (what keeps memory
// independent of the corpus), whether or not records are parsed yet, the
// default bound is 1 MiB for each thread, a document's memory is freed once
// it is consumed, and at two threads the calling thread reads the next batch
// so that it is prepared while the last document of the one before is
// consumed.
#include "src/run/batch_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
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

// Writes `records` JSONL records, each with a text of `text_bytes` 'x's, to a
// new file; returns its path.
std::string WriteFeed(const std::string& name, int records, size_t text_bytes) {
  const std::string path = MakeTempDir(name) + "/feed.jsonl";
  const std::string record = "{\"text\":\"" + std::string(text_bytes, 'x') + "\"}\n";
  std::string feed;
  for (int i = 0; i < records; ++i) feed += record;
  WriteFile(path, feed);
  return path;
}

// Runs `o` on a pool of `threads` (with the reader thread the pipeline would
// use), calling `consume` for each document; returns each batch's size.
std::vector<size_t> BatchSizes(const PipelineOptions& o, int threads,
                               const std::function<void(BatchRunner&, size_t)>& consume) {
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
  EXPECT_TRUE(reader.ok());
  if (!reader.ok()) return sizes;
  absl::Status st = runner.Run(
      reader->get(), nullptr, [](size_t) {},
      [&](size_t slot) {
        consume(runner, slot);
        return absl::OkStatus();
      });
  EXPECT_TRUE(st.ok()) << st;
  return sizes;
}

TEST(BatchRunnerTest, BatchesStayWithinTheByteBound) {
  const std::string path = WriteFeed("batches", 20, 3000);
  for (int threads : {1, 2, 3}) {
    PipelineOptions o;
    o.inputs = {path};
    o.batch_bytes = 7000;  // room for three records at most
    o.batch_documents = 1000;
    size_t consumed = 0;
    std::vector<size_t> sizes = BatchSizes(o, threads, [&](BatchRunner& runner, size_t slot) {
      EXPECT_EQ(runner.doc(slot).text().size(), 3000u);  // parsed before it is consumed
      ++consumed;
    });
    EXPECT_EQ(consumed, 20u);
    for (size_t n : sizes) EXPECT_LE(n, 3u) << threads;
  }
}

// Memory is bounded by the batches in flight only if a consumed document's
// record and text are freed then, not when its slot comes round again.
TEST(BatchRunnerTest, ConsumedDocumentsAreFreed) {
  const std::string path = WriteFeed("batches_freed", 40, 3000);
  for (int threads : {1, 2, 3}) {
    PipelineOptions o;
    o.inputs = {path};
    o.batch_documents = 64;  // 128 slots: none of the 40 comes round again
    o.batch_bytes = 7000;    // batches of three records: many batches
    size_t checked = 0;
    std::vector<size_t> order;
    BatchSizes(o, threads, [&](BatchRunner& runner, size_t slot) {
      EXPECT_EQ(runner.doc(slot).text().size(), 3000u);
      if (!order.empty()) {  // the one consumed before: its slot holds nothing now
        Document& before = runner.doc(order.back());
        EXPECT_LT(before.text().capacity(), 100u) << threads;
        EXPECT_LT(RecordAccess::record(before).capacity(), 100u) << threads;
        ++checked;
      }
      order.push_back(slot);
    });
    EXPECT_EQ(checked, 39u);
  }
}

// At two threads the calling thread reads the next batch as soon as the
// first is published, before it consumes anything; the consume of the first
// batch's last document then returns only once the worker prepares the
// second. (With a reader thread of its own, at three threads and more, the
// next batch is handed over between consumes only if the reader has queued
// it by then, which no test can make certain: there the pool's own test,
// WorkerPoolTest.StreamPreparesTheNextGroupWhileTheLastIsConsumed, holds.)
TEST(BatchRunnerTest, NextBatchIsPreparedWhileTheLastIsConsumed) {
  const std::string path = WriteFeed("batches_ahead", 12, 3000);
  EXPECT_FALSE(BatchRunner::ReaderThreadFor(2));
  EXPECT_TRUE(BatchRunner::ReaderThreadFor(3));
  auto run = std::async(std::launch::async, [&] {
    PipelineOptions o;
    o.inputs = {path};
    o.batch_documents = 100;  // 200 slots: a slot is a document's index here
    o.batch_bytes = 7000;     // batches of three records
    WorkerPool pool(2);
    BatchRunner runner(o, &pool, nullptr, /*reader_thread=*/false);
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

TEST(BatchRunnerTest, DefaultBatchIsOneMebibyteAThread) {
  const std::string path = WriteFeed("batches_default", 24, 300000);  // 300,012-byte records
  // A batch closes at the first record that brings it to the bound: 1 MiB
  // holds three such records and a fourth closes it; 2 MiB six and a seventh;
  // 3 MiB ten and an eleventh.
  for (auto [threads, expected] : {std::pair<int, size_t>{1, 4}, {2, 7}, {3, 11}}) {
    PipelineOptions o;
    o.inputs = {path};
    ASSERT_EQ(o.batch_bytes, 0u);  // the default: by the thread count
    WorkerPool pool(threads);
    EXPECT_EQ(BatchRunner::BatchBytes(o, pool), static_cast<size_t>(threads) << 20);
    std::vector<size_t> sizes = BatchSizes(o, threads, [](BatchRunner&, size_t) {});
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
