#include "newsclean/pipeline.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "newsclean/dedup.h"
#include "newsclean/reader.h"
#include "src/layout_stage.h"
#include "src/match_view.h"
#include "src/paragraph_counter.h"
#include "src/text_lines.h"

#include <xxhash.h>

#include <algorithm>
#include "newsclean/writer.h"
#include "src/worker_pool.h"

namespace newsclean {
namespace {

// Paragraphs shorter than this (in matching-view characters) are not counted.
constexpr size_t kMinCountedParagraphChars = 8;

class StatsReporter : public DropReporter {
 public:
  explicit StatsReporter(RunStats* stats) : stats_(stats) {}
  void Dropped(const SourceLocation& where, const absl::Status& why) override {
    ++stats_->documents_in;
    ++stats_->skipped;
    if (stats_->skipped_records.size() < RunStats::kMaxListedSkips) {
      stats_->skipped_records.push_back(SkippedRecord{where, std::string(why.message())});
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

void ParagraphKeys(std::string_view text, std::vector<ParagraphKey>* keys) {
  thread_local std::vector<char32_t> view;
  keys->clear();
  for (const Paragraph& p : SplitParagraphs(text)) {
    MatchView(text.substr(p.begin, p.end - p.begin), &view);
    if (view.size() < kMinCountedParagraphChars) continue;
    keys->push_back(ParagraphKey{p.begin, p.end, XXH3_64bits(view.data(), view.size() * sizeof(char32_t))});
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
      cuts.push_back(Cut{k.begin, k.end, Reason::kRepeatedAcrossDocuments, "repeated-across-documents"});
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

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()), last_(start_) {}
  void Update(const RunStats& s, size_t bytes, bool final_line) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (!final_line && now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double mb = static_cast<double>(bytes) / 1e6;
    std::fprintf(stderr, "\rnewsclean: %zu documents  %.1f MB  %.1f MB/s%s", s.documents_in, mb,
                 secs > 0 ? mb / secs : 0.0, final_line ? "\n" : "");
    std::fflush(stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  Clock::time_point start_, last_;
};

}  // namespace

OutputFormat ResolveOutputFormat(const PipelineOptions& options, bool all_text_inputs,
                                 size_t num_files) {
  if (options.output_format != OutputFormat::kAuto) return options.output_format;
  return all_text_inputs && num_files == 1 ? OutputFormat::kText : OutputFormat::kJsonl;
}

absl::StatusOr<RunStats> RunPipeline(const Cleaner* cleaner, const PipelineOptions& options) {
  auto start = std::chrono::steady_clock::now();
  RunStats stats;
  std::unique_ptr<DedupIndex> index;
  if (options.dedup) {
    absl::StatusOr<std::unique_ptr<DedupIndex>> created = DedupIndex::Create(options.dedup_options);
    if (!created.ok()) return created.status();
    index = std::move(*created);
    stats.dedup = true;
  }
  StatsReporter reporter(&stats);
  absl::StatusOr<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(options, &reporter);
  if (!reader.ok()) return reader.status();
  OutputFormat format =
      ResolveOutputFormat(options, (*reader)->AllText(), (*reader)->files().size());
  absl::StatusOr<std::unique_ptr<DocumentWriter>> writer =
      DocumentWriter::Open(options.output, format, options.text_field, options.annotate);
  if (!writer.ok()) return writer.status();

  int threads = options.threads > 0 ? options.threads
                                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  stats.threads = threads;
  WorkerPool pool(threads);
  Progress progress(options.progress);

  std::unique_ptr<ParagraphCounter> counter;
  if (options.repeated_paragraphs > 0) {
    counter = std::make_unique<ParagraphCounter>(options.repeated_paragraph_memory);
  }
  std::vector<Document> batch;
  std::vector<std::string> serialized;
  std::vector<Fingerprint> fingerprints;
  std::vector<std::vector<ParagraphKey>> paragraph_keys;
  const DocumentWriter& w = **writer;
  const DedupIndex* fingerprinter = index.get();
  std::function<void(size_t)> clean_one = [&](size_t i) {
    if (cleaner != nullptr) cleaner->Clean(&batch[i]);
    serialized[i].clear();
    if (batch[i].dropped) return;
    if (counter) ParagraphKeys(batch[i].text(), &paragraph_keys[i]);
    if (fingerprinter != nullptr) fingerprinter->ComputeFingerprint(batch[i].text(), &fingerprints[i]);
    w.Serialize(batch[i], &serialized[i]);
  };
  bool more = true;
  while (more) {
    batch.clear();
    size_t batch_bytes = 0;
    Document doc;
    while (batch.size() < options.batch_documents && batch_bytes < options.batch_bytes) {
      if (!(*reader)->Next(&doc)) {
        more = false;
        break;
      }
      batch_bytes += doc.text().size();
      batch.push_back(std::move(doc));
    }
    if (!(*reader)->status().ok()) return (*reader)->status();
    serialized.resize(batch.size());
    if (index) fingerprints.resize(batch.size());
    if (counter) paragraph_keys.resize(batch.size());
    pool.ParallelFor(batch.size(), clean_one);
    for (size_t i = 0; i < batch.size(); ++i) {
      if (counter && !batch[i].dropped &&
          RemoveRepeatedParagraphs(counter.get(), options.repeated_paragraphs, paragraph_keys[i],
                                   &batch[i])) {
        // Rare path, on this thread: the text changed after the parallel phase.
        serialized[i].clear();
        if (!batch[i].dropped) {
          if (index) index->ComputeFingerprint(batch[i].text(), &fingerprints[i]);
          w.Serialize(batch[i], &serialized[i]);
        }
      }
      if (index && !batch[i].dropped) {
        DedupDecision d = index->Decide(fingerprints[i], batch[i].id);
        if (d.kind == DedupDecision::kUnique) {
          ++stats.dedup_unique;
        } else if (options.dedup_options.mode == DedupMode::kDrop) {
          batch[i].dropped = d.kind == DedupDecision::kExact ? Reason::kExactDuplicate
                                                             : Reason::kNearDuplicate;
        } else {
          batch[i].duplicate = DuplicateInfo{std::string(index->IdOf(d.duplicate_of)),
                                             d.similarity, d.kind == DedupDecision::kExact};
          serialized[i].clear();
          w.Serialize(batch[i], &serialized[i]);
        }
      }
      stats.Add(batch[i]);
      if (batch[i].dropped) continue;
      absl::Status st = (*writer)->WriteSerialized(serialized[i]);
      if (!st.ok()) return st;
    }
    progress.Update(stats, (*reader)->bytes_read(), false);
  }
  absl::Status st = (*writer)->Close();
  if (!st.ok()) return st;
  if (index) {
    if (!options.dedup_options.index_path.empty()) {
      st = index->Save(options.dedup_options.index_path);
      if (!st.ok()) return st;
    }
    stats.index_documents = index->size();
    stats.index_decision_bytes = index->DecisionBytes();
    stats.index_id_bytes = index->IdBytes();
    stats.index_name = index->name();
    stats.lsh_bands = index->lsh_params().bands;
    stats.lsh_rows = index->lsh_params().rows;
  }
  stats.bytes_in = (*reader)->bytes_read();
  stats.bytes_out = (*writer)->bytes_written();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress.Update(stats, stats.bytes_in, true);
  return stats;
}

}  // namespace newsclean
