// Readers, writers and compression: every bad-input case the README promises.
#include <stdio_ext.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "newsclean/reader.h"
#include "newsclean/writer.h"
#include "src/io/input_stream.h"
#include "src/io/json_escape.h"
#include "src/io/output_stream.h"
#include "src/io/record_access.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

class CollectingReporter : public DropReporter {
 public:
  void Dropped(const SourceLocation& where, const absl::Status& why) override {
    drops.push_back(where.file + ":" + std::to_string(where.line) + " " +
                    std::string(why.message()));
  }
  std::vector<std::string> drops;
};

// Reads every document of `inputs`; returns their texts, and the final status.
absl::Status ReadAll(const PipelineOptions& options, std::vector<Document>* docs,
                     DropReporter* reporter = nullptr) {
  auto reader = DocumentReader::Open(options, reporter);
  if (!reader.ok()) return reader.status();
  Document doc;
  while ((*reader)->Next(&doc)) docs->push_back(std::move(doc));
  return (*reader)->status();
}

PipelineOptions Inputs(std::vector<std::string> inputs) {
  PipelineOptions o;
  o.inputs = std::move(inputs);
  return o;
}

const std::string kJsonl =
    "{\"id\":\"a\",\"text\":\"黨建工作\"}\n{\"id\":\"b\",\"text\":\"第二篇\"}\n";

class CompressionTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CompressionTest, ReadsCompressedJsonlDetectedByMagicBytes) {
  std::string dir = MakeTempDir("comp_" + GetParam());
  std::string path = dir + "/feed.data";  // no telling extension: magic bytes decide
  WriteFile(path, Compress(kJsonl, GetParam()));
  std::vector<Document> docs;
  ASSERT_OK(ReadAll(Inputs({path}), &docs));
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].text(), "黨建工作");
  EXPECT_EQ(docs[1].id, "b");
}

TEST_P(CompressionTest, TruncatedStreamIsAnErrorNamingTheFile) {
  std::string dir = MakeTempDir("trunc_" + GetParam());
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "{\"text\":\"第" + std::to_string(i * 7919) + "篇文章\"}\n";
  std::string packed = Compress(big, GetParam());
  std::string path = dir + "/feed.jsonl." + GetParam();
  WriteFile(path, packed.substr(0, packed.size() / 2));
  std::vector<Document> docs;
  absl::Status st = ReadAll(Inputs({path}), &docs);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(st.message().find(path), absl::string_view::npos) << st.message();
}

TEST_P(CompressionTest, CorruptStreamIsAnErrorNamingTheFile) {
  std::string dir = MakeTempDir("corrupt_" + GetParam());
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "{\"text\":\"第" + std::to_string(i * 7919) + "篇文章\"}\n";
  std::string packed = Compress(big, GetParam());
  for (size_t i = packed.size() / 3; i < packed.size() / 3 + 32; ++i) packed[i] ^= 0x5A;
  std::string path = dir + "/feed.jsonl." + GetParam();
  WriteFile(path, packed);
  std::vector<Document> docs;
  absl::Status st = ReadAll(Inputs({path}), &docs);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(st.message().find(path), absl::string_view::npos) << st.message();
}

TEST_P(CompressionTest, WriterCompressesByExtension) {
  std::string dir = MakeTempDir("wcomp_" + GetParam());
  std::string path = dir + "/out.jsonl." + GetParam();
  auto writer = DocumentWriter::Open(path, OutputFormat::kJsonl, "text", false);
  ASSERT_OK(writer.status());
  Document doc;
  doc.id = "x";
  doc.SetOriginalText("正文");
  ASSERT_OK((*writer)->Write(doc));
  ASSERT_OK((*writer)->Close());
  std::string packed = ReadFile(path);
  EXPECT_NE(DetectCompression(packed), Compression::kNone);
  if (GetParam() == "zst") {
    // Frame header descriptor byte: bit 2 is the content checksum flag.
    ASSERT_GT(packed.size(), 5u);
    EXPECT_TRUE(static_cast<unsigned char>(packed[4]) & 0x04);
  }
  std::vector<Document> docs;
  ASSERT_OK(ReadAll(Inputs({path}), &docs));
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text(), "正文");
}

