// Hostile and unlucky inputs: nothing aborts, nothing is left half written,
// and the mechanisms behind those promises (byte-safe trimming, exception
// propagation from worker threads, temporary-file names, linear reflow).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "gtest/gtest.h"
#include "src/clean/paragraph_join_stage.h"
#include "src/dedup/index_lock.h"
#include "src/io/temp_files.h"
#include "src/run/worker_pool.h"
#include "src/text/paragraph_shape.h"
#include "src/text/utf8.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

namespace fs = std::filesystem;

// Files in `dir` whose names hold ".tmp-": temporaries left behind.
int CountTemporaries(const std::string& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    n += e.path().filename().string().find(".tmp-") != std::string::npos;
  }
  return n;
}

TEST(TrimSpacesTest, IsSafeOnIllFormedBytes) {
  // A cut lead byte after spaces: decoding it would read past the end.
  EXPECT_EQ(TrimSpaces("\xe2\x80"), "\xe2\x80");
  EXPECT_EQ(TrimSpaces("  \xe3"), "\xe3");
  EXPECT_EQ(TrimSpaces("\xe3  "), "\xe3");
  EXPECT_EQ(TrimSpaces(" \xc2"), "\xc2");
  EXPECT_EQ(TrimSpaces("\xe3\x80\x80\xc2\xa0x\xe3\x80\x80"), "x");  // U+3000, NBSP
  EXPECT_EQ(TrimSpaces("\xe2\x80\x8bx\xef\xbb\xbf"), "x");          // ZWSP, BOM
  EXPECT_EQ(TrimSpaces("\xe2\x80\x8c"), "\xe2\x80\x8c");            // ZWNJ is not a space
  EXPECT_EQ(TrimSpaces(" \t\r\n"), "");
}

TEST(CliRobustnessTest, CutMultiByteLeadsNeverAbort) {
  std::string dir = MakeTempDir("cut_lead");
  WriteFile(dir + "/a.txt", "\xe2\x80\n");
  WriteFile(dir + "/b.jsonl", "{\"text\":\"正文。\"}\n\xe3");
  WriteFile(dir + "/c.jsonl", "{\"text\":\"正文。\"}\n \xe2\x80\n");
  std::string err;
  EXPECT_EQ(RunCli("clean " + dir + "/a.txt -o " + dir + "/a.out", &err), 0) << err;
  EXPECT_EQ(RunCli("clean " + dir + "/b.jsonl -o " + dir + "/b.out", &err), 2) << err;
  EXPECT_NE(err.find("b.jsonl:2:"), std::string::npos) << err;
  EXPECT_EQ(RunCli("clean --on-error=skip " + dir + "/c.jsonl -o " + dir + "/c.out", &err), 0)
      << err;
  EXPECT_EQ(RunCli("check " + dir + "/c.jsonl >/dev/null", &err), 1) << err;  // a malformed record
  EXPECT_EQ(RunCli("dedup " + dir + "/b.jsonl -o " + dir + "/d.out", &err), 2) << err;
  EXPECT_EQ(RunCli("clean < " + dir + "/a.txt >/dev/null", &err), 0) << err;
  EXPECT_EQ(CountTemporaries(dir), 0);
}

