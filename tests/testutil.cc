#include "tests/testutil.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/lzma.hpp>
#include <boost/iostreams/filter/zstd.hpp>
#include <boost/iostreams/filtering_stream.hpp>

namespace newsclean {

Document CleanText(const std::string& text, const CleanOptions& options) {
  auto cleaner = Cleaner::Create(options);
  EXPECT_TRUE(cleaner.ok()) << cleaner.status().message();
  Document doc;
  doc.SetOriginalText(text);
  (*cleaner)->Clean(&doc);
  return doc;
}

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
  std::string out;
  {
    io::filtering_ostream os;
    if (ext == "gz") os.push(io::gzip_compressor());
    if (ext == "bz2") os.push(io::bzip2_compressor());
    if (ext == "xz") os.push(io::lzma_compressor());
    if (ext == "zst") os.push(io::zstd_compressor());
    os.push(io::back_inserter(out));
    os << data;
  }
  return out;
}

}  // namespace newsclean
