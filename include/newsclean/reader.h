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

// Receives the records a reader skipped, on the thread that calls Next().
class DropReporter {
 public:
  virtual ~DropReporter() = default;
  virtual void Dropped(const SourceLocation& where, const absl::Status& why) = 0;
};

// Not thread-safe: one thread reads (ParseRecord of deferred records may run
// on others). The reader keeps references to `options` and `reporter`
// (nullable: skipped records are then only counted by the caller), which must
// outlive it; it owns its open files and closes them when destroyed.
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

  // From now on Next() only reads: a JSONL record comes back unparsed (only
  // its source and invalid_utf8 are set), and the caller runs ParseRecord on
  // it, on any thread. A pipeline parses on its workers this way, so that one reading
  // thread does not bound it. Bad records are then the caller's to report.
  virtual void DeferParsing() = 0;
};

// Parses the JSONL record a deferred Next() read into *doc, as the reader
// would: fills the text, the id (the "id" field, else FILE:LINE) and, for
// KeepPolicy::kEarliest, the sort key. A malformed
// record or one without a string text field is kDataLoss naming the file and
// line in doc->source. Thread-safe (parsers are per thread).
absl::Status ParseRecord(const PipelineOptions& options, Document* doc);

// Replaces, in place, every escape of a lone UTF-16 surrogate in JSON text
// ("\ud800" without its pair) with "\ufffd" (the same length), and returns how
// many it replaced. ParseRecord does this to each record first.
size_t RepairLoneSurrogateEscapes(std::string* record);

}  // namespace newsclean

#endif  // NEWSCLEAN_READER_H_