INSTANTIATE_TEST_SUITE_P(Formats, CompressionTest, ::testing::Values("gz", "bz2", "xz", "zst"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(ReaderTest, TextFieldIsConfigurable) {
  std::string dir = MakeTempDir("field");
  WriteFile(dir + "/a.jsonl", "{\"text\":\"不是这个\",\"body\":\"正文\"}\n");
  PipelineOptions o = Inputs({dir + "/a.jsonl"});
  o.text_field = "body";
  std::vector<Document> docs;
  ASSERT_OK(ReadAll(o, &docs));
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text(), "正文");
  EXPECT_EQ(RecordAccess::record(docs[0]).substr(
                RecordAccess::text_value_begin(docs[0]),
                RecordAccess::text_value_end(docs[0]) - RecordAccess::text_value_begin(docs[0])),
            "\"正文\"");
}

TEST(ReaderTest, ByteOrderMarkIsNotContent) {
  std::string dir = MakeTempDir("bom");
  const std::string bom = "\xEF\xBB\xBF";
  WriteFile(dir + "/a.jsonl", bom + "{\"text\":\"一\"}\n{\"text\":\"二\"}\n");
  WriteFile(dir + "/b", bom + "{\"text\":\"三\"}\n");  // no extension: sniffed
  WriteFile(dir + "/c.txt", bom + "四\n");
  std::vector<Document> docs;
  ASSERT_OK(ReadAll(Inputs({dir + "/a.jsonl", dir + "/b", dir + "/c.txt"}), &docs));
  ASSERT_EQ(docs.size(), 4u);
  EXPECT_EQ(docs[0].text(), "一");
  EXPECT_EQ(RecordAccess::record(docs[0]), "{\"text\":\"一\"}");
  EXPECT_EQ(docs[2].text(), "三");
  EXPECT_EQ(docs[3].text(), "四\n");
}

TEST(ReaderTest, NumbersOfAnyMagnitudeAreValidJson) {
  std::string dir = MakeTempDir("big_numbers");
  const std::string record =
      "{\"n\":1e999,\"big\":123456789012345678901234567890,\"a\":[-0.5e-999,{\"m\":1E+400}],"
      "\"text\":\"正文\"}";
  WriteFile(dir + "/a.jsonl",
            record + "\n{\"n\":1.2.3,\"text\":\"x\"}\n{\"n\":1e999,\"text\":\"y\"}{}\n");
  PipelineOptions o = Inputs({dir + "/a.jsonl"});
  o.on_error = OnBadRecord::kSkipAndCount;
  std::vector<Document> docs;
  ASSERT_OK(ReadAll(o, &docs));
  ASSERT_EQ(docs.size(), 1u);  // the malformed number and the trailing object are skipped
  EXPECT_EQ(RecordAccess::record(docs[0]), record);
  EXPECT_EQ(docs[0].text(), "正文");
}

// Against escaping written a byte at a time, on strings of every length up
// to 100 where the bytes to escape fall at every offset of a 16-byte step.
TEST(JsonEscapeTest, EscapesAsAByteLoopWould) {
  auto reference = [](std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
      if (c == '"') {
        out += "\\\"";
      } else if (c == '\\') {
        out += "\\\\";
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c == '\b') {
        out += "\\b";
      } else if (c == '\f') {
        out += "\\f";
      } else if (c < 0x20) {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "\"";
  };
  const std::vector<std::string> pieces = {"a",  "中",   "\x7F", "\"", "\\",
                                           "\n", "\x01", "\x1F", " ",  "\xC3\xA9"};
  std::mt19937 rng(9);
  for (size_t length = 0; length <= 100; ++length) {
    for (int trial = 0; trial < 20; ++trial) {
      std::string s;
      for (size_t k = 0; k < length; ++k) {
        // Mostly plain text, so that the runs between escapes are long.
        s += rng() % 8 == 0 ? pieces[rng() % pieces.size()] : std::string(1, 'x');
      }
      EXPECT_EQ(JsonString(s), reference(s)) << s;
    }
  }
  std::string every_byte;
  for (int c = 1; c < 256; ++c) every_byte += static_cast<char>(c);
  EXPECT_EQ(JsonString(every_byte), reference(every_byte));
}

TEST(ReaderTest, LoneSurrogateEscapesAreRepairedAndCounted) {
  std::string r = "{\"text\":\"\\ud800a\\udc00b\\ud83d\\ude00c\\\\ud800\\uD800\"}";
  EXPECT_EQ(RepairLoneSurrogateEscapes(&r), 3u);
  // The pair (an emoji) stays; so does an escaped backslash before "ud800".
  EXPECT_EQ(r, "{\"text\":\"\\ufffda\\ufffdb\\ud83d\\ude00c\\\\ud800\\ufffd\"}");
  std::string dir = MakeTempDir("surrogates");
  WriteFile(dir + "/a.jsonl", "{\"text\":\"正文\\ud800。\"}\n");
  std::vector<Document> docs;
  ASSERT_OK(ReadAll(Inputs({dir + "/a.jsonl"}), &docs));
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text(), "正文\uFFFD。");
  EXPECT_EQ(docs[0].invalid_utf8, 1u);
}

// The quick look for an escaped surrogate finds one at any offset (in and
// across its 64-byte blocks and 16-byte steps), in either case; "\n" escapes,
// an escaped backslash and a "\u" escape of another character are not one.
TEST(ReaderTest, LoneSurrogateEscapeAtAnyOffsetIsFound) {
  for (size_t pad = 0; pad < 160; ++pad) {
    for (size_t tail = 0; tail < 20; tail += 7) {
      const std::string head = "{\"text\":\"" + std::string(pad, 'a');
      const std::string rest = std::string(tail, 'b') + "\"}";
      std::string r = head + (pad % 2 == 0 ? "\\ud800" : "\\uDBFF") + rest;
      EXPECT_EQ(RepairLoneSurrogateEscapes(&r), 1u) << pad << " " << tail;
      EXPECT_EQ(r, head + "\\ufffd" + rest);
      std::string none = head + "\\n\\u4e2d\\n\\\\" + rest;
      const std::string before = none;
      EXPECT_EQ(RepairLoneSurrogateEscapes(&none), 0u);
      EXPECT_EQ(none, before);
    }
  }
}

TEST(ReaderTest, MissingFileIsNotFound) {
  std::vector<Document> docs;
  absl::Status st = ReadAll(Inputs({"/nonexistent/feed.jsonl"}), &docs);
  EXPECT_EQ(st.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(st.message().find("/nonexistent/feed.jsonl"), absl::string_view::npos);
}

TEST(ReaderTest, MalformedJsonFailsNamingFileAndLine) {
  std::string dir = MakeTempDir("malformed");
  std::string path = dir + "/feed.jsonl";
  WriteFile(path, "{\"text\":\"一\"}\n{\"text\": \"二\", \"x\": [tru]}\n{\"text\":\"三\"}\n");
  std::vector<Document> docs;
  absl::Status st = ReadAll(Inputs({path}), &docs);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find(path + ":2:"), absl::string_view::npos) << st.message();
  EXPECT_EQ(docs.size(), 1u);
}

TEST(ReaderTest, SkipModeCountsAndReportsBadRecords) {
  std::string dir = MakeTempDir("skip");
  std::string path = dir + "/feed.jsonl";
  WriteFile(
      path,
      "{\"text\":\"一\"}\nnot json\n{\"body\":\"no text\"}\n{\"text\":3}\n{\"text\":\"五\"}\n");
  PipelineOptions o = Inputs({path});
  o.on_error = OnBadRecord::kSkipAndCount;
  CollectingReporter reporter;
  std::vector<Document> docs;
  ASSERT_OK(ReadAll(o, &docs, &reporter));
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[1].text(), "五");
  EXPECT_EQ(docs[1].source.line, 5u);
  ASSERT_EQ(reporter.drops.size(), 3u);
  EXPECT_NE(reporter.drops[0].find(":2 "), std::string::npos);
  EXPECT_NE(reporter.drops[1].find("no string field \"text\""), std::string::npos);
  EXPECT_NE(reporter.drops[2].find(":4 "), std::string::npos);
}

