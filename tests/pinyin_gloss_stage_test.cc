#include "src/clean/pinyin_gloss_stage.h"

#include "gtest/gtest.h"
#include "src/text/script_tables.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

int Syllable(const char* s) { return ScriptTables::Get().SyllableId(s); }

TEST(ParseGlossSyllableTest, AcceptsPlainToneMarkedDigitAndUmlautForms) {
  size_t end = 0;
  EXPECT_EQ(ParseGlossSyllable("(dang) x", 0, &end), Syllable("dang"));
  EXPECT_EQ(end, 6u);
  EXPECT_EQ(ParseGlossSyllable("(guó)", 0, &end), Syllable("guo"));
  EXPECT_EQ(ParseGlossSyllable("(zhong1)", 0, &end), Syllable("zhong"));
  EXPECT_EQ(ParseGlossSyllable("(lü)", 0, &end), Syllable("lv"));
  EXPECT_EQ(ParseGlossSyllable("(lv4)", 0, &end), Syllable("lv"));
  EXPECT_EQ(ParseGlossSyllable("（dǎng）", 0, &end), Syllable("dang"));
}

TEST(ParseGlossSyllableTest, RejectsWhatIsNotOneSyllable) {
  size_t end = 0;
  for (const char* s : {"(WHO)", "(2022)", "(一)", "(Theresa May)", "(abc)", "(dangdang)",
                        "(1dang)", "(dang", "(社區)", "()", "(Dang)"}) {
    EXPECT_EQ(ParseGlossSyllable(s, 0, &end), -1) << s;
  }
}

TEST(ScriptTablesTest, InventoryHasAboutFourHundredTwentySyllables) {
  // ICU's 416 and the few more Unihan's readings use (hm, ng, …).
  const ScriptTables& t = ScriptTables::Get();
  EXPECT_GE(t.num_syllables(), 410u);
  EXPECT_LE(t.num_syllables(), 440u);
  EXPECT_EQ(t.ReadingOf(U'黨'), Syllable("dang"));
  EXPECT_EQ(t.ToSimplified(U'黨'), U'党');
  EXPECT_TRUE(t.IsConverterChanged(U'黨'));
  EXPECT_TRUE(t.IsConverterChanged(U'党'));
  EXPECT_FALSE(t.IsConverterChanged(U'的'));
}

// kHanyuPinlu's counts (all readings summed): what the prefilter's atom
// scanner uses to pick the least common character of an atom.
TEST(ScriptTablesTest, HanyuPinluCountsOrderCharactersByHowCommonTheyAre) {
  const ScriptTables& t = ScriptTables::Get();
  EXPECT_EQ(t.HanyuPinluCount(U'的'), 75837u);  // de 75596 + dì 157 + dí 84
  EXPECT_GT(t.HanyuPinluCount(U'是'), t.HanyuPinluCount(U'报'));
  EXPECT_GT(t.HanyuPinluCount(U'报'), t.HanyuPinluCount(U'稿'));
  EXPECT_GT(t.HanyuPinluCount(U'稿'), 0u);
  EXPECT_EQ(t.HanyuPinluCount(U'撰'), 0u);                        // not in the sample
  EXPECT_EQ(t.HanyuPinluCount(U'報'), t.HanyuPinluCount(U'报'));  // both scripts listed
  EXPECT_EQ(t.HanyuPinluCount(U'a'), 0u);
}

TEST(ScriptTablesTest, PolyphonicCharactersHaveTheirOtherReadings) {
  const ScriptTables& t = ScriptTables::Get();
  EXPECT_TRUE(t.IsReadingOf(U'長', Syllable("zhang")));
  EXPECT_TRUE(t.IsReadingOf(U'長', Syllable("chang")));
  EXPECT_TRUE(t.IsReadingOf(U'行', Syllable("hang")));
  EXPECT_TRUE(t.IsReadingOf(U'行', Syllable("xing")));
  EXPECT_FALSE(t.IsReadingOf(U'長', Syllable("ma")));
  EXPECT_FALSE(t.IsReadingOf(U'條', Syllable("a")));
}

TEST(PinyinGlossStageTest, RemovesGlossesWhereverTheySitWhenTheyRunThroughThePage) {
  // Glosses on characters no converter changes, toned and toneless, doubled,
  // and on a polyphonic character's second reading.
  const std::string text =
      "我(wo)们今天去公(gōng)园散步，天气很好，路上的人很多。\n"
      "下午大(da)家一起吃饭，然后回(hui)(huí)家休息，長(chang)城的照片也看了。";
  EXPECT_EQ(Cleaned(text),
            "我们今天去公园散步，天气很好，路上的人很多。\n"
            "下午大家一起吃饭，然后回家休息，長城的照片也看了。");
}

TEST(PinyinGlossStageTest, KeepsAuthoredReadingsCloseTogether) {
  // A pronunciation quiz: six readings in one sentence of a long article.
  const std::string text =
      "这些字你读对了吗：饕(tāo)餮(tiè)、耄(mào)耋(dié)、龃(jǔ)龉(yǔ)。"
      "很多人在日常生活中会读错这些字，老师建议大家平时多查字典，遇到不认识的字不要凭感觉去猜，"
      "而是要养成良好的习惯，这样才能真正提高自己的语文水平，也能在考试和工作中少犯错误。";
  EXPECT_EQ(Cleaned(text), text);
}

TEST(PinyinGlossStageTest, KeepsBracketsThatAreNotTheirHostsReadings) {
  // A web joke spells other words after each character; names in brackets.
  const std::string joke = "这里的风(wai)土(li)人(qing)情(ren)很有意思，大家都笑了。";
  EXPECT_EQ(Cleaned(joke), joke);
  const std::string names = "苹果(Apple)公司与微软(Microsoft)合作，世卫(WHO)表示欢迎。";
  EXPECT_EQ(Cleaned(names), names);
  // Readings mixed with many non-readings are not the artifact.
  const std::string mixed = "我(wo)们的风(wai)土(li)人(qing)情(ren)与大(da)家的回(hui)忆。";
  EXPECT_EQ(Cleaned(mixed), mixed);
}

