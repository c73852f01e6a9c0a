// Benchmarks of the near-duplicate path: matching view, MinHash signing, LSH
// query+insert, and a full fingerprint, on the cleaned seed articles (the
// same 64 KB of text as cleaner_bench). Each checks its result before timing.
//
//   build/bench/dedup_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <filesystem>

#include "newsclean/cleaner.h"
#include "newsclean/dedup.h"
#include "newsclean/minhash.h"
#include "src/dedup/shingle_hash.h"
#include "src/io/input_stream.h"
#include "src/text/match_view.h"

namespace newsclean {
namespace {

const std::vector<std::string>& CleanSeeds() {
  static const auto* seeds = [] {
    auto* v = new std::vector<std::string>;
    auto cleaner = Cleaner::Create(CleanOptions());
    std::vector<std::filesystem::path> paths;
    for (const auto& e :
         std::filesystem::directory_iterator(std::string(NEWSCLEAN_FIXTURES_DIR) + "/seeds")) {
      paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      Document doc;
      doc.SetOriginalText(ReadFileContents(p.string()).value_or(""));
      (*cleaner)->Clean(&doc);
      v->push_back(doc.text());
    }
    return v;
  }();
  return *seeds;
}

size_t TotalBytes() {
  size_t n = 0;
  for (const std::string& s : CleanSeeds()) n += s.size();
  return n;
}

void Finish(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * CleanSeeds().size()));
}

void BM_MatchView(benchmark::State& state) {
  CleanSeeds();  // builds the input (and the tables) before timing
  std::vector<char32_t> view;
  MatchView("黨建，ＡＢＣ!", &view);
  if (view != std::vector<char32_t>{U'党', U'建', U'a', U'b', U'c'}) {
    state.SkipWithError("matching view is wrong");
    return;
  }
  for (auto _ : state) {
    for (const std::string& s : CleanSeeds()) {
      MatchView(s, &view);
      benchmark::DoNotOptimize(view.data());
    }
  }
  Finish(state);
}

void BM_MinHash_Sign(benchmark::State& state) {
  MinHasher hasher = *MinHasher::Create(MinHashParams{static_cast<int>(state.range(0)), 4, 0});
  std::vector<char32_t> view;
  std::vector<uint32_t> a, b;
  hasher.Sign(CleanSeeds()[0], &a);
  hasher.Sign(CleanSeeds()[1], &b);
  if (MinHasher::EstimateJaccard(a, a) != 1.0 || MinHasher::EstimateJaccard(a, b) > 0.2) {
    state.SkipWithError("signatures do not separate distinct seeds");
    return;
  }
  std::vector<std::vector<char32_t>> views;
  for (const std::string& s : CleanSeeds()) {
    MatchView(s, &view);
    views.push_back(view);
  }
  for (auto _ : state) {
    for (const auto& v : views) {
      hasher.SignView(v, &a);
      benchmark::DoNotOptimize(a.data());
    }
  }
  Finish(state);
}

// The four-character shingle hashes of the seeds' views: /0 one at a time
// with libxxhash's XXH3 (inlined), /1 eight at a time (HashFourCharShingles,
// AVX-512; skipped where the CPU has none). Checked equal before timing.
void BM_ShingleHashes(benchmark::State& state) {
  const bool eight = state.range(0) == 1;
  if (eight && !CanHashShinglesEightAtATime()) {
    state.SkipWithError("this CPU has no AVX-512 (F, DQ, BW)");
    return;
  }
  std::vector<std::vector<char32_t>> views;
  std::vector<char32_t> view;
  for (const std::string& s : CleanSeeds()) {
    MatchView(s, &view);
    views.push_back(view);
  }
  std::vector<uint64_t> out;
  // Returns how many it hashed (eight at a time: up to the last step that fits).
  auto hash = [&](const std::vector<char32_t>& v) -> size_t {
    const size_t shingles = v.size() >= 4 ? v.size() - 3 : 0;
    out.resize(shingles);
    if (eight) return HashFourCharShingles(v.data(), v.size(), shingles, 0, out.data());
    for (size_t i = 0; i < shingles; ++i) out[i] = XXH3_64bits_withSeed(v.data() + i, 16, 0);
    return shingles;
  };
  for (const auto& v : views) {
    const size_t n = hash(v);
    for (size_t i = 0; i < n; ++i) {
      if (out[i] != XXH3_64bits_withSeed(v.data() + i, 16, 0)) {
        state.SkipWithError("a shingle hash differs from XXH3's");
        return;
      }
    }
  }
  size_t shingles = 0;
  for (auto _ : state) {
    for (const auto& v : views) {
      shingles += hash(v);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(shingles));
}

void BM_Dedup_Fingerprint(benchmark::State& state) {
  CleanSeeds();  // builds the input before timing
  auto index = DedupIndex::Create(DedupOptions());
  Fingerprint fp;
  for (auto _ : state) {
    for (const std::string& s : CleanSeeds()) {
      (*index)->ComputeFingerprint(s, &fp);
      benchmark::DoNotOptimize(fp.packed.data());
    }
  }
  Finish(state);
}

// LSH query and insert of distinct documents into a growing index (decisions
// only: fingerprints are computed before timing).
void BM_Dedup_DecideInsert(benchmark::State& state) {
  auto index = DedupIndex::Create(DedupOptions());
  std::vector<Fingerprint> fps(4096);
  for (size_t i = 0; i < fps.size(); ++i) {
    (*index)->ComputeFingerprint(CleanSeeds()[i % 5] + std::to_string(i * 7919) + "号文件",
                                 &fps[i]);
  }
  if ((*index)->Decide(fps[0], "0").kind != DedupDecision::Kind::kUnique ||
      (*index)->Decide(fps[0], "again").kind != DedupDecision::Kind::kExact) {
    state.SkipWithError("index does not find an exact repeat");
    return;
  }
  size_t i = 0;
  for (auto _ : state) {
    DedupDecision d = (*index)->Decide(fps[i++ % fps.size()], "x");
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

}  // namespace
}  // namespace newsclean

BENCHMARK(newsclean::BM_MatchView);
BENCHMARK(newsclean::BM_MinHash_Sign)->Arg(64)->Arg(128)->Arg(256);
BENCHMARK(newsclean::BM_ShingleHashes)->Arg(0)->Arg(1);
BENCHMARK(newsclean::BM_Dedup_Fingerprint);
BENCHMARK(newsclean::BM_Dedup_DecideInsert);
BENCHMARK_MAIN();