TEST(ReaderTest, DeferredParsingGivesTheSameDocumentsAndErrors) {
  std::string dir = MakeTempDir("deferred");
  std::string path = dir + "/feed.jsonl";
  WriteFile(path,
            "{\"id\":\"a\",\"text\":\"黨\xff建\"}\n{\"text\": [1]}\n{\"text\":\"三\\\"引\\\"\"}\n");
  PipelineOptions o = Inputs({path});
  auto reader = DocumentReader::Open(o, nullptr);
  ASSERT_OK((*reader)->status());
  (*reader)->DeferParsing();
  std::vector<Document> docs;
  Document doc;
  while ((*reader)->Next(&doc)) docs.push_back(std::move(doc));
  ASSERT_OK((*reader)->status());  // reading alone does not judge records
  ASSERT_EQ(docs.size(), 3u);
  for (const Document& d : docs) EXPECT_TRUE(RecordAccess::needs_parse(d));
  // Ill-formed UTF-8 is found and repaired by the parse, not while reading.
  EXPECT_EQ(docs[0].invalid_utf8, 0u);
  EXPECT_EQ(RecordAccess::record(docs[0]), "{\"id\":\"a\",\"text\":\"黨\xff建\"}");
  ASSERT_OK(ParseRecord(o, &docs[0]));
  EXPECT_FALSE(RecordAccess::needs_parse(docs[0]));
  EXPECT_EQ(docs[0].invalid_utf8, 1u);
  EXPECT_EQ(docs[0].id, "a");
  EXPECT_EQ(docs[0].text(), "黨\uFFFD建");
  EXPECT_EQ(RecordAccess::record(docs[0]), "{\"id\":\"a\",\"text\":\"黨\uFFFD建\"}");
  EXPECT_EQ(RecordAccess::record(docs[0]).substr(RecordAccess::text_value_begin(docs[0])),
            "\"黨\uFFFD建\"}");
  absl::Status bad = ParseRecord(o, &docs[1]);
  EXPECT_EQ(bad.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(bad.message().find(path + ":2: field \"text\" is not a string"),
            absl::string_view::npos)
      << bad.message();
  ASSERT_OK(ParseRecord(o, &docs[2]));
  EXPECT_EQ(docs[2].id, path + ":3");
  EXPECT_EQ(docs[2].text(), "三\"引\"");
  EXPECT_EQ(RecordAccess::record(docs[2]).substr(
                RecordAccess::text_value_begin(docs[2]),
                RecordAccess::text_value_end(docs[2]) - RecordAccess::text_value_begin(docs[2])),
            "\"三\\\"引\\\"\"");
}

TEST(ReaderTest, InvalidUtf8IsRepairedAndCounted) {
  std::string dir = MakeTempDir("utf8");
  WriteFile(dir + "/a.jsonl", "{\"text\":\"黨\xff建\"}\n");
  WriteFile(dir + "/b.txt", "正\xe9\xbb文");
  std::vector<Document> docs;
  ASSERT_OK(ReadAll(Inputs({dir}), &docs));
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].text(), "黨\uFFFD建");
  EXPECT_EQ(docs[0].invalid_utf8, 1u);
  EXPECT_EQ(docs[1].text(), "正\uFFFD文");
  EXPECT_EQ(docs[1].invalid_utf8, 1u);
}