TEST(PinyinGlossStageTest, RemovesGlossAndTheScrapersSpace) {
  EXPECT_EQ(Cleaned("興(xing) 縣縣委組織部和黨(dang) 組織的人們(men) 在這裏。"),
            "興縣縣委組織部和黨組織的人們在這裏。");
}

TEST(PinyinGlossStageTest, RemovesToneMarkedGlossesWithoutSpace) {
  EXPECT_EQ(Cleaned("中國(guó)的發(fā)展與(yǔ)進步。"), "中國的發展與進步。");
}

TEST(PinyinGlossStageTest, RemovesToneDigitAndFullWidthForms) {
  EXPECT_EQ(Cleaned("國(guo2)家發(fa1)展為(wei4)人民。"), "國家發展為人民。");
  EXPECT_EQ(Cleaned("黨（dǎng）組織與（yu）國（guo）家。"), "黨組織與國家。");
}

TEST(PinyinGlossStageTest, RemovesDoubledGlossAndGlossBeforePunctuationOrLineEnd) {
  EXPECT_EQ(Cleaned("黨(dang)(dang) 組織,發(fa) 展,國(guo) 家,提出了落實舉(ju)"),
            "黨組織,發展,國家,提出了落實舉");
  EXPECT_EQ(Cleaned("一、黨(dang) 組織發(fa) 展,國(guo) 家與(yu)\n二、專(zhuan) 項行動"),
            "一、黨組織發展,國家與\n二、專項行動");
  EXPECT_EQ(Cleaned("鄉(xiang) 、村兩(liang) 級幹部與(yu) 。"), "鄉、村兩級幹部與。");
}

TEST(PinyinGlossStageTest, KeepsRealParenthesisRightAfterGloss) {
  EXPECT_EQ(Cleaned("建立了縣、鄉(xiāng)(鎮)、村(社區)、黨(dang) 員到群眾(zhong) 的矩陣。"),
            "建立了縣、鄉(鎮)、村(社區)、黨員到群眾的矩陣。");
}

TEST(PinyinGlossStageTest, KeepsRealParentheticalsInAGlossedDocument) {
  const std::string text =
      "黨(dang) 組織發(fa) 展,國(guo) 家。村(社區)、(2022)、世衛(WHO)、(一)、高原(北京)、"
      "茅台(600519)、首相(Theresa May)、第五條(a)款。";
  EXPECT_EQ(Cleaned(text),
            "黨組織發展,國家。村(社區)、(2022)、世衛(WHO)、(一)、高原(北京)、"
            "茅台(600519)、首相(Theresa May)、第五條(a)款。");
}

TEST(PinyinGlossStageTest, KeepsAuthoredReadingsOnUnchangedCharacters) {
  const std::string text = "上海的莘(xīn)莊,安徽的六(lù)安,浙江的台州 (Tāizhōu)。";
  EXPECT_EQ(Cleaned(text), text);
}

TEST(PinyinGlossStageTest, KeepsReadingThatTheRunningTextDiscusses) {
  const std::string text = "“長(zhang)”讀作zhang,“發(fa)”讀作fa,“國(guo)”讀作guo。";
  EXPECT_EQ(Cleaned(text), text);
}

TEST(PinyinGlossStageTest, KeepsASingleGlossWithoutTheSystematicPattern) {
  const std::string text = "經濟發(fā)展穩中向好。";
  EXPECT_EQ(Cleaned(text), text);
}

TEST(PinyinGlossStageTest, KeepsSyllableThatIsNotTheCharactersReading) {
  // 國 reads guo, not ma; the others make the document systematic.
  EXPECT_EQ(Cleaned("黨(dang) 組織發(fa) 展國(ma) 家。"), "黨組織發展國(ma) 家。");
}

TEST(PinyinGlossStageTest, RecordsGlossesWithOriginalSpans) {
  const std::string text = "黨(dang) 組織發(fa) 展。";
  Document doc = CleanText(text);
  ASSERT_EQ(doc.removals.size(), 2u);
  for (const Removal& r : doc.removals) {
    EXPECT_EQ(r.reason, Reason::kPinyinGloss);
    EXPECT_EQ(text.substr(r.begin, r.end - r.begin), r.text);
  }
  EXPECT_EQ(doc.removals[0].text, "(dang) ");
  EXPECT_EQ(doc.removals[1].text, "(fa) ");
}

TEST(RomanizedLabelTest, RemovesLabelSpellingTheWordBeforeIt) {
  Document doc = CleanText("县区传真 CHUANZHEN\n\n昌图县 建立党建联系点制度");
  EXPECT_EQ(doc.text(), "县区传真\n昌图县 建立党建联系点制度");
  EXPECT_EQ(RuleNames(doc), std::vector<std::string>{"romanized-label"});
}

TEST(RomanizedLabelTest, KeepsLatinThatDoesNotSpellTheWord) {
  for (const char* text : {"新闻 NEWS", "县区传真 CHUANZHEN 2022", "传真 chuanzhen", "专题 WHO"}) {
    EXPECT_EQ(Cleaned(text), text);
  }
}

TEST(PinyinGlossStageTest, CanBeDisabledByName) {
  CleanOptions options;
  options.disabled_rules = {"pinyin-gloss"};
  const std::string text = "黨(dang) 組織發(fa) 展。";
  EXPECT_EQ(Cleaned(text, options), text);
}

}  // namespace
}  // namespace newsclean
