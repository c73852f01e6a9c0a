#include "newsclean/document.h"

#include "gtest/gtest.h"
#include "src/clean/document_splits.h"
#include "src/text/text_lines.h"

namespace newsclean {
namespace {

TEST(DocumentTest, CutsMapBackToOriginalOffsetsAcrossRounds) {
  Document doc;
  doc.SetOriginalText("0123456789abcdef");
  doc.ApplyCuts({Cut{2, 4, Reason::kPinyinGloss, "a"}, Cut{8, 10, Reason::kByline, "b"}});
  EXPECT_EQ(doc.text(), "014567abcdef");
  ASSERT_EQ(doc.removals.size(), 2u);
  EXPECT_EQ(doc.removals[1].begin, 8u);
  EXPECT_EQ(doc.removals[1].end, 10u);
  // "4567" now sits at 2..6 and "ab" at 6..8; cut across the earlier gap.
  doc.ApplyCuts({Cut{1, 7, Reason::kCopyright, "c"}});
  EXPECT_EQ(doc.text(), "0bcdef");
  ASSERT_EQ(doc.removals.size(), 3u);
  EXPECT_EQ(doc.removals[2].begin, 1u);
  EXPECT_EQ(doc.removals[2].end, 11u);
  EXPECT_EQ(doc.removals[2].text, "14567a");
  EXPECT_EQ(doc.ToOriginal(1), 11u);
}

TEST(DocumentTest, KeptSegmentsSpanningEarlierCutsStillMapBack) {
  const std::string original = "0123456789abcdefghij";
  Document doc;
  doc.SetOriginalText(original);
  doc.ApplyCuts({Cut{2, 4, Reason::kByline, "a"}});    // "0145…": a boundary at current 2
  doc.ApplyCuts({Cut{10, 11, Reason::kByline, "b"}});  // a kept segment spans that boundary
  doc.ApplyCuts({Cut{3, 5, Reason::kByline, "c"}});    // must map through both earlier cuts
  for (const Removal& r : doc.removals) {
    EXPECT_EQ(original.substr(r.begin, r.end - r.begin), r.text) << r.rule;
  }
  for (size_t i = 0; i < doc.text().size(); ++i) {
    EXPECT_EQ(original[doc.ToOriginal(i)], doc.text()[i]) << i;
  }
}

TEST(DocumentTest, OverlappingCutsAreClippedAndEmptyOnesIgnored) {
  Document doc;
  doc.SetOriginalText("abcdefgh");
  doc.ApplyCuts({Cut{2, 6, Reason::kByline, "x"}, Cut{4, 7, Reason::kCopyright, "y"},
                 Cut{1, 1, Reason::kByline, "z"}});
  EXPECT_EQ(doc.text(), "abh");
  ASSERT_EQ(doc.removals.size(), 2u);
  EXPECT_EQ(doc.removals[1].text, "g");
  EXPECT_EQ(doc.removals[1].begin, 6u);
}

TEST(DocumentTest, CuttingEverythingLeavesEmptyText) {
  Document doc;
  doc.SetOriginalText("abc");
  doc.ApplyCuts({Cut{0, 3, Reason::kByline, "x"}});
  EXPECT_EQ(doc.text(), "");
  EXPECT_EQ(doc.removals.size(), 1u);
}

// The kept split is the split of the text as it is now: after every kind of
// change (one that keeps the text's size and buffer included), for copies and
// moved-from documents, and for two documents asked about in turn.
TEST(DocumentSplitsTest, SplitOfTheTextAsItIsNow) {
  auto same = [](const std::vector<Paragraph>& a, const std::vector<Paragraph>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].begin != b[i].begin || a[i].end != b[i].end ||
          a[i].blank_lines_before != b[i].blank_lines_before) {
        return false;
      }
    }
    return true;
  };
  auto lines_same = [](const std::vector<LineSpan>& a, const std::vector<LineSpan>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].begin != b[i].begin || a[i].end != b[i].end || a[i].blank != b[i].blank) {
        return false;
      }
    }
    return true;
  };
  auto check = [&](const Document& doc) {
    EXPECT_TRUE(same(DocumentSplits::Paragraphs(doc), SplitParagraphs(doc.text()))) << doc.text();
    EXPECT_TRUE(lines_same(DocumentSplits::Lines(doc), SplitLines(doc.text()))) << doc.text();
  };
  Document a;
  check(a);  // empty
  a.SetOriginalText("第一段內容。\r第二段\n\n第三段");
  check(a);
  const std::vector<Paragraph>* first = &DocumentSplits::Paragraphs(a);
  EXPECT_EQ(&DocumentSplits::Paragraphs(a), first);  // unchanged: the same split
  // In place, the same size and buffer: '\r' becomes a line break.
  const size_t cr = a.text().find('\r');
  a.OverwriteForLayout(cr, "\n");
  check(a);
  EXPECT_EQ(DocumentSplits::Paragraphs(a).size(), 3u);
  a.ApplyCuts({Cut{0, 3, Reason::kBreadcrumb, "test"}});
  check(a);
  Document b;
  b.SetOriginalText("另一篇\n\n\n文章");
  check(b);
  check(a);  // asked about in turn
  check(b);
  Document copy = a;
  check(copy);
  Document moved = std::move(a);
  check(moved);
  check(a);  // NOLINT(bugprone-use-after-move): a moved-from document is split anew
  moved.ReplaceTextForLayout("整篇\n換掉");
  check(moved);
  moved.SetOriginalText("重新讀入\n一段");
  check(moved);
}

}  // namespace
}  // namespace newsclean
