// newsclean check and explain: every finding kind, every report format, the
// exit statuses, limits from flags and config files, mojibake detection.
#include "newsclean/check.h"

#include <simdjson.h>
#include <sys/wait.h>
#include <tinyxml2.h>

#include <filesystem>
#include <set>

#include "gtest/gtest.h"
#include "newsclean/explain.h"
#include "newsclean/reader.h"
#include "src/check/mojibake.h"
#include "src/text/match_view_access.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

const std::string kFixtures = NEWSCLEAN_FIXTURES_DIR;
const std::string kBody =
    "今年以来,铁岭市立足本市实际,制定了实施方案,持续加强基本队伍建设,推动基层党组织全面进步。";

std::string Rec(const std::string& id, const std::string& text) {
  return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}\n";
}

const char* const kBodies[] = {
    "铁岭市立足本市实际,制定了实施方案,持续加强基本队伍建设。",
    "开原市借鉴农村大喇叭的经验,在全市范围内实施了村村通工程。",
    "昌图县委组织部创新建立了党建联系点制度,跟踪推进重点工作。",
    "银州区深入挖掘千年古城历史文脉,丰富红色文化教育内涵。",
    "清河区通过一核引领两会统筹,倾力构筑党建新格局。",
    "苏家屯区委持续深化街道大工委和社区大党委建设。",
    "新民市实施双引四擎一提升行动,为创建工作积蓄力量。",
    "辽中区坚持把建设过硬队伍作为推动乡村振兴的关键。",
};

// A feed with one document of each finding kind, in this order.
std::string ProblemFeed(const std::string& dir) {
  std::string feed;
  feed += Rec("gloss", "黨(dang) 組織發(fa) 展,國(guo) 家。" + std::string(kBodies[0]));  // line 1
  feed += Rec("boiler", "分享\\n" + std::string(kBodies[1]));                             // line 2
  feed += Rec("copy",
              std::string(kBodies[2]) + "\\n版权所有 © 2022 人民网 未经授权不得转载。");  // line 3
  feed += Rec("broken",
              std::string(kBodies[3]) + "村里有不少\\n\\n建档立卡贫困户无力脱贫。");  // line 4
  feed += Rec("repeat",
              std::string(kBodies[4]) +
                  "\\n抓党建需要找准群众情感脉搏。\\n抓党建需要找准群众情感脉搏。");   // line 5
  feed += Rec("dup", "分享\\n" + std::string(kBodies[1]));                             // line 6
  feed += "{\"id\":\"utf8\",\"text\":\"" + std::string(kBodies[5]) + "\xff\xfe\"}\n";  // line 7
  feed += Rec("moji", std::string(kBodies[6]) + " ä¸­å›½ 人民");                       // line 8
  feed += "{\"id\":\"bad\",\"text\": oops}\n";                                         // line 9
  feed += Rec("empty", "分享\\n编辑:唐依婷");                                          // line 10
  std::string path = dir + "/feed.jsonl";
  WriteFile(path, feed);
  return path;
}

CheckResult Check(const std::string& path, Limits limits = DefaultLimits()) {
  auto cleaner = Cleaner::Create(CleanOptions());
  EXPECT_TRUE(cleaner.ok());
  CheckOptions options;
  options.pipeline.inputs = {path};
  options.limits = limits;
  auto result = RunCheck(**cleaner, options);
  EXPECT_TRUE(result.ok()) << result.status().message();
  return *result;
}

