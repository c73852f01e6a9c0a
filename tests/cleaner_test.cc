#include "newsclean/cleaner.h"

#include <filesystem>

#include "gtest/gtest.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

TEST(CleanerTest, TextWithoutArtifactsPassesUnchanged) {
  const std::string text =
      "今年以来,全市上下(包括各县区)认真落实“两个确保”。\n"
      "2022年,地区生产总值增长5.2%,其中第二产业增长6%。\n"
      "世界卫生组织(WHO)发布报告,英国首相(Theresa May)出席会议。";
  Document doc = CleanText(text);
  EXPECT_EQ(doc.text(), text);
  EXPECT_TRUE(doc.removals.empty());
  EXPECT_FALSE(doc.dropped.has_value());
}

TEST(CleanerTest, DocumentThatCleansToNothingIsDroppedAsEmpty) {
  Document doc = CleanText("分享\n\n编辑:唐依婷\n");
  EXPECT_EQ(doc.text(), "");
  ASSERT_TRUE(doc.dropped.has_value());
  EXPECT_EQ(*doc.dropped, Reason::kEmpty);
}

TEST(CleanerTest, CleaningIsIdempotentOnTheSeeds) {
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(NEWSCLEAN_FIXTURES_DIR) + "/seeds")) {
    std::string once = Cleaned(ReadFile(entry.path().string()));
    EXPECT_EQ(Cleaned(once), once) << entry.path();
  }
}

TEST(CleanerTest, RemovalSpansPointIntoTheOriginalText) {
  const std::string text =
      "中國共產黨新聞網>>黨建>>案例\n分享\n\n黨(dang) 組織發(fa) 展,國(guo) 家。\n(責編:王珂園、秦華)";
  Document doc = CleanText(text);
  ASSERT_FALSE(doc.removals.empty());
  for (const Removal& r : doc.removals) {
    ASSERT_LE(r.end, text.size());
    EXPECT_EQ(text.substr(r.begin, r.end - r.begin), r.text) << r.rule;
  }
}

TEST(CleanerTest, RemovalSpansOfEverySeedPointIntoTheOriginalText) {
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(NEWSCLEAN_FIXTURES_DIR) + "/seeds")) {
    std::string original = ReadFile(entry.path().string());
    Document doc = CleanText(original);
    ASSERT_FALSE(doc.removals.empty());
    for (const Removal& r : doc.removals) {
      ASSERT_LE(r.end, original.size());
      if (r.reason == Reason::kReflow) {
        // A join removes whitespace only: its original span is whitespace, or
        // text that an earlier removal took (a caption inside the break).
        for (size_t i = r.begin; i < r.end; ++i) {
          bool space = original[i] == '\n' || original[i] == ' ' || original[i] == '\r';
          bool removed_before = false;
          for (const Removal& o : doc.removals) {
            removed_before |= &o != &r && o.begin <= i && i < o.end && o.reason != Reason::kReflow;
          }
          EXPECT_TRUE(space || removed_before) << entry.path() << " reflow at " << r.begin;
        }
      } else {
        // The text a rule removed is its original span less what earlier
        // rules took from inside it (glosses inside a copyright notice).
        std::string expected;
        for (size_t i = r.begin; i < r.end; ++i) {
          bool earlier = false;
          for (const Removal& o : doc.removals) {
            if (&o == &r) break;
            earlier |= o.begin <= i && i < o.end && o.begin >= r.begin && o.end <= r.end;
          }
          if (!earlier) expected.push_back(original[i]);
        }
        EXPECT_EQ(expected, r.text) << entry.path() << " " << r.rule;
      }
    }
  }
}

TEST(CleanerTest, ListsEveryRuleWithItsReason) {
  auto cleaner = Cleaner::Create(CleanOptions());
  ASSERT_OK(cleaner.status());
  bool saw_gloss = false, saw_copyright = false;
  for (const RuleInfo& r : (*cleaner)->rules()) {
    if (r.name == "pinyin-gloss") saw_gloss = r.reason == "pinyin-gloss";
    if (r.name == "copyright-statement") saw_copyright = r.reason == "copyright";
    EXPECT_TRUE(r.enabled);
  }
  EXPECT_TRUE(saw_gloss);
  EXPECT_TRUE(saw_copyright);
}

}  // namespace
}  // namespace newsclean
