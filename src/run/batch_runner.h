// BatchRunner: the batch loop shared by the pipeline and `check` — read and
// parse a batch, prepare every document of it in parallel, consume each in
// input order — with an optional reader thread ahead of the workers.
#ifndef NEWSCLEAN_SRC_RUN_BATCH_RUNNER_H_
#define NEWSCLEAN_SRC_RUN_BATCH_RUNNER_H_

#include <algorithm>
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

// One pass over the input: read and parse batches, run `prepare` on every
// document in parallel and `consume` on each in input order, each as soon as
// its document is prepared, across batches: the workers go on to the next
// batch while the calling thread consumes the last documents of the one
// before (WorkerPool::ParallelForOrderedStream). With `reader_thread`, a
// thread of its own reads batches into a queue of at most kQueuedBatches
// while the pool cleans earlier ones; without, the calling thread reads them,
// between consuming documents, up to two batches ahead while the pool has
// workers (one batch at a time with one thread). A batch holds at most
// batch_documents documents, and stops growing once it has BatchBytes()
// bytes (so it may exceed that by one document). At most two batches are being
// cleaned, so at most kQueuedBatches + 3 are in memory (with one thread, one).
//
// The callbacks get a document's slot, below Slots(): its place in a ring of
// two batches, which a caller can index its own per-document data by.
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
        reader_thread_(reader_thread),
        batch_bytes_(BatchBytes(options, *pool)),
        ring_(Slots(options)),
        parse_status_(Slots(options)) {}

  // The bytes that close a batch: options.batch_bytes, or for 0 1 MiB for
  // each of the pool's threads, at most 16 MiB.
  static size_t BatchBytes(const PipelineOptions& options, const WorkerPool& pool) {
    if (options.batch_bytes != 0) return options.batch_bytes;
    return std::min<size_t>(static_cast<size_t>(pool.threads()), 16) << 20;
  }

  // Whether a run on `threads` threads reads on a thread of its own. At two
  // threads the calling thread reads between consuming documents, in the
  // slack the window leaves it: a third thread on two cores cost 10-15% more
  // CPU time (bench/RESULTS.md). With more threads the reading and the
  // in-order part together would bound the run on one thread.
  static bool ReaderThreadFor(int threads) { return threads > 2; }

  // The most documents a batch holds: options.batch_documents, at least one.
  static size_t BatchDocuments(const PipelineOptions& options) {
    return std::max<size_t>(options.batch_documents, 1);
  }

  // The number of document slots: room for two batches.
  static size_t Slots(const PipelineOptions& options) { return 2 * BatchDocuments(options); }

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
    absl::Status status;      // the first consume's or bad record's error
    absl::Status read_error;  // the reader's, after what was read before it
    bool ended = false;
    size_t published = 0;  // documents handed to the pool
    // The batches handed over and not yet consumed: where each ends, and the
    // input's bytes read by then (progress).
    struct Published {
      size_t end;
      size_t bytes_read;
    };
    std::deque<Published> batches;
    const size_t n = ring_.size();
    // Hands over the next batch if it has room (it always has with `wait`).
    auto more = [&](size_t room, bool wait) -> size_t {
      if (ended) return 0;
      Batch batch;
      if (!reader_thread_) {
        // Ahead of need only while workers prepare what is published, and
        // only up to two batches published.
        if (!wait &&
            (pool_->threads() == 1 || batches.size() >= 2 || room < BatchDocuments(options_))) {
          return 0;
        }
        batch = ReadBatch(reader);
      } else {
        std::unique_lock<std::mutex> lock(mu_);
        if (wait) {
          ready_.wait(lock, [&] { return !queue_.empty(); });
        } else if (queue_.empty() || queue_.front().docs.size() > room) {
          return 0;
        }
        batch = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        space_.notify_one();
      }
      if (!batch.status.ok()) {  // what came before the error is consumed first
        read_error = batch.status;
        ended = true;
        return 0;
      }
      ended = batch.last;
      for (size_t k = 0; k < batch.docs.size(); ++k) {
        const size_t slot = (published + k) % n;
        ring_[slot] = std::move(batch.docs[k]);
        parse_status_[slot] = absl::OkStatus();
      }
      published += batch.docs.size();
      if (!batch.docs.empty()) batches.push_back(Published{published, batch.bytes_read});
      return batch.docs.size();
    };
    pool_->ParallelForOrderedStream(
        n, more,
        [&](size_t i) {
          const size_t slot = i % n;
          if (RecordAccess::needs_parse(ring_[slot]))
            parse_status_[slot] = ParseRecord(options_, &ring_[slot]);
          if (parse_status_[slot].ok()) prepare(slot);
        },
        [&](size_t i) {
          const size_t slot = i % n;
          if (!parse_status_[slot].ok()) {  // a bad record, in input order
            if (options_.on_error == OnBadRecord::kFail) {
              status = parse_status_[slot];
              return false;
            }
            if (reporter != nullptr) reporter->Dropped(ring_[slot].source, parse_status_[slot]);
          } else {
            status = consume(slot);
            if (!status.ok()) return false;
          }
          // Freed now, not at the slot's next turn. (Moved out, not assigned an
          // empty Document: a string assigned an empty one keeps its buffer.)
          { Document consumed = std::move(ring_[slot]); }
          if (i + 1 == batches.front().end) {
            if (on_batch_) on_batch_(i + 1, batches.front().bytes_read);
            batches.pop_front();
          }
          return true;
        });
    if (!status.ok()) return status;
    return read_error;
  }

  // The document in `slot`, from the call of prepare or consume given it
  // until that of consume returns.
  Document& doc(size_t slot) { return ring_[slot]; }

 private:
  struct Batch {
    std::vector<Document> docs;
    size_t bytes_read = 0;
    bool last = false;
    absl::Status status;
  };

  Batch ReadBatch(DocumentReader* reader) {
    Batch batch;
    size_t bytes = 0;
    Document doc;
    bool more = true;
    while (batch.docs.size() < BatchDocuments(options_) && bytes < batch_bytes_) {
      if (!reader->Next(&doc)) {
        more = false;
        break;
      }
      // Before parsing a JSONL record holds its text (unparsed, text() is
      // empty); a plain-text document holds only text.
      bytes += RecordAccess::record(doc).size() + doc.text().size();
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
  bool reader_thread_;
  const size_t batch_bytes_;                // BatchBytes()
  std::vector<Document> ring_;              // by slot
  std::vector<absl::Status> parse_status_;  // by slot
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::deque<Batch> queue_;
  bool cancelled_ = false;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_RUN_BATCH_RUNNER_H_
