// Tests of the paragraph-level stages: image captions, reflow, repeated
// paragraphs and layout, and the matching view the cleaner leaves for the
// fingerprint.
#include <algorithm>
#include <optional>
#include <vector>

#include "gtest/gtest.h"
#include "newsclean/dedup.h"
#include "src/clean/paragraph_join_stage.h"
#include "src/clean/repeated_paragraph_stage.h"
#include "src/text/match_view.h"
#include "src/text/match_view_access.h"
#include "src/text/text_lines.h"
#include "src/text/utf8.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

const std::string kP1 = "今年以来,铁岭市立足本市实际,制定了实施方案,持续加强基本队伍建设。";
const std::string kP2 = "抓好党建,人是关键。做好基层党建工作,最基础的就是要打造一支素质高的队伍。";
const std::string kP3 =
    "选好“领头羊”,配强“当家人”。位于西丰县寇河南岸的胜利村,过去以传统农业种植为主。";

const std::string kHeading = "选好“领头羊” 配强“当家人”";

TEST(CaptionStageTest, RemovesSentenceSetOffByAnImagesBlankLinesNextToAHeading) {
  // Seed 000: the image closes a section; the next section's heading follows.
  Document doc = CleanText(kP1 + "\n\n\n\n铁岭县李千户镇小屯村党员与农户交流种植技术。\n\n" +
                           kHeading + "\n\n" + kP2 + "\n\n" + kP3);
  EXPECT_EQ(doc.text(), kP1 + "\n" + kHeading + "\n" + kP2 + "\n" + kP3);
  ASSERT_EQ(RuleNames(doc), std::vector<std::string>{"image-caption"});
  EXPECT_EQ(doc.removals[0].text, "铁岭县李千户镇小屯村党员与农户交流种植技术。");
  // Seed 002: a heading, then the image, then the section's first paragraph.
  doc = CleanText(kP1 +
                  "\n\n新民市：基层党建聚强力 兴村富民开新局\n\n\n\n"
                  "新民市兴隆堡镇西高力村草莓采摘园游客正在采摘草莓。\n\n" +
                  kP2 + "\n\n" + kP3);
  ASSERT_EQ(RuleNames(doc), std::vector<std::string>{"image-caption"});
}

TEST(CaptionStageTest, RemovesCaptionThatInterruptsASentence) {
  Document doc = CleanText(kP1 +
                           "\n\n研究制定了《苏家屯区全面加强基层党建工作的若干意\n\n\n\n"
                           "苏家屯党员志愿者进社区为居民免费理发。\n\n见》,持续加大经费投入。\n\n" +
                           kP2);
  EXPECT_EQ(RuleNames(doc), (std::vector<std::string>{"image-caption", "reflow"}));
  EXPECT_NE(doc.text().find("若干意见》"), std::string::npos);
}

TEST(CaptionStageTest, KeepsBodyParagraphsAfterAGapWithoutMoreEvidence) {
  // The blank lines alone are not enough: ad slots and embeds leave them too.
  const std::string body = "蓬佩奥将在1月20日卸任，届时预计将由拜登提名的布林肯接任。";
  EXPECT_EQ(Cleaned(kP1 + "\n\n\n\n" + body + "\n\n" + kP2 + "\n\n" + kP3),
            kP1 + "\n" + body + "\n" + kP2 + "\n" + kP3);
  // Next to a heading, but not a caption's shape: a question, a quotation, a
  // parenthesis, two commas, or too long.
  for (const std::string& p :
       {std::string("四名被DQ现任议员能否留任？"),
        std::string("吳敏兒堅定地指：「我希望每一個打工的人可以過得更好。」"),
        std::string("报告作者罗森（Daniel Rosen）赞扬了中国的努力。"),
        std::string("悠閒生活是幌子，催谷借貸是重點，你想點？。"),
        std::string("美国总统大选过程双方力量旗鼓相当征服白宫之路并未出现如民调预期的蓝色狂潮这预示"
                    "着重新掌控参议院。")}) {
    std::string text = kP1 + "\n\n\n\n" + p + "\n\n" + kHeading + "\n\n" + kP2 + "\n\n" + kP3;
    EXPECT_EQ(CleanText(text).removals.size(), 0u) << p;
  }
}

TEST(CaptionStageTest, KeepsShortParagraphsWithOrdinarySpacing) {
  const std::string text = kP1 + "\n\n基础不牢,地动山摇。\n\n" + kP2 + "\n\n" + kP3;
  EXPECT_EQ(Cleaned(text), kP1 + "\n基础不牢,地动山摇。\n" + kP2 + "\n" + kP3);
}

