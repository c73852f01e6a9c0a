#include "tests/testutil.h"

#include <sys/wait.h>
#include <zstd.h>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/lzma.hpp>
#include <boost/iostreams/filter/zstd.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "src/text/script_tables.h"

namespace newsclean {

::testing::AssertionResult IsOkStatus(const absl::Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << status;
}

int RunCli(const std::string& args, std::string* err) {
  std::string dir = MakeTempDir("cli");
  std::string cmd = std::string(NEWSCLEAN_BINARY) + " " + args + " 2>" + dir + "/err";
  int status = std::system(cmd.c_str());
  *err = ReadFile(dir + "/err");
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> FoldedSeedLines() {
  std::vector<std::string> lines;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(NEWSCLEAN_FIXTURES_DIR) + "/seeds")) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      ScriptTables::Get().FoldToSimplified(&line);
      if (!line.empty()) lines.push_back(line);
    }
  }
  return lines;
}

Document CleanText(const std::string& text) {
  static const Cleaner* const cleaner = [] {
    auto created = Cleaner::Create(CleanOptions());
    EXPECT_TRUE(created.ok()) << created.status().message();
    return created.ok() ? created->release() : nullptr;
  }();
  Document doc;
  doc.SetOriginalText(text);
  if (cleaner != nullptr) cleaner->Clean(&doc);
  return doc;
}

Document CleanText(const std::string& text, const CleanOptions& options) {
  auto cleaner = Cleaner::Create(options);
  EXPECT_TRUE(cleaner.ok()) << cleaner.status().message();
  Document doc;
  doc.SetOriginalText(text);
  (*cleaner)->Clean(&doc);
  return doc;
}

std::string Cleaned(const std::string& text) { return CleanText(text).text(); }

std::string Cleaned(const std::string& text, const CleanOptions& options) {
  return CleanText(text, options).text();
}

std::vector<std::string> RuleNames(const Document& doc) {
  std::vector<std::string> names;
  for (const Removal& r : doc.removals) names.push_back(r.rule);
  return names;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

std::string MakeTempDir(const std::string& name) {
  namespace fs = std::filesystem;
  const char* base = std::getenv("TEST_TMPDIR");
  fs::path dir = fs::path(base ? base : fs::temp_directory_path().string()) /
                 ("newsclean_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::string Compress(const std::string& data, const std::string& ext) {
  namespace io = boost::iostreams;
  if (ext == "zst") {  // with a checksum, as the zstd CLI writes it
    ZSTD_CCtx* cctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
    std::string out(ZSTD_compressBound(data.size()), '\0');
    size_t n = ZSTD_compress2(cctx, out.data(), out.size(), data.data(), data.size());
    ZSTD_freeCCtx(cctx);
    out.resize(ZSTD_isError(n) ? 0 : n);
    return out;
  }
  std::ostringstream out;
  {
    io::filtering_ostream os;
    if (ext == "gz") os.push(io::gzip_compressor());
    if (ext == "bz2") os.push(io::bzip2_compressor());
    if (ext == "xz") os.push(io::lzma_compressor());
    if (ext == "zst") os.push(io::zstd_compressor());
    os.push(out);
    os << data;
  }
  return out.str();
}

std::vector<std::string> DedupVerdicts(const DedupOptions& options,
                                       const std::vector<DatedText>& docs) {
  auto index = DedupIndex::Create(options);
  EXPECT_OK(index.status());
  if (!index.ok()) return {};
  std::vector<DedupDecision> decided;
  for (const DatedText& d : docs) {
    Document doc;
    doc.id = d.id;
    doc.SetOriginalText(d.text);
    doc.sort_key = d.date;
    Fingerprint fp;
    (*index)->ComputeFingerprint(doc.text(), &fp);
    decided.push_back((*index)->Decide(fp, doc));
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < decided.size(); ++i) {
    const DedupVerdict v = (*index)->Verdict(decided[i]);
    if (!v.duplicate) {
      out.push_back(docs[i].id);
      continue;
    }
    const char* kind = v.exact ? " exact" : v.containment > 0 ? " contained" : " near";
    out.push_back(docs[i].id + "->" + std::string((*index)->IdOf(v.of)) + kind);
  }
  return out;
}

}  // namespace newsclean
