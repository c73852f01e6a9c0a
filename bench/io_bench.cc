// Benchmarks of the I/O layer: JSONL writing (splicing cleaned text into the
// record) and decompression of each supported format, on the seed records
// repeated to 4 MB. Each checks its result before timing.
//
//   build/bench/io_bench --benchmark_min_time=0.3
#include <benchmark/benchmark.h>
#include <zstd.h>

#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/lzma.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <sstream>

#include "newsclean/reader.h"
#include "newsclean/writer.h"
#include "src/io/input_stream.h"
#include "src/io/output_stream.h"

namespace newsclean {
namespace {

const std::string& Corpus() {
  static const std::string* corpus = [] {
    std::string seeds =
        ReadFileContents(std::string(NEWSCLEAN_FIXTURES_DIR) + "/seeds.jsonl").value_or("");
    auto* s = new std::string;
    while (!seeds.empty() && s->size() < (4u << 20)) s->append(seeds);
    return s;
  }();
  return *corpus;
}

std::string Compress(const std::string& data, int format) {
  if (format == 3) {
    std::string out(ZSTD_compressBound(data.size()), '\0');
    out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
    return out;
  }
  namespace io = boost::iostreams;
  std::ostringstream out;
  {
    io::filtering_ostream os;
    if (format == 0) os.push(io::gzip_compressor());
    if (format == 1) os.push(io::bzip2_compressor());
    if (format == 2) os.push(io::lzma_compressor());
    os.push(out);
    os << data;
  }
  return out.str();
}

void BM_Decompress(benchmark::State& state) {
  const int format = static_cast<int>(state.range(0));
  const std::string packed = Compress(Corpus(), format);
  std::string block(1 << 20, '\0');
  auto read_all = [&]() -> size_t {
    auto source = OpenInputFromString(packed, "bench");
    size_t total = 0;
    while (true) {
      auto got = source->Read(block.data(), block.size());
      if (!got.ok() || *got == 0) return got.ok() ? total : 0;
      total += *got;
    }
  };
  if (read_all() != Corpus().size()) {
    state.SkipWithError("decompressed size differs");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(read_all());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Corpus().size()));
  state.SetLabel(format == 0 ? "gzip" : format == 1 ? "bzip2" : format == 2 ? "xz" : "zstd");
}

void BM_Writer_Jsonl(benchmark::State& state) {
  PipelineOptions options;
  options.inputs = {std::string(NEWSCLEAN_FIXTURES_DIR) + "/seeds.jsonl"};
  auto reader = DocumentReader::Open(options, nullptr);
  std::vector<Document> docs;
  Document doc;
  while ((*reader)->Next(&doc)) {
    doc.ReplaceTextForLayout(doc.text() + "。");  // modified: the writer must splice
    docs.push_back(std::move(doc));
  }
  DocumentWriter writer(nullptr, OutputFormat::kJsonl, "text", false);
  std::string out;
  writer.Serialize(docs[0], &out);
  if (out.find("\"url\"") == std::string::npos || out.back() != '\n') {
    state.SkipWithError("record not written back");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    out.clear();
    for (const Document& d : docs) writer.Serialize(d, &out);
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
}

}  // namespace
}  // namespace newsclean

BENCHMARK(newsclean::BM_Decompress)->DenseRange(0, 3);
BENCHMARK(newsclean::BM_Writer_Jsonl);
BENCHMARK_MAIN();
