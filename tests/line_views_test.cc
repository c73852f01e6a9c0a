// The matching views of lines that the boilerplate stage leaves for the
// repeated-paragraph stage (src/clean/line_views.h): each one it keeps is the
// view of the line as the text now holds it, none outlives a change of the
// text, and the repeated-paragraph stage decides the same with them as
// without.
#include "src/clean/line_views.h"

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/clean/boilerplate_stage.h"
#include "src/clean/repeated_paragraph_stage.h"
#include "src/clean/rule_set.h"
#include "src/text/match_view.h"
#include "src/text/match_view_access.h"
#include "src/text/text_lines.h"

namespace newsclean {
namespace {

const BoilerplateStage& Boilerplate(bool leave_line_views) {
  static const BoilerplateStage* with =
      BoilerplateStage::Create(BuiltinRules(), true).value().release();
  static const BoilerplateStage* without =
      BoilerplateStage::Create(BuiltinRules(), false).value().release();
  return leave_line_views ? *with : *without;
}

Document DocumentOf(const std::string& text) {
  Document doc;
  doc.SetOriginalText(text);
  return doc;
}

// A page whose boilerplate goes in several ways: whole lines, a notice cut out
// of a line (which the stage then scans again), a heading with the line after
// it; blank lines of every count between paragraphs, and a paragraph that
// repeats (once in traditional script) or nearly repeats.
const std::string kPage =
    "中國共產黨新聞網>>黨建>>第六屆基層黨建創新典型案例征集\n"
    "\n"
    "铁岭市立足本市实际,制定了实施方案,推动基层党组织全面进步全面过硬。\n"
    "来源：新华社\n"
    "\n\n\n"
    "全市已建立产业发展和社区党员助力增收的长效机制。(责任编辑：张三)"
    "本网站所有内容版权所有，未经授权不得转载。\n"
    "  铁岭市立足本市实际,制定了实施方案,推动基层党组织全面进步全面过硬。  \n"
    "鐵嶺市立足本市實際,制定了實施方案,推動基層黨組織全面進步全面過硬。\n"
    "\n"
    "分享到：微信 微博 QQ空间\n"
    "全市已建立产业发展和社区党员助力增收的长效机制，并且取得了明显成效。\n"
    "全市已建立产业发展和社区党员助力增收的长效机制，并且取得了显著成效。\n"
    "\r\n"
    "相关新闻\n"
    "- 全市召开基层党建工作会议\n"
    "- 基层党建工作取得新进展\n"
    "\n"
    "编辑:唐依婷";

TEST(LineViewsTest, TheViewsLeftAreThoseOfTheLinesAsTheyNowAre) {
  Document doc = DocumentOf(kPage);
  Boilerplate(true).Process(&doc);
  ASSERT_FALSE(doc.removals.empty());
  const LineViews* views = LineViews::Find(doc);
  ASSERT_NE(views, nullptr);
  const std::vector<LineSpan> lines = SplitLines(doc.text());
  size_t with_view = 0, content = 0;
  for (size_t li = 0; li < lines.size(); ++li) {
    const std::string_view line =
        std::string_view(doc.text()).substr(lines[li].begin, lines[li].end - lines[li].begin);
    std::span<const char32_t> left;
    if (!lines[li].blank) ++content;
    // The line cut inside lost its view (the rounds after the first scan
    // again without writing views).
    const bool cut_inside = line.find("长效机制。") != std::string_view::npos;
    EXPECT_EQ(views->Get(li, &left), !lines[li].blank && !cut_inside) << line;
    if (!views->Get(li, &left)) continue;
    ++with_view;
    std::vector<char32_t> expected;
    MatchView(line, &expected);
    EXPECT_EQ(std::vector<char32_t>(left.begin(), left.end()), expected) << line;
  }
  // Every other line left that is not blank has its view, and no view is
  // kept for a line that is gone.
  EXPECT_EQ(with_view + 1, content);
  EXPECT_GE(content, 6u);
}

TEST(LineViewsTest, NoneOutlivesAChangeOfTheText) {
  Document doc = DocumentOf(kPage);
  Boilerplate(true).Process(&doc);
  ASSERT_NE(LineViews::Find(doc), nullptr);
  Document other = DocumentOf(kPage);
  EXPECT_EQ(LineViews::Find(other), nullptr);  // the same text, another document
  doc.ApplyCuts({Cut{0, 3, Reason::kBreadcrumb, "test"}});
  EXPECT_EQ(LineViews::Find(doc), nullptr);
  // Without being asked, the stage leaves none.
  Document without = DocumentOf(kPage);
  Boilerplate(false).Process(&without);
  EXPECT_EQ(LineViews::Find(without), nullptr);
  // Nor for a text above the bound.
  std::string large;
  while (large.size() <= LineViews::kMaxTextBytes) large += kPage + "\n";
  Document big = DocumentOf(large);
  Boilerplate(true).Process(&big);
  EXPECT_EQ(LineViews::Find(big), nullptr);
}

TEST(LineViewsTest, ACutTakesTheViewsOfTheLinesItTouches) {
  const std::string text = "ab\ncd\n\nef\ngh";
  Document doc = DocumentOf(text);
  const std::vector<LineSpan> lines = SplitLines(text);  // 0-2, 3-5, 6-6, 7-9, 10-12
  LineViews& views = LineViews::Start(doc, lines.size());
  for (size_t li = 0; li < lines.size(); ++li) views.Set(li, 0, 0);
  // Inside line 1; the end of line 3 (touching nothing after it); an empty
  // cut at the start of line 4.
  views.Cut(lines, {Cut{4, 5, Reason::kBreadcrumb, "x"}, Cut{8, 9, Reason::kBreadcrumb, "x"},
                    Cut{10, 10, Reason::kBreadcrumb, "x"}});
  std::span<const char32_t> view;
  EXPECT_TRUE(views.Get(0, &view));
  EXPECT_FALSE(views.Get(1, &view));
  EXPECT_TRUE(views.Get(2, &view));
  EXPECT_FALSE(views.Get(3, &view));
  EXPECT_FALSE(views.Get(4, &view));
  EXPECT_FALSE(views.Get(5, &view));  // no such line
}

// The boilerplate stage and then the repeated-paragraph stage, with and
// without the views left between them: the same text, the same removals, and
// the same view left for the fingerprint.
TEST(LineViewsTest, TheRepeatedParagraphStageDecidesTheSameWithThem) {
  const RepeatedParagraphStage repeated(8, true, 0.8, 30, 5);
  std::vector<std::string> pages = {kPage, "\n\n" + kPage, kPage + "\n\n\n" + kPage};
  // A page with no boilerplate (so no round cuts), and one with blank lines
  // of spaces only.
  pages.push_back(
      "第一段内容相当长，讲述了基层党组织建设的方方面面。\n \n\u3000\n"
      "第一段内容相当长，讲述了基层党组织建设的方方面面。\n第二段");
  for (const std::string& page : pages) {
    for (bool request_view : {false, true}) {
      Document with = DocumentOf(page), without = DocumentOf(page);
      if (request_view) {
        MatchViewAccess::Request(with);
        MatchViewAccess::Request(without);
      }
      Boilerplate(true).Process(&with);
      ASSERT_NE(LineViews::Find(with), nullptr);
      repeated.Process(&with);
      Boilerplate(false).Process(&without);
      repeated.Process(&without);
      EXPECT_EQ(with.text(), without.text()) << page;
      ASSERT_EQ(with.removals.size(), without.removals.size()) << page;
      for (size_t k = 0; k < with.removals.size(); ++k) {
        EXPECT_EQ(with.removals[k].rule, without.removals[k].rule);
        EXPECT_EQ(with.removals[k].begin, without.removals[k].begin);
      }
      const auto view_with = MatchViewAccess::Take(with);
      const auto view_without = MatchViewAccess::Take(without);
      EXPECT_EQ(view_with, view_without) << page;
      EXPECT_EQ(view_with.has_value(), request_view);
    }
  }
  // The first page loses its repeats of a paragraph: with spaces around it,
  // and in traditional script.
  Document doc = DocumentOf(kPage);
  Boilerplate(true).Process(&doc);
  repeated.Process(&doc);
  size_t repeats = 0;
  for (const Removal& r : doc.removals) repeats += r.reason == Reason::kRepeatedParagraph;
  EXPECT_EQ(repeats, 2u) << doc.text();
}

}  // namespace
}  // namespace newsclean
