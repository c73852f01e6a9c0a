// DocumentReader: documents from files, directories and standard input.
//
// Inputs are read in the order given; a directory contributes its regular
// files recursively, sorted by path, skipping dot-files. Each file is JSON
// Lines (one record a line, the text in PipelineOptions::text_field) or plain
// text (the whole file is one document): by --format, else by extension
// (.jsonl .ndjson .json / .txt), else by content (a first '{' means JSONL).
// Compression is detected from magic bytes.
//
// Invalid UTF-8 is repaired with U+FFFD and counted in Document::invalid_utf8.
// A record that cannot be read (malformed JSON, no string text field) stops
// the reader with kDataLoss naming file and line under OnBadRecord::kFail, or
// goes to the DropReporter under kSkipAndCount: never silently.
#ifndef NEWSCLEAN_READER_H_
#define NEWSCLEAN_READER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "newsclean/document.h"
#include "newsclean/options.h"

namespace newsclean {

// Receives the records a reader skipped.
class DropReporter {
 public:
  virtual ~DropReporter() = default;
  virtual void Dropped(const SourceLocation& where, const absl::Status& why) = 0;
};

class DocumentReader {
 public:
  // Expands `options.inputs`; a missing input is kNotFound naming it.
  static absl::StatusOr<std::unique_ptr<DocumentReader>> Open(const PipelineOptions& options,
                                                              DropReporter* reporter);
  virtual ~DocumentReader() = default;

  // Reads the next document into *doc and returns true. Returns false at the
  // end of input or on a fatal error: check status() after the loop.
  virtual bool Next(Document* doc) = 0;
  virtual const absl::Status& status() const = 0;

  // The files the inputs expanded to, in reading order.
  virtual const std::vector<std::string>& files() const = 0;
  // True if every file is plain text: by --format, else by extension; a single
  // input without a telling extension ("-" too) is opened and sniffed.
  virtual bool AllText() = 0;
  // Bytes read so far, after decompression.
  virtual size_t bytes_read() const = 0;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_READER_H_
