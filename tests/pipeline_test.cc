// The pipeline end to end, and the CLI's exit statuses.
#include "newsclean/pipeline.h"

#include <simdjson.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "gtest/gtest.h"
#include "src/text/script_tables.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

const std::string kFixtures = NEWSCLEAN_FIXTURES_DIR;

// A feed of the seeds many times over, with empty and malformed records.
std::string MakeFeed(const std::string& dir) {
  std::string seeds = ReadFile(kFixtures + "/seeds.jsonl");
  std::string feed;
  for (int i = 0; i < 12; ++i) {
    feed += seeds;
    feed += "{\"id\":\"empty" + std::to_string(i) + "\",\"text\":\"分享\\n编辑:唐依婷\"}\n";
  }
  std::string path = dir + "/feed.jsonl";
  WriteFile(path, feed);
  return path;
}

TEST(PipelineTest, OutputIsIdenticalForEveryThreadCountAndBatchSize) {
  std::string dir = MakeTempDir("threads");
  std::string feed = MakeFeed(dir);
  auto cleaner = Cleaner::Create(CleanOptions());
  ASSERT_OK(cleaner.status());
  std::string reference;
  for (int threads : {1, 2, 4, 7}) {
    for (size_t batch : {1, 5, 1024}) {
      PipelineOptions o;
      o.inputs = {feed};
      o.output = dir + "/out.jsonl";
      o.threads = threads;
      o.batch_documents = batch;
      o.annotate = true;
      auto stats = RunPipeline(cleaner->get(), o);
      ASSERT_OK(stats.status());
      std::string out = ReadFile(o.output);
      if (reference.empty()) reference = out;
      EXPECT_EQ(out, reference) << "threads=" << threads << " batch=" << batch;
    }
  }
  EXPECT_FALSE(reference.empty());
}

TEST(PipelineTest, EveryDocumentIsAccountedFor) {
  std::string dir = MakeTempDir("account");
  std::string feed = MakeFeed(dir);
  std::string bad = dir + "/bad.jsonl";
  WriteFile(bad, "{\"text\":\"正文一。\"}\n{broken\n");
  auto cleaner = Cleaner::Create(CleanOptions());
  ASSERT_OK(cleaner.status());
  PipelineOptions o;
  o.inputs = {feed, bad};
  o.output = dir + "/out.jsonl";
  o.on_error = OnBadRecord::kSkipAndCount;
  auto stats = RunPipeline(cleaner->get(), o);
  ASSERT_OK(stats.status());
  EXPECT_EQ(stats->documents_in, 12u * 6 + 2);
  EXPECT_EQ(stats->documents_out, 12u * 5 + 1);
  EXPECT_EQ(stats->dropped.at("empty"), 12u);
  EXPECT_EQ(stats->skipped, 1u);
  ASSERT_EQ(stats->skipped_records.size(), 1u);
  EXPECT_EQ(stats->skipped_records[0].where.line, 2u);
  EXPECT_EQ(stats->rules.at("pinyin-gloss").hits, 12u * 188);
  std::string report = ReportJson(*stats);
  EXPECT_NE(
      report.find("\"documents\": {\"in\": 74, \"out\": 61, \"dropped\": 12, \"skipped\": 1}"),
      std::string::npos)
      << report;
}

