#include "newsclean/pipeline.h"

#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "newsclean/dedup.h"
#include "newsclean/output_commit.h"
#include "newsclean/reader.h"
#include "newsclean/report.h"
#include "newsclean/writer.h"
#include "src/clean/layout_stage.h"
#include "src/dedup/index_lock.h"
#include "src/dedup/paragraph_counter.h"
#include "src/run/batch_runner.h"
#include "src/run/worker_pool.h"
#include "src/text/match_view.h"
#include "src/text/text_lines.h"

namespace newsclean {
namespace {

// Paragraphs shorter than this (in matching-view characters) are not counted
// for --repeated-paragraphs.
constexpr size_t kMinCountedParagraphChars = 8;

class StatsReporter : public DropReporter {
 public:
  explicit StatsReporter(RunStats* stats) : stats_(stats) {}
  void Dropped(const SourceLocation& where, const absl::Status& why) override {
    ++stats_->documents_in;
    ++stats_->skipped;
    // Over the document size limit (kResourceExhausted), or unreadable.
    const std::string reason =
        why.code() == absl::StatusCode::kResourceExhausted ? "too-large" : "malformed-record";
    ++stats_->skipped_reasons[reason];
    if (stats_->skipped_records.size() < RunStats::kMaxListedSkips) {
      stats_->skipped_records.push_back(SkippedRecord{where, reason, std::string(why.message())});
    }
  }