TEST(CliRobustnessTest, SymlinkLoopIsAnErrorNamingTheEntry) {
  std::string dir = MakeTempDir("symlink_loop");
  fs::create_directories(dir + "/in");
  WriteFile(dir + "/in/a.jsonl", "{\"text\":\"正文。\"}\n");
  fs::create_symlink("self", dir + "/in/self");
  std::string err;
  EXPECT_EQ(RunCli("clean " + dir + "/in -o " + dir + "/out.jsonl", &err), 2);
  EXPECT_NE(err.find("in/self"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(dir + "/out.jsonl"));
}

TEST(CliRobustnessTest, ImpossibleResourceRequestsAreErrorsNotCrashes) {
  std::string dir = MakeTempDir("resources");
  WriteFile(dir + "/a.jsonl", "{\"text\":\"正文。\"}\n");
  std::string err;
  EXPECT_EQ(RunCli("clean --threads 100000 " + dir + "/a.jsonl -o " + dir + "/o1", &err), 2);
  EXPECT_NE(err.find("100000"), std::string::npos) << err;
  EXPECT_EQ(RunCli("clean --repeated-paragraphs 2 --repeated-paragraphs-memory 100000000000000 " +
                       dir + "/a.jsonl -o " + dir + "/o2",
                   &err),
            2);
  EXPECT_NE(err.find("100000000000000"), std::string::npos) << err;
  EXPECT_EQ(CountTemporaries(dir), 0);
  EXPECT_FALSE(fs::exists(dir + "/o1"));
  EXPECT_FALSE(fs::exists(dir + "/o2"));
}

TEST(CliRobustnessTest, OutputToAFifoIsWrittenInPlace) {
  std::string dir = MakeTempDir("fifo");
  WriteFile(dir + "/a.jsonl", "{\"text\":\"正文。\\n分享\"}\n");
  ASSERT_EQ(::mkfifo((dir + "/pipe").c_str(), 0600), 0);
  std::string err;
  ASSERT_EQ(RunCli("clean " + dir + "/a.jsonl -o " + dir + "/pipe & cat " + dir + "/pipe > " + dir +
                       "/got; wait $!",
                   &err),
            0);
  struct stat st;
  ASSERT_EQ(::stat((dir + "/pipe").c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));  // not replaced by a regular file
  EXPECT_EQ(ReadFile(dir + "/got"), "{\"text\":\"正文。\"}\n");
}

TEST(CliRobustnessTest, LongOutputNamesGetShortTemporaries) {
  std::string dir = MakeTempDir("long_name");
  WriteFile(dir + "/a.jsonl", "{\"text\":\"正文。\"}\n");
  const std::string name = std::string(244, 'n') + ".jsonl";  // 250 bytes: legal
  std::string err;
  EXPECT_EQ(RunCli("clean " + dir + "/a.jsonl -o " + dir + "/" + name, &err), 0) << err;
  EXPECT_TRUE(fs::exists(dir + "/" + name));
  EXPECT_EQ(CountTemporaries(dir), 0);
}

TEST(TempFilesTest, TemporariesAreDotFilesWithinNameMax) {
  EXPECT_EQ(TemporaryPathFor("out/day1.jsonl.zst"),
            "out/.day1.jsonl.zst.tmp-" + std::to_string(::getpid()));
  EXPECT_EQ(TemporaryPathFor("x.jsonl"), ".x.jsonl.tmp-" + std::to_string(::getpid()));
  std::string long_han;
  for (int i = 0; i < 90; ++i) long_han += "新";  // 270 bytes: cut, on a character boundary
  std::string temp = TemporaryPathFor("/d/" + long_han);
  std::string base = temp.substr(3);
  EXPECT_LE(base.size(), 255u);
  EXPECT_EQ(base.front(), '.');
  EXPECT_TRUE(IsValidUtf8(base));
}

TEST(TempFilesTest, RemoveTemporariesRemovesWhatIsRegistered) {
  std::string dir = MakeTempDir("registry");
  WriteFile(dir + "/.a.tmp-1", "x");
  WriteFile(dir + "/.b.tmp-1", "x");
  RegisterTemporary(dir + "/.a.tmp-1");
  RegisterTemporary(dir + "/.b.tmp-1");
  UnregisterTemporary(dir + "/.b.tmp-1");
  RemoveTemporaries();
  EXPECT_FALSE(fs::exists(dir + "/.a.tmp-1"));
  EXPECT_TRUE(fs::exists(dir + "/.b.tmp-1"));
}

TEST(CliRobustnessTest, SigtermRemovesTheTemporaryOutput) {
  std::string dir = MakeTempDir("sigterm");
  // The input is a FIFO this test holds open without writing, so the run is
  // still reading when the signal comes; its temporary output exists by then.
  ASSERT_EQ(::mkfifo((dir + "/in").c_str(), 0600), 0);
  int holder = ::open((dir + "/in").c_str(), O_RDWR);
  ASSERT_GE(holder, 0);
  std::string script = std::string(NEWSCLEAN_BINARY) + " clean --format jsonl " + dir + "/in -o " +
                       dir + "/out.jsonl 2>/dev/null & echo $! > " + dir + "/pid";
  ASSERT_EQ(std::system(script.c_str()), 0);
  bool started = false;
  for (int i = 0; i < 200 && !started; ++i) {
    ::usleep(50 * 1000);
    started = CountTemporaries(dir) == 1;
  }
  EXPECT_TRUE(started);
  std::string pid = ReadFile(dir + "/pid");
  ASSERT_EQ(std::system(("kill -TERM " + pid).c_str()), 0);
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    ::usleep(50 * 1000);
    gone = CountTemporaries(dir) == 0;
  }
  ::close(holder);
  EXPECT_TRUE(gone);
  EXPECT_FALSE(fs::exists(dir + "/out.jsonl"));
}