TEST(PipelineTest, DedupOutputIsIdenticalForEveryThreadCount) {
  std::string dir = MakeTempDir("dedup_threads");
  std::string feed = MakeFeed(dir);
  auto cleaner = Cleaner::Create(CleanOptions());
  ASSERT_OK(cleaner.status());
  for (DedupMode mode : {DedupMode::kDrop, DedupMode::kAnnotate}) {
    std::string reference;
    for (int threads : {1, 2, 5}) {
      PipelineOptions o;
      o.inputs = {feed};
      o.output = dir + "/out.jsonl";
      o.threads = threads;
      o.batch_documents = 7;
      o.dedup = true;
      o.dedup_options.mode = mode;
      auto stats = RunPipeline(cleaner->get(), o);
      ASSERT_OK(stats.status());
      EXPECT_EQ(stats->dedup_unique, 5u);
      EXPECT_EQ(stats->dedup_exact + stats->dedup_near, 11u * 5);
      if (mode == DedupMode::kDrop) {
        EXPECT_EQ(stats->documents_out, 5u);
        EXPECT_EQ(stats->documents_in, stats->documents_out + 12 + 55);
      } else {
        EXPECT_EQ(stats->documents_out, 60u);
      }
      std::string out = ReadFile(o.output);
      if (reference.empty()) reference = out;
      EXPECT_EQ(out, reference) << "threads=" << threads;
    }
  }
}

TEST(PipelineTest, RemovesParagraphsSeenInNOrMoreEarlierDocuments) {
  std::string dir = MakeTempDir("across");
  const std::string footer = "欢迎下载我们的新闻客户端获取更多本地资讯内容";
  std::string feed;
  for (int i = 0; i < 6; ++i) {
    feed += "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"第" + std::to_string(i) +
            "篇正文,讲述了全市基层党建工作的新进展与新成效。\\n" + footer + "\"}\n";
  }
  WriteFile(dir + "/feed.jsonl", feed);
  auto cleaner = Cleaner::Create(CleanOptions());
  ASSERT_OK(cleaner.status());
  std::string reference;
  for (int threads : {1, 3}) {
    PipelineOptions o;
    o.inputs = {dir + "/feed.jsonl"};
    o.output = dir + "/out.jsonl";
    o.threads = threads;
    o.batch_documents = 2;
    o.repeated_paragraphs = 2;
    auto stats = RunPipeline(cleaner->get(), o);
    ASSERT_OK(stats.status());
    EXPECT_EQ(stats->rules.at("repeated-across-documents").hits, 4u);  // documents 2..5
    std::string out = ReadFile(o.output);
    size_t with_footer = 0;
    for (size_t at = out.find(footer); at != std::string::npos; at = out.find(footer, at + 1))
      ++with_footer;
    EXPECT_EQ(with_footer, 2u);  // the first two documents keep it
    if (reference.empty()) reference = out;
    EXPECT_EQ(out, reference);
  }
}

// Three copies of one article (short, long, medium) and an unrelated one,
// with dates; returns the feed's path.
std::string KeepPolicyFeed(const std::string& dir) {
  std::string article = Cleaned(ReadFile(kFixtures + "/seeds/000_27ab69a333f3fae7.txt"));
  std::string unrelated = Cleaned(ReadFile(kFixtures + "/seeds/004_75dfd3e5621028d9.txt"));
  auto rec = [](const std::string& id, const std::string& date, const std::string& text) {
    std::string out = "{\"id\":\"" + id + "\"";
    if (!date.empty()) out += ",\"date\":\"" + date + "\"";
    std::string escaped;
    for (char c : text) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    return out + ",\"text\":\"" + escaped + "\"}\n";
  };
  std::string feed =
      rec("short", "2022-07-28", article) + rec("other", "", unrelated) +
      rec("long", "2022-07-27", article + "\n本文另附:铁岭市基层党建工作大事记一则。") +
      rec("medium", "2022-07-26", article + "\n附记。");
  WriteFile(dir + "/feed.jsonl", feed);
  return dir + "/feed.jsonl";
}

std::vector<std::string> Ids(const std::string& jsonl) {
  std::vector<std::string> ids;
  for (size_t at = jsonl.find("{\"id\":\""); at != std::string::npos;
       at = jsonl.find("\n{\"id\":\"", at + 1)) {
    size_t b = jsonl.find("\"id\":\"", at) + 6;
    ids.push_back(jsonl.substr(b, jsonl.find('"', b) - b));
  }
  return ids;
}

