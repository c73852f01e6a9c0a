// The boilerplate prefilter: AtomScanner finds the atoms re2::FilteredRE2
// derives from the rules, RulePrefilter turns them into candidate rules, and
// no rule that matches a line is ever filtered out.
#include "src/clean/atom_scanner.h"

#include <algorithm>
#include <filesystem>
#include <random>

#include "gtest/gtest.h"
#include "re2/re2.h"
#include "src/clean/builtin_rule_clauses.h"
#include "src/clean/rule_clauses.h"
#include "src/clean/rule_prefilter.h"
#include "src/clean/rule_set.h"
#include "src/text/script_tables.h"
#include "src/text/utf8.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

std::vector<int> Found(const AtomScanner& scanner, std::string line) {
  std::vector<int> found;
  EXPECT_TRUE(scanner.FoldAndScan(&line, &found)) << line;
  return found;
}

TEST(AtomScannerTest, FindsAtomsAsciiCaseInsensitively) {
  AtomScanner scanner({"copyright", "版权", "年", "qq", "→"});
  EXPECT_EQ(Found(scanner, "Copyright 2020 新华网"), (std::vector<int>{0}));
  EXPECT_EQ(Found(scanner, "COPYRIGHT, QQ空间"), (std::vector<int>{0, 3}));
  EXPECT_EQ(Found(scanner, "2022年版权所有"), (std::vector<int>{1, 2}));
  EXPECT_EQ(Found(scanner, "首页→新闻"), (std::vector<int>{4}));
  EXPECT_EQ(Found(scanner, "copyrigh 版 权 q"), (std::vector<int>{}));  // near misses
  EXPECT_EQ(Found(scanner, ""), (std::vector<int>{}));
}

TEST(AtomScannerTest, FoldsTheLineBeforeComparingLongerAtoms) {
  AtomScanner scanner({"版权所有", "转载"});
  std::string line = "版權所有，轉載必究";
  std::vector<int> found;
  ASSERT_TRUE(scanner.FoldAndScan(&line, &found));
  EXPECT_EQ(found, (std::vector<int>{0, 1}));
  EXPECT_EQ(line, "版权所有，转载必究");  // folded in place, same length
}

TEST(AtomScannerTest, NonAsciiCasedLettersLeaveTheLineUndecided) {
  AtomScanner scanner({"rights"});
  for (std::string line : {"all rightſ reserved", "ＡＬＬ", "Ñandú", "ΑΒΓ", "Привет"}) {
    std::vector<int> found = {7};
    EXPECT_FALSE(scanner.FoldAndScan(&line, &found)) << line;
    EXPECT_TRUE(found.empty());
  }
  // A cased character deep in a run of Han.
  for (int run : {1, 40, 200}) {
    std::string line;
    for (int k = 0; k < run; ++k) line += "党";
    line += "Ａ建";
    std::vector<int> found;
    EXPECT_FALSE(scanner.FoldAndScan(&line, &found)) << run;
  }
  // Han, punctuation, digits and full-width punctuation have no case.
  std::vector<int> found;
  std::string line = "党建工作，１２３。rights";
  EXPECT_TRUE(scanner.FoldAndScan(&line, &found));
  EXPECT_EQ(found, (std::vector<int>{0}));
}

TEST(AtomScannerTest, EmptyAtomsAndSupplementaryCharacters) {
  AtomScanner scanner({"", "\U00020000字", "字"});
  EXPECT_EQ(Found(scanner, "无"), (std::vector<int>{0}));
  EXPECT_EQ(Found(scanner, "前\U00020000字后"), (std::vector<int>{0, 1, 2}));
}