TEST(CheckTest, FindsEveryKindWithFileLineIdAndExcerpt) {
  std::string dir = MakeTempDir("check_kinds");
  std::string path = ProblemFeed(dir);
  CheckResult r = Check(path);
  EXPECT_EQ(r.documents, 10u);
  struct Want {
    FindingKind kind;
    size_t line;
    const char* id;
    const char* excerpt_part;
  };
  const Want wants[] = {
      {FindingKind::kPinyinGloss, 1, "gloss", "(dang)"},
      {FindingKind::kBoilerplate, 2, "boiler", "分享"},
      {FindingKind::kCopyright, 3, "copy", "版权所有"},
      {FindingKind::kBrokenParagraph, 4, "broken", "村里有不少⏎建档立卡"},
      {FindingKind::kRepeatedParagraph, 5, "repeat", "抓党建需要"},
      {FindingKind::kDuplicateDocument, 6, "dup", "duplicates boiler"},
      {FindingKind::kInvalidUtf8, 7, "utf8", "\uFFFD"},
      {FindingKind::kMojibake, 8, "moji", "reads as 中国"},
      {FindingKind::kMalformedRecord, 9, "", "invalid JSON"},
      {FindingKind::kEmptyDocument, 10, "empty", "分享"},
  };
  for (const Want& w : wants) {
    bool found = false;
    for (const Finding& f : r.findings) {
      if (f.kind != w.kind || f.line != w.line) continue;
      found = true;
      EXPECT_EQ(f.file, path);
      EXPECT_EQ(f.id, w.id);
      EXPECT_NE(f.excerpt.find(w.excerpt_part), std::string::npos) << f.excerpt;
    }
    EXPECT_TRUE(found) << FindingKindName(w.kind);
    EXPECT_GE(r.summary[static_cast<int>(w.kind)].documents, 1u) << FindingKindName(w.kind);
  }
  EXPECT_FALSE(r.passed);
  // Findings come in input order, the malformed line's among the others.
  for (size_t i = 1; i < r.findings.size(); ++i) {
    EXPECT_LE(r.findings[i - 1].line, r.findings[i].line) << i;
  }
  // Only the planted copy is a duplicate, of the right original, exactly.
  EXPECT_EQ(r.summary[static_cast<int>(FindingKind::kDuplicateDocument)].documents, 1u);
  for (const Finding& f : r.findings) {
    if (f.kind == FindingKind::kMalformedRecord) {
      EXPECT_EQ(f.excerpt.find(path), std::string::npos);
    }
    if (f.kind == FindingKind::kDuplicateDocument) {
      EXPECT_EQ(f.id, "dup");
      EXPECT_EQ(f.rule, "exact-duplicate");
    }
  }
}

TEST(CheckTest, InMemoryCheckerFindsWhatRunCheckFinds) {
  std::string dir = MakeTempDir("check_in_memory");
  std::string path = ProblemFeed(dir);
  auto cleaner = Cleaner::Create(CleanOptions());
  ASSERT_OK(cleaner.status());
  auto checker = FeedChecker::Create(cleaner->get(), CheckOptions());
  ASSERT_OK(checker.status());
  // Documents from memory: the feed's records, read here, handed over one by one.
  PipelineOptions p;
  p.inputs = {path};
  p.on_error = OnBadRecord::kSkipAndCount;
  struct Unreadable : DropReporter {
    FeedChecker* checker;
    void Dropped(const SourceLocation& where, const absl::Status& why) override {
      checker->CheckUnreadable(where, why);
    }
  } unreadable;
  unreadable.checker = checker->get();
  auto reader = DocumentReader::Open(p, &unreadable);
  ASSERT_OK(reader.status());
  Document doc;
  while ((*reader)->Next(&doc)) {
    (*checker)->Check(&doc);
    // The matching view the checker had the cleaner leave is gone with the call.
    EXPECT_FALSE(MatchViewAccess::Take(doc).has_value());
  }
  ASSERT_OK((*reader)->status());
  CheckResult in_memory = (*checker)->Result();
  EXPECT_EQ(in_memory.documents, 10u);
  EXPECT_FALSE(in_memory.passed);
  EXPECT_EQ(CheckReportJson(in_memory), CheckReportJson(Check(path)));
}

TEST(CheckTest, CheckerRefusesAnIndexThatDoesNotExist) {
  auto cleaner = Cleaner::Create(CleanOptions());
  ASSERT_OK(cleaner.status());
  CheckOptions options;
  options.dedup.index_path = MakeTempDir("check_no_index") + "/missing.idx";
  auto checker = FeedChecker::Create(cleaner->get(), options);
  EXPECT_EQ(checker.status().code(), absl::StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(options.dedup.index_path));  // not created either
  options.duplicates = false;  // no duplicate search: the index is not read
  EXPECT_OK(FeedChecker::Create(cleaner->get(), options).status());
}

