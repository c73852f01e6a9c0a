// BatchRunner: the batch loop shared by the pipeline and `check` — read and
// parse a batch, prepare every document of it in parallel, consume each in
// input order — with an optional reader thread ahead of the workers.
#ifndef NEWSCLEAN_SRC_RUN_BATCH_RUNNER_H_
#define NEWSCLEAN_SRC_RUN_BATCH_RUNNER_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <new>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "newsclean/document.h"
#include "newsclean/options.h"
#include "newsclean/reader.h"
#include "src/io/record_access.h"
#include "src/run/worker_pool.h"

namespace newsclean {

// The most threads a run may ask for.
inline constexpr int kMaxThreads = 1024;

// Returns the thread count that `threads` asks for: itself, or all cores for 0.
// An error for a negative count or one above kMaxThreads.
absl::StatusOr<int> ResolveThreads(int threads);

// One pass over the input: read and parse a batch, run `prepare` on every
// document of it in parallel and `consume` on each in input order, each as soon
// as its document is prepared (WorkerPool::ParallelForOrdered). With
// `reader_thread`, a thread of its own reads batches into a queue of at most
// kQueuedBatches while the pool cleans an earlier one, so at most
// kQueuedBatches + 2 batches are in memory (the one being cleaned, the queued
// ones, and the one the reader is filling); without, one batch at a time. A
// batch holds at most batch_documents documents, and stops growing once it
// has batch_bytes bytes (so it may exceed that by one document).
class BatchRunner {
 public:
  static constexpr size_t kQueuedBatches = 2;

  // `on_batch(documents_done, bytes_read)` runs after each batch (progress);
  // it may be empty.
  BatchRunner(const PipelineOptions& options, WorkerPool* pool,
              std::function<void(size_t, size_t)> on_batch, bool reader_thread)
      : options_(options),
        pool_(pool),
        on_batch_(std::move(on_batch)),
        reader_thread_(reader_thread) {}

  // Bad records (malformed JSON, no string text field) stop the run under
  // OnBadRecord::kFail; otherwise they go to `reporter` (may be null) in input
  // order.
  absl::Status Run(DocumentReader* reader, DropReporter* reporter,
                   const std::function<void(size_t)>& prepare,
                   const std::function<absl::Status(size_t)>& consume) {
    // JSON records are parsed on the pool, not by the reading thread: at many
    // threads one thread parsing everything would bound the whole pipeline.
    reader->DeferParsing();
    std::thread producer;
    if (reader_thread_) producer = std::thread([&] { Produce(reader); });
    // Stops and joins the reader thread however Run ends, an exception included.
    struct JoinProducer {
      BatchRunner* self;
      std::thread* producer;
      ~JoinProducer() {
        {
          std::lock_guard<std::mutex> lock(self->mu_);
          self->cancelled_ = true;
        }
        self->space_.notify_all();
        if (producer->joinable()) producer->join();
      }
    } join_producer{this, &producer};
    absl::Status status;
    size_t done = 0;
    while (true) {
      Batch batch;
      if (!reader_thread_) {
        batch = ReadBatch(reader);
      } else {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [&] { return !queue_.empty(); });
        batch = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        space_.notify_one();
      }
      if (!batch.status.ok()) {
        status = batch.status;
        break;
      }
      current_ = std::move(batch.docs);
      parse_status_.assign(current_.size(), absl::OkStatus());
      // Documents are consumed in order while later ones are still prepared.
      pool_->ParallelForOrdered(
          current_.size(),
          [&](size_t i) {
            if (RecordAccess::needs_parse(current_[i]))
              parse_status_[i] = ParseRecord(options_, &current_[i]);
            if (parse_status_[i].ok()) prepare(i);
          },
          [&](size_t i) {
            if (!parse_status_[i].ok()) {  // a bad record, in input order
              if (options_.on_error == OnBadRecord::kFail) {
                status = parse_status_[i];
                return false;
              }
              if (reporter != nullptr) reporter->Dropped(current_[i].source, parse_status_[i]);
              return true;
            }
            status = consume(i);
            return status.ok();
          });
      if (!status.ok()) break;
      done += current_.size();
      if (on_batch_) on_batch_(done, batch.bytes_read);
      if (batch.last) break;
    }
    return status;
  }

  Document& doc(size_t i) { return current_[i]; }
  size_t size() const { return current_.size(); }

 private:
  struct Batch {
    std::vector<Document> docs;
    size_t bytes_read = 0;
    bool last = false;
    absl::Status status;
  };

  Batch ReadBatch(DocumentReader* reader) {
    Batch batch;
    size_t batch_bytes = 0;
    Document doc;
    bool more = true;
    while (batch.docs.size() < options_.batch_documents && batch_bytes < options_.batch_bytes) {
      if (!reader->Next(&doc)) {
        more = false;
        break;
      }
      // Before parsing a JSONL record holds its text (unparsed, text() is
      // empty); a plain-text document holds only text.
      batch_bytes += RecordAccess::record(doc).size() + doc.text().size();
      batch.docs.push_back(std::move(doc));
    }
    batch.status = reader->status();
    batch.bytes_read = reader->bytes_read();
    batch.last = !more || !batch.status.ok();
    return batch;
  }

  void Produce(DocumentReader* reader) {
    while (true) {
      Batch batch;
      try {
        batch = ReadBatch(reader);
      } catch (const std::bad_alloc&) {
        batch.status = absl::ResourceExhaustedError("out of memory reading the input");
        batch.last = true;
      }
      bool last = batch.last;
      std::unique_lock<std::mutex> lock(mu_);
      space_.wait(lock, [&] { return cancelled_ || queue_.size() < kQueuedBatches; });
      if (cancelled_) return;
      queue_.push_back(std::move(batch));
      ready_.notify_one();
      if (last) return;
    }
  }

  const PipelineOptions& options_;
  WorkerPool* pool_;
  std::function<void(size_t, size_t)> on_batch_;
  std::vector<absl::Status> parse_status_;  // by document of the current batch
  bool reader_thread_;
  std::vector<Document> current_;
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::deque<Batch> queue_;
  bool cancelled_ = false;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_RUN_BATCH_RUNNER_H_
