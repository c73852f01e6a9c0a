// Byte sinks: standard output, or a file written to a temporary name beside
// its destination and renamed into place by Close() only when everything was
// written; compressed by the destination's extension (.gz .bz2 .xz .zst).
// Destroying a sink without Close() removes the temporary file: a failed run
// leaves no partial output behind. The temporary is a dot-file beside the
// destination (temp_files.h). A destination that exists and is not a regular
// file (/dev/null, a FIFO) is written in place, never replaced.
#ifndef NEWSCLEAN_SRC_IO_OUTPUT_STREAM_H_
#define NEWSCLEAN_SRC_IO_OUTPUT_STREAM_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace newsclean {

class OutputCommit;

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual absl::Status Write(std::string_view data) = 0;
  // Flushes, finishes compression and renames the file into place.
  virtual absl::Status Close() = 0;
};

// Opens `path` ("-": standard output). With `compress` false the bytes are
// written as given whatever the extension (for callers that compress). With a
// `commit`, Close() leaves the finished file under its temporary name and hands
// the rename to the commit (newsclean/output_commit.h).
absl::StatusOr<std::unique_ptr<ByteSink>> OpenOutput(const std::string& path, bool compress = true,
                                                     OutputCommit* commit = nullptr);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_IO_OUTPUT_STREAM_H_
