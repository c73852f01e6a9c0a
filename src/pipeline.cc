#include "newsclean/pipeline.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "newsclean/dedup.h"
#include "newsclean/reader.h"
#include "newsclean/writer.h"
#include "src/worker_pool.h"

namespace newsclean {
namespace {

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

  std::vector<Document> batch;
  std::vector<std::string> serialized;
  std::vector<Fingerprint> fingerprints;
  const DocumentWriter& w = **writer;
  const DedupIndex* fingerprinter = index.get();
  std::function<void(size_t)> clean_one = [&](size_t i) {
    if (cleaner != nullptr) cleaner->Clean(&batch[i]);
    serialized[i].clear();
    if (batch[i].dropped) return;
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
    pool.ParallelFor(batch.size(), clean_one);
    for (size_t i = 0; i < batch.size(); ++i) {
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