// Atoms are found wherever their anchor (their least common character) sits:
// first, last or inside, at the start or end of the line, after characters
// that fold, with the anchor itself folded from traditional script.
TEST(AtomScannerTest, FindsAtomsByTheirLeastCommonCharacter) {
  // "的" and "是" are very common, "撰" and "稿" are not: the anchors of 0 and 1
  // are their last characters, of 2 its middle one.
  AtomScanner scanner({"的撰", "是稿", "的撰稿是", "撰"});
  EXPECT_EQ(Found(scanner, "的撰"), (std::vector<int>{0, 3}));
  EXPECT_EQ(Found(scanner, "他是稿件的撰稿是"), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(Found(scanner, "撰的稿是"), (std::vector<int>{3}));
  EXPECT_EQ(Found(scanner, "是 稿，的 撰"), (std::vector<int>{3}));
  // Anchors and their neighbours written in traditional script.
  AtomScanner trad({"报导", "记者"});
  EXPECT_EQ(Found(trad, "本報記者報告"), (std::vector<int>{1}));
  EXPECT_EQ(Found(trad, "報導記者"), (std::vector<int>{0, 1}));
}

// Scans `trials` random lines of up to `max_length` characters of `alphabet`
// and checks what the scanner finds and how it folds against find() on the
// line folded and lowered.
void ExpectAgreesWithSubstringSearch(const std::vector<std::string>& atoms,
                                     const std::vector<std::string>& alphabet, uint32_t seed,
                                     int trials, int max_length) {
  AtomScanner scanner(atoms);
  std::mt19937 rng(seed);
  for (int trial = 0; trial < trials; ++trial) {
    std::string line;
    const int length = static_cast<int>(rng() % static_cast<uint32_t>(max_length));
    for (int k = 0; k < length; ++k) line += alphabet[rng() % alphabet.size()];
    std::string folded = line;
    ScriptTables::Get().FoldToSimplified(&folded);
    for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::vector<int> expected;
    for (size_t a = 0; a < atoms.size(); ++a) {
      if (folded.find(atoms[a]) != std::string::npos) expected.push_back(static_cast<int>(a));
    }
    std::string scanned = line;
    std::vector<int> found;
    ASSERT_TRUE(scanner.FoldAndScan(&scanned, &found)) << line;
    EXPECT_EQ(found, expected) << line;
    std::string lowered_scan = scanned;
    for (char& c : lowered_scan) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(lowered_scan, folded) << line;
    // The same with the view: the same atoms and fold.
    std::string viewed = line;
    std::vector<int> found_with_view;
    std::vector<char32_t> view;
    size_t view_end = 0;
    ASSERT_TRUE(scanner.FoldScanAndView(&viewed, &found_with_view, &view, &view_end)) << line;
    EXPECT_EQ(found_with_view, found) << line;
    EXPECT_EQ(viewed, scanned) << line;
  }
}

// A table entry holds 2,047 slots (slot 0 among them): atoms that need more
// leave every line undecided, so that the prefilter lets every rule through,
// and the line is folded and its view written all the same.
TEST(AtomScannerTest, MoreCharactersThanAnEntryHoldsLeaveLinesUndecided) {
  std::vector<std::string> atoms;
  for (char32_t cp = 0x4E00; atoms.size() < 2047; ++cp) {
    std::string c;
    AppendUtf8(cp, &c);
    atoms.push_back(c);
  }
  const std::string line = "一丁國" + atoms[2045] + atoms[2046];
  std::vector<char32_t> expected_view;
  ScriptTables::Get().AppendMatchView(line, &expected_view);
  std::string expected_fold = line;
  ScriptTables::Get().FoldToSimplified(&expected_fold);
  for (size_t count : {2046, 2047}) {
    AtomScanner scanner(std::vector<std::string>(atoms.begin(), atoms.begin() + count));
    std::string scanned = line;
    std::vector<int> found;
    std::vector<char32_t> view;
    size_t view_end = 0;
    const bool decided = scanner.FoldScanAndView(&scanned, &found, &view, &view_end);
    EXPECT_EQ(scanned, expected_fold) << count;
    view.resize(view_end);
    EXPECT_EQ(view, expected_view) << count;
    if (count == 2046) {
      ASSERT_TRUE(decided);
      EXPECT_EQ(found, (std::vector<int>{0, 1, 2045}));
    } else {
      EXPECT_FALSE(decided);
      EXPECT_TRUE(found.empty());
    }
  }
}

// What FoldScanAndView leaves: the line folded and the atoms found as
// FoldAndScan does, and the view of the line as it was written after what the
// buffer held, as ScriptTables::WriteMatchView writes it.
void ExpectScanAndViewAgree(const AtomScanner& scanner, const std::string& line, size_t view_at) {
  std::string plain = line;
  std::vector<int> plain_found;
  const bool plain_decided = scanner.FoldAndScan(&plain, &plain_found);
  std::vector<char32_t> expected(view_at, U'前');
  expected.resize(ScriptTables::Get().WriteMatchView(line, &expected, view_at));
  std::string viewed = line;
  std::vector<int> found;
  std::vector<char32_t> view(view_at, U'前');
  view.resize(view_at + 3, U'后');  // scratch past the start, overwritten or left
  size_t view_end = view_at;
  ASSERT_EQ(scanner.FoldScanAndView(&viewed, &found, &view, &view_end), plain_decided) << line;
  EXPECT_EQ(found, plain_found) << line;
  EXPECT_EQ(viewed, plain) << line;
  ASSERT_LE(view_end, view.size());
  view.resize(view_end);
  EXPECT_EQ(view, expected) << line;
}

// Every BMP code point and a few beyond, alone, after a character that folds
// (the scan then writes each character without a branch), between Han
// characters, and after a view of several code points; and random lines
// over characters of every kind of view: itself, none (punctuation, spaces),
// another (traditional, full-width, compatibility), several (U+FDFA is
// eighteen, "㍱" three), with case (the line is undecided, its view written
// all the same), ASCII and four-byte ones.
TEST(AtomScannerTest, ScanWithViewWritesTheMatchingView) {
  AtomScanner scanner({"国", "党", "中", "记者", "ab", "图）"});
  for (char32_t cp = 1; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string c;
    AppendUtf8(cp, &c);
    for (const std::string& line : {c, "國" + c + "中", "中" + c + "中", "\uFDFA" + c}) {
      ExpectScanAndViewAgree(scanner, line, 0);
      if (HasFailure()) return;
    }
  }
  for (char32_t cp : {U'\U00020000', U'\U0002F800', U'\U0001D400', U'\U0001F600'}) {
    std::string c;
    AppendUtf8(cp, &c);
    ExpectScanAndViewAgree(scanner, "國" + c + "中", 2);
  }
  const std::vector<std::string> alphabet = {
      "记",         "者",     "記",     "國", "国", "黨",     "中", "，", "。",
      "“",          "（",     "圖",     "）", " ",  "\u3000", "a",  "B",  "1",
      "!",          "Ａ",     "１",     "é",  "Ω",  "\uFDFA", "㍱", "①",  "\U00020000",
      "\U0001D400", "\u00A0", "\u200B", "\t", "丽", "\uF900"};
  std::mt19937 rng(20261203);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string line;
    const int length = static_cast<int>(rng() % 60);
    for (int k = 0; k < length; ++k) line += alphabet[rng() % alphabet.size()];
    ExpectScanAndViewAgree(scanner, line, rng() % 3);
    if (HasFailure()) return;
  }
  // Views of several code points in a row outgrow the code point a byte the
  // buffer starts with.
  std::string many;
  for (int k = 0; k < 500; ++k) many += "\uFDFA";
  ExpectScanAndViewAgree(scanner, many + "中國" + many, 7);
}

