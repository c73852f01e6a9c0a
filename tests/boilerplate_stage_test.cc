#include "src/clean/boilerplate_stage.h"

#include "gtest/gtest.h"
#include "src/clean/rule_set.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

const std::string kBody = "铁岭市立足本市实际,制定了实施方案,推动基层党组织全面进步。";

// Cleans `line` set between two body paragraphs; returns what is left of it
// and the rules that fired.
std::pair<std::string, std::vector<std::string>> Around(const std::string& line) {
  Document doc = CleanText(kBody + "\n\n" + line + "\n\n" + kBody + "2");
  std::string text = doc.text();
  EXPECT_EQ(text.substr(0, kBody.size()), kBody);
  std::string middle = text.substr(kBody.size());
  middle = middle.substr(0, middle.size() - kBody.size() - 1);
  if (!middle.empty() && middle.front() == '\n') middle.erase(0, 1);
  if (!middle.empty() && middle.back() == '\n') middle.pop_back();
  return {middle, RuleNames(doc)};
}

struct LineCase {
  const char* line;
  const char* rule;
};

class RemovesLineTest : public ::testing::TestWithParam<LineCase> {};

TEST_P(RemovesLineTest, RemovesTheWholeLineWithItsRule) {
  auto [left, rules] = Around(GetParam().line);
  EXPECT_EQ(left, "") << GetParam().line;
  EXPECT_EQ(rules, std::vector<std::string>{GetParam().rule}) << GetParam().line;
}

INSTANTIATE_TEST_SUITE_P(
    Seeds, RemovesLineTest,
    ::testing::Values(
        LineCase{"中國共產黨新聞網>>黨建>>第六屆基層黨建創新典型案例征集", "breadcrumb"},
        LineCase{"当前位置：首页 > 新闻中心 > 正文", "breadcrumb"},
        LineCase{"当前位置：首页", "breadcrumb-location"}, LineCase{"分享", "share-widget"},
        LineCase{"分享到：微信 微博 QQ空间", "share-widget"},
        LineCase{"微信“掃一掃”添加“學習大國”", "qr-prompt"},
        LineCase{"(責編:王珂園、秦華)", "editor-credit"}, LineCase{"编辑:唐依婷", "editor-credit"},
        LineCase{"责任编辑：张三 校对：李四", "editor-credit"},
        LineCase{"2022年07月26日15:56\u00a0\u00a0\u00a0\u00a0來源:人民網-中國共產黨新聞網",
                 "date-line"},
        LineCase{"发布时间：2021-03-05 10:20  来源：大连日报", "date-line"},
        LineCase{"来源：新华社", "source-line"}, LineCase{"本报记者 狄文君 文并摄", "byline"},
        LineCase{"达组轩 大连新闻传媒集团记者许晓楠", "byline"},
        LineCase{"作者：王五 李六", "byline-credit"},
        LineCase{"(记者 张三 通讯员 李四)", "byline-paren"},
        LineCase{"【字號 大 中 小】", "font-size"},
        LineCase{"原標題:貴州遵義創建五強組織", "original-title"},
        LineCase{"上一篇：全市召开基层党建工作会议", "article-navigation"},
        LineCase{"(下转第2版)", "print-jump-line"}, LineCase{"- 3 -", "page-number"},
        LineCase{"人民日报 2020年7月1日 星期三 第3版", "running-header"},
        LineCase{"第03版：要闻", "running-header"},
        LineCase{"Copyright © 2021 大连新闻网 All Rights Reserved 辽ICP备12345678号",
                 "copyright-line"},
        LineCase{"版 权 所 有 ：新利平台", "copyright-line"},
        LineCase{"免责声明：本文仅代表作者个人观点,与本网无关。", "disclaimer-line"}),
    [](const ::testing::TestParamInfo<LineCase>& info) {
      std::string name = std::to_string(info.index) + "_" + info.param.rule;
      for (char& c : name) c = c == '-' ? '_' : c;
      return name;
    });

class KeepsLineTest : public ::testing::TestWithParam<const char*> {};

TEST_P(KeepsLineTest, KeepsContent) {
  auto [left, rules] = Around(GetParam());
  EXPECT_EQ(left, GetParam());
  EXPECT_TRUE(rules.empty()) << rules.front();
}

INSTANTIATE_TEST_SUITE_P(
    Content, KeepsLineTest,
    ::testing::Values("记者采访了村民,了解到今年的收成很好。", "根据规定,未经许可不得擅自建房。",
                      "该作品版权所有人是张三,他将作品捐给了博物馆。",
                      "2022年,全市地区生产总值增长5%。", "群众只需扫一扫二维码,即可办理业务。",
                      "来源于群众的智慧是无穷的。", "温度>30度时>请注意防暑。",
                      "分享经验、交流做法,是这次会议的主要内容。",
                      "编辑部的同志们认真审稿,确保每篇稿件质量。",
                      "(一)创建“五强组织”是抓基层、打基础、固基本的深入行动。"),
    [](const ::testing::TestParamInfo<const char*>& info) { return std::to_string(info.index); });

