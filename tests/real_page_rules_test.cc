// The furniture of real pages from many sites, in both scripts: paragraph
// separators and flattened pages, lead-in bylines and datelines, widgets,
// credits, script and markup residue — and, for each, the real text that must
// stay. Examples are written for these tests in the shapes the sites use.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "newsclean/metadata.h"
#include "src/clean/separator_stage.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

const std::string kBody = "市政府今天宣布，明年起将扩大公共运输补贴，预计受惠人数超过二十万人。";
const std::string kBodyT = "市政府今天宣布，明年起將擴大公共運輸補貼，預計受惠人數超過二十萬人。";
const std::string kBody2 = "交通局表示，新制上路后将定期检讨成效，并视情况调整补贴额度。";

struct Case {
  std::string input;
  std::string want;
  std::string rule;  // the rule expected to fire (first removal), "" for none
};

void ExpectCleans(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    Document doc = CleanText(c.input);
    EXPECT_EQ(doc.text(), c.want) << "input: " << c.input;
    if (c.rule.empty()) {
      EXPECT_TRUE(doc.removals.empty())
          << "input: " << c.input
          << " rule: " << (doc.removals.empty() ? "" : doc.removals[0].rule);
    } else {
      std::vector<std::string> rules = RuleNames(doc);
      EXPECT_NE(std::find(rules.begin(), rules.end(), c.rule), rules.end())
          << "input: " << c.input << " wanted rule " << c.rule;
    }
  }
}

// --- 2. Paragraph separators and flattened pages ---------------------------

TEST(SeparatorTest, EverySeparatorBecomesALineBreak) {
  const std::string want = kBody + "\n" + kBody2;
  for (const std::string& sep :
       {std::string("\r"), std::string("\r\n"), std::string("\n\r\n\n"),
        std::string("\xE2\x80\xA8"), std::string("\xE2\x80\xA9"), std::string("\xC2\x85"),
        std::string("  "), std::string("\xC2\xA0 \xC2\xA0"),
        std::string("\xE3\x80\x80\xE3\x80\x80")}) {
    Document doc = CleanText(kBody + sep + kBody2);
    EXPECT_EQ(doc.text(), want) << "separator bytes: " << sep.size();
    EXPECT_TRUE(doc.removals.empty());
  }
}

// The three scans of the separator stage stop at the same places where a
// separator may start (the scalar one stops at more bytes: its extra stops
// are not such places), and at every such place, on random text built from
// separators, their look-alikes (“”…—、。, single spaces) and Han, at every
// length around the vector widths.
TEST(SeparatorTest, ScalarSse2AndAvx2ScansAgree) {
  const std::vector<std::string> pieces = {
      " ",  "\t", "\r", "\n", "\u00A0", "\u3000", "\u2028", "\u2029", "\u0085", "。",
      "、", "“",  "”",  "…",  "—",      "「",     "中",     "國",     "a",      "\u00E9"};
  // Whether a separator may start at v[k], from its definition.
  auto space_len = [](std::string_view v, size_t k) -> size_t {
    if (v.substr(k, 1) == " " || v.substr(k, 1) == "\t") return 1;
    if (v.substr(k, 2) == "\u00A0") return 2;
    if (v.substr(k, 3) == "\u3000") return 3;
    return 0;
  };
  auto may_start = [&](std::string_view v, size_t k) {
    if (v[k] == '\r' || v.substr(k, 2) == "\u0085" || v.substr(k, 3) == "\u2028" ||
        v.substr(k, 3) == "\u2029") {
      return true;
    }
    const size_t len = space_len(v, k);
    if (len == 0 || k + len >= v.size()) return false;
    const unsigned char next = static_cast<unsigned char>(v[k + len]);
    return next == ' ' || next == '\t' || next == 0xC2 || next == 0xE3;
  };
  std::mt19937 rng(7);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text;
    const size_t pieces_wanted = rng() % 60;
    for (size_t k = 0; k < pieces_wanted; ++k) text += pieces[rng() % pieces.size()];
    std::vector<size_t> expected;
    for (size_t k = 0; k < text.size(); ++k) {
      if (may_start(text, k)) expected.push_back(k);
    }
    for (SeparatorScan scan :
         {SeparatorScan::kScalar, SeparatorScan::kSse2, SeparatorScan::kAvx2}) {
      std::vector<size_t> found;
      for (size_t i = 0; (i = NextSeparatorCandidate(text, i, scan)) < text.size(); ++i) {
        if (may_start(text, i)) found.push_back(i);
      }
      EXPECT_EQ(found, expected) << "scan " << static_cast<int>(scan) << " on " << text;
    }
  }
}