TEST(ReaderTest, DirectoriesAreReadRecursivelyInSortedOrderSkippingDotFiles) {
  std::string dir = MakeTempDir("tree");
  std::filesystem::create_directories(dir + "/b/c");
  WriteFile(dir + "/b/c/z.txt", "三");
  WriteFile(dir + "/b/a.txt", "二");
  WriteFile(dir + "/a.txt", "一");
  WriteFile(dir + "/.hidden.txt", "不读");
  std::vector<Document> docs;
  ASSERT_OK(ReadAll(Inputs({dir}), &docs));
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].text(), "一");
  EXPECT_EQ(docs[1].text(), "二");
  EXPECT_EQ(docs[2].text(), "三");
  EXPECT_EQ(docs[2].id, dir + "/b/c/z.txt");
}

TEST(WriterTest, JsonlRecordKeepsEveryOtherFieldByteForByte) {
  const std::string record =
      R"({"id": 7, "a":[1, 2, {"b":"x\"y"}],  "text" : "黨(dang) 組織\n\"引號\"", "z": 1.50e3, "u":"\u00e9"})";
  std::string dir = MakeTempDir("fields");
  WriteFile(dir + "/in.jsonl", record + "\n");
  std::vector<Document> docs;
  ASSERT_OK(ReadAll(Inputs({dir + "/in.jsonl"}), &docs));
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].id, "7");
  EXPECT_EQ(docs[0].text(), "黨(dang) 組織\n\"引號\"");
  docs[0].ReplaceTextForLayout("新\t文");
  std::string out;
  DocumentWriter writer(nullptr, OutputFormat::kJsonl, "text", false);
  writer.Serialize(docs[0], &out);
  EXPECT_EQ(out,
            R"({"id": 7, "a":[1, 2, {"b":"x\"y"}],  "text" : "新\t文", "z": 1.50e3, "u":"\u00e9"})"
            "\n");
}