TEST(CaptionStageTest, KeepsDocumentsThatAlwaysUseWideSpacing) {
  const std::string text = kP1 + "\n\n\n基础不牢,地动山摇。\n\n\n" + kP2 + "\n\n\n" + kP3;
  EXPECT_EQ(Cleaned(text), kP1 + "\n基础不牢,地动山摇。\n" + kP2 + "\n" + kP3);
}

TEST(CaptionStageTest, KeepsTwoSentencesAndLongParagraphs) {
  const std::string two = "村民正在采摘草莓。今年草莓价格很好。";
  EXPECT_EQ(Cleaned(kP1 + "\n\n\n" + two + "\n\n" + kHeading + "\n\n" + kP3),
            kP1 + "\n" + two + "\n" + kHeading + "\n" + kP3);
}

TEST(ReflowTest, JoinsParagraphBrokenMidSentence) {
  Document doc = CleanText(
      "选好“领头羊”,配强“当家人”。位于西丰县寇河南岸的胜利村,过去以传统农业种植为主,村里有不少"
      "\n\n建档立卡贫困户无力脱贫。2010年,村“两委”班子换届。");
  EXPECT_EQ(doc.text(),
            "选好“领头羊”,配强“当家人”。位于西丰县寇河南岸的胜利村,过去以传统农业种植为主,"
            "村里有不少建档立卡贫困户无力脱贫。2010年,村“两委”班子换届。");
  EXPECT_EQ(RuleNames(doc), std::vector<std::string>{"reflow"});
  EXPECT_EQ(doc.removals[0].text, "\n\n");
}

TEST(ReflowTest, JoinsShortFirstPartWhenSecondStartsWithAFragment) {
  EXPECT_TRUE(IsBrokenParagraph("注重在实践中锻炼后备干", "部,为其提供施展才能的“战场”。"));
  EXPECT_TRUE(IsBrokenParagraph("提衣提领子,牵牛牵鼻子。办好农村", "事,要有好的带头人。"));
  EXPECT_TRUE(IsBrokenParagraph("辽中区各镇(街道)党(工)委坚持对村级后备干部进行全",
                                "员集中轮训,村级组织每年对后备干部进行日常定向培训。"));
}

TEST(ReflowTest, JoinsAcrossACaptionInsideTheBreak) {
  const std::string text = kP1 +
                           "\n\n研究制定了《苏家屯区全面加强基层党建工作的若干意\n\n\n\n"
                           "苏家屯党员志愿者进社区为居民免费理发。\n\n见》,持续加大经费投入。\n\n" +
                           kP2;
  EXPECT_EQ(
      Cleaned(text),
      kP1 + "\n研究制定了《苏家屯区全面加强基层党建工作的若干意见》,持续加大经费投入。\n" + kP2);
}

TEST(ReflowTest, NeverJoinsHeadings) {
  EXPECT_FALSE(IsBrokenParagraph("隊伍建設再強化", "基層治理關鍵在人,關鍵在幹部。"));
  EXPECT_FALSE(IsBrokenParagraph("核心提示", "“聚焦提高城市基层党建质量,我们不断加大工作力度。”"));
  EXPECT_FALSE(IsBrokenParagraph("提高后备干部的理论素养和业务能", "强管理,抓制度 净化“活水源”"));
  EXPECT_FALSE(IsBrokenParagraph("县区传真", "昌图县 建立党建联系点制度"));
  EXPECT_FALSE(
      IsBrokenParagraph("辽中区：“千名雏雁”振翅助力乡村振兴", "乡村振兴,离不开“人才支撑”。"));
  EXPECT_FALSE(IsBrokenParagraph(
      "以抓好党内主题教育为契机,既“造形”又“铸魂”  用党的创新理论武装头脑、指导实践",
      "围绕学懂弄通做实习近平新时代中国特色社会主义思想,相继扎实开展学习教育。"));
  EXPECT_FALSE(
      IsBrokenParagraph("中共遵義市委組織部", "黨的十八大以來,習近平總書記多次作出重要指示。"));
  EXPECT_FALSE(IsBrokenParagraph("把基层党组织建成坚强战斗堡垒", "——铁岭市扎实推进工作"));
  EXPECT_FALSE(IsBrokenParagraph("村里有不少贫困户无力脱贫。", "2010年,村“两委”班子换届。"));
}

