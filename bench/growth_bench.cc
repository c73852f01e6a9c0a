// Growth of each cleaning stage, and of the whole cleaner and the dedup
// fingerprint, with the size of ONE document: 1 to 64 MB. Every stage must be
// linear (or n log n) in the document's size; a quadratic one (reflow's
// heading test once was) shows as time per MB growing with the size.
//
// Two document shapes:
//   wrapped  hard-wrapped lines of 40 characters that break one long paragraph
//            (every line ends mid-sentence: reflow joins them all);
//   page     the seed articles one after another, each line made unique by a
//            counter, so that glosses, furniture, captions and reflow all fire
//            and repeated-paragraph detection compares instead of skipping.
// Google Benchmark fits each series to O(N) and prints the fit ("_BigO") and
// its RMS error; the table of time per MB at each size is in RESULTS.md.
//
//   build/bench/growth_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "newsclean/cleaner.h"
#include "newsclean/dedup.h"
#include "src/clean/boilerplate_stage.h"
#include "src/clean/caption_stage.h"
#include "src/clean/layout_stage.h"
#include "src/clean/link_list_stage.h"
#include "src/clean/paragraph_join_stage.h"
#include "src/clean/pinyin_gloss_stage.h"
#include "src/clean/repeated_paragraph_stage.h"
#include "src/clean/rule_set.h"
#include "src/clean/separator_stage.h"
#include "src/io/input_stream.h"

namespace newsclean {
namespace {

constexpr size_t kMB = 1 << 20;

std::string Wrapped(size_t bytes) {
  static const char32_t kChars[] =
      U"的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
      U"过子说产种面而方后多定行学法所民得经";
  constexpr size_t kN = sizeof(kChars) / sizeof(kChars[0]) - 1;
  std::string out;
  out.reserve(bytes + 256);
  uint64_t x = 88172645463325252ull;
  while (out.size() < bytes) {
    for (int k = 0; k < 40; ++k) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      char32_t cp = kChars[x % kN];
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    out.push_back('\n');
  }
  return out;
}

std::string Page(size_t bytes) {
  std::vector<std::string> seeds;
  std::vector<std::filesystem::path> paths;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(NEWSCLEAN_FIXTURES_DIR) + "/seeds")) {
    paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) seeds.push_back(ReadFileContents(p.string()).value_or(""));
  std::string out;
  out.reserve(bytes + 100000);
  size_t counter = 0;
  while (out.size() < bytes) {
    for (const std::string& s : seeds) {
      size_t pos = 0;
      while (pos < s.size()) {
        size_t nl = s.find('\n', pos);
        if (nl == std::string::npos) nl = s.size();
        std::string_view line(s.data() + pos, nl - pos);
        if (!line.empty()) {
          out.append(line);
          if (line.size() > 60) out.append(std::to_string(counter++));  // unique, mid-paragraph
        }
        out.push_back('\n');
        pos = nl + 1;
      }
    }
  }
  return out;
}

const std::string& Document_(bool wrapped, size_t mb) {
  static std::map<std::pair<bool, size_t>, std::string> cache;
  auto& text = cache[{wrapped, mb}];
  if (text.empty()) text = wrapped ? Wrapped(mb * kMB) : Page(mb * kMB);
  return text;
}

void Run(benchmark::State& state, const Stage& stage) {
  const std::string& text = Document_(state.range(1) != 0, static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    Document doc;
    doc.SetOriginalText(text);
    stage.Process(&doc);
    benchmark::DoNotOptimize(doc.text().data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.SetComplexityN(static_cast<int64_t>(text.size()));
}

const Cleaner& DefaultCleaner() {
  static const Cleaner* cleaner = Cleaner::Create(CleanOptions())->release();
  return *cleaner;
}

void BM_Separators(benchmark::State& state) { Run(state, SeparatorStage()); }
void BM_PinyinGloss(benchmark::State& state) { Run(state, PinyinGlossStage(true, true)); }
void BM_ImageCaption(benchmark::State& state) {
  Run(state, CaptionStage(CleanOptions().caption_max_chars));
}
void BM_Boilerplate(benchmark::State& state) {
  static const BoilerplateStage* stage = BoilerplateStage::Create(BuiltinRules())->release();
  Run(state, *stage);
}
void BM_LinkList(benchmark::State& state) { Run(state, LinkListStage()); }
void BM_Reflow(benchmark::State& state) { Run(state, ParagraphJoinStage()); }
void BM_RepeatedParagraph(benchmark::State& state) {
  CleanOptions o;
  Run(state,
      RepeatedParagraphStage(o.repeated_paragraph_min_chars, true, o.near_paragraph_threshold,
                             o.near_paragraph_min_chars, o.near_paragraph_ngram));
}
void BM_Layout(benchmark::State& state) { Run(state, LayoutStage()); }

void BM_WholeCleaner(benchmark::State& state) {
  const std::string& text = Document_(state.range(1) != 0, static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    Document doc;
    doc.SetOriginalText(text);
    DefaultCleaner().Clean(&doc);
    benchmark::DoNotOptimize(doc.text().data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.SetComplexityN(static_cast<int64_t>(text.size()));
}

void BM_DedupFingerprint(benchmark::State& state) {
  const std::string& text = Document_(state.range(1) != 0, static_cast<size_t>(state.range(0)));
  static const DedupIndex* index = DedupIndex::Create(DedupOptions())->release();
  for (auto _ : state) {
    Fingerprint fp;
    index->ComputeFingerprint(text, &fp);
    benchmark::DoNotOptimize(fp.exact_low);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.SetComplexityN(static_cast<int64_t>(text.size()));
}

// Sizes 1, 2, 4, ..., 64 MB, each shape; one timed run a size is enough to see
// growth (the smallest take milliseconds, the largest seconds).
void Sizes(benchmark::internal::Benchmark* b) {
  for (int wrapped : {1, 0}) {
    for (int mb = 1; mb <= 64; mb *= 2) b->Args({mb, wrapped});
  }
}

#define NC_GROWTH(fn)                 \
  BENCHMARK(fn)                       \
      ->Apply(Sizes)                  \
      ->Iterations(1)                 \
      ->Unit(benchmark::kMillisecond) \
      ->Complexity(benchmark::oN)

NC_GROWTH(BM_Separators);
NC_GROWTH(BM_PinyinGloss);
NC_GROWTH(BM_ImageCaption);
NC_GROWTH(BM_Boilerplate);
NC_GROWTH(BM_LinkList);
NC_GROWTH(BM_Reflow);
NC_GROWTH(BM_RepeatedParagraph);
NC_GROWTH(BM_Layout);
NC_GROWTH(BM_WholeCleaner);
NC_GROWTH(BM_DedupFingerprint);

}  // namespace
}  // namespace newsclean

BENCHMARK_MAIN();