TEST(WriterTest, UnchangedRecordIsWrittenByteForByte) {
  const std::string record = R"({"text" : "caf\u00e9 \/ 正文。", "n": 1})";
  std::string dir = MakeTempDir("verbatim");
  WriteFile(dir + "/in.jsonl", record + "\n");
  std::vector<Document> docs;
  ASSERT_OK(ReadAll(Inputs({dir + "/in.jsonl"}), &docs));
  ASSERT_EQ(docs.size(), 1u);
  Document doc = std::move(docs[0]);
  auto cleaner = Cleaner::Create(CleanOptions());
  ASSERT_OK(cleaner.status());
  (*cleaner)->Clean(&doc);
  EXPECT_FALSE(doc.modified());
  std::string out;
  DocumentWriter(nullptr, OutputFormat::kJsonl, "text", false).Serialize(doc, &out);
  EXPECT_EQ(out, record + "\n");
}

// Write() copies an unchanged record straight to the output; everything else
// it serializes. Either way the bytes are Serialize()'s.
TEST(WriterTest, WritesVerbatimOnlyWhatSerializeWouldWriteAsRead) {
  const std::string record = R"({"text" : "caf\u00e9 \/ 正文。", "n": 1})";
  std::string dir = MakeTempDir("write_verbatim");
  WriteFile(dir + "/in.jsonl", record + "\n");
  WriteFile(dir + "/in.txt", "正文。");
  std::vector<Document> docs;
  ASSERT_OK(ReadAll(Inputs({dir + "/in.jsonl"}), &docs));
  ASSERT_OK(ReadAll(Inputs({dir + "/in.txt"}), &docs));
  ASSERT_EQ(docs.size(), 2u);
  Document unchanged = docs[0];
  Document changed = docs[0];
  changed.ReplaceTextForLayout("新文");
  Document duplicate = docs[0];
  duplicate.duplicate = DuplicateInfo{"a", 1.0, true, 0};
  const Document& from_text = docs[1];
  struct Case {
    const Document* doc;
    OutputFormat format;
    bool annotate;
    bool verbatim;
  };
  const Case cases[] = {
      {&unchanged, OutputFormat::kJsonl, false, true},
      {&changed, OutputFormat::kJsonl, false, false},
      {&duplicate, OutputFormat::kJsonl, false, false},
      {&unchanged, OutputFormat::kJsonl, true, false},
      {&unchanged, OutputFormat::kText, false, false},
      {&from_text, OutputFormat::kJsonl, false, false},
  };
  int k = 0;
  for (const Case& c : cases) {
    const std::string path = absl::StrCat(dir, "/out", k++, ".jsonl");
    auto writer = DocumentWriter::Open(path, c.format, "text", c.annotate);
    ASSERT_OK(writer.status());
    EXPECT_EQ((*writer)->WritesVerbatim(*c.doc), c.verbatim) << k;
    std::string serialized;
    (*writer)->Serialize(*c.doc, &serialized);
    ASSERT_OK((*writer)->Write(*c.doc));
    ASSERT_OK((*writer)->Close());
    EXPECT_EQ(ReadFile(path), serialized) << k;
    if (c.verbatim) {
      EXPECT_EQ(serialized, record + "\n");
    }
  }
}

