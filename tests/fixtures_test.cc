// Compares the cleaner's output on the seed articles with the reviewed
// expected outputs in fixtures/expected/.
#include <filesystem>

#include "gtest/gtest.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

const std::string kFixtures = NEWSCLEAN_FIXTURES_DIR;

class SeedFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SeedFixtureTest, MatchesReviewedExpectedOutput) {
  std::string input = ReadFile(kFixtures + "/seeds/" + GetParam() + ".txt");
  std::string expected = ReadFile(kFixtures + "/expected/" + GetParam() + ".clean.txt");
  ASSERT_FALSE(input.empty());
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(Cleaned(input) + "\n", expected);
}

INSTANTIATE_TEST_SUITE_P(Seeds, SeedFixtureTest,
                         ::testing::Values("000_27ab69a333f3fae7", "001_5f273f7fff855111",
                                           "002_7bfb4e737e40981e", "003_7b118c022a55bf6d",
                                           "004_75dfd3e5621028d9"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return "Seed" + info.param.substr(0, 3);
                         });

}  // namespace
}  // namespace newsclean