// Against a reference: the line folded by ScriptTables, ASCII letters
// lowered, and each atom looked for with find(). Random lines over an
// alphabet of the atoms' characters, their traditional forms, ASCII letters
// in both cases, digits, spaces and punctuation, and a character beyond the
// BMP.
TEST(AtomScannerTest, AgreesWithPlainSubstringSearchOnRandomLines) {
  const std::vector<std::string> atoms = {"新华社", "记者", "报道", "年",        "月",   "日",
                                          "中新网", "ab",   "x",    "中",        "编辑", "责任编辑",
                                          "(",      "（图", "图）", "\U00020000"};
  const std::vector<std::string> alphabet = {
      "新", "华", "社", "记", "者", "報", "導", "報道", "年", "月", "日",        "中",
      "網", "网", "編", "輯", "责", "任", "a",  "A",    "b",  "B",  "x",         "X",
      "1",  " ",  "，", "(",  "（", "图", "圖", "）",   "的", "是", "\U00020000"};
  ExpectAgreesWithSubstringSearch(atoms, alphabet, 20261202, 4000, 40);
}

// More one-character atoms than one 16-slot step reads, in a count that
// leaves a partial last step, mixed with longer atoms that share characters
// with them.
TEST(AtomScannerTest, ManyOneCharacterAtomsAcrossSteps) {
  std::vector<std::string> atoms;
  for (char c = 'a'; c <= 'z'; ++c) atoms.push_back(std::string(1, c));
  for (const char* han : {"年", "月", "日", "中", "国", "新", "闻", "网", "图", "报", "社"}) {
    atoms.push_back(han);
  }
  atoms.insert(atoms.end(), {"新闻", "中国", "ab", "报社", "图片"});
  std::sort(atoms.begin(), atoms.end());  // as the prefilter numbers them
  const std::vector<std::string> alphabet = {"a",  "Q",  "z",  "m",  "年", "日", "中", "國", "新",
                                             "聞", "網", "图", "報", "社", "片", "的", " ",  "1"};
  ExpectAgreesWithSubstringSearch(atoms, alphabet, 20261203, 3000, 12);
}

