// Google Benchmark programs for each cleaner stage, the whole cleaner and the
// JSONL reader, on the five seed articles (69,949 bytes of text, traditional and
// simplified). Each benchmark checks its stage's effect on the input before
// timing, so a stage that silently stopped working cannot look fast.
//
//   build/bench/cleaner_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>
#include <xxhash.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "bench/hyperscan_prefilter.h"
#include "newsclean/cleaner.h"
#include "newsclean/reader.h"
#include "re2/re2.h"
#include "re2/set.h"
#include "src/clean/boilerplate_stage.h"
#include "src/clean/caption_stage.h"
#include "src/clean/layout_stage.h"
#include "src/clean/paragraph_join_stage.h"
#include "src/clean/pinyin_gloss_stage.h"
#include "src/clean/repeated_paragraph_stage.h"
#include "src/clean/rule_prefilter.h"
#include "src/clean/rule_set.h"
#include "src/io/input_stream.h"
#include "src/text/script_tables.h"
#include "src/text/text_lines.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

// The file's bytes, or "" if it cannot be read (callers check for that).
std::string ReadFile(const std::string& path) { return ReadFileContents(path).value_or(""); }

const std::vector<std::string>& Seeds() {
  static const auto* seeds = [] {
    auto* v = new std::vector<std::string>;
    std::vector<std::filesystem::path> paths;
    for (const auto& e :
         std::filesystem::directory_iterator(std::string(NEWSCLEAN_FIXTURES_DIR) + "/seeds")) {
      paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) v->push_back(ReadFile(p.string()));
    return v;
  }();
  return *seeds;
}

// Runs `stage` over every seed per iteration; REQUIRES that it removes at
// least `min_removals` pieces in total (checked once, before timing).
void RunStage(benchmark::State& state, const Stage& stage, size_t min_removals) {
  size_t bytes = 0, removals = 0;
  for (const std::string& s : Seeds()) {
    Document doc;
    doc.SetOriginalText(s);
    stage.Process(&doc);
    removals += doc.removals.size();
    bytes += s.size();
  }
  if (removals < min_removals) {
    state.SkipWithError("stage removed less than expected: result check failed");
    return;
  }
  for (auto _ : state) {
    for (const std::string& s : Seeds()) {
      Document doc;
      doc.SetOriginalText(s);
      stage.Process(&doc);
      benchmark::DoNotOptimize(doc.text().data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Seeds().size()));
}

void BM_Stage_PinyinGloss(benchmark::State& state) {
  RunStage(state, PinyinGlossStage(true, true), 189);  // 188 glosses + 1 label
}
void BM_Stage_ImageCaption(benchmark::State& state) { RunStage(state, CaptionStage(80), 5); }
void BM_Stage_Boilerplate(benchmark::State& state) {
  auto stage = BoilerplateStage::Create(BuiltinRules());
  if (!stage.ok()) {
    state.SkipWithError("rules did not compile");
    return;
  }
  RunStage(state, **stage, 10);
}
void BM_Stage_Reflow(benchmark::State& state) { RunStage(state, ParagraphJoinStage(), 14); }
void BM_Stage_RepeatedParagraph(benchmark::State& state) {
  RunStage(state, RepeatedParagraphStage(8, true, 0.8, 30, 3), 10);
}
void BM_Stage_Layout(benchmark::State& state) { RunStage(state, LayoutStage(), 0); }

void BM_Cleaner_AllStages(benchmark::State& state) {
  auto cleaner = Cleaner::Create(CleanOptions());
  if (!cleaner.ok()) {
    state.SkipWithError("cleaner did not build");
    return;
  }
  std::string expected =
      ReadFile(std::string(NEWSCLEAN_FIXTURES_DIR) + "/expected/001_5f273f7fff855111.clean.txt");
  Document check;
  check.SetOriginalText(Seeds()[1]);
  (*cleaner)->Clean(&check);
  if (check.text() + "\n" != expected) {
    state.SkipWithError("cleaned seed 001 differs from fixtures/expected");
    return;
  }
  size_t bytes = 0;
  for (const std::string& s : Seeds()) bytes += s.size();
  for (auto _ : state) {
    for (const std::string& s : Seeds()) {
      Document doc;
      doc.SetOriginalText(s);
      (*cleaner)->Clean(&doc);
      benchmark::DoNotOptimize(doc.text().data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Seeds().size()));
}

// The boilerplate rules in a prefilter (RulePrefilter or HyperscanPrefilter),
// and the non-blank lines of the seeds.
template <typename Prefilter>
struct RuleFixtureOf {
  RuleFixtureOf() {
    std::string error;
    for (const RuleSpec& spec : BuiltinRules()) {
      ok = ok && prefilter.Add(ExpandRuleMacros(spec.pattern), &error);
    }
    prefilter.Compile();
    for (const std::string& s : Seeds()) {
      for (const LineSpan& line : SplitLines(s)) {
        if (line.blank) continue;
        lines.emplace_back(
            TrimSpaces(std::string_view(s).substr(line.begin, line.end - line.begin)));
        bytes += lines.back().size();
      }
    }
  }
  bool ok = true;
  Prefilter prefilter;
  std::vector<std::string> lines;
  size_t bytes = 0;
};

using RuleFixture = RuleFixtureOf<RulePrefilter>;

// The prefilter: fold each line and find the rules that may match it (the atom
// prefilter: its atoms, and the rules whose clauses they satisfy; Hyperscan:
// one scan against every rule). Checked first: every rule that matches a line
// is a candidate for it, and lines get on average far fewer candidates than
// there are rules.
template <typename Prefilter>
void BM_Boilerplate_Prefilter(benchmark::State& state) {
  RuleFixtureOf<Prefilter> f;
  std::string folded;
  std::vector<int> candidates;
  size_t total_candidates = 0;
  for (const std::string& line : f.lines) {
    folded = line;
    f.prefilter.Candidates(&folded, &candidates);
    for (int id = 0; id < f.prefilter.size(); ++id) {
      if (RE2::PartialMatch(folded, f.prefilter.rule(id)) &&
          !std::binary_search(candidates.begin(), candidates.end(), id)) {
        state.SkipWithError("a matching rule was filtered out");
        return;
      }
    }
    total_candidates += candidates.size();
  }
  if (!f.ok || total_candidates * 4 > f.lines.size() * static_cast<size_t>(f.prefilter.size())) {
    state.SkipWithError("rules did not compile, or the prefilter lets most rules through");
    return;
  }
  for (auto _ : state) {
    for (const std::string& line : f.lines) {
      folded = line;
      f.prefilter.Candidates(&folded, &candidates);
      benchmark::DoNotOptimize(candidates.data());
    }
  }
  state.counters["candidates_per_line"] =
      static_cast<double>(total_candidates) / static_cast<double>(f.lines.size());
  if constexpr (std::is_same_v<Prefilter, HyperscanPrefilter>) {
    state.counters["rules_unfiltered"] = static_cast<double>(f.prefilter.unfiltered().size());
  }
  state.counters["rules"] = f.prefilter.size();
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.lines.size()));
}