TEST(SeparatorTest, SpacesInsideASentenceOrHeadingStay) {
  // Two phrases of a heading, and a double space inside a sentence.
  const std::string heading = "以抓好主题教育为契机  用创新理论武装头脑";
  const std::string inside = "对房地产行业  整个投资建设复苏的展望，仍需观察。";
  EXPECT_EQ(Cleaned(heading + "\n" + kBody), heading + "\n" + kBody);
  EXPECT_EQ(Cleaned(inside), inside);
}

TEST(SeparatorTest, LinesSplitByBareCarriageReturnsGetTheirFurnitureCut) {
  ExpectCleans({
      {"（王小明／台北報導）" + kBodyT + "\r" + kBody2 + "\r有話要說 投稿「即時論壇」",
       kBodyT + "\n" + kBody2, "byline-bracket"},
  });
}

TEST(FlattenedPageTest, FurnitureAtTheStartEndOrBetweenSentencesIsCut) {
  ExpectCleans({
      // A dateline glued to the first sentence of a one-line page.
      {"腾讯体育1月3日讯 " + kBody + kBody2, kBody + kBody2, "dateline-portal"},
      // A dateline glued after a caption-less title run.
      {"标题在此新浪体育讯北京时间4月5日消息，" + kBody, "标题在此" + kBody, "dateline-portal"},
      // A byline glued between two sentences.
      {kBodyT + "記者林小華／台北報導" + kBodyT, kBodyT + kBodyT, "byline-reporter"},
      // A trailing comment link and an end marker.
      {kBody + kBody2 + " 我要评论", kBody + kBody2, "link-stub"},
      {kBody + "(完)", kBody, "end-marker"},
      // Sentences separated only by spaces: the credit line is cut like a line.
      {kBody + "  " + kBody2 + "  责任编辑：王大明", kBody + "\n" + kBody2, "editor-credit"},
  });
}

// --- 3. Lead-in bylines and datelines ---------------------------------------

TEST(LeadInTest, BylinesAndDatelinesInTheirFormsGoAndTheSentenceStays) {
  ExpectCleans({
      {"〔記者王小明／高雄報導〕" + kBodyT, kBodyT, "byline-bracket"},
      {"記者陳大文／綜合報導" + kBodyT, kBodyT, "byline-lead-in-slash"},
      {"社會中心／台北報導" + kBodyT, kBodyT, "byline-lead-in-slash"},
      {"（中央社記者林某某台北3日電）" + kBodyT, kBodyT, "dateline-paren"},
      {"中新网北京3月2日电（记者 张三）" + kBody, kBody, "dateline-wire"},
      {"【某某网报道 记者 李四】" + kBody, kBody, "dateline-brand"},
      {"某某财经讯 " + kBody, kBody, "dateline-brand"},
      {"本报上海5月3日电 " + kBody, kBody, "dateline-wire"},
      {"2019年03月02日 08:15記者陳大文／台北報導" + kBodyT, kBodyT, "timestamp-lead-in"},
      {"【大纪元2021年02月23日讯】（大纪元记者李明综合报导）" + kBody, kBody, "dateline-bracket"},
      {"路透北京10月14日 - " + kBody, kBody, "dateline-reuters"},
      {"（法新社巴黎22日电）    " + kBody, kBody, "dateline-paren"},
      {"本报讯通讯员曾一、记者张二从市教育局获悉，" + kBody, "从市教育局获悉，" + kBody,
       "byline-lead-in-names"},
  });
}