TEST(KeepPolicyTest, LongestKeepsTheLongestCopyInItsPlace) {
  std::string dir = MakeTempDir("keep_longest");
  std::string feed = KeepPolicyFeed(dir);
  std::string reference;
  for (int threads : {1, 3}) {
    PipelineOptions o;
    o.inputs = {feed};
    o.output = dir + "/out.jsonl";
    o.threads = threads;
    o.batch_documents = 1;
    o.dedup = true;
    o.dedup_options.keep = KeepPolicy::kLongest;
    auto stats = RunPipeline(nullptr, o);
    ASSERT_OK(stats.status());
    std::string out = ReadFile(o.output);
    EXPECT_EQ(Ids(out), (std::vector<std::string>{"other", "long"}));
    EXPECT_EQ(stats->documents_in, 4u);
    EXPECT_EQ(stats->dedup_unique, 2u);
    EXPECT_EQ(stats->dedup_near + stats->dedup_exact, 2u);
    if (reference.empty()) reference = out;
    EXPECT_EQ(out, reference);
  }
}

TEST(KeepPolicyTest, EarliestKeepsTheSmallestDateAndAnnotatesTheOthers) {
  std::string dir = MakeTempDir("keep_earliest");
  PipelineOptions o;
  o.inputs = {KeepPolicyFeed(dir)};
  o.output = dir + "/out.jsonl";
  o.dedup = true;
  o.dedup_options.keep = KeepPolicy::kEarliest;
  o.dedup_options.mode = DedupMode::kAnnotate;
  auto stats = RunPipeline(nullptr, o);
  ASSERT_OK(stats.status());
  std::string out = ReadFile(o.output);
  EXPECT_EQ(Ids(out), (std::vector<std::string>{"short", "other", "long", "medium"}));
  // Every copy names the kept one, the 2022-07-26 "medium".
  size_t dup_marks = 0;
  for (size_t at = out.find("\"newsclean_duplicate\":{\"of\":\"medium\""); at != std::string::npos;
       at = out.find("\"newsclean_duplicate\":{\"of\":\"medium\"", at + 1)) {
    ++dup_marks;
  }
  EXPECT_EQ(dup_marks, 2u) << out;
  EXPECT_EQ(out.find("\"of\":\"short\""), std::string::npos);
}

TEST(KeepPolicyTest, DroppedAndSkippedRecordsDoNotShiftTheDecisions) {
  std::string dir = MakeTempDir("keep_shift");
  std::string feed = ReadFile(KeepPolicyFeed(dir));
  // An empty document (dropped by the cleaner), a malformed line and a
  // punctuation-only document (kept, never indexed) first.
  WriteFile(
      dir + "/shifted.jsonl",
      "{\"id\":\"empty\",\"text\":\"分享\"}\n{broken\n{\"id\":\"dots\",\"text\":\"……\"}\n" + feed);
  auto cleaner = Cleaner::Create(CleanOptions());
  ASSERT_OK(cleaner.status());
  PipelineOptions o;
  o.inputs = {dir + "/shifted.jsonl"};
  o.output = dir + "/out.jsonl";
  o.on_error = OnBadRecord::kSkipAndCount;
  o.dedup = true;
  o.dedup_options.keep = KeepPolicy::kLongest;
  auto stats = RunPipeline(cleaner->get(), o);
  ASSERT_OK(stats.status());
  EXPECT_EQ(Ids(ReadFile(o.output)), (std::vector<std::string>{"dots", "other", "long"}));
  EXPECT_EQ(stats->dropped.at("empty"), 1u);
  EXPECT_EQ(stats->skipped, 1u);
  EXPECT_EQ(stats->documents_in, 7u);
}