// The prefilter and the matching view of each line (what the boilerplate stage
// leaves for the repeated-paragraph stage): in one pass
// (RulePrefilter::CandidatesAndView, range(0) = 1) or in two, the prefilter and
// then ScriptTables::WriteMatchView on the line as it was (range(0) = 0, the
// design before). Checked first: both give the same candidates and views.
void BM_Boilerplate_PrefilterAndView(benchmark::State& state) {
  static const RuleFixture* f = new RuleFixture();
  const bool one_pass = state.range(0) == 1;
  std::string folded;
  std::vector<int> candidates, expected;
  std::vector<char32_t> view, two_pass_view;
  size_t view_end = 0;
  for (const std::string& line : f->lines) {
    folded = line;
    f->prefilter.Candidates(&folded, &expected);
    two_pass_view.resize(ScriptTables::Get().WriteMatchView(line, &two_pass_view, 0));
    folded = line;
    view_end = 0;
    f->prefilter.CandidatesAndView(&folded, &candidates, &view, &view_end);
    if (candidates != expected || view_end != two_pass_view.size() ||
        !std::equal(two_pass_view.begin(), two_pass_view.end(), view.begin())) {
      state.SkipWithError("the one pass and the two differ");
      return;
    }
  }
  for (auto _ : state) {
    view_end = 0;
    for (const std::string& line : f->lines) {
      folded = line;
      if (one_pass) {
        f->prefilter.CandidatesAndView(&folded, &candidates, &view, &view_end);
      } else {
        f->prefilter.Candidates(&folded, &candidates);
        view_end = ScriptTables::Get().WriteMatchView(line, &view, view_end);
      }
      benchmark::DoNotOptimize(candidates.data());
    }
    benchmark::DoNotOptimize(view.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f->bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f->lines.size()));
}