TEST(LeadInTest, WhatTheyRemoveGoesToTheMetadata) {
  std::string err;
  std::string dir = MakeTempDir("dateline_metadata");
  WriteFile(dir + "/in.jsonl",
            "{\"id\":\"a\",\"text\":\"（中央社記者林某某台北3日電）" + kBodyT +
                "\\n中新网北京3月2日电（记者 张三）" + kBody2 +
                "\\n〔記者王小明／高雄報導〕現場畫面顯示，車流量明顯增加。\"}\n");
  ASSERT_EQ(RunCli("clean --annotate " + dir + "/in.jsonl -o " + dir + "/out.jsonl", &err), 0)
      << err;
  const std::string out = ReadFile(dir + "/out.jsonl");
  EXPECT_NE(out.find("\"date\":[\"3日\",\"3月2日\"]"), std::string::npos) << out;
  EXPECT_NE(out.find("\"source\":[\"中央社\",\"中新网\"]"), std::string::npos) << out;
  EXPECT_NE(out.find("\"byline\":[\"記者林某某台北\",\"记者 张三\",\"〔記者王小明／高雄報導〕\"]"),
            std::string::npos)
      << out;
}

TEST(LeadInTest, MetadataComesAsValuesInMemory) {
  Document doc = CleanText("（中央社記者林某某台北3日電）" + kBodyT +
                           "\n2022年07月26日15:56 来源:人民网\n(责编:王珂园、秦华)");
  DocumentMetadata m = ExtractMetadata(doc);
  EXPECT_EQ(m.date, (std::vector<std::string>{"3日", "2022年07月26日15:56"}));
  EXPECT_EQ(m.source, (std::vector<std::string>{"中央社", "人民网"}));
  EXPECT_EQ(m.byline, (std::vector<std::string>{"記者林某某台北"}));
  EXPECT_EQ(m.editor, (std::vector<std::string>{"(责编:王珂园、秦华)"}));
  EXPECT_TRUE(m.captions.empty());
  EXPECT_FALSE(m.empty());
  EXPECT_TRUE(ExtractMetadata(CleanText(kBody)).empty());
}

TEST(LeadInTest, SentencesThatMentionReportersStay) {
  ExpectCleans({
      {"记者从市教育局获悉，" + kBody, "记者从市教育局获悉，" + kBody, ""},
      {"據中央社報導，" + kBodyT, "據中央社報導，" + kBodyT, ""},
      {"用户可通过腾讯视频通讯功能观看直播。", "用户可通过腾讯视频通讯功能观看直播。", ""},
      {"香港警方重新定义采访资格 记协记者证成焦点", "香港警方重新定义采访资格 记协记者证成焦点",
       ""},
  });
}

// --- 4. Trailing and inline widgets ------------------------------------------