TEST(CheckReportTest, EachFormatByName) {
  std::string dir = MakeTempDir("check_formats");
  CheckResult r = Check(ProblemFeed(dir));
  EXPECT_EQ(CheckReport(r, *ParseCheckReportFormat("json")), CheckReportJson(r));
  EXPECT_EQ(CheckReport(r, *ParseCheckReportFormat("github")), CheckReportGithub(r));
  EXPECT_EQ(CheckReport(r, *ParseCheckReportFormat("junit")), CheckReportJunit(r));
  EXPECT_EQ(CheckReport(r, *ParseCheckReportFormat("text"), true), CheckReportText(r, true));
  EXPECT_NE(CheckReportText(r, true), CheckReportText(r, false));
  EXPECT_FALSE(ParseCheckReportFormat("xml").has_value());
}

TEST(CheckTest, CleanFeedPassesAndLimitsDecideTheVerdict) {
  std::string dir = MakeTempDir("check_limits");
  WriteFile(dir + "/clean.jsonl",
            Rec("a", kBody) + Rec("b", "全市共有党员十万名,分布在各个行业。"));
  EXPECT_TRUE(Check(dir + "/clean.jsonl").passed);

  WriteFile(dir + "/gloss.jsonl",
            Rec("a", "黨(dang) 組織發(fa) 展,國(guo) 家。") + Rec("b", kBody));
  CheckResult r = Check(dir + "/gloss.jsonl");
  EXPECT_FALSE(r.passed);
  EXPECT_TRUE(r.summary[static_cast<int>(FindingKind::kPinyinGloss)].exceeded);

  Limits limits = DefaultLimits();
  ASSERT_OK(ApplyLimit("pinyin-gloss=1", &limits));
  EXPECT_TRUE(Check(dir + "/gloss.jsonl", limits).passed);
  ASSERT_OK(ApplyLimit("pinyin-gloss=49%", &limits));  // 1 of 2 documents is 50%
  EXPECT_FALSE(Check(dir + "/gloss.jsonl", limits).passed);
  ASSERT_OK(ApplyLimit("pinyin-gloss = off", &limits));
  EXPECT_TRUE(Check(dir + "/gloss.jsonl", limits).passed);

  EXPECT_FALSE(ApplyLimit("no-such-kind=1", &limits).ok());
  EXPECT_FALSE(ApplyLimit("pinyin-gloss=lots", &limits).ok());
  EXPECT_FALSE(ApplyLimit("pinyin-gloss", &limits).ok());
  EXPECT_FALSE(ApplyLimit("pinyin-gloss=150%", &limits).ok());
}

TEST(CheckTest, LimitsFileSetsLimitsAndNamesBadLines) {
  std::string dir = MakeTempDir("check_config");
  WriteFile(dir + "/good",
            "# feed limits\npinyin-gloss = 3\n\nduplicate-document = 5%  # more copies allowed\n");
  Limits limits = DefaultLimits();
  ASSERT_OK(ApplyLimitsFile(dir + "/good", &limits));
  EXPECT_EQ(limits[static_cast<int>(FindingKind::kPinyinGloss)].type, Limit::Type::kCount);
  EXPECT_EQ(limits[static_cast<int>(FindingKind::kPinyinGloss)].value, 3);
  EXPECT_EQ(limits[static_cast<int>(FindingKind::kDuplicateDocument)].type, Limit::Type::kRate);
  EXPECT_DOUBLE_EQ(limits[static_cast<int>(FindingKind::kDuplicateDocument)].value, 0.05);
  WriteFile(dir + "/bad", "pinyin-gloss = 3\nmojibake: 0\n");
  absl::Status st = ApplyLimitsFile(dir + "/bad", &limits);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("/bad:2"), absl::string_view::npos) << st.message();
}

// Returns the string member `key` of `obj`, or "" (failing the test) if absent.
std::string Str(simdjson::dom::object obj, const char* key) {
  std::string_view v;
  EXPECT_EQ(obj[key].get(v), simdjson::SUCCESS) << key;
  return std::string(v);
}