// Reference for the prefilter, same lines: the design it replaced, one
// RE2::Set per scope (line rules anchored at both ends, segment rules
// unanchored, lead-ins anchored at the start) scanning every folded line.
void BM_Boilerplate_RuleSetsReference(benchmark::State& state) {
  RuleFixture f;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(256 << 20);
  RE2::Set line(options, RE2::ANCHOR_BOTH), segment(options, RE2::UNANCHORED),
      lead_in(options, RE2::ANCHOR_START);
  for (const RuleSpec& spec : BuiltinRules()) {
    RE2::Set& set = spec.scope == RuleScope::kLine      ? line
                    : spec.scope == RuleScope::kSegment ? segment
                                                        : lead_in;
    f.ok = f.ok && set.Add(ExpandRuleMacros(spec.pattern), nullptr) >= 0;
  }
  f.ok = f.ok && line.Compile() && segment.Compile() && lead_in.Compile();
  std::vector<std::string> folded = f.lines;
  for (std::string& text : folded) ScriptTables::Get().FoldToSimplified(&text);
  size_t hits = 0;
  std::vector<int> v;
  for (const std::string& text : folded) {
    for (const RE2::Set* set : {&line, &segment, &lead_in}) hits += set->Match(text, &v);
  }
  if (!f.ok || hits < 10) {
    state.SkipWithError("rule sets did not compile or matched (almost) nothing in the seeds");
    return;
  }
  for (auto _ : state) {
    for (const std::string& text : folded) {
      for (const RE2::Set* set : {&line, &segment, &lead_in}) {
        benchmark::DoNotOptimize(set->Match(text, &v));
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.lines.size()));
}

// Parsing and validating JSONL records (DOM validation + text span location).
void BM_Reader_Jsonl(benchmark::State& state) {
  PipelineOptions options;
  options.inputs = {std::string(NEWSCLEAN_FIXTURES_DIR) + "/seeds.jsonl"};
  size_t bytes = std::filesystem::file_size(options.inputs[0]);
  size_t docs = 0;
  for (auto _ : state) {
    auto reader = DocumentReader::Open(options, nullptr);
    Document doc;
    docs = 0;
    while ((*reader)->Next(&doc)) ++docs;
    if (!(*reader)->status().ok() || docs != 5) {
      state.SkipWithError("reader did not return the 5 seed records");
      return;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs));
}

// Reference ceilings on the same input, in the same run: hashing every seed
// with XXH3 and validating its UTF-8 are the least any stage has to do.
void BM_Reference_Xxh3(benchmark::State& state) {
  size_t bytes = 0;
  for (const std::string& s : Seeds()) bytes += s.size();
  for (auto _ : state) {
    for (const std::string& s : Seeds()) benchmark::DoNotOptimize(XXH3_64bits(s.data(), s.size()));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Seeds().size()));
}

void BM_Reference_Utf8Validate(benchmark::State& state) {
  size_t bytes = 0;
  for (const std::string& s : Seeds()) {
    bytes += s.size();
    if (!IsValidUtf8(s)) {
      state.SkipWithError("seed is not valid UTF-8");
      return;
    }
  }
  for (auto _ : state) {
    for (const std::string& s : Seeds()) benchmark::DoNotOptimize(IsValidUtf8(s));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Seeds().size()));
}

}  // namespace
}  // namespace newsclean

BENCHMARK(newsclean::BM_Stage_PinyinGloss);
BENCHMARK(newsclean::BM_Stage_ImageCaption);
BENCHMARK(newsclean::BM_Stage_Boilerplate);
BENCHMARK(newsclean::BM_Stage_Reflow);
BENCHMARK(newsclean::BM_Stage_RepeatedParagraph);
BENCHMARK(newsclean::BM_Stage_Layout);
BENCHMARK(newsclean::BM_Boilerplate_Prefilter<newsclean::RulePrefilter>);
BENCHMARK(newsclean::BM_Boilerplate_Prefilter<newsclean::HyperscanPrefilter>);
BENCHMARK(newsclean::BM_Boilerplate_PrefilterAndView)->Arg(0)->Arg(1);
BENCHMARK(newsclean::BM_Boilerplate_RuleSetsReference);
BENCHMARK(newsclean::BM_Cleaner_AllStages);
BENCHMARK(newsclean::BM_Reader_Jsonl);
BENCHMARK(newsclean::BM_Reference_Xxh3);
BENCHMARK(newsclean::BM_Reference_Utf8Validate);
BENCHMARK_MAIN();
