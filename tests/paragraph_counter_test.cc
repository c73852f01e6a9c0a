#include "src/dedup/paragraph_counter.h"

#include "gtest/gtest.h"

namespace newsclean {
namespace {

TEST(ParagraphCounterTest, CountsNeverUnderestimateAndSaturate) {
  ParagraphCounter counter(1 << 16);
  for (uint64_t h = 1; h <= 2000; ++h) {
    for (uint64_t k = 0; k < h % 5; ++k) counter.Add(h * 0x9E3779B97F4A7C15ull);
  }
  size_t exact = 0;
  for (uint64_t h = 1; h <= 2000; ++h) {
    int est = counter.Estimate(h * 0x9E3779B97F4A7C15ull);
    EXPECT_GE(est, static_cast<int>(h % 5));
    exact += est == static_cast<int>(h % 5);
  }
  EXPECT_GE(exact, 1990u);  // 2000 keys in 16 Ki counters a row: almost no collisions
  for (int i = 0; i < 300; ++i) counter.Add(42);
  EXPECT_EQ(counter.Estimate(42), 255);
  EXPECT_EQ(counter.MemoryBytes(), 1u << 16);
}

}  // namespace
}  // namespace newsclean