TEST(CliRobustnessTest, CompressedIndexNameStillReadsBack) {
  std::string dir = MakeTempDir("index_gz");
  WriteFile(
      dir + "/a.jsonl",
      "{\"id\":\"a\",\"text\":\"铁岭市立足本市实际,制定了实施方案,持续加强基本队伍建设。\"}\n");
  std::string err;
  ASSERT_EQ(
      RunCli("dedup --index " + dir + "/feed.idx.gz " + dir + "/a.jsonl -o " + dir + "/1.jsonl",
             &err),
      0)
      << err;
  EXPECT_EQ(
      RunCli("dedup --index " + dir + "/feed.idx.gz " + dir + "/a.jsonl -o " + dir + "/2.jsonl",
             &err),
      0)
      << err;
  EXPECT_EQ(ReadFile(dir + "/2.jsonl"), "");  // a duplicate of day 1's copy
}

TEST(CliRobustnessTest, AnOutputThatNamesAnInputIsRefused) {
  std::string dir = MakeTempDir("output_is_input");
  const std::string input = "{\"text\":\"正文。\\n分享\"}\n";
  WriteFile(dir + "/a.jsonl", input);
  std::string err;
  EXPECT_EQ(RunCli("clean " + dir + "/a.jsonl -o " + dir + "/a.jsonl", &err), 2);
  EXPECT_NE(err.find("would replace an input file"), std::string::npos) << err;
  EXPECT_EQ(RunCli("clean " + dir + " -o " + dir + "/./a.jsonl", &err), 2)
      << err;  // via a directory
  EXPECT_EQ(
      RunCli("clean " + dir + "/a.jsonl -o " + dir + "/b.jsonl --report " + dir + "/a.jsonl", &err),
      2);
  EXPECT_EQ(ReadFile(dir + "/a.jsonl"), input);
  EXPECT_FALSE(fs::exists(dir + "/b.jsonl"));
}

TEST(CliRobustnessTest, ALateFailureCommitsNothing) {
  std::string dir = MakeTempDir("late_failure");
  WriteFile(
      dir + "/a.jsonl",
      "{\"id\":\"a\",\"text\":\"铁岭市立足本市实际,制定了实施方案,持续加强基本队伍建设。\"}\n");
  std::string err;
  // The report cannot be written: the output and the index must not appear.
  EXPECT_EQ(RunCli("clean --dedup --index " + dir + "/feed.idx " + dir + "/a.jsonl -o " + dir +
                       "/out.jsonl --report " + dir + "/no-such-dir/report.json",
                   &err),
            2);
  EXPECT_FALSE(fs::exists(dir + "/out.jsonl"));
  EXPECT_FALSE(fs::exists(dir + "/feed.idx"));
  EXPECT_EQ(CountTemporaries(dir), 0);
  // So a retry is a first run, not a run that finds every document in the index.
  ASSERT_EQ(RunCli("clean --dedup --index " + dir + "/feed.idx " + dir + "/a.jsonl -o " + dir +
                       "/out.jsonl --report " + dir + "/report.json",
                   &err),
            0)
      << err;
  EXPECT_NE(ReadFile(dir + "/out.jsonl"), "");
  EXPECT_TRUE(fs::exists(dir + "/report.json"));
}