 private:
  RunStats* stats_;
};

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()), last_(start_) {}
  void Update(size_t documents, size_t bytes, bool final_line) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (!final_line && now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double mb = static_cast<double>(bytes) / 1e6;
    std::fprintf(stderr, "\rnewsclean: %zu documents  %.1f MB  %.1f MB/s%s", documents, mb,
                 secs > 0 ? mb / secs : 0.0, final_line ? "\n" : "");
    std::fflush(stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  Clock::time_point start_, last_;
};

// A paragraph's span and the hash of its matching view.
struct ParagraphKey {
  size_t begin, end;
  uint64_t hash;
};

void ParagraphKeys(std::string_view text, std::vector<ParagraphKey>* keys) {
  thread_local std::vector<char32_t> view;
  keys->clear();
  for (const Paragraph& p : SplitParagraphs(text)) {
    MatchView(text.substr(p.begin, p.end - p.begin), &view);
    if (view.size() < kMinCountedParagraphChars) continue;
    keys->push_back(
        ParagraphKey{p.begin, p.end, XXH3_64bits(view.data(), view.size() * sizeof(char32_t))});
  }
}

// Cuts the paragraphs of *doc seen in `threshold` or more earlier documents,
// then counts this document for each of its distinct paragraphs. Returns true
// if the text changed.
bool RemoveRepeatedParagraphs(ParagraphCounter* counter, int threshold,
                              const std::vector<ParagraphKey>& keys, Document* doc) {
  std::vector<Cut> cuts;
  for (const ParagraphKey& k : keys) {
    if (counter->Estimate(k.hash) >= threshold) {
      cuts.push_back(
          Cut{k.begin, k.end, Reason::kRepeatedAcrossDocuments, "repeated-across-documents"});
    }
  }
  std::vector<uint64_t> distinct;
  for (const ParagraphKey& k : keys) distinct.push_back(k.hash);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  for (uint64_t h : distinct) counter->Add(h);
  if (cuts.empty()) return false;
  doc->ApplyCuts(std::move(cuts));
  doc->ReplaceTextForLayout(LayOut(doc->text()));
  if (doc->text().empty()) doc->dropped = Reason::kEmpty;
  return true;
}

}  // namespace

namespace {

// A run must not write over one of its inputs (the output, the index or the
// report naming an input file): refused before anything is written.
absl::Status CheckNoInputIsWritten(const PipelineOptions& options,
                                   const std::vector<std::string>& inputs) {
  const std::pair<const char*, const std::string*> outputs[] = {
      {"output", &options.output},
      {"report", &options.report_path},
      {"index", &options.dedup_options.index_path}};
  for (const auto& [what, path] : outputs) {
    if (path->empty() || *path == "-") continue;
    for (const std::string& input : inputs) {
      if (input == "-") continue;
      std::error_code ec;
      if (std::filesystem::equivalent(*path, input, ec)) {
        return absl::InvalidArgumentError(absl::StrCat(*path, ": the ", what,
                                                       " would replace an input file (", input,
                                                       "); write it to another path"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

OutputFormat ResolveOutputFormat(const PipelineOptions& options, bool all_text_inputs,
                                 size_t num_files) {
  if (options.output_format != OutputFormat::kAuto) return options.output_format;
  return all_text_inputs && num_files == 1 ? OutputFormat::kText : OutputFormat::kJsonl;
}

absl::StatusOr<RunStats> RunPipeline(const Cleaner* cleaner, const PipelineOptions& options) {
  auto start = std::chrono::steady_clock::now();
  const DedupOptions& dedup = options.dedup_options;
  const bool two_pass = options.dedup && dedup.keep != KeepPolicy::kFirst;
  if (two_pass &&
      std::find(options.inputs.begin(), options.inputs.end(), "-") != options.inputs.end()) {
    return WithOption(absl::InvalidArgumentError(
                          "keeping the longest or the earliest copy reads the input twice: "
                          "standard input ('-') cannot be one of the inputs"),
                      "keep");
  }
  // The index is locked from before it is loaded until the run's files are
  // in place: two runs on one index would each drop the other's documents.
  std::unique_ptr<IndexLock> index_lock;
  if (options.dedup && !dedup.index_path.empty()) {
    absl::StatusOr<std::unique_ptr<IndexLock>> locked = IndexLock::Acquire(dedup.index_path);
    if (!locked.ok()) return locked.status();
    index_lock = std::move(*locked);
  }
  std::unique_ptr<DedupIndex> index;
  if (options.dedup) {
    absl::StatusOr<std::unique_ptr<DedupIndex>> created = DedupIndex::Create(dedup);
    if (!created.ok()) return created.status();
    index = std::move(*created);
  }
  absl::StatusOr<int> resolved_threads = ResolveThreads(options.threads);
  if (!resolved_threads.ok()) return resolved_threads.status();
  const int threads = *resolved_threads;
  // --threads N: N threads clean; with N > 1 one more thread reads and parses
  // ahead. It is light, so it shares the cores rather than taking one
  // (measured: bench/RESULTS.md).
  const bool reader_thread = threads > 1;
  WorkerPool pool(threads);

  // Per-batch scratch, indexed like the batch.
  const size_t slots = std::max<size_t>(options.batch_documents, 1);
  std::vector<Fingerprint> fingerprints(index ? slots : 0);
  std::vector<std::vector<ParagraphKey>> paragraph_keys(options.repeated_paragraphs > 0 ? slots
                                                                                        : 0);
  std::vector<std::string> serialized(slots);

  // Runs one pass. `decide` is pass 1 of a two-pass policy (decisions only);
  // otherwise the pass writes, deciding on the fly (keep first) or asking the
  // index for the verdict on pass 1's decisions (two-pass).
  std::vector<DedupDecision> decided;  // pass 1: one for each document, in input order
  auto run_pass = [&](bool decide, RunStats* stats, DocumentWriter* writer, DocumentReader* reader,
                      DropReporter* reporter) -> absl::Status {
    Progress progress(options.progress && !decide);
    BatchRunner runner(
        options, &pool, [&](size_t done, size_t bytes) { progress.Update(done, bytes, false); },
        reader_thread);
    std::unique_ptr<ParagraphCounter> counter;
    if (options.repeated_paragraphs > 0) {
      absl::StatusOr<std::unique_ptr<ParagraphCounter>> created =
          ParagraphCounter::Create(options.repeated_paragraph_memory);
      if (!created.ok()) return created.status();
      counter = std::move(*created);
    }
    const bool fingerprint = index && (decide || !two_pass);
    size_t ordinal = 0;
    auto prepare = [&](size_t i) {
      Document& doc = runner.doc(i);
      if (cleaner != nullptr) cleaner->Clean(&doc);
      serialized[i].clear();
      if (doc.dropped) return;
      if (counter) ParagraphKeys(doc.text(), &paragraph_keys[i]);
      if (fingerprint) index->ComputeFingerprint(doc.text(), &fingerprints[i]);
      if (writer != nullptr) writer->Serialize(doc, &serialized[i]);
    };
    auto consume = [&](size_t i) -> absl::Status {
      Document& doc = runner.doc(i);
      const size_t my_ordinal = ordinal++;
      // Pass 1 records a decision for every document, dropped ones included
      // (kept, never inserted), so that pass 2 finds each by its ordinal.
      if (decide) decided.emplace_back();
      bool reserialize = false;
      if (counter && !doc.dropped &&
          RemoveRepeatedParagraphs(counter.get(), options.repeated_paragraphs, paragraph_keys[i],
                                   &doc)) {
        // Rare path, on this thread: the text changed after the parallel phase.
        if (fingerprint && !doc.dropped) index->ComputeFingerprint(doc.text(), &fingerprints[i]);
        reserialize = true;
      }
      if (index && !doc.dropped) {
        if (decide) {
          decided[my_ordinal] = index->Decide(fingerprints[i], doc);
          return absl::OkStatus();
        }
        // Writing pass: is this document kept, and if not, whose duplicate is it?
        const DedupVerdict v =
            index->Verdict(two_pass ? decided[my_ordinal] : index->Decide(fingerprints[i], doc));
        if (!v.duplicate) {
          ++stats->dedup_unique;
        } else if (dedup.mode == DedupMode::kDrop) {
          doc.dropped = v.exact ? Reason::kExactDuplicate : Reason::kNearDuplicate;
        } else {
          doc.duplicate = DuplicateInfo{std::string(index->IdOf(v.of)), v.similarity, v.exact};
          reserialize = true;
        }
      }
      if (decide) return absl::OkStatus();
      stats->Add(doc);
      if (doc.dropped) return absl::OkStatus();
      if (reserialize) {
        serialized[i].clear();
        writer->Serialize(doc, &serialized[i]);
      }
      return writer->WriteSerialized(serialized[i]);
    };
    absl::Status st = runner.Run(reader, reporter, prepare, consume);
    if (!st.ok()) return st;
    stats->bytes_in = reader->bytes_read();
    if (!decide) progress.Update(stats->documents_in, stats->bytes_in, true);
    return absl::OkStatus();
  };

  RunStats stats;
  stats.threads = threads;
  stats.dedup = options.dedup;
  if (two_pass) {
    RunStats ignored;
    // Bad records are judged by the batch runner (parsing is deferred to it);
    // pass 2 reports them, once.
    absl::StatusOr<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(options, nullptr);
    if (!reader.ok()) return reader.status();
    absl::Status st = run_pass(/*decide=*/true, &ignored, nullptr, reader->get(), nullptr);
    if (!st.ok()) return st;
  }
  StatsReporter reporter(&stats);
  absl::StatusOr<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(options, nullptr);
  if (!reader.ok()) return reader.status();
  absl::Status st = CheckNoInputIsWritten(options, (*reader)->files());
  if (!st.ok()) return st;
  // The output, the index and the report are renamed into place together at
  // the end, or none of them (the commit removes them all if the run fails).
  OutputCommit commit;
  // A single plain-text input gives text out (standard input is sniffed here).
  OutputFormat format =
      ResolveOutputFormat(options, (*reader)->AllText(), (*reader)->files().size());
  if (options.dedup && dedup.mode == DedupMode::kAnnotate && format == OutputFormat::kText) {
    // Plain text has nowhere to put the duplicate marks: refused, not lost.
    return absl::InvalidArgumentError(
        "annotating duplicates needs JSON Lines output (the marks are a field of each record); "
        "plain-text output would drop them");
  }
  absl::StatusOr<std::unique_ptr<DocumentWriter>> writer = DocumentWriter::Open(
      options.output, format, options.text_field, options.annotate, threads, &commit);
  if (!writer.ok()) return writer.status();
  st = run_pass(/*decide=*/false, &stats, writer->get(), reader->get(), &reporter);
  if (!st.ok()) return st;
  st = (*writer)->Close();
  if (!st.ok()) return st;
  stats.bytes_out = (*writer)->bytes_written();
  if (index) {
    if (!dedup.index_path.empty()) {
      st = index->Save(dedup.index_path, &commit);
      if (!st.ok()) return st;
    }
    stats.index_documents = index->size();
    stats.index_decision_bytes = index->DecisionBytes();
    stats.index_id_bytes = index->IdBytes();
    stats.index_name = index->name();
    stats.lsh_bands = index->lsh_params().bands;
    stats.lsh_rows = index->lsh_params().rows;
  }
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!options.report_path.empty()) {
    st = WriteReport(stats, options.report_path, &commit);
    if (!st.ok()) return st;
  }
  st = commit.Apply();
  if (!st.ok()) return st;
  return stats;
}

}  // namespace newsclean