// Every three-byte character that folds, alone (the scan meets it in its
// first run) and after one that folded (in the run that writes each
// character's simplified bytes back without a branch), is folded as
// ScriptTables folds it, and its simplified form is found as an atom.
TEST(AtomScannerTest, FoldsEveryThreeByteCharacterAsTheTablesDo) {
  const ScriptTables& tables = ScriptTables::Get();
  std::vector<char32_t> folding;
  for (char32_t cp = 0x800; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (tables.ToSimplified(cp) != cp && !tables.HasCaseBeyondAscii(cp)) folding.push_back(cp);
  }
  ASSERT_GT(folding.size(), 2000u);
  AtomScanner scanner({"国", "党", "中"});
  std::string all = "國";
  for (char32_t cp : folding) {
    std::string c;
    AppendUtf8(cp, &c);
    std::string want = c;
    tables.FoldToSimplified(&want);
    for (const std::string& line : {c, "國" + c + "中", "黨中" + c}) {
      std::string scanned = line;
      std::vector<int> found;
      ASSERT_TRUE(scanner.FoldAndScan(&scanned, &found)) << line;
      std::string expected = line;
      tables.FoldToSimplified(&expected);
      ASSERT_EQ(scanned, expected) << std::hex << static_cast<uint32_t>(cp);
    }
    all += c + "中";
  }
  std::string expected = all;
  tables.FoldToSimplified(&expected);
  std::vector<int> found;
  ASSERT_TRUE(scanner.FoldAndScan(&all, &found));
  EXPECT_EQ(all, expected);
  EXPECT_EQ(found, (std::vector<int>{0, 1, 2}));  // 國 and 黨 are among them
}

// Lines with more anchors than the scan notes inline (1,024): runs of
// anchors of every length around that bound, the atom at the start, past the
// bound, or after a character that folds (which leaves the fast loop).
TEST(AtomScannerTest, LinesWithMoreAnchorsThanTheInlineList) {
  AtomScanner scanner({"的撰", "是稿", "的撰稿是", "撰"});  // "撰" anchors 0 and 2
  for (int run : {1, 1000, 1023, 1024, 1025, 2047, 2048, 2049, 5000}) {
    std::string anchors;
    for (int k = 0; k < run; ++k) anchors += "撰";
    EXPECT_EQ(Found(scanner, anchors + "的撰"), (std::vector<int>{0, 3})) << run;
    EXPECT_EQ(Found(scanner, "的撰" + anchors), (std::vector<int>{0, 3})) << run;
    EXPECT_EQ(Found(scanner, anchors + "的"), (std::vector<int>{3})) << run;
    EXPECT_EQ(Found(scanner, anchors + "書的撰稿是" + anchors), (std::vector<int>{0, 2, 3})) << run;
  }
  // Long random lines dense with anchors, against plain substring search.
  const std::vector<std::string> atoms = {"新华社", "记者", "报道", "中新网", "网", "社"};
  const std::vector<std::string> alphabet = {"新", "华", "社", "记", "者", "報", "導", "报",
                                             "道", "中", "网", "網", "，", "a",  " "};
  ExpectAgreesWithSubstringSearch(atoms, alphabet, 20261204, 300, 4000);
}