TEST(CheckReportTest, JsonFollowsTheDocumentedSchema) {
  std::string dir = MakeTempDir("check_json");
  CheckResult r = Check(ProblemFeed(dir));
  std::string json = CheckReportJson(r);
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  ASSERT_EQ(parser.parse(json).get(root), simdjson::SUCCESS) << json;
  EXPECT_EQ(Str(root, "schema"), "newsclean-check/1");
  uint64_t documents = 0;
  bool passed = true, truncated = true;
  ASSERT_EQ(root["documents"].get(documents), simdjson::SUCCESS);
  ASSERT_EQ(root["passed"].get(passed), simdjson::SUCCESS);
  ASSERT_EQ(root["findings_truncated"].get(truncated), simdjson::SUCCESS);
  EXPECT_EQ(documents, 10u);
  EXPECT_FALSE(passed);
  EXPECT_FALSE(truncated);
  std::set<std::string> kinds;
  for (int k = 0; k < kNumFindingKinds; ++k)
    kinds.insert(std::string(FindingKindName(static_cast<FindingKind>(k))));
  simdjson::dom::array findings, summary, exceeded;
  ASSERT_EQ(root["findings"].get(findings), simdjson::SUCCESS);
  ASSERT_EQ(root["summary"].get(summary), simdjson::SUCCESS);
  ASSERT_EQ(root["exceeded"].get(exceeded), simdjson::SUCCESS);
  size_t n = 0;
  for (simdjson::dom::element e : findings) {
    simdjson::dom::object f;
    ASSERT_EQ(e.get(f), simdjson::SUCCESS);
    ++n;
    EXPECT_TRUE(kinds.count(Str(f, "kind")));
    Str(f, "rule");
    Str(f, "file");
    Str(f, "id");
    Str(f, "excerpt");
    uint64_t line = 0, count = 0;
    EXPECT_EQ(f["line"].get(line), simdjson::SUCCESS);
    EXPECT_EQ(f["count"].get(count), simdjson::SUCCESS);
    EXPECT_GE(count, 1u);
  }
  EXPECT_EQ(n, r.findings.size());
  size_t summaries = 0, over = 0;
  for (simdjson::dom::element e : summary) {
    simdjson::dom::object s, limit;
    ASSERT_EQ(e.get(s), simdjson::SUCCESS);
    ++summaries;
    EXPECT_TRUE(kinds.count(Str(s, "kind")));
    uint64_t docs = 0, count = 0;
    double rate = -1;
    bool is_over = false;
    EXPECT_EQ(s["documents"].get(docs), simdjson::SUCCESS);
    EXPECT_EQ(s["findings"].get(count), simdjson::SUCCESS);
    EXPECT_EQ(s["rate"].get(rate), simdjson::SUCCESS);
    EXPECT_EQ(s["exceeded"].get(is_over), simdjson::SUCCESS);
    ASSERT_EQ(s["limit"].get(limit), simdjson::SUCCESS);
    std::string type = Str(limit, "type");
    EXPECT_TRUE(type == "count" || type == "rate" || type == "none") << type;
    simdjson::dom::element v;
    ASSERT_EQ(limit["value"].get(v), simdjson::SUCCESS);
    EXPECT_TRUE(v.is_number());
    over += is_over;
  }
  EXPECT_EQ(summaries, static_cast<size_t>(kNumFindingKinds));
  EXPECT_EQ(exceeded.size(), over);
  EXPECT_GT(over, 0u);
}

TEST(CheckReportTest, JunitParsesAndFailsTheExceededKinds) {
  std::string dir = MakeTempDir("check_junit");
  CheckResult r = Check(ProblemFeed(dir));
  std::string xml = CheckReportJunit(r);
  tinyxml2::XMLDocument doc;
  ASSERT_EQ(doc.Parse(xml.c_str()), tinyxml2::XML_SUCCESS) << xml;
  const tinyxml2::XMLElement* suites = doc.FirstChildElement("testsuites");
  ASSERT_NE(suites, nullptr);
  const tinyxml2::XMLElement* suite = suites->FirstChildElement("testsuite");
  ASSERT_NE(suite, nullptr);
  int tests = 0, failures = 0;
  for (const tinyxml2::XMLElement* tc = suite->FirstChildElement("testcase"); tc != nullptr;
       tc = tc->NextSiblingElement("testcase")) {
    ++tests;
    std::optional<FindingKind> kind = ParseFindingKind(tc->Attribute("name"));
    ASSERT_TRUE(kind.has_value()) << tc->Attribute("name");
    bool failed = tc->FirstChildElement("failure") != nullptr;
    EXPECT_EQ(failed, r.summary[static_cast<int>(*kind)].exceeded) << tc->Attribute("name");
    failures += failed;
  }
  EXPECT_EQ(tests, kNumFindingKinds);
  EXPECT_EQ(suite->IntAttribute("failures"), failures);
  EXPECT_EQ(suites->IntAttribute("failures"), failures);
  EXPECT_GT(failures, 0);
}

