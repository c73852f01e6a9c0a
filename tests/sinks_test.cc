// Output sinks: the background writer passes bytes through in order and
// reports the inner sink's errors; block compression decodes to what was
// written, in every format, and does not depend on the thread count.
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/io/async_sink.h"
#include "src/io/block_compressor.h"
#include "src/io/input_stream.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

// Collects what it is given; can fail the Nth write.
class MemorySink : public ByteSink {
 public:
  MemorySink(std::string* out, int fail_at = -1) : out_(out), fail_at_(fail_at) {}
  absl::Status Write(std::string_view data) override {
    if (writes_++ == fail_at_) return absl::DataLossError("disk full");
    out_->append(data);
    return absl::OkStatus();
  }
  absl::Status Close() override {
    closed_ = true;
    return absl::OkStatus();
  }
  bool closed_ = false;

 private:
  std::string* out_;
  int fail_at_;
  int writes_ = 0;
};

// Records of varied sizes adding up to about `bytes`.
std::vector<std::string> Records(size_t bytes, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> records;
  size_t total = 0;
  while (total < bytes) {
    static const char* const kWords[] = {"党建", "工作", "新闻", "基层",
                                         "组织", "发展", "。",   "，"};
    std::string r = "{\"text\":\"";
    size_t n = 3 + rng() % 6000;
    for (size_t i = 0; i < n; ++i) r += kWords[rng() % 8];
    r += "\"}\n";
    total += r.size();
    records.push_back(std::move(r));
  }
  return records;
}

std::string Decompress(const std::string& data) {
  std::unique_ptr<ByteSource> source = OpenInputFromString(data, "test");
  std::string out, block(1 << 16, '\0');
  while (true) {
    absl::StatusOr<size_t> got = source->Read(block.data(), block.size());
    EXPECT_TRUE(got.ok()) << got.status();
    if (!got.ok() || *got == 0) break;
    out.append(block.data(), *got);
  }
  return out;
}

TEST(AsyncSinkTest, PassesBytesThroughInOrder) {
  std::string out;
  auto inner = std::make_unique<MemorySink>(&out);
  MemorySink* raw = inner.get();
  std::string expected;
  {
    AsyncSink sink(std::move(inner));
    for (const std::string& r : Records(3 * AsyncSink::kBlockSize, 1)) {
      expected += r;
      ASSERT_TRUE(sink.Write(r).ok());
    }
    ASSERT_TRUE(sink.Close().ok());
    EXPECT_TRUE(raw->closed_);
  }
  EXPECT_EQ(out, expected);
}

TEST(AsyncSinkTest, InnerErrorsReachTheWriterAndNothingIsClosed) {
  std::string out;
  auto inner = std::make_unique<MemorySink>(&out, /*fail_at=*/1);
  MemorySink* raw = inner.get();
  AsyncSink sink(std::move(inner));
  absl::Status st;
  for (const std::string& r : Records(8 * AsyncSink::kBlockSize, 2)) {
    st = sink.Write(r);
    if (!st.ok()) break;
  }
  absl::Status closed = sink.Close();
  EXPECT_FALSE(closed.ok());
  EXPECT_NE(closed.message().find("disk full"), absl::string_view::npos) << closed;
  EXPECT_FALSE(raw->closed_);  // a failed run is never renamed into place
}

class BlockCompressionTest : public ::testing::TestWithParam<Compression> {};

TEST_P(BlockCompressionTest, DecodesToTheInputAndIgnoresTheThreadCount) {
  std::vector<std::string> records =
      Records(BlockCompressingSink::kBlockSize * 5 / 4, 3);  // two blocks
  std::string expected;
  for (const std::string& r : records) expected += r;
  std::vector<std::string> outputs;
  for (int threads : {1, 3}) {
    std::string out;
    BlockCompressingSink sink(std::make_unique<MemorySink>(&out), GetParam(), threads);
    for (const std::string& r : records) ASSERT_TRUE(sink.Write(r).ok());
    ASSERT_TRUE(sink.Close().ok());
    outputs.push_back(out);
  }
  EXPECT_EQ(outputs[0], outputs[1]);  // same blocks, same bytes
  EXPECT_LT(outputs[0].size(), expected.size());
  EXPECT_EQ(Decompress(outputs[0]), expected);
}

TEST_P(BlockCompressionTest, SystemToolDecodesTheBlocksAsOneStream) {
  const char* tool = GetParam() == Compression::kGzip    ? "gzip"
                     : GetParam() == Compression::kBzip2 ? "bzip2"
                     : GetParam() == Compression::kXz    ? "xz"
                                                         : "zstd";
  // scripts/install-deps.sh installs all four.
  ASSERT_EQ(std::system((std::string(tool) + " --version > /dev/null 2>&1").c_str()), 0) << tool;
  std::string expected, out;
  {
    BlockCompressingSink sink(std::make_unique<MemorySink>(&out), GetParam(), 2);
    for (const std::string& r : Records(BlockCompressingSink::kBlockSize * 5 / 4, 5)) {
      expected += r;
      ASSERT_TRUE(sink.Write(r).ok());
    }
    ASSERT_TRUE(sink.Close().ok());
  }
  std::string dir = MakeTempDir("blocks");
  WriteFile(dir + "/out.bin", out);
  WriteFile(dir + "/expected.jsonl", expected);
  std::string cmd =
      std::string(tool) + " -dc < " + dir + "/out.bin | cmp -s - " + dir + "/expected.jsonl";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

TEST_P(BlockCompressionTest, EmptyStreamIsOneValidEmptyMember) {
  std::string out;
  BlockCompressingSink sink(std::make_unique<MemorySink>(&out), GetParam(), 2);
  ASSERT_TRUE(sink.Close().ok());
  EXPECT_FALSE(out.empty());
  EXPECT_EQ(Decompress(out), "");
}

// A finished block waits its turn to be written holding only its compressed
// bytes, not the capacity it was compressed into.
TEST_P(BlockCompressionTest, FinishedBlockHoldsOnlyItsBytes) {
  std::string raw;
  for (const std::string& r : Records(BlockCompressingSink::kBlockSize, 7)) raw += r;
  absl::StatusOr<std::string> block = CompressBlock(GetParam(), raw);
  ASSERT_TRUE(block.ok()) << block.status();
  EXPECT_LT(block->size(), raw.size() / 4);
  EXPECT_LT(block->capacity(), block->size() + 64) << block->size();
}

INSTANTIATE_TEST_SUITE_P(Formats, BlockCompressionTest,
                         ::testing::Values(Compression::kGzip, Compression::kBzip2,
                                           Compression::kXz, Compression::kZstd));

TEST(BlockCompressionErrorTest, InnerWriteErrorStopsTheStream) {
  std::string out;
  auto inner = std::make_unique<MemorySink>(&out, /*fail_at=*/0);
  MemorySink* raw = inner.get();
  BlockCompressingSink sink(std::move(inner), Compression::kGzip, 2);
  absl::Status st;
  for (const std::string& r : Records(BlockCompressingSink::kBlockSize * 4, 4)) {
    st = sink.Write(r);
    if (!st.ok()) break;
  }
  absl::Status closed = sink.Close();
  EXPECT_FALSE(closed.ok());
  EXPECT_FALSE(raw->closed_);
}

}  // namespace
}  // namespace newsclean