TEST(RulePrefilterTest, RunsOnlyRulesWhoseLiteralsAreThere) {
  RulePrefilter prefilter;
  std::string error;
  ASSERT_TRUE(prefilter.Add("本站(?:所有)?内容.{0,40}", &error));  // 0: needs 本站, 内容
  ASSERT_TRUE(prefilter.Add("(?:微信|微博)分享", &error));  // 1: (微信 or 微博) and 分享
  ASSERT_TRUE(prefilter.Add("\\p{Han}{4}", &error));        // 2: no literal: always runs
  ASSERT_TRUE(prefilter.Add("(?i:copyright)", &error));     // 3: copyright, any case
  ASSERT_TRUE(prefilter.Add("第\\d+版", &error));           // 4: 第 and 版 (RE2 drops the digits)
  EXPECT_FALSE(prefilter.Add("(unclosed", &error));
  EXPECT_NE(error.find("missing )"), std::string::npos) << error;
  prefilter.Compile();
  auto candidates = [&](std::string line) {
    std::vector<int> ids;
    prefilter.Candidates(&line, &ids);
    return ids;
  };
  EXPECT_EQ(candidates("普通的一段新闻正文。"), (std::vector<int>{2}));
  EXPECT_EQ(candidates("本站所有内容均为原创"), (std::vector<int>{0, 2}));
  EXPECT_EQ(candidates("本站新闻"), (std::vector<int>{2}));  // 内容 missing
  EXPECT_EQ(candidates("微博分享"), (std::vector<int>{1, 2}));
  EXPECT_EQ(candidates("微信 微博"), (std::vector<int>{2}));  // 分享 missing
  EXPECT_EQ(candidates("COPYRIGHT 2020"), (std::vector<int>{2, 3}));
  EXPECT_EQ(candidates("本站內容"), (std::vector<int>{0, 2}));  // folded to simplified first
  // A line with a non-ASCII cased letter runs every rule.
  EXPECT_EQ(candidates("Ｃopyright"), (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(candidates("第3版"), (std::vector<int>{2, 4}));
  EXPECT_EQ(candidates("第3期"), (std::vector<int>{2}));  // no 版
}

TEST(RulePrefilterTest, RulesGivenWithClausesAreCompiledOnFirstUse) {
  RulePrefilter prefilter;
  std::string error;
  prefilter.Add("本站(?:所有)?内容.{0,40}", RuleClauses{{"本站"}, {"内容"}});
  ASSERT_TRUE(prefilter.Add("(?:微信|微博)分享", &error));  // derived at Compile()
  prefilter.Compile();
  std::string line = "本站所有内容均为原创";
  std::vector<int> ids;
  prefilter.Candidates(&line, &ids);
  EXPECT_EQ(ids, (std::vector<int>{0}));
  EXPECT_TRUE(RE2::FullMatch(line, prefilter.rule(0)));
  EXPECT_TRUE(RE2::FullMatch("微博分享", prefilter.rule(1)));
}

// The table generated at build time holds, for every built-in rule, exactly
// the clauses start-up would derive: the generator and the library agree.
TEST(BuiltinRuleClausesTest, EveryBuiltInRuleHasItsDerivedClauses) {
  std::vector<std::string> patterns;
  for (const RuleSpec& spec : BuiltinRules()) patterns.push_back(ExpandRuleMacros(spec.pattern));
  const std::vector<RuleClauses> derived = DeriveRuleClauses(patterns);
  ASSERT_EQ(derived.size(), patterns.size());
  size_t with_clauses = 0;
  for (size_t r = 0; r < patterns.size(); ++r) {
    const RuleClauses* built = BuiltinRuleClauses(patterns[r]);
    ASSERT_NE(built, nullptr) << BuiltinRules()[r].name;
    EXPECT_EQ(*built, derived[r]) << BuiltinRules()[r].name;
    with_clauses += !built->empty();
  }
  EXPECT_GT(with_clauses, patterns.size() * 9 / 10);          // nearly every rule is filtered
  EXPECT_EQ(BuiltinRuleClauses("本站内容.{0,40}"), nullptr);  // a user rule's pattern
}

// Every built-in rule that matches a line (anywhere in it) must be among the
// rules the prefilter lets through: the filter may only ever say "maybe".
class PrefilterSoundnessTest : public ::testing::Test {
 protected:
  PrefilterSoundnessTest() {
    std::string error;
    // As the boilerplate stage builds it: with the clauses derived at build time.
    for (const RuleSpec& spec : BuiltinRules()) {
      const std::string pattern = ExpandRuleMacros(spec.pattern);
      const RuleClauses* clauses = BuiltinRuleClauses(pattern);
      EXPECT_NE(clauses, nullptr) << spec.name;
      if (clauses != nullptr) prefilter_.Add(pattern, *clauses);
      names_.push_back(spec.name);
    }
    prefilter_.Compile();
  }

  // Checks `line`; returns how many rules matched it.
  int Check(const std::string& line) {
    std::string folded = line;
    std::vector<int> candidates;
    prefilter_.Candidates(&folded, &candidates);
    int matched = 0;
    for (int id = 0; id < prefilter_.size(); ++id) {
      if (!RE2::PartialMatch(folded, prefilter_.rule(id))) continue;
      ++matched;
      EXPECT_TRUE(std::binary_search(candidates.begin(), candidates.end(), id))
          << "rule " << names_[id] << " matches but was filtered out: " << line;
    }
    candidates_ += candidates.size();
    ++lines_;
    return matched;
  }

  RulePrefilter prefilter_;
  std::vector<std::string> names_;
  size_t candidates_ = 0, lines_ = 0;
};

TEST_F(PrefilterSoundnessTest, NoMatchingRuleIsFilteredOutOnTheSeedsOrPlantedLines) {
  int matched = 0;
  std::vector<std::string> lines;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(NEWSCLEAN_FIXTURES_DIR) + "/seeds")) {
    std::string text = ReadFile(entry.path().string());
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      lines.push_back(text.substr(pos, nl - pos));
      pos = nl + 1;
    }
  }
  const std::vector<std::string> planted = {
      "COPYRIGHT © 2020 XINHUA. ALL RIGHTS RESERVED.",
      "版權所有 未經授權不得轉載",
      "Copyright ? 2003-2022 Example Corp All Rights Reserved",
      "京ICP备12345678号",
      "沪公网安备31010102002号",
      "分享到：微信 微博 QQ空间",
      "微信“扫一扫”分享到朋友圈",
      "扫描二维码关注公众号",
      "首页 >> 党建 >> 正文",
      "当前位置：首页 > 新闻",
      "（责任编辑：王五）",
      "编辑：张三",
      "2022-06-08 10:20 来源：人民网",
      "2022年06月08日 星期三",
      "来源：新华社",
      "本报记者 李四 王五",
      "作者：张三",
      "（记者 张三）",
      "【字号 大 中 小】",
      "原标题：某某某",
      "上一篇：某某",
      "（下转第2版）",
      "第3版",
      "- 12 -",
      "3/12",
      "共5页",
      "免责声明：本文仅代表作者观点。",
      "本报讯（记者 张三）今天",
      "转载请注明出处。",
      "版权声明：本文版权归作者所有，未经许可不得转载，违者追究法律责任。",
      "正文。(实习编辑:王五)正文继续。",
      "分享到:微信|微博",
      "all rightſ reserved copyright",
  };
  lines.insert(lines.end(), planted.begin(), planted.end());
  // Each planted line also inside content, upper-cased ASCII, and traditional.
  for (const std::string& p : planted) {
    lines.push_back("党建工作取得新进展。" + p + "正文继续。");
    std::string upper = p;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    lines.push_back(upper);
    lines.push_back(ScriptTables::Get().ToTraditionalText(p));
  }
  for (const std::string& line : lines) matched += Check(line);
  EXPECT_GT(matched, 80);  // the check saw rules match, not only misses
  // And it filters: far fewer rules run than there are.
  EXPECT_LT(candidates_, lines_ * static_cast<size_t>(prefilter_.size()) / 4);
}