TEST(WidgetTest, WidgetsGo) {
  ExpectCleans({
      {kBody + "\n分享到 Facebook Twitter", kBody, "share-widget"},
      {kBody + "\n分享到：LINE 微博", kBody, "share-widget"},
      {kBodyT + "\n歡迎按讚加入自由時報粉絲專頁！", kBodyT, "fan-page-prompt"},
      {kBodyT + "\n下載某某新聞APP", kBodyT, "follow-prompt"},
      {kBody + "\n长按识别二维码关注某某公众号", kBody, "qr-prompt"},
      {kBody + "\n相關新聞\n標題一則 某事件後續\n標題二則 另一事件", kBody, "related-links"},
      {kBody + "\n推荐阅读：\n某地发生一件事\n另一地发生另一件事", kBody, "related-links"},
      {kBody + "\n>>更多国际新闻", kBody, "related-inline"},
      {kBody + "\n编辑推荐\n某某标题", kBody, "related-links"},
      {kBody + "\n上一页 1 2 3 下一页", kBody, "pagination"},
      {kBody + "[全文]", kBody, "link-stub"},
      {kBody + "\n[查看原文]", kBody, "link-stub"},
      {kBody + "\n这篇文章对你有帮助吗？", kBody, "media-widget"},
      {kBodyT + "\n請繼續往下閱讀...", kBodyT, "read-more"},
      {kBodyT + "【更多新聞】►標題一則►標題二則", kBodyT, "related-inline"},
      {kBodyT + "更多某某週刊報導【某案追蹤2】某人出面說明\u3000另一人否認【某案追蹤3】新證據曝光",
       kBodyT, "related-inline"},
  });
}

TEST(WidgetTest, AuthorBoxEndsThePage) {
  // The box and the bio after it go, in either script, whatever the bio says.
  ExpectCleans({
      {kBodyT + kBodyT +
           "\n\n博客 | 某某某\n\n【某某某・某某專欄】資深傳媒人，曾任報社編輯。歡迎來信。",
       kBodyT + kBodyT, "author-box"},
      {kBody + "\n" + kBody2 + "\n作者简介：某某，某大学教授，研究城市交通。",
       kBody + "\n" + kBody2, "author-box"},
  });
  // A marker with an article after it (more than a bio's length), or at the
  // top of a page: only the marker line goes, the article stays.
  std::string article = "\n";
  for (int i = 0; i < 10; ++i) article += kBody + kBody2;
  EXPECT_EQ(Cleaned(kBody + kBody2 + "\n博客 | 某某某" + article), kBody + kBody2 + article);
  EXPECT_EQ(Cleaned("博客 | 某某某\n" + kBody + "\n" + kBody2), kBody + "\n" + kBody2);
  // The words inside a sentence are not a marker.
  const std::string s = "他在博客上发表了作者简介，介绍自己的研究。";
  EXPECT_EQ(Cleaned(kBody + "\n" + s), kBody + "\n" + s);
}

TEST(WidgetTest, RelatedListStopsAtBodyText) {
  const std::string text = "相关新闻\n某地发生一件事\n" + kBody + "\n" + kBody2;
  EXPECT_EQ(Cleaned(text), kBody + "\n" + kBody2);
  // A list heading glued to real text is cut alone: the text after it stays.
  const std::string glued = "【推荐阅读】 某篇文章的标题虽然这些原则适用，但也有例外。";
  EXPECT_EQ(Cleaned(glued), "某篇文章的标题虽然这些原则适用，但也有例外。");
}

TEST(WidgetTest, WordsOfWidgetsInsideSentencesStay) {
  for (const std::string& s : {
           std::string("市民可用手机扫一扫付款，也可以扫码乘车。"),
           std::string("这家老字号开业已有百年，每天都有人排队。"),
           std::string("她把照片分享至Facebook，引来许多留言。"),
           std::string("他在会上分享了自己的经验，并呼吁大家关注青年就业。"),
           std::string("这条河的来源是山上的冰川，编辑部派记者实地采访。"),
           std::string("二、扎实推进基层治理"),
       }) {
    EXPECT_EQ(Cleaned(kBody + "\n" + s + "\n" + kBody2), kBody + "\n" + s + "\n" + kBody2) << s;
  }
}

// --- 5. Credits and stamps ----------------------------------------------------