TEST(KeepPolicyTest, TwoPassPoliciesRefuseStandardInput) {
  PipelineOptions o;
  o.inputs = {"-"};
  o.dedup = true;
  o.dedup_options.keep = KeepPolicy::kLongest;
  auto stats = RunPipeline(nullptr, o);
  EXPECT_EQ(stats.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PipelineTest, OneTextFileInGivesTextOut) {
  PipelineOptions o;
  EXPECT_EQ(ResolveOutputFormat(o, true, 1), OutputFormat::kText);
  EXPECT_EQ(ResolveOutputFormat(o, true, 2), OutputFormat::kJsonl);
  EXPECT_EQ(ResolveOutputFormat(o, false, 1), OutputFormat::kJsonl);
  o.output_format = OutputFormat::kJsonl;
  EXPECT_EQ(ResolveOutputFormat(o, true, 1), OutputFormat::kJsonl);
}

TEST(CliTest, DuplicateMarksAreNeverDroppedSilently) {
  std::string dir = MakeTempDir("annotate_text");
  WriteFile(dir + "/a.txt", "铁岭市立足本市实际,制定了实施方案,持续加强基本队伍建设。");
  std::string err;
  EXPECT_EQ(RunCli("dedup --mode=annotate " + dir + "/a.txt -o " + dir + "/o.txt", &err), 2);
  EXPECT_NE(err.find("needs JSON Lines output"), std::string::npos) << err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/o.txt"));
  EXPECT_EQ(
      RunCli("dedup --mode=annotate --output-format jsonl " + dir + "/a.txt -o " + dir + "/o.jsonl",
             &err),
      0)
      << err;
}

TEST(CliTest, ExitStatusesMeanSomething) {
  std::string dir = MakeTempDir("cli_cases");
  std::string err;
  EXPECT_EQ(RunCli("clean --help >/dev/null", &err), 0);
  EXPECT_EQ(RunCli("clean --no-such-flag", &err), 2);
  EXPECT_EQ(RunCli("", &err), 2);
  EXPECT_EQ(RunCli("clean /nonexistent.jsonl -o /dev/null", &err), 2);
  EXPECT_NE(err.find("/nonexistent.jsonl"), std::string::npos) << err;

  WriteFile(dir + "/bad.jsonl", "{\"text\":\"一\"}\n{oops}\n");
  EXPECT_EQ(RunCli("clean " + dir + "/bad.jsonl -o " + dir + "/out.jsonl", &err), 2);
  EXPECT_NE(err.find(dir + "/bad.jsonl:2:"), std::string::npos) << err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/out.jsonl"));

  EXPECT_EQ(RunCli("clean --on-error=skip " + dir + "/bad.jsonl -o " + dir +
                       "/out.jsonl --report " + dir + "/report.json",
                   &err),
            0);
  EXPECT_NE(ReadFile(dir + "/report.json").find("\"skipped\": 1"), std::string::npos);

  // A repeatable option takes one value: the input after it stays an input.
  EXPECT_EQ(
      RunCli("clean --disable share-widget " + kFixtures + "/seeds.jsonl -o " + dir + "/d.jsonl",
             &err),
      0)
      << err;
  std::string disabled = ReadFile(dir + "/d.jsonl");
  EXPECT_EQ(std::count(disabled.begin(), disabled.end(), '\n'), 5);
  EXPECT_EQ(RunCli("clean --disable no-such-rule " + kFixtures + "/seeds.jsonl -o /dev/null", &err),
            2);
  EXPECT_NE(err.find("no rule named 'no-such-rule' to disable [--disable"), std::string::npos)
      << err;

  WriteFile(dir + "/x.rules", "line broken user-rule (\n");
  EXPECT_EQ(RunCli("clean --rules " + dir + "/x.rules --list-rules >/dev/null", &err), 2);
  EXPECT_NE(err.find("x.rules:1"), std::string::npos) << err;
}

TEST(CliTest, CheckTakesTheSimilarityFlagsOfDedup) {
  std::string dir = MakeTempDir("cli_check_flags");
  std::string err;
  ASSERT_EQ(RunCli("dedup --num-perm 64 --index " + dir + "/i.idx " + kFixtures +
                       "/seeds.jsonl -o /dev/null",
                   &err),
            0)
      << err;
  // The library's error names no flag; the CLI names the ones that set the option.
  EXPECT_EQ(
      RunCli("check --index " + dir + "/i.idx " + kFixtures + "/seeds.jsonl -o /dev/null", &err),
      2);
  EXPECT_NE(err.find("built with"), std::string::npos) << err;
  EXPECT_NE(err.find("[--num-perm and --ngram]"), std::string::npos) << err;
  EXPECT_NE(RunCli("check --num-perm 64 --index " + dir + "/i.idx " + kFixtures +
                       "/seeds.jsonl -o /dev/null",
                   &err),
            2)
      << err;
}

TEST(CliTest, DrawsAProgressLineOnlyOnATerminal) {
  if (std::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "no script(1)";
  std::string dir = MakeTempDir("cli_tty");
  std::string cmd = "script -qec '" + std::string(NEWSCLEAN_BINARY) + " clean " + kFixtures +
                    "/seeds.jsonl -o " + dir + "/out.jsonl' /dev/null > " + dir + "/tty.txt";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_NE(ReadFile(dir + "/tty.txt").find("newsclean: 5 documents"), std::string::npos)
      << ReadFile(dir + "/tty.txt");
  std::string err;
  ASSERT_EQ(RunCli("clean " + kFixtures + "/seeds.jsonl -o " + dir + "/out2.jsonl", &err), 0);
  EXPECT_EQ(err, "");  // stderr is a file: no progress line
}

TEST(CliTest, CheckDrawsAProgressLineOnATerminalOrWhenAsked) {
  if (std::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "no script(1)";
  std::string dir = MakeTempDir("cli_check_tty");
  const std::string seeds = kFixtures + "/seeds.jsonl";
  // On a terminal: the line, ended once the run is done; the report is on stdout.
  std::string cmd = "script -qec '" + std::string(NEWSCLEAN_BINARY) + " check " + seeds + " -o " +
                    dir + "/report.txt' /dev/null > " + dir + "/tty.txt";
  // The seeds exceed the default limits: exit status 1.
  ASSERT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 1);
  const std::string tty = ReadFile(dir + "/tty.txt");
  EXPECT_NE(tty.find("newsclean: 5 documents"), std::string::npos) << tty;
  cmd = "script -qec '" + std::string(NEWSCLEAN_BINARY) + " check --no-progress " + seeds + " -o " +
        dir + "/report2.txt' /dev/null > " + dir + "/tty2.txt";
  ASSERT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 1);
  EXPECT_EQ(ReadFile(dir + "/tty2.txt").find("newsclean:"), std::string::npos);
  std::string err;
  ASSERT_EQ(RunCli("check " + seeds + " -o " + dir + "/report3.txt", &err), 1);
  EXPECT_EQ(err, "");  // stderr is a file: no progress line
  ASSERT_EQ(RunCli("check --progress " + seeds + " -o " + dir + "/report4.txt", &err), 1);
  ASSERT_NE(err.find("newsclean: 5 documents"), std::string::npos) << err;
  EXPECT_EQ(err.back(), '\n');
  EXPECT_EQ(ReadFile(dir + "/report4.txt"), ReadFile(dir + "/report3.txt"));
}

TEST(CliTest, DedupChecksTodayAgainstEarlierRunsThroughTheIndex) {
  std::string dir = MakeTempDir("cli_index");
  std::string err;
  std::string seeds = kFixtures + "/seeds.jsonl";
  ASSERT_EQ(
      RunCli("dedup " + seeds + " --index " + dir + "/feed.idx -o " + dir + "/day1.jsonl", &err), 0)
      << err;
  EXPECT_EQ(ReadFile(dir + "/day1.jsonl"), ReadFile(seeds));  // nothing repeats, texts untouched
  ASSERT_EQ(RunCli("dedup " + seeds + " --index " + dir + "/feed.idx -o " + dir +
                       "/day2.jsonl --report " + dir + "/r.json",
                   &err),
            0)
      << err;
  EXPECT_EQ(ReadFile(dir + "/day2.jsonl"), "");
  EXPECT_NE(ReadFile(dir + "/r.json").find("\"exact-duplicate\": 5"), std::string::npos);

  WriteFile(dir + "/feed.idx", "garbage");
  EXPECT_EQ(
      RunCli("dedup " + seeds + " --index " + dir + "/feed.idx -o " + dir + "/day3.jsonl", &err),
      2);
  EXPECT_NE(err.find("feed.idx"), std::string::npos) << err;
  EXPECT_EQ(ReadFile(dir + "/feed.idx"), "garbage");  // a bad index is never overwritten
  EXPECT_EQ(RunCli("dedup --threshold 1.5 " + seeds, &err), 2);
}

TEST(CorpusTest, GeneratorIsDeterministicAndDedupFindsThePlantedCopies) {
  std::string dir = MakeTempDir("corpus");
  std::string tool = NEWSCLEAN_CORPUS_TOOL;
  std::string gen = tool + " gen --fixtures " + kFixtures + " --docs 1500 --seed 9 -o ";
  ASSERT_EQ(std::system((gen + dir + "/a.jsonl").c_str()), 0);
  ASSERT_EQ(std::system((gen + dir + "/b.jsonl").c_str()), 0);
  std::string corpus = ReadFile(dir + "/a.jsonl");
  ASSERT_GT(corpus.size(), 1000000u);
  EXPECT_EQ(corpus, ReadFile(dir + "/b.jsonl"));
  std::string err;
  ASSERT_EQ(
      RunCli("dedup --mode=annotate " + dir + "/a.jsonl -o " + dir + "/annotated.jsonl", &err), 0)
      << err;
  ASSERT_EQ(
      std::system((tool + " eval " + dir + "/annotated.jsonl > " + dir + "/eval.txt").c_str()), 0);
  std::string eval = ReadFile(dir + "/eval.txt");
  double precision = 0, recall = 0;
  size_t at = eval.find("precision ");
  ASSERT_NE(at, std::string::npos) << eval;
  ASSERT_EQ(std::sscanf(eval.c_str() + at, "precision %lf", &precision), 1);
  at = eval.find("recall ");
  ASSERT_NE(at, std::string::npos) << eval;
  ASSERT_EQ(std::sscanf(eval.c_str() + at, "recall %lf", &recall), 1);
  EXPECT_GE(precision, 0.99) << eval;
  EXPECT_GE(recall, 0.99) << eval;
  EXPECT_NE(eval.find("| traditional |"), std::string::npos) << eval;
}

// --traditional writes a share of the same records in traditional script, and
// leaves the bytes of a run without it alone at share 0.
TEST(CorpusTest, TraditionalShareConvertsThatShareOfTheSameRecords) {
  std::string dir = MakeTempDir("corpus_traditional");
  std::string gen =
      std::string(NEWSCLEAN_CORPUS_TOOL) + " gen --fixtures " + kFixtures + " --docs 400 --seed 3";
  ASSERT_EQ(std::system((gen + " -o " + dir + "/plain.jsonl").c_str()), 0);
  ASSERT_EQ(std::system((gen + " --traditional 0 -o " + dir + "/zero.jsonl").c_str()), 0);
  ASSERT_EQ(std::system((gen + " --traditional 0.5 -o " + dir + "/half.jsonl").c_str()), 0);
  EXPECT_EQ(ReadFile(dir + "/plain.jsonl"), ReadFile(dir + "/zero.jsonl"));
  auto read = [](const std::string& path) {
    std::vector<std::array<std::string, 3>> records;  // id, text, kind
    simdjson::ondemand::parser parser;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      simdjson::padded_string padded(line);
      simdjson::ondemand::document doc = parser.iterate(padded);
      std::string id(std::string_view(doc["id"].get_string()));
      std::string text(std::string_view(doc["text"].get_string()));
      std::string kind(std::string_view(doc["truth_kind"].get_string()));
      records.push_back({id, text, kind});
    }
    return records;
  };
  const auto plain = read(dir + "/plain.jsonl");
  const auto half = read(dir + "/half.jsonl");
  ASSERT_EQ(plain.size(), 400u);
  ASSERT_EQ(half.size(), plain.size());
  size_t converted = 0;
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(half[i][0], plain[i][0]);
    EXPECT_EQ(half[i][2], plain[i][2]);
    if (half[i][1] == plain[i][1]) continue;
    ++converted;
    EXPECT_EQ(half[i][1], ScriptTables::Get().ToTraditionalText(plain[i][1])) << half[i][0];
  }
  EXPECT_GT(converted, 150u);
  EXPECT_LT(converted, 250u);
}