TEST_F(PrefilterSoundnessTest, NoMatchingRuleIsFilteredOutOnRandomMixtures) {
  // Lines spliced from pieces of the planted lines and common characters: each
  // piece may supply part of a rule's literals, never all of them by design.
  const std::vector<std::string> pieces = {
      "版",       "权",       "所",   "有",     "版权所有", "copyright", "Copyright", "all",
      "rights",   "reserved", "ICP",  "备",     "公网安备", "12345678",  "2022",      "年",
      "月",       "日",       "-",    "/",      ":",        "：",        " ",         "\u3000",
      "（",       "）",       "(",    ")",      "【",       "】",        "记者",      "编辑",
      "责任编辑", "来源",     "作者", "分享到", "微信",     "微博",      "扫一扫",    ">>",
      ">",        "→",        "首页", "党建",   "第",       "版",        "页",        "共",
      "大",       "中",       "小",   "字号",   "星期三",   "本报讯",    "转载",      "未经",
      "授权",     "不得",     "。",   "，",     "免责声明", "原标题",    "上一篇",    "下转",
      "文",       "图",       "张三", "李四"};
  std::mt19937 rng(20261129);
  int matched = 0;
  for (int i = 0; i < 4000; ++i) {
    std::string line;
    int n = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < n; ++k) line += pieces[rng() % pieces.size()];
    matched += Check(line);
  }
  EXPECT_GT(matched, 400);
}

}  // namespace
}  // namespace newsclean