TEST(RepeatedParagraphTest, KeepsFirstOccurrenceOfExactAndNormalizedRepeats) {
  const std::string para = "抓党建需要找准群众情感脉搏,贴近群众心愿创新载体。";
  const std::string trad_fullwidth = "抓黨建需要找準群眾情感脈搏，貼近群眾心願創新載體。";
  Document doc = CleanText(kP1 + "\n" + para + "\n" + kP2 + "\n" + para + "\n" + trad_fullwidth);
  EXPECT_EQ(doc.text(), kP1 + "\n" + para + "\n" + kP2);
  EXPECT_EQ(RuleNames(doc), (std::vector<std::string>{"repeated-paragraph", "repeated-paragraph"}));
}

TEST(RepeatedParagraphTest, RemovesNearDuplicateParagraphWithAFewCharactersChanged) {
  const std::string para =
      "抓党建需要找准群众情感脉搏、贴近群众心愿创新载体,走进田间地头、坐在百姓炕头,"
      "把群众放在心上。";
  const std::string edited =
      "抓党建需要找准群众情感脉搏、贴近群众心愿创新载体,走进田间地头、坐在百姓家中,把群众放在心上!";
  Document doc = CleanText(kP1 + "\n" + para + "\n" + kP2 + "\n" + edited);
  EXPECT_EQ(doc.text(), kP1 + "\n" + para + "\n" + kP2);
  EXPECT_EQ(RuleNames(doc), std::vector<std::string>{"near-duplicate-paragraph"});
}

TEST(RepeatedParagraphTest, KeepsParagraphsThatOnlyShareAPhrase) {
  const std::string a =
      "今年以来,铁岭市立足本市实际,制定了实施方案,持续加强基本队伍建设,推动基层党组织全面进步。";
  const std::string b =
      "今年以来,开原市借鉴农村大喇叭在主题教育中的经验,在全市范围内实施了大喇叭村村通工程。";
  EXPECT_EQ(Cleaned(a + "\n" + b), a + "\n" + b);
}

TEST(RepeatedParagraphTest, ShortParagraphsAreOnlyRemovedAsExactRepeats) {
  // 10 characters: under the near-duplicate minimum, above the exact one.
  const std::string text = kP1 + "\n基层党建工作再强化\n" + kP2 + "\n基层党建工作再完善";
  EXPECT_EQ(Cleaned(text), text);
}

TEST(RepeatedParagraphTest, KeepsShortRepeatsAndDistinctParagraphs) {
  const std::string text = "附件\n" + kP1 + "\n附件\n" + kP2 + "\n(待续)\n(待续)";
  EXPECT_EQ(Cleaned(text), text);
}

TEST(RepeatedParagraphTest, MatchingKeyFoldsScriptWidthCaseAndPunctuation) {
  EXPECT_EQ(MatchingKey("黨建，ＡＢＣ 工作!"), MatchingKey("党建,abc工作"));
  EXPECT_NE(MatchingKey("党建工作"), MatchingKey("党建工程"));
}

TEST(LayoutTest, TrimsLinesAndDropsBlankLines) {
  EXPECT_EQ(Cleaned("\n\n  第一段。 \r\n\n\n\u3000\u3000第二段。\n\n"), "第一段。\n第二段。");
}

// --- The matching view the cleaner leaves for the fingerprint ---------------

const Cleaner& DefaultCleaner() {
  static const Cleaner* cleaner = Cleaner::Create(CleanOptions())->release();
  return *cleaner;
}

// Cleans `text` with the view requested, and returns what was left; checks
// that the paragraph ends left with it delimit each paragraph's view.
std::optional<std::vector<char32_t>> LeftView(const std::string& text, Document* doc) {
  doc->SetOriginalText(text);
  MatchViewAccess::Request(*doc);
  DefaultCleaner().Clean(doc);
  const std::vector<size_t>* ends = nullptr;
  const std::vector<char32_t>* view = MatchViewAccess::Peek(*doc, &ends);
  if (view != nullptr) {
    const std::vector<Paragraph> paragraphs = SplitParagraphs(doc->text());
    EXPECT_EQ(ends->size(), paragraphs.size()) << text;
    for (size_t k = 0; k < std::min(ends->size(), paragraphs.size()); ++k) {
      const size_t begin = k == 0 ? 0 : (*ends)[k - 1];
      std::vector<char32_t> want;
      MatchView(std::string_view(doc->text())
                    .substr(paragraphs[k].begin, paragraphs[k].end - paragraphs[k].begin),
                &want);
      EXPECT_EQ(std::vector<char32_t>(view->begin() + begin, view->begin() + (*ends)[k]), want)
          << text << " paragraph " << k;
    }
  }
  return MatchViewAccess::Take(*doc);
}

