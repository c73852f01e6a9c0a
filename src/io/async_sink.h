// AsyncSink: a ByteSink that hands its bytes, in 1 MiB blocks, to a thread of
// its own, which compresses and writes them through another sink. Writing
// (and compressing: gzip runs at ~30 MB/s) then overlaps cleaning instead of
// stalling the thread that keeps output in order. The inner sink sees the same
// bytes in the same order, so output is unchanged. At most kQueuedBlocks
// blocks wait, so memory stays bounded.
//
// An error of the inner sink is returned by the next Write() or by Close().
// Destroying an AsyncSink without Close() stops its thread and destroys the
// inner sink unclosed (which removes its temporary file).
#ifndef NEWSCLEAN_SRC_IO_ASYNC_SINK_H_
#define NEWSCLEAN_SRC_IO_ASYNC_SINK_H_

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "src/io/output_stream.h"

namespace newsclean {

class AsyncSink : public ByteSink {
 public:
  static constexpr size_t kBlockSize = 1 << 20;
  static constexpr size_t kQueuedBlocks = 4;

  explicit AsyncSink(std::unique_ptr<ByteSink> inner);
  ~AsyncSink() override;

  absl::Status Write(std::string_view data) override;
  absl::Status Close() override;

 private:
  void Run();
  // Queues the current block (waiting for room); false once the writer failed.
  bool Hand(std::string block);

  std::unique_ptr<ByteSink> inner_;
  std::string block_;  // being filled by Write()
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<std::string> queue_;
  bool done_ = false;  // no more blocks will come
  bool closed_ = false;
  absl::Status error_;  // the inner sink's first error
  std::thread thread_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_IO_ASYNC_SINK_H_
