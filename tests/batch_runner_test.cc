// BatchRunner: batches stay within the byte bound (what keeps memory
// independent of the corpus), whether or not records are parsed yet.
#include "src/run/batch_runner.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
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
  for (int threads : {1, 3}) {
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
        /*reader_thread=*/threads > 1);
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

}  // namespace
}  // namespace newsclean