TEST(LeftMatchViewTest, EveryWhitespaceCharacterIsOutsideTheView) {
  // What makes the paragraphs' views add up to the text's: everything between
  // paragraphs is IsSpaceChar, and the view drops all of it.
  for (char32_t cp = 0; cp < 0x110000; ++cp) {
    if (!IsSpaceChar(cp)) continue;
    std::string s;
    AppendUtf8(cp, &s);
    std::vector<char32_t> view;
    MatchView("a" + s + "b", &view);
    EXPECT_EQ(view, (std::vector<char32_t>{'a', 'b'}))
        << "U+" << std::hex << static_cast<uint32_t>(cp);
  }
}

TEST(LeftMatchViewTest, IsTheViewOfTheCleanedText) {
  std::vector<std::string> texts = {
      "",
      kP1,
      kP1 + "\n\n" + kP2 + "\n" + kP1 + "\n\u3000" + kP3 + " \n" + kP2,  // repeats cut
      kP1 + "\n" + kP1 + "改" + "\n\t" + kP2,                            // a near repeat
      "短\n短\n\xE2\x80\x8B" + kP2 + "\xEF\xBB\xBF\n\n\n" + kHeading,
      "責任編輯：王小明\n" + kP1 + "\n圖／中央社\n" + kP2 + "\n（完）",
      "　　" + kP1 + "\r\n\r\n" + kP2 + "\xE2\x80\xA8" + kP3,
  };
  for (const char* name : {"000_27ab69a333f3fae7", "002_7bfb4e737e40981e"}) {
    texts.push_back(ReadFile(std::string(NEWSCLEAN_FIXTURES_DIR) + "/seeds/" + name + ".txt"));
  }
  for (const std::string& text : texts) {
    Document doc;
    std::optional<std::vector<char32_t>> left = LeftView(text, &doc);
    ASSERT_TRUE(left.has_value()) << text;
    std::vector<char32_t> want;
    MatchView(doc.text(), &want);
    EXPECT_EQ(*left, want) << text;
    EXPECT_FALSE(MatchViewAccess::Take(doc).has_value());  // taken once
  }
}

TEST(LeftMatchViewTest, OnlyWhenAskedAndNotPastACut) {
  Document doc;
  doc.SetOriginalText(kP1 + "\n" + kP1);
  DefaultCleaner().Clean(&doc);
  EXPECT_FALSE(MatchViewAccess::Take(doc).has_value());  // not requested

  ASSERT_TRUE(LeftView(kP1 + "\n" + kP2, &doc).has_value());
  MatchViewAccess::Set(doc, {'x'}, {1});
  doc.ApplyCuts({Cut{0, 3, Reason::kPageFurniture, "test"}});
  EXPECT_FALSE(MatchViewAccess::Take(doc).has_value());  // the text changed

  MatchViewAccess::Set(doc, {'x'}, {1});
  doc.SetOriginalText(kP1);
  EXPECT_FALSE(MatchViewAccess::Take(doc).has_value());  // another text
  EXPECT_FALSE(MatchViewAccess::requested(doc));
}

TEST(LeftMatchViewTest, GivesTheSameFingerprintAsTheText) {
  DedupOptions options;
  options.containment = 0.9;
  std::unique_ptr<DedupIndex> index = *DedupIndex::Create(options);
  const std::string text = kP1 + "\n\n" + kP2 + "\n" + kP1 + "\n" + kP3;
  Document doc;
  ASSERT_TRUE(LeftView(text, &doc).has_value());
  Fingerprint from_text, from_view;
  index->ComputeFingerprint(doc.text(), &from_text);
  doc.SetOriginalText(text);
  MatchViewAccess::Request(doc);
  DefaultCleaner().Clean(&doc);
  index->ComputeFingerprint(&doc, &from_view);
  EXPECT_FALSE(MatchViewAccess::Take(doc).has_value());  // released
  EXPECT_EQ(from_view.exact_low, from_text.exact_low);
  EXPECT_EQ(from_view.exact_high, from_text.exact_high);
  EXPECT_EQ(from_view.packed, from_text.packed);
  EXPECT_EQ(from_view.band_keys, from_text.band_keys);
  EXPECT_EQ(from_view.containment_samples, from_text.containment_samples);
  EXPECT_FALSE(from_view.containment_samples.empty());
}

}  // namespace
}  // namespace newsclean