TEST(BoilerplateSegmentTest, CutsNoticesOutOfAFlattenedLine) {
  const std::string line =
      "全市共有党员十万名。(责编:张三(实习)、李四)版权所有 ©人民网 未经授权不得转载。"
      "下一段正文继续讲述基层党建。京ICP备12345678号";
  Document doc = CleanText(line);
  EXPECT_EQ(doc.text(), "全市共有党员十万名。下一段正文继续讲述基层党建。");
  EXPECT_EQ(RuleNames(doc), (std::vector<std::string>{"editor-credit-paren", "copyright-all-rights",
                                                      "icp-licence"}));
}

TEST(BoilerplateSegmentTest, CutsGlossedCopyrightStatement) {
  const std::string text =
      "正文最後一段。\n版權聲明:凡注明“來源:新利平台”的所有作品,版權歸高原(北京)文化傳(chuan) "
      "播有限公司。任何媒體(ti) 轉載、摘編、引用,須注明來源新利平台,否則將追究相關(guan) "
      "法律責任。";
  Document doc = CleanText(text);
  EXPECT_EQ(doc.text(), "正文最後一段。");
}

TEST(BoilerplateSegmentTest, CutsCopyrightVariants) {
  EXPECT_EQ(Cleaned("正文。Copyright ? 2020 Xinhua Net. All rights reserved."), "正文。");
  EXPECT_EQ(Cleaned("正文。Copyright @ 2020 Xinhua Net, all rights reserved"), "正文。");
  EXPECT_EQ(Cleaned("本文为原创（版权所有 转载必究）。正文继续。"), "本文为原创。正文继续。");
  EXPECT_EQ(Cleaned("正文。本站所有作品,未经授权不得转载、摘编。正文继续。"), "正文。正文继续。");
  EXPECT_EQ(Cleaned("正文。转载请注明出处。正文继续。"), "正文。正文继续。");
  EXPECT_EQ(Cleaned("正文。【字号 大 中 小】正文继续。"), "正文。正文继续。");
  EXPECT_EQ(Cleaned("工作取得新进展。(下转第2版)"), "工作取得新进展。");
  EXPECT_EQ(Cleaned("正文。分享到：微信 微博"), "正文。");
  EXPECT_EQ(Cleaned("正文结束。免责声明：本文来源于网络,不代表本站立场。如有侵权请联系删除。"),
            "正文结束。");
}

TEST(BoilerplateSegmentTest, PrefilterLetsEveryVariantThrough) {
  // A segment rule runs on a line only when the prefilter finds the literals
  // RE2 says every match contains; each variant must still be cut.
  EXPECT_EQ(Cleaned("正文。版 权 所 有 ©人民网。正文继续。"), "正文。正文继续。");
  EXPECT_EQ(Cleaned("正文。版\u3000权\u3000所\u3000有。正文继续。"), "正文。正文继续。");
  EXPECT_EQ(Cleaned("正文。COPYRIGHT © 2020 XINHUA. ALL RIGHTS RESERVED. 正文继续。"),
            "正文。 正文继续。");
  EXPECT_EQ(Cleaned("工作取得新进展。(下转第2版 )正文继续。"), "工作取得新进展。正文继续。");
  EXPECT_EQ(Cleaned("正文。(实习编辑:王五)正文继续。"), "正文。正文继续。");
  EXPECT_EQ(Cleaned("正文。沪公网安备31010102002号 正文继续。"), "正文。 正文继续。");
}

TEST(BoilerplateSegmentTest, UserSegmentRulesWithoutTriggersStillRun) {
  std::string dir = MakeTempDir("segment_rules");
  WriteFile(dir + "/promo.rules", "segment promo user-rule 【广告】[^【]*\n");
  CleanOptions options;
  options.rule_files = {dir + "/promo.rules"};
  Document doc = CleanText("正文第一段。【广告】限时优惠", options);
  EXPECT_EQ(doc.text(), "正文第一段。");
  EXPECT_EQ(RuleNames(doc), std::vector<std::string>{"promo"});
}

TEST(BoilerplateLeadInTest, RemovesLeadInKeepsSentence) {
  Document doc =
      CleanText("本报讯 记者狄文君报道 为全面提升基层党建和组织工作水平,昌图县创新建立了制度。");
  EXPECT_EQ(doc.text(), "为全面提升基层党建和组织工作水平,昌图县创新建立了制度。");
  EXPECT_EQ(RuleNames(doc), std::vector<std::string>{"byline-lead-in"});
  EXPECT_EQ(Cleaned("本报讯 记者从市教育局获悉,今年全市招生计划增加。"),
            "记者从市教育局获悉,今年全市招生计划增加。");
}

