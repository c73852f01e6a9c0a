// BlockCompressingSink: compresses a byte stream in independent blocks on
// several threads, and writes them in order.
//
// gzip, bzip2 and xz run at 10-50 MB/s on one core: one compressing thread
// would bound the whole pipeline. The stream is cut after the first Write()
// that fills kBlockSize bytes, so the blocks depend only on the bytes, never on
// the thread count; each block becomes a complete gzip member, bzip2 or xz
// stream, or zstd frame (with checksum), compressed by one of `threads`
// threads at a time (kept in flight: `threads` blocks for zstd, one more for
// the slow codecs; with one thread, in the caller's thread), and written to
// the inner, uncompressed sink in order. Concatenated members are one valid
// stream for gzip -d, bzip2 -d, xz -d, zstd -d and newsclean's own reader; the
// ratio loses little (gzip's window is 32 KiB; zstd level 3 and xz lose a few
// percent at block edges). A finished block holds only its compressed bytes
// while it waits to be written.
#ifndef NEWSCLEAN_SRC_IO_BLOCK_COMPRESSOR_H_
#define NEWSCLEAN_SRC_IO_BLOCK_COMPRESSOR_H_

#include <deque>
#include <future>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "src/io/input_stream.h"
#include "src/io/output_stream.h"

namespace newsclean {

// Compresses `raw` into one complete member/stream/frame of format `c`.
absl::StatusOr<std::string> CompressBlock(Compression c, std::string_view raw);

class BlockCompressingSink : public ByteSink {
 public:
  static constexpr size_t kBlockSize = 4 << 20;

  // `inner` receives compressed bytes; `threads` >= 1.
  BlockCompressingSink(std::unique_ptr<ByteSink> inner, Compression c, int threads);
  ~BlockCompressingSink() override;

  absl::Status Write(std::string_view data) override;
  absl::Status Close() override;

 private:
  // Starts compressing the current block.
  void Submit();
  // Writes finished blocks, in order, until at most `keep` are in flight.
  absl::Status Drain(size_t keep);

  std::unique_ptr<ByteSink> inner_;
  const Compression compression_;
  const int threads_;
  const size_t max_in_flight_;
  std::string block_;
  std::deque<std::future<absl::StatusOr<std::string>>> in_flight_;
  absl::Status error_;
  bool submitted_any_ = false;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_IO_BLOCK_COMPRESSOR_H_