TEST(CorpusTest, ContainedCopiesAreContainedAndHardNegativesAreNot) {
  std::string dir = MakeTempDir("corpus_contained");
  std::string tool = NEWSCLEAN_CORPUS_TOOL;
  ASSERT_EQ(std::system((tool + " gen --contained --fixtures " + kFixtures +
                         " --docs 1500 --seed 4 -o " + dir + "/c.jsonl")
                            .c_str()),
            0);
  // Texts by id, and each planted record's kind and base.
  std::map<std::string, std::string> text;
  std::vector<std::array<std::string, 3>> planted;  // id, kind, truth
  simdjson::ondemand::parser parser;
  std::ifstream in(dir + "/c.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc = parser.iterate(padded);
    std::string id(std::string_view(doc["id"].get_string()));
    text[id] = std::string(std::string_view(doc["text"].get_string()));
    std::string truth;
    std::string_view v;
    if (!doc["truth_dup_of"].get_string().get(v)) truth = std::string(v);
    std::string kind(std::string_view(doc["truth_kind"].get_string()));
    if (kind != "base") planted.push_back({id, kind, truth});
  }
  std::map<std::string, size_t> kinds;
  for (const auto& [id, kind, truth] : planted) {
    ++kinds[kind];
    const std::string& t = text[id];
    if (kind == "contained-page") {
      ASSERT_NE(text[truth].find(t), std::string::npos) << id;  // a run of the base's paragraphs
      EXPECT_LT(t.size(), text[truth].size() + 1);
    } else if (kind == "contained-plus-block") {
      EXPECT_EQ(t.rfind(text[truth], 0), 0u) << id;  // the base, then the block
      EXPECT_GT(t.size(), text[truth].size() * 11 / 10);
    } else if (kind == "contained-in-roundup") {
      EXPECT_NE(t.find("\n" + text[truth] + "\n"), std::string::npos) << id;
      EXPECT_GT(t.size(), text[truth].size() * 2);
    } else if (kind == "shares-quotation" || kind == "reworded") {
      EXPECT_TRUE(truth.empty()) << id;  // hard negatives: not duplicates
    }
  }
  for (const char* kind : {"contained-page", "contained-plus-block", "contained-in-roundup",
                           "shares-quotation", "reworded", "exact", "shares-third"}) {
    EXPECT_GT(kinds[kind], 3u) << kind;
  }
}

TEST(CliTest, CleansATextFileToText) {
  std::string dir = MakeTempDir("cli_text");
  std::string err;
  std::string seed = kFixtures + "/seeds/001_5f273f7fff855111.txt";
  ASSERT_EQ(RunCli("clean " + seed + " -o " + dir + "/out.txt", &err), 0) << err;
  EXPECT_EQ(ReadFile(dir + "/out.txt"),
            ReadFile(kFixtures + "/expected/001_5f273f7fff855111.clean.txt"));
  ASSERT_EQ(RunCli("clean - < " + seed + " > " + dir + "/stdin.txt", &err), 0) << err;
  EXPECT_EQ(ReadFile(dir + "/stdin.txt"), ReadFile(dir + "/out.txt"));
}

}  // namespace
}  // namespace newsclean