TEST(CheckReportTest, JunitEscapesWhatXmlForbids) {
  std::string dir = MakeTempDir("check_junit_chars");
  // Noncharacters and a control character in an excerpt: the report must
  // still be XML (a strict parser refuses U+FFFE and U+FFFF).
  WriteFile(dir + "/feed.jsonl", Rec("odd\xEF\xBF\xBE\xEF\xBF\xBF\\u0001",
                                     "黨(dang) 組織發(fa) 展。" + std::string(kBodies[0])));
  CheckResult r = Check(dir + "/feed.jsonl");
  std::string xml = CheckReportJunit(r);
  EXPECT_EQ(xml.find("\xEF\xBF\xBE"), std::string::npos);
  EXPECT_EQ(xml.find("\xEF\xBF\xBF"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_NE(xml.find("[odd\xEF\xBF\xBD\xEF\xBF\xBD "), std::string::npos)
      << xml;  // U+FFFD, U+FFFD, space
  tinyxml2::XMLDocument doc;
  EXPECT_EQ(doc.Parse(xml.c_str()), tinyxml2::XML_SUCCESS) << xml;
}

TEST(CheckReportTest, GithubAnnotationsAndTextSummary) {
  std::string dir = MakeTempDir("check_github");
  std::string path = ProblemFeed(dir);
  CheckResult r = Check(path);
  std::string gh = CheckReportGithub(r);
  EXPECT_NE(gh.find("::error file=" + path + ",line=1,title=newsclean pinyin-gloss::[gloss] "),
            std::string::npos)
      << gh;
  EXPECT_NE(gh.find("::warning file=" + path + ",line=2,title=newsclean boilerplate::"),
            std::string::npos)
      << gh;
  EXPECT_NE(gh.find("::error title=newsclean check::10 documents checked; over limits: "),
            std::string::npos)
      << gh;
  for (size_t at = 0; at < gh.size(); at = gh.find('\n', at) + 1) {
    EXPECT_EQ(gh.compare(at, 2, "::"), 0) << gh.substr(at, 60);
  }
  std::string text = CheckReportText(r, false);
  EXPECT_NE(text.find("newsclean check: 10 documents checked"), std::string::npos);
  EXPECT_NE(text.find("verdict: FAIL — "), std::string::npos) << text;
  EXPECT_EQ(text.find("\x1b["), std::string::npos);  // no colour unless asked
  EXPECT_NE(CheckReportText(r, true).find("\x1b[1;31mFAIL"), std::string::npos);
}

TEST(MojibakeTest, FindsUtf8ReadAsLatin1ButNotLatinText) {
  std::vector<MojibakeSpan> m = FindMojibake("标题 ä¸­å›½ 内容");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].kind, "utf8-as-latin1");
  EXPECT_EQ(m[0].decoded, "中国");
  EXPECT_TRUE(FindMojibake("café naïve Straße, São Paulo — “quoted” €5").empty());
  EXPECT_TRUE(FindMojibake("今年以来,铁岭市立足本市实际。").empty());
}

TEST(MojibakeTest, FindsReplacementCharactersAndRareCharacterRuns) {
  std::string gbk_as_utf8 = "今年\uFFFD\uFFFD以来\uFFFD铁岭市";
  ASSERT_FALSE(FindMojibake(gbk_as_utf8).empty());
  EXPECT_EQ(FindMojibake(gbk_as_utf8).back().kind, "replacement-characters");
  std::vector<MojibakeSpan> rare = FindMojibake("今年以来铁岭市\u3400\u3401\u3402\u3403立足本市");
  ASSERT_EQ(rare.size(), 1u);
  EXPECT_EQ(rare[0].kind, "rare-character-run");
  EXPECT_TRUE(FindMojibake("今年以来铁岭市\u3400立足本市").empty());  // one rare character is fine
}

