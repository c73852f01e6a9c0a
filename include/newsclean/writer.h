// DocumentWriter: writes cleaned documents as JSON Lines or plain text.
//
// JSONL: a record read from JSONL is written back with only its text value
// replaced, every other byte as read (fields, order, spacing); a record whose
// text did not change is written back byte for byte. Under dedup
// --mode=annotate a duplicate gets a last field "newsclean_duplicate":
// {"of": ID, "similarity": S, "exact": B}. A document read
// from a text file becomes {"id": FILE, "<text_field>": TEXT}. With annotate,
// each record gets a last field "newsclean": {"removals": [...], "metadata":
// {...}} (schema in README.md). Text: the cleaned text and a newline.
// Check Close(): output is renamed into place only there.
#ifndef NEWSCLEAN_WRITER_H_
#define NEWSCLEAN_WRITER_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "newsclean/document.h"
#include "newsclean/options.h"

namespace newsclean {

class ByteSink;
class OutputCommit;

// Not thread-safe: one thread calls Write() and Close() (with threads > 1 the
// writer compresses and writes on threads of its own). Destroyed without a
// successful Close(), it removes its temporary file and leaves `path` as it was.
class DocumentWriter {
 public:
  // REQUIRES: format is kJsonl or kText (not kAuto). A file is compressed by
  // its extension in blocks, up to `threads` at a time (the bytes do not
  // depend on `threads`); with threads > 1 writing runs on a thread of its own.
  // With a `commit` (which must outlive the writer), Close() hands the rename
  // of the finished file to it instead of renaming it.
  static absl::StatusOr<std::unique_ptr<DocumentWriter>> Open(const std::string& path,
                                                              OutputFormat format,
                                                              const std::string& text_field,
                                                              bool annotate, int threads = 1,
                                                              OutputCommit* commit = nullptr);
  // Writes to a sink the caller made (tests).
  DocumentWriter(std::unique_ptr<ByteSink> sink, OutputFormat format, std::string text_field,
                 bool annotate);
  ~DocumentWriter();

  // Serializes `doc` into *out as Write() would write it.
  void Serialize(const Document& doc, std::string* out) const;
  // True if Write(doc) writes the record as read and a newline: JSONL output
  // of a JSONL record whose text did not change, neither annotated nor marked
  // a duplicate. Write() then copies the record straight to the output, so
  // a caller that serializes ahead (on other threads) can skip those.
  bool WritesVerbatim(const Document& doc) const;
  absl::Status Write(const Document& doc);
  // Writes bytes serialized earlier.
  absl::Status WriteSerialized(std::string_view bytes);
  absl::Status Close();
  size_t bytes_written() const { return bytes_written_; }

 private:
  std::unique_ptr<ByteSink> sink_;
  OutputFormat format_;
  std::string text_field_;
  bool annotate_;
  size_t bytes_written_ = 0;
};

// Appends the JSON object --annotate adds for `doc`: removals and metadata.
void AppendAnnotation(const Document& doc, std::string* out);

}  // namespace newsclean

#endif  // NEWSCLEAN_WRITER_H_
