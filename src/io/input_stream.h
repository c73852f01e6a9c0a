// Byte sources: a file or standard input, decompressed when its first bytes
// say it is gzip, bzip2, xz or zstd (Boost.Iostreams filters), and a line
// reader over any source. Decompression errors, truncated streams included,
// come back as kDataLoss naming the file; nothing here throws.
#ifndef NEWSCLEAN_SRC_IO_INPUT_STREAM_H_
#define NEWSCLEAN_SRC_IO_INPUT_STREAM_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace newsclean {

enum class Compression { kNone, kGzip, kBzip2, kXz, kZstd };

// Returns the compression that the magic bytes at the start of `head` announce.
Compression DetectCompression(std::string_view head);
std::string_view CompressionName(Compression c);
// Returns the compression a file name's extension asks for (".gz", ".bz2", ".xz", ".zst").
Compression CompressionFromExtension(std::string_view path);
// Returns `path` without a compression extension.
std::string_view StripCompressionExtension(std::string_view path);

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes into buf. Returns the count, 0 at the end of input.
  virtual absl::StatusOr<size_t> Read(char* buf, size_t n) = 0;
};

// Opens `path` ("-": standard input) and detects its compression.
// A missing or unreadable file is kNotFound / kPermissionDenied naming it.
absl::StatusOr<std::unique_ptr<ByteSource>> OpenInput(const std::string& path);

// Wraps an in-memory buffer (tests, benchmarks). Detects compression too.
std::unique_ptr<ByteSource> OpenInputFromString(std::string data, std::string name);

// Returns the bytes of the file at `path`, as they are (no decompression).
// A missing file is kNotFound; any other failure to open or read is an error
// naming the file.
absl::StatusOr<std::string> ReadFileContents(const std::string& path);

// Splits a ByteSource into lines; a UTF-8 byte-order mark at the very start of
// the input is skipped. Not thread-safe.
class LineReader {
 public:
  explicit LineReader(std::unique_ptr<ByteSource> source);
  // Lines (and ReadAll's rest) of more than `max_bytes` are not kept: they are
  // read through without being held, so memory stays bounded whatever the
  // input (a huge record, a decompression bomb). 0: no limit.
  void set_max_bytes(size_t max_bytes) { max_bytes_ = max_bytes; }
  // Stores the next line (without "\n" or "\r\n") in *line, valid until the
  // next call, and returns true; false at the end of input or on error. A line
  // over the limit comes back empty with its length in *too_long (else 0).
  bool Next(std::string_view* line, size_t* too_long);
  // Reads everything that is left into *out; over the limit, reads it through,
  // leaves *out empty and stores its length in *too_long (else 0).
  bool ReadAll(std::string* out, size_t* too_long);
  // Returns the first non-whitespace byte of the input without consuming it,
  // or 0 if the input has none in its first block.
  char PeekFirstNonSpace();
  const absl::Status& status() const { return status_; }
  size_t bytes_read() const { return bytes_read_; }

 private:
  bool Fill();

  std::unique_ptr<ByteSource> source_;
  std::string buffer_;
  size_t begin_ = 0;  // unread data is buffer_[begin_, end_)
  size_t end_ = 0;
  bool eof_ = false;
  size_t bytes_read_ = 0;
  size_t max_bytes_ = 0;
  absl::Status status_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_IO_INPUT_STREAM_H_