// Runs the CLI; returns the exit status, stdout in *out.
int Cli(const std::string& args, std::string* out, const std::string& cwd = "") {
  std::string dir = MakeTempDir("check_cli_out");
  std::string cmd = (cwd.empty() ? "" : "cd " + cwd + " && ") + std::string(NEWSCLEAN_BINARY) +
                    " " + args + " > " + dir + "/out 2> " + dir + "/err";
  int status = std::system(cmd.c_str());
  *out = ReadFile(dir + "/out") + ReadFile(dir + "/err");
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(CheckCliTest, ExitStatusIsZeroOneOrTwo) {
  std::string dir = MakeTempDir("check_cli");
  std::string out;
  WriteFile(dir + "/clean.jsonl", Rec("a", kBody));
  EXPECT_EQ(Cli("check " + dir + "/clean.jsonl", &out), 0) << out;
  EXPECT_NE(out.find("verdict: PASS"), std::string::npos) << out;
  EXPECT_EQ(Cli("check " + ProblemFeed(dir), &out), 1) << out;
  EXPECT_EQ(Cli("check /nonexistent.jsonl", &out), 2) << out;
  EXPECT_EQ(Cli("check --max nope=1 " + dir + "/clean.jsonl", &out), 2) << out;
  EXPECT_EQ(Cli("check --report-format xml " + dir + "/clean.jsonl", &out), 2) << out;
  EXPECT_EQ(Cli("check --help", &out), 0);
  EXPECT_NE(out.find("0 within limits, 1 a limit exceeded, 2 usage"), std::string::npos) << out;
}

TEST(CheckCliTest, LimitsFromFlagsAndFromTheFeedsConfigFile) {
  std::string dir = MakeTempDir("check_cli_config");
  std::string out;
  WriteFile(dir + "/gloss.jsonl", Rec("a", "黨(dang) 組織發(fa) 展,國(guo) 家。"));
  EXPECT_EQ(Cli("check gloss.jsonl", &out, dir), 1) << out;
  EXPECT_EQ(Cli("check --max pinyin-gloss=off gloss.jsonl", &out, dir), 0) << out;
  WriteFile(dir + "/.newsclean-check",
            "pinyin-gloss = 1\n");  // picked up from the current directory
  EXPECT_EQ(Cli("check gloss.jsonl", &out, dir), 0) << out;
  EXPECT_EQ(Cli("check --max pinyin-gloss=0 gloss.jsonl", &out, dir), 1) << out;  // flags win
  WriteFile(dir + "/strict.conf", "pinyin-gloss = 0\n");
  EXPECT_EQ(Cli("check --config strict.conf gloss.jsonl", &out, dir), 1) << out;
  EXPECT_EQ(Cli("check --report-format json -o report.json gloss.jsonl", &out, dir), 0) << out;
  EXPECT_NE(ReadFile(dir + "/report.json").find("\"schema\":\"newsclean-check/1\""),
            std::string::npos);
}

TEST(CheckCliTest, DuplicatesOfAnEarlierRunAreFoundThroughTheIndexWhichStaysUntouched) {
  std::string dir = MakeTempDir("check_cli_index");
  std::string out;
  std::string seeds = kFixtures + "/seeds.jsonl";
  // The index of an earlier run of clean --dedup: fingerprints of cleaned texts, as check makes.
  ASSERT_EQ(Cli("clean --dedup " + seeds + " --index " + dir + "/feed.idx -o /dev/null", &out), 0)
      << out;
  std::string before = ReadFile(dir + "/feed.idx");
  EXPECT_EQ(Cli("check --max duplicate-document=0 --report-format json --index " + dir +
                    "/feed.idx " + seeds,
                &out),
            1);
  EXPECT_NE(out.find("\"kind\":\"duplicate-document\",\"documents\":5"), std::string::npos) << out;
  EXPECT_EQ(ReadFile(dir + "/feed.idx"), before);
  EXPECT_EQ(Cli("check --index " + dir + "/missing.idx " + seeds, &out), 2) << out;
}

class ExplainFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ExplainFixtureTest, MatchesReviewedExpectedOutput) {
  std::string out;
  ASSERT_EQ(Cli("explain --color never " + kFixtures + "/seeds/" + GetParam() + ".txt", &out), 0)
      << out;
  std::string expected = ReadFile(kFixtures + "/expected/" + GetParam() + ".explain.txt");
  ASSERT_FALSE(expected.empty());
  // The last line names the input by path; compare the rest.
  EXPECT_EQ(out.substr(0, out.rfind("\n# ")), expected.substr(0, expected.rfind("\n# ")));
}

