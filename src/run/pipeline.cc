#include "newsclean/pipeline.h"

#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <span>
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
#include "src/run/progress.h"
#include "src/run/worker_pool.h"
#include "src/text/match_view.h"
#include "src/text/match_view_access.h"
#include "src/text/scratch.h"
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

// A paragraph's span and the hash of its matching view.
struct ParagraphKey {
  size_t begin, end;
  uint64_t hash;
};

// The keys of the cleaned document's paragraphs, their views taken from the
// matching view the cleaner left (match_view_access.h) when it did, which
// holds the views of the same paragraphs in order.
void ParagraphKeys(const Document& doc, std::vector<ParagraphKey>* keys) {
  thread_local std::vector<char32_t> computed;
  ScratchRelease release_computed(&computed);
  const std::string_view text = doc.text();
  keys->clear();
  thread_local std::vector<Paragraph> paragraphs;  // scratch: no allocation a page
  ScratchRelease release_paragraphs(&paragraphs);
  SplitParagraphs(text, &paragraphs);
  const std::vector<size_t>* ends = nullptr;
  const std::vector<char32_t>* left = MatchViewAccess::Peek(doc, &ends);
  if (left != nullptr && ends->size() != paragraphs.size()) left = nullptr;  // not expected
  for (size_t k = 0; k < paragraphs.size(); ++k) {
    const Paragraph& p = paragraphs[k];
    std::span<const char32_t> view;
    if (left != nullptr) {
      const size_t begin = k == 0 ? 0 : (*ends)[k - 1];
      view = std::span<const char32_t>(left->data() + begin, (*ends)[k] - begin);
    } else {
      MatchView(text.substr(p.begin, p.end - p.begin), &computed);
      view = computed;
    }
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

namespace {

// The most bytes a slot's serialized record keeps for the next (PipelineRun::Consume).
constexpr size_t kKeptSerializedBytes = 64 << 10;

// One run of the pipeline, in named steps: Start (lock and load the index,
// start the workers), DecidePass (pass 1 of a two-pass keep policy: decide
// every document, write nothing), WritePass (clean, decide or look up the
// verdict, write), Finish (save the index and the report, rename the run's
// files into place together).
class PipelineRun {
 public:
  PipelineRun(const Cleaner* cleaner, const PipelineOptions& options)
      : cleaner_(cleaner),
        options_(options),
        dedup_(options.dedup_options),
        two_pass_(options.dedup && dedup_.keep != KeepPolicy::kFirst),
        start_(std::chrono::steady_clock::now()) {}

  absl::Status Start();
  absl::Status DecidePass();
  absl::Status WritePass();
  absl::StatusOr<RunStats> Finish();
  bool two_pass() const { return two_pass_; }

 private:
  // What one pass over the input works with.
  struct Pass {
    bool decide = false;                        // pass 1 of two: decisions only
    DocumentWriter* writer = nullptr;           // null in pass 1
    std::unique_ptr<ParagraphCounter> counter;  // --repeated-paragraphs
    bool fingerprint = false;                   // compute fingerprints (not in pass 2 of two)
    size_t ordinal = 0;                         // documents consumed so far
    RunStats* stats = nullptr;
  };

  absl::Status RunPass(Pass* pass, DocumentReader* reader, DropReporter* reporter);
  // The parallel phase for batch slot `i`: clean, paragraph keys, fingerprint,
  // serialize.
  void Prepare(const Pass& pass, size_t i, Document* doc);
  // The serial phase, in input order: cross-document paragraphs, the
  // duplicate decision, writing.
  absl::Status Consume(Pass* pass, size_t i, Document* doc);
  // Acts on a verdict: counts a kept document, drops or marks a duplicate.
  // Returns true if the record must be serialized again (marked).
  bool ApplyVerdict(const DedupVerdict& v, Document* doc, RunStats* stats);

  const Cleaner* cleaner_;
  const PipelineOptions& options_;
  const DedupOptions& dedup_;
  const bool two_pass_;
  const std::chrono::steady_clock::time_point start_;
  int threads_ = 1;
  std::unique_ptr<WorkerPool> pool_;
  // The index is locked from before it is loaded until the run's files are
  // in place: two runs on one index would each drop the other's documents.
  std::unique_ptr<IndexLock> index_lock_;
  std::unique_ptr<DedupIndex> index_;
  std::vector<DedupDecision> decided_;  // pass 1: one for each document, in input order
  // Per-document scratch, by the batch runner's slot.
  std::vector<Fingerprint> fingerprints_;
  std::vector<std::vector<ParagraphKey>> paragraph_keys_;
  std::vector<std::string> serialized_;
  RunStats stats_;
  // The output, the index and the report are renamed into place together at
  // the end, or none of them (the commit removes them all if the run fails).
  OutputCommit commit_;
  std::unique_ptr<DocumentWriter> writer_;
};

absl::Status PipelineRun::Start() {
  if (two_pass_ &&
      std::find(options_.inputs.begin(), options_.inputs.end(), "-") != options_.inputs.end()) {
    return WithOption(absl::InvalidArgumentError(
                          "keeping the longest or the earliest copy reads the input twice: "
                          "standard input ('-') cannot be one of the inputs"),
                      "keep");
  }
  if (options_.dedup && !dedup_.index_path.empty()) {
    absl::StatusOr<std::unique_ptr<IndexLock>> locked = IndexLock::Acquire(dedup_.index_path);
    if (!locked.ok()) return locked.status();
    index_lock_ = std::move(*locked);
  }
  if (options_.dedup) {
    absl::StatusOr<std::unique_ptr<DedupIndex>> created = DedupIndex::Create(dedup_);
    if (!created.ok()) return created.status();
    index_ = std::move(*created);
  }
  absl::StatusOr<int> threads = ResolveThreads(options_.threads);
  if (!threads.ok()) return threads.status();
  threads_ = *threads;
  pool_ = std::make_unique<WorkerPool>(threads_);
  const size_t slots = BatchRunner::Slots(options_);
  fingerprints_.resize(index_ ? slots : 0);
  paragraph_keys_.resize(options_.repeated_paragraphs > 0 ? slots : 0);
  serialized_.resize(slots);
  stats_.threads = threads_;
  stats_.dedup = options_.dedup;
  return absl::OkStatus();
}

absl::Status PipelineRun::RunPass(Pass* pass, DocumentReader* reader, DropReporter* reporter) {
  Progress progress(options_.progress && !pass->decide);
  // --threads N: N threads clean; who reads ahead of them (a thread of its
  // own above two, the calling thread at two) is BatchRunner::ReaderThreadFor.
  BatchRunner runner(
      options_, pool_.get(),
      [&](size_t done, size_t bytes) { progress.Update(done, bytes, false); },
      BatchRunner::ReaderThreadFor(threads_));
  if (options_.repeated_paragraphs > 0) {
    absl::StatusOr<std::unique_ptr<ParagraphCounter>> created =
        ParagraphCounter::Create(options_.repeated_paragraph_memory);
    if (!created.ok()) return created.status();
    pass->counter = std::move(*created);
  }
  pass->fingerprint = index_ && (pass->decide || !two_pass_);
  absl::Status st = runner.Run(
      reader, reporter, [&](size_t i) { Prepare(*pass, i, &runner.doc(i)); },
      [&](size_t i) { return Consume(pass, i, &runner.doc(i)); });
  if (!st.ok()) return st;
  pass->stats->bytes_in = reader->bytes_read();
  if (!pass->decide) progress.Update(pass->stats->documents_in, pass->stats->bytes_in, true);
  return absl::OkStatus();
}

void PipelineRun::Prepare(const Pass& pass, size_t i, Document* doc) {
  // The cleaner leaves the text's matching view for the paragraph counter and
  // the fingerprint, which then need not compute it again
  // (match_view_access.h); it is released before this returns.
  if (pass.fingerprint || pass.counter) MatchViewAccess::Request(*doc);
  if (cleaner_ != nullptr) cleaner_->Clean(doc);
  serialized_[i].clear();
  if (doc->dropped) {
    MatchViewAccess::Take(*doc);  // not kept past this document's turn
    return;
  }
  if (pass.counter) ParagraphKeys(*doc, &paragraph_keys_[i]);
  if (pass.fingerprint) {
    index_->ComputeFingerprint(doc, &fingerprints_[i]);
  } else {
    MatchViewAccess::Take(*doc);
  }
  // A record written as read needs no copy made ahead: Consume writes it.
  if (pass.writer != nullptr && !pass.writer->WritesVerbatim(*doc)) {
    pass.writer->Serialize(*doc, &serialized_[i]);
  }
}

absl::Status PipelineRun::Consume(Pass* pass, size_t i, Document* doc) {
  const size_t ordinal = pass->ordinal++;
  // Pass 1 records a decision for every document, dropped ones included
  // (kept, never inserted), so that pass 2 finds each by its ordinal.
  if (pass->decide) decided_.emplace_back();
  bool reserialize = false;
  if (pass->counter && !doc->dropped &&
      RemoveRepeatedParagraphs(pass->counter.get(), options_.repeated_paragraphs,
                               paragraph_keys_[i], doc)) {
    // Rare path, on this thread: the text changed after the parallel phase.
    if (pass->fingerprint && !doc->dropped) {
      index_->ComputeFingerprint(doc->text(), &fingerprints_[i]);
    }
    reserialize = true;
  }
  if (index_ && !doc->dropped) {
    if (pass->decide) {
      decided_[ordinal] = index_->Decide(fingerprints_[i], *doc);
      return absl::OkStatus();
    }
    // Writing pass: is this document kept, and if not, whose duplicate is it?
    const DedupVerdict v =
        index_->Verdict(two_pass_ ? decided_[ordinal] : index_->Decide(fingerprints_[i], *doc));
    reserialize = ApplyVerdict(v, doc, pass->stats) || reserialize;
  }
  if (pass->decide) return absl::OkStatus();
  pass->stats->Add(*doc);
  if (doc->dropped) return absl::OkStatus();
  if (reserialize) {
    serialized_[i].clear();
    pass->writer->Serialize(*doc, &serialized_[i]);
  }
  // Serialized ahead, or (empty: Serialize writes at least a newline) left
  // for the writer to copy as read.
  if (serialized_[i].empty()) return pass->writer->Write(*doc);
  absl::Status written = pass->writer->WriteSerialized(serialized_[i]);
  // A slot keeps a record's room for the next document in it, unless it is
  // large: the slots' memory stays bounded by the batches' size.
  if (serialized_[i].capacity() > kKeptSerializedBytes) std::string().swap(serialized_[i]);
  return written;
}

bool PipelineRun::ApplyVerdict(const DedupVerdict& v, Document* doc, RunStats* stats) {
  if (!v.duplicate) {
    ++stats->dedup_unique;
    return false;
  }
  if (dedup_.mode == DedupMode::kDrop) {
    doc->dropped = v.exact             ? Reason::kExactDuplicate
                   : v.containment > 0 ? Reason::kContainedDuplicate
                                       : Reason::kNearDuplicate;
    return false;
  }
  doc->duplicate =
      DuplicateInfo{std::string(index_->IdOf(v.of)), v.similarity, v.exact, v.containment};
  return true;
}

absl::Status PipelineRun::DecidePass() {
  // Bad records are judged by the batch runner (parsing is deferred to it);
  // pass 2 reports them, once.
  absl::StatusOr<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(options_, nullptr);
  if (!reader.ok()) return reader.status();
  RunStats ignored;
  Pass pass;
  pass.decide = true;
  pass.stats = &ignored;
  return RunPass(&pass, reader->get(), nullptr);
}

absl::Status PipelineRun::WritePass() {
  StatsReporter reporter(&stats_);
  absl::StatusOr<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(options_, nullptr);
  if (!reader.ok()) return reader.status();
  absl::Status st = CheckNoInputIsWritten(options_, (*reader)->files());
  if (!st.ok()) return st;
  // A single plain-text input gives text out (standard input is sniffed here).
  const OutputFormat format =
      ResolveOutputFormat(options_, (*reader)->AllText(), (*reader)->files().size());
  if (options_.dedup && dedup_.mode == DedupMode::kAnnotate && format == OutputFormat::kText) {
    // Plain text has nowhere to put the duplicate marks: refused, not lost.
    return absl::InvalidArgumentError(
        "annotating duplicates needs JSON Lines output (the marks are a field of each record); "
        "plain-text output would drop them");
  }
  absl::StatusOr<std::unique_ptr<DocumentWriter>> writer = DocumentWriter::Open(
      options_.output, format, options_.text_field, options_.annotate, threads_, &commit_);
  if (!writer.ok()) return writer.status();
  writer_ = std::move(*writer);
  Pass pass;
  pass.writer = writer_.get();
  pass.stats = &stats_;
  st = RunPass(&pass, reader->get(), &reporter);
  if (!st.ok()) return st;
  st = writer_->Close();
  if (!st.ok()) return st;
  stats_.bytes_out = writer_->bytes_written();
  return absl::OkStatus();
}

absl::StatusOr<RunStats> PipelineRun::Finish() {
  if (index_) {
    if (!dedup_.index_path.empty()) {
      absl::Status st = index_->Save(dedup_.index_path, &commit_);
      if (!st.ok()) return st;
    }
    stats_.index_documents = index_->size();
    stats_.index_decision_bytes = index_->DecisionBytes();
    stats_.index_id_bytes = index_->IdBytes();
    stats_.index_name = index_->name();
    stats_.lsh_bands = index_->lsh_params().bands;
    stats_.lsh_rows = index_->lsh_params().rows;
    stats_.containment = dedup_.containment;
    stats_.index_containment_bytes = index_->ContainmentBytes();
  }
  stats_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (!options_.report_path.empty()) {
    absl::Status st = WriteReport(stats_, options_.report_path, &commit_);
    if (!st.ok()) return st;
  }
  absl::Status st = commit_.Apply();
  if (!st.ok()) return st;
  return stats_;
}

}  // namespace

absl::StatusOr<RunStats> RunPipeline(const Cleaner* cleaner, const PipelineOptions& options) {
  PipelineRun run(cleaner, options);
  absl::Status st = run.Start();
  if (st.ok() && run.two_pass()) st = run.DecidePass();
  if (st.ok()) st = run.WritePass();
  if (!st.ok()) return st;
  return run.Finish();
}

}  // namespace newsclean