TEST(RuleFileTest, ParsesRulesAndRejectsBadLines) {
  auto rules = ParseRuleFile(
      "# site rules\n\nline site-footer page-furniture 本站(?:所有)?内容.{0,40}\n"
      "segment promo user-rule 【广告】[^【]*\n",
      "my.rules");
  ASSERT_OK(rules.status());
  ASSERT_EQ(rules->size(), 2u);
  EXPECT_EQ((*rules)[0].name, "site-footer");
  EXPECT_EQ((*rules)[0].reason, Reason::kPageFurniture);
  EXPECT_EQ((*rules)[1].scope, RuleScope::kSegment);
  EXPECT_EQ((*rules)[1].origin, "my.rules:4");

  auto bad_scope = ParseRuleFile("paragraph x user-rule abc\n", "r.rules");
  ASSERT_FALSE(bad_scope.ok());
  EXPECT_NE(bad_scope.status().message().find("r.rules:1"), absl::string_view::npos);
  EXPECT_FALSE(ParseRuleFile("line Bad_Name user-rule abc\n", "r").ok());
  EXPECT_FALSE(ParseRuleFile("line x no-such-reason abc\n", "r").ok());
  EXPECT_FALSE(ParseRuleFile("line x user-rule\n", "r").ok());
}

TEST(RuleFileTest, UserRulesApplyAndBadPatternsAreNamed) {
  std::string dir = MakeTempDir("rules");
  WriteFile(dir + "/good.rules", "line site-footer page-furniture 本站内容.{0,40}\n");
  WriteFile(dir + "/bad.rules", "\nline broken user-rule (unclosed\n");
  CleanOptions options;
  options.rule_files = {dir + "/good.rules"};
  Document doc = CleanText(kBody + "\n本站内容仅供参考\n" + kBody + "2", options);
  EXPECT_EQ(RuleNames(doc), std::vector<std::string>{"site-footer"});

  options.rule_files = {dir + "/bad.rules"};
  auto cleaner = Cleaner::Create(options);
  ASSERT_FALSE(cleaner.ok());
  std::string message(cleaner.status().message());
  EXPECT_NE(message.find("bad.rules:2"), std::string::npos) << message;
  EXPECT_NE(message.find("broken"), std::string::npos) << message;
}

// A rule with a long counted run runs behind its guard (rule_guard.h), which
// lets through lines the rule then refuses: the counts still hold.
TEST(RuleFileTest, CountedRunsHoldBehindTheGuard) {
  CleanOptions options;
  options.rule_texts = {
      "line site-caption user-rule [^。〖]{2,12}〖左〗[^。]{1,20}\n"
      "lead-in site-label user-rule 〔[^〕]{1,10}〕\n"};
  // Two to twelve characters before the marker: the line goes.
  Document doc = CleanText(kBody + "\n某某〖左〗与某某会面\n" + kBody + "2", options);
  EXPECT_EQ(doc.text(), kBody + "\n" + kBody + "2");
  EXPECT_EQ(RuleNames(doc), std::vector<std::string>{"site-caption"});
  // Fifteen, or one: the guard matches, the rule does not.
  for (const std::string& line : {std::string("一二三四五六七八九十一二三四五〖左〗与某某会面"),
                                  std::string("某〖左〗与某某会面")}) {
    EXPECT_EQ(Cleaned(kBody + "\n" + line + "\n" + kBody + "2", options),
              kBody + "\n" + line + "\n" + kBody + "2");
  }
  // A label of up to ten characters is cut; a longer one is not.
  EXPECT_EQ(Cleaned("〔十个字以内的标签〕正文内容。", options), "正文内容。");
  EXPECT_EQ(Cleaned("〔这是一个超过十个字的很长的标签〕正文内容。", options),
            "〔这是一个超过十个字的很长的标签〕正文内容。");
}

TEST(RuleFileTest, TailScopeTakesTheLinesAfterItsMarker) {
  CleanOptions options;
  options.rule_texts = {"tail site-bio byline 关于本栏作者\n"};
  const std::string article = kBody + "\n另一段正文，说明补贴资金的发放方式和时间。";
  Document doc = CleanText(article + "\n关于本栏作者\n某某，资深记者。\n联系：某某信箱", options);
  EXPECT_EQ(doc.text(), article);
  EXPECT_EQ(RuleNames(doc), (std::vector<std::string>{"site-bio", "site-bio", "site-bio"}));
  // More than a bio after the marker: the marker alone goes.
  std::string longer;
  for (int i = 0; i < 30; ++i) longer += kBody;
  EXPECT_EQ(Cleaned(article + "\n关于本栏作者\n" + longer, options), article + "\n" + longer);
}

TEST(RuleFileTest, DisablesBuiltInRulesByNameAndRejectsUnknownNames) {
  CleanOptions options;
  options.disabled_rules = {"share-widget"};
  EXPECT_EQ(Cleaned(kBody + "\n分享", options), kBody + "\n分享");
  options.disabled_rules = {"no-such-rule"};
  absl::Status status = Cleaner::Create(options).status();
  EXPECT_TRUE(absl::IsNotFound(status)) << status;
  // The library's error names no CLI flag (the CLI adds "--disable").
  EXPECT_EQ(status.message().find("--"), std::string::npos) << status;
  EXPECT_NE(status.message().find("no-such-rule"), std::string::npos) << status;
  EXPECT_EQ(ErrorOption(status), "disabled_rules");
}

}  // namespace
}  // namespace newsclean