TEST(CreditTest, CreditsAndStampsGo) {
  ExpectCleans({
      {kBody + "\n责编 | 张三 李四", kBody, "editor-credit"},
      {kBody + "\n编辑丨王五", kBody, "editor-credit"},
      {kBody + "\n见习编辑：赵六", kBody, "editor-credit"},
      {kBody + "\n记者：乔一\xC2\xA0 责编：胡二\xC2\xA0 网编：瑞三", kBody, "credit-line"},
      {kBody + "\n编译 高某/母某；审校 母某", kBody, "credit-line"},
      {kBodyT + "（編輯：繆某某）1090807", kBodyT, "editor-credit-paren"},
      {"▲記者林某某攝影的現場畫面。（記者林某某攝）" + kBodyT, kBodyT, "caption-marked"},
      {"颱風過後的街道。（圖／某某提供）\n" + kBodyT, kBodyT, "caption-with-credit"},
      {"某地的街景。（翻攝某某臉書）\n" + kBodyT, kBodyT, "caption-with-credit"},
      {kBodyT + "（圖片來源／某某）" + kBodyT, kBodyT + kBodyT, "photo-credit"},
      {kBodyT + "\n圖文／某某", kBodyT, "byline-credit"},
      {kBody + "\n《某某日报》（ 2021年05月06日 07版）", kBody, "print-stamp"},
      {kBody + "（全文完）", kBody, "end-marker"},
      {kBody + "本网转载此文出于传递更多信息之目的，并不意味着赞同其观点或证实其描述。", kBody,
       "reprint-disclaimer"},
      {kBodyT + "（作者為某大學政治學系教授）", kBodyT, "byline-paren-tail"},
      {kBody + "\n© 2021年 某某电台版权声明：本文所有内容受到著作权法保护。", kBody,
       "copyright-symbol"},
      // Glued into a flattened page (Apple Daily, Taiwan).
      {kBodyT + "出版時間：17:17更新時間：18:07", kBodyT, "update-stamp-pair"},
      {kBodyT + "有話要說 投稿「即時論壇」", kBodyT, "submit-prompt-tail"},
      {"【工商消息】本文由某某人壽保險股份有限公司提供" + kBodyT, kBodyT, "advertorial-marker"},
      {"內政部長今天上午前往機場慰勞同仁。中央社記者某某某桃園機場攝\u3000109年9月23日\n\n" +
           kBodyT,
       kBodyT, "caption-cna-credit"},
      {kBodyT + "udn瘋運動有IG了！ ▪ 瘋運動的IG開張啦🔥🔥🔥大家追蹤起來！", kBodyT, "ig-prompt-tail"},
      {kBodyT + "★《某某新聞網》提醒您：酒後不開車，安全有保障。", kBodyT, "psa-notice-tail"},
      {kBodyT + "● 衛福部提醒您，若有症狀請儘速就醫。", kBodyT, "psa-notice-tail"},
      {kBodyT + "\n★《中時新聞網》提醒您：民俗傳說僅供參考，請勿過度迷信。", kBodyT, "psa-notice"},
      {kBodyT + "\n《某某新聞》提醒您：喝酒不開車，開車不喝酒。", kBodyT, "psa-notice"},
      {kBodyT + "\n三立新聞網提醒您：莫逞一時樂，遺害百年身！", kBodyT, "psa-notice"},
      {kBodyT + "\n※ 某某日報提醒您：禁止酒駕 飲酒過量有礙健康", kBodyT, "psa-notice"},
      {kBody + "\n图像来源，Getty Images\n图像加注文字，\n民众在街头排队等候检测。\n" + kBody2,
       kBody + "\n" + kBody2, "caption-next"},
      // Who stands where in the photo: a caption's words, not the body's.
      {kBody + "\n去年，北京，某国总理某某（右）与中国总理会面。\n" + kBody2, kBody + "\n" + kBody2,
       "caption-position"},
      {kBodyT + "\n衛生部長某某（左起）、副部長某某出席記者會\n" + kBody2, kBodyT + "\n" + kBody2,
       "caption-position"},
      {kBody + "\n某某（由右至左）三人在会场合影。\n" + kBody2, kBody + "\n" + kBody2,
       "caption-position"},
      {kBody + "\nShafia Zaloom是 《Sex, Teens and Everything in Between》一书的作者。", kBody,
       "book-author-bio"},
  });
}