INSTANTIATE_TEST_SUITE_P(Seeds, ExplainFixtureTest,
                         ::testing::Values("000_27ab69a333f3fae7", "001_5f273f7fff855111",
                                           "002_7bfb4e737e40981e", "003_7b118c022a55bf6d",
                                           "004_75dfd3e5621028d9"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return "Seed" + info.param.substr(0, 3);
                         });

TEST(ExplainCliTest, PicksJsonlRecordsById) {
  std::string out;
  std::string seeds = kFixtures + "/seeds.jsonl";
  EXPECT_EQ(Cli("explain " + seeds, &out), 2);
  EXPECT_NE(out.find("holds 5 records: choose one with --id"), std::string::npos) << out;
  EXPECT_EQ(Cli("explain --color never --id 003_7b118c022a55bf6d " + seeds, &out), 0) << out;
  EXPECT_NE(out.find("[-breadcrumb: 中國共產黨新聞網>>黨建>>"), std::string::npos) << out;
  EXPECT_EQ(Cli("explain --id nope " + seeds, &out), 2);
  EXPECT_EQ(Cli("explain --color always --id 001_5f273f7fff855111 " + seeds, &out), 0);
  EXPECT_NE(out.find("\x1b[9;31m(xing) \x1b[0m"), std::string::npos) << out.substr(0, 300);
}

TEST(CheckTest, ReportsTheFurnitureOfRealPagesByRule) {
  std::string dir = MakeTempDir("check_real_pages");
  std::string feed;
  feed += Rec("script", "var slot = 3;\\n" + std::string(kBodies[0]));                 // line 1
  feed += Rec("dateline", "（中央社記者林某某台北3日電）" + std::string(kBodies[1]));  // line 2
  feed +=
      Rec("related", std::string(kBodies[2]) + "\\n相關新聞\\n某地發生一件事 後續追蹤");  // line 3
  WriteFile(dir + "/feed.jsonl", feed);
  CheckResult r = Check(dir + "/feed.jsonl");
  std::set<std::string> seen;
  for (const Finding& f : r.findings) {
    seen.insert(std::string(FindingKindName(f.kind)) + "/" + f.rule + "@" + std::to_string(f.line));
  }
  EXPECT_TRUE(seen.count("extraction-residue/script-statement@1"))
      << ::testing::PrintToString(seen);
  EXPECT_TRUE(seen.count("boilerplate/dateline-paren@2")) << ::testing::PrintToString(seen);
  EXPECT_TRUE(seen.count("boilerplate/related-links@3")) << ::testing::PrintToString(seen);
}

TEST(ExplainCliTest, ShowsNewFurnitureAndLineBreaksForBareCarriageReturns) {
  std::string dir = MakeTempDir("explain_real_pages");
  WriteFile(dir + "/page.txt", "〔記者王小明／高雄報導〕" + std::string(kBodies[0]) + "\r" +
                                   kBodies[1] + "\r請繼續往下閱讀...");
  std::string out;
  ASSERT_EQ(Cli("explain --color never " + dir + "/page.txt", &out), 0) << out;
  EXPECT_EQ(out.find('\r'), std::string::npos);
  EXPECT_NE(
      out.find("[-byline-bracket: 〔記者王小明／高雄報導〕-]" + std::string(kBodies[0]) + "\n"),
      std::string::npos)
      << out;
  EXPECT_NE(out.find("[-read-more: 請繼續往下閱讀...-]"), std::string::npos) << out;
}

}  // namespace
}  // namespace newsclean