TEST(CliRobustnessTest, TwoRunsOnOneIndexDoNotLoseDocuments) {
  std::string dir = MakeTempDir("index_lock");
  WriteFile(
      dir + "/a.jsonl",
      "{\"id\":\"a\",\"text\":\"铁岭市立足本市实际,制定了实施方案,持续加强基本队伍建设。\"}\n");
  auto held = IndexLock::Acquire(dir + "/feed.idx");  // another run holds it
  ASSERT_TRUE(held.ok()) << held.status();
  std::string err;
  EXPECT_EQ(
      RunCli("dedup --index " + dir + "/feed.idx " + dir + "/a.jsonl -o " + dir + "/o.jsonl", &err),
      2);
  EXPECT_NE(err.find("in use by another newsclean run"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(dir + "/o.jsonl"));
  held->reset();  // that run ended
  EXPECT_EQ(
      RunCli("dedup --index " + dir + "/feed.idx " + dir + "/a.jsonl -o " + dir + "/o.jsonl", &err),
      0)
      << err;
  EXPECT_TRUE(fs::exists(dir + "/feed.idx"));
}

TEST(CliRobustnessTest, DocumentsOverTheSizeLimitAreNotReadIntoMemory) {
  std::string dir = MakeTempDir("too_large");
  std::string big;
  for (int i = 0; i < 200000; ++i) big += "中";  // 600 KB of text
  WriteFile(dir + "/a.jsonl", "{\"id\":\"a\",\"text\":\"正文。\"}\n{\"id\":\"b\",\"text\":\"" +
                                  big + "\"}\n{\"id\":\"c\",\"text\":\"末尾。\"}\n");
  WriteFile(dir + "/b.txt", big);
  // A compressed record that inflates past the limit: the same.
  WriteFile(dir + "/c.jsonl.gz", Compress("{\"text\":\"" + big + "\"}\n", "gz"));
  std::string err;
  // Default: an error naming file and line.
  EXPECT_EQ(
      RunCli("clean --max-document-bytes 100000 " + dir + "/a.jsonl -o " + dir + "/o1.jsonl", &err),
      2);
  EXPECT_NE(err.find("a.jsonl:2: document of 600"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(dir + "/o1.jsonl"));
  EXPECT_EQ(
      RunCli("clean --max-document-bytes 100000 " + dir + "/b.txt -o " + dir + "/o2.txt", &err), 2);
  EXPECT_NE(err.find("b.txt: document of 600000 bytes"), std::string::npos) << err;
  EXPECT_EQ(
      RunCli("clean --max-document-bytes 100000 " + dir + "/c.jsonl.gz -o " + dir + "/o3.jsonl",
             &err),
      2);
  EXPECT_NE(err.find("c.jsonl.gz:1: document of"), std::string::npos) << err;
  // Skipped and counted, with its reason, under --on-error=skip.
  ASSERT_EQ(RunCli("clean --on-error=skip --max-document-bytes 100000 " + dir + "/a.jsonl -o " +
                       dir + "/o4.jsonl --report " + dir + "/r.json",
                   &err),
            0)
      << err;
  EXPECT_EQ(ReadFile(dir + "/o4.jsonl"),
            "{\"id\":\"a\",\"text\":\"正文。\"}\n{\"id\":\"c\",\"text\":\"末尾。\"}\n");
  const std::string report = ReadFile(dir + "/r.json");
  EXPECT_NE(report.find("\"documents\": {\"in\": 3, \"out\": 2, \"dropped\": 0, \"skipped\": 1}"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("\"skipped\": {\"too-large\": 1}"), std::string::npos) << report;
  EXPECT_NE(report.find("\"line\": 2, \"reason\": \"too-large\""), std::string::npos) << report;
  // With no limit the document is read and cleaned.
  EXPECT_EQ(
      RunCli("clean --max-document-bytes 0 " + dir + "/a.jsonl -o " + dir + "/o5.jsonl", &err), 0)
      << err;
}

TEST(WorkerPoolTest, ExceptionsOnWorkersReachTheCaller) {
  for (int threads : {1, 3}) {
    WorkerPool pool(threads);
    std::atomic<int> ran{0};
    EXPECT_THROW(pool.ParallelFor(1000,
                                  [&](size_t i) {
                                    ++ran;
                                    if (i == 17) throw std::runtime_error("boom");
                                  }),
                 std::runtime_error);
    size_t consumed = 0;
    EXPECT_THROW(pool.ParallelForOrdered(
                     1000,
                     [&](size_t i) {
                       if (i == 500) throw std::bad_alloc();
                     },
                     [&](size_t) {
                       ++consumed;
                       return true;
                     }),
                 std::bad_alloc);
    EXPECT_LE(consumed, 500u);
    EXPECT_THROW(pool.ParallelForOrdered(
                     100, [](size_t) {},
                     [](size_t i) -> bool {
                       if (i == 3) throw std::runtime_error("consume");
                       return true;
                     }),
                 std::runtime_error);
    // A stream: from more(), and from a prepare in a later group.
    int groups = 0;
    EXPECT_THROW(pool.ParallelForOrderedStream(
                     16,
                     [&](size_t room, bool) -> size_t {
                       if (++groups == 3) throw std::bad_alloc();
                       return std::min<size_t>(room, 4);
                     },
                     [](size_t) {}, [](size_t) { return true; }),
                 std::bad_alloc);
    EXPECT_THROW(pool.ParallelForOrderedStream(
                     16, [](size_t room, bool) { return std::min<size_t>(room, 4); },
                     [](size_t i) {
                       if (i == 30) throw std::runtime_error("prepare");
                     },
                     [](size_t) { return true; }),
                 std::runtime_error);
    // The pool still works after a failure.
    std::atomic<size_t> sum{0};
    pool.ParallelFor(100, [&](size_t i) { sum += i; });
    EXPECT_EQ(sum.load(), 4950u);
  }
}

TEST(ParagraphShapeTest, AppendGivesTheShapeOfTheConcatenation) {
  const char* const parts[] = {"一、总体要求",
                               "村里有不少",
                               "建档立卡贫困户无力脱贫。",
                               "新民市：",
                               "“两委”",
                               "Hello world",
                               "提衣提领子,牵牛牵鼻子",
                               "（一）",
                               "见》",
                               "2022年7月",
                               "编辑 唐依婷"};
  for (const char* a : parts) {
    for (const char* b : parts) {
      ParagraphShape joined = ParagraphShape::Of(a);
      joined.Append(ParagraphShape::Of(b));
      ParagraphShape whole = ParagraphShape::Of(std::string(a) + b);
      EXPECT_EQ(joined.chars, whole.chars) << a << b;
      EXPECT_EQ(joined.enumerator, whole.enumerator) << a << b;
      EXPECT_EQ(joined.inner_space, whole.inner_space) << a << b;
      EXPECT_EQ(joined.colon, whole.colon) << a << b;
      EXPECT_EQ(joined.sentence_punct, whole.sentence_punct) << a << b;
      EXPECT_EQ(joined.clause_punct, whole.clause_punct) << a << b;
      EXPECT_EQ(joined.last, whole.last) << a << b;
      EXPECT_EQ(joined.HeadingLike(), whole.HeadingLike()) << a << b;
    }
  }
}

TEST(ParagraphJoinTest, HardWrappedPageJoinsIntoOneParagraph) {
  // 3,000 lines of 40 characters, each ending mid-sentence: one paragraph
  // (the reflow test once rescanned the joined text for every line).
  std::string line;
  for (int i = 0; i < 5; ++i) line += "党建引领基层治理";  // 40 characters
  std::string text;
  for (int i = 0; i < 3000; ++i) text += line + "\n";
  std::string cleaned = Cleaned(text);
  EXPECT_EQ(cleaned.find('\n'), std::string::npos);
  EXPECT_EQ(cleaned.size(), line.size() * 3000);
}

}  // namespace
}  // namespace newsclean