TEST(CreditTest, OrdinaryParentheticalsStay) {
  for (const std::string& s : {
           std::string("补贴资金（由市政府提供）将在下月发放。"),
           std::string("该片（2019年拍摄）获得多项大奖。"),
           std::string("主办单位（文化部）表示欢迎各界参加。"),
           std::string("他在文章（作者自述）中回忆了童年。"),
           std::string("報紙的出版時間：17:17，比平常晚了一小時。"),
           std::string("他說自己有話要說，於是投稿給報社的論壇版。"),
           std::string("這則工商消息刊出後引起不少討論。"),
           std::string("中央社記者某某今天在機場攝影時，遇到多名旅客。"),
           std::string("這家球隊也有IG了！球迷紛紛說要追蹤起來，但也有人不以為然。"),
           // Brackets that are not a photo position.
           std::string("報告指出，中國（中共）當局加強了對外媒的管控。"),
           std::string("改革开放四十年（中）"),
           std::string("他说：“我（左）边的人先走了。”"),
           std::string("该书是他与妻子合写的，两人都是《某某》一书的读者。"),
       }) {
    EXPECT_EQ(Cleaned(s), s) << s;
  }
}

// A public-service notice goes only after its mark (or with the outlet named)
// and only to the end of a short line: a reminder in the body, or one that 160
// characters of text follow, stays, also on a line of its own.
TEST(CreditTest, PsaNoticeTailNeedsItsMarkAndTheLineEnd) {
  std::string long_tail;
  for (int i = 0; i < 6; ++i) long_tail += kBodyT;  // well over 160 characters
  for (const std::string& s : {
           kBodyT + "衛福部提醒您：若有症狀請儘速就醫，並配合疫調。",
           kBodyT + "★《某某新聞網》提醒您：" + long_tail,
           "醫師提醒您，天冷時長者應注意保暖。" + kBodyT,
           std::string("醫師提醒您，天冷時長者應注意保暖。"),
           "營養師提醒您：早餐要吃得均衡。\n" + kBodyT,
       }) {
    EXPECT_EQ(Cleaned(s), s) << s;
  }
}

// --- 6. Script and markup residue ----------------------------------------------

TEST(ResidueTest, ScriptAndMarkupGoWithTheirOwnReasons) {
  Document doc = CleanText(
      "var adSlot = {\"id\": 3};\n"
      "window.dataLayer = window.dataLayer || [];\n"
      "document.write('<div></div>');\n"
      "(function (d, a) { a.x = 1; }(window, 'ads'));\n"
      "{\"key\": \"value\", \"n\": 1}\n" +
      kBody +
      "\n<figure><img src=\"https://example.org/a.jpg\"></figure>\n"
      "**" +
      kBody2 + "**\n# 标题一\n---\n[原文链接](https://example.org/a)&nbsp;");
  EXPECT_EQ(doc.text(), kBody + "\n" + kBody2 + "\n标题一\n原文链接");
  bool script = false, markup = false;
  for (const Removal& r : doc.removals) {
    script |= r.reason == Reason::kScriptResidue;
    markup |= r.reason == Reason::kMarkupResidue;
  }
  EXPECT_TRUE(script);
  EXPECT_TRUE(markup);
}

TEST(ResidueTest, CodeAndBracketsInProseStay) {
  for (const std::string& s : {
           std::string("程序员在代码里写下 var x = 1 这样的语句。"),
           std::string("公式 a<b 和 b>c 成立时，结论可以推出。"),
           std::string("#MeToo 运动在多国引发讨论。"),
           std::string("他引用了《论语》[学而篇]的一句话。"),
       }) {
    EXPECT_EQ(Cleaned(s), s) << s;
  }
}

}  // namespace
}  // namespace newsclean