TEST(WriterTest, AnnotationListsRemovalsAndMetadata) {
  Document doc =
      CleanText("2022年07月26日15:56\u00a0\u00a0來源:人民網\n本报记者 狄文君 文并摄\n正文第一段。");
  RecordAccess::record(doc) = R"({"text":"x"})";
  RecordAccess::text_value_begin(doc) = 8;
  RecordAccess::text_value_end(doc) = 11;
  std::string out;
  DocumentWriter writer(nullptr, OutputFormat::kJsonl, "text", true);
  writer.Serialize(doc, &out);
  EXPECT_NE(out.find(R"("text":"正文第一段。","newsclean":{"removals":[{"reason":"date-source")"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find(R"("byline":["本报记者 狄文君 文并摄"])"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("date":["2022年07月26日15:56"])"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("source":["人民網"])"), std::string::npos) << out;
}

TEST(WriterTest, FailedRunLeavesNoPartialOutput) {
  std::string dir = MakeTempDir("atomic");
  std::string path = dir + "/out.jsonl";
  {
    auto writer = DocumentWriter::Open(path, OutputFormat::kJsonl, "text", false);
    ASSERT_OK(writer.status());
    Document doc;
    doc.SetOriginalText("正文");
    ASSERT_OK((*writer)->Write(doc));
    // Destroyed without Close(): as when a later input fails.
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(WriterTest, PlainOutputKeepsItsBytesInOrderWhateverTheWriteSizes) {
  // Small writes are gathered into blocks; a block-sized write goes out as it
  // is, after what is gathered before it (AsyncSink's blocks find nothing).
  std::string dir = MakeTempDir("plain_sizes");
  std::string path = dir + "/out.jsonl";
  const size_t kMiB = size_t{1} << 20;
  std::vector<std::string> writes;
  for (int i = 0; i < 10; ++i) writes.push_back(absl::StrCat("small ", i, "\n"));
  writes.push_back(std::string(kMiB + kMiB / 2, 'a'));  // after gathered bytes
  writes.push_back(std::string(kMiB + 3, 'b'));         // nothing gathered
  writes.push_back("tail\n");
  writes.push_back(std::string(kMiB, 'c'));  // after gathered bytes again
  writes.push_back("end\n");
  auto sink = OpenOutput(path);
  ASSERT_OK(sink.status());
  std::string expected;
  for (const std::string& w : writes) {
    ASSERT_OK((*sink)->Write(w));
    expected += w;
  }
  ASSERT_OK((*sink)->Close());
  EXPECT_TRUE(ReadFile(path) == expected);  // (not EXPECT_EQ: 3.5 MB in a failure message)
}

TEST(WriterTest, StandardOutputKeepsTheBufferingItsProgramChose) {
  // A library must not change the process's stdio: writing to "-" leaves
  // stdout's buffer as it was (it once became a 1 MiB buffer of its own).
  const size_t before = __fbufsize(stdout);
  auto sink = OpenOutput("-");
  ASSERT_OK(sink.status());
  ASSERT_OK((*sink)->Write(""));
  ASSERT_OK((*sink)->Close());
  EXPECT_EQ(__fbufsize(stdout), before);
  EXPECT_NE(__fbufsize(stdout), size_t{1} << 20);
}

}  // namespace
}  // namespace newsclean
