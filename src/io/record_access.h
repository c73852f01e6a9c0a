// RecordAccess: the reader's and the writer's view of the JSONL record behind
// a Document (private to Document: an embedder never sees it).
//
//   record            the line as read; empty for text input. ParseRecord
//                     repairs ill-formed UTF-8 in it (U+FFFD, counted in
//                     invalid_utf8), so it is valid UTF-8 once parsed
//   text_value_begin  the byte span of the text value in it, quotes included,
//   text_value_end    where the writer splices the cleaned text in
//   needs_parse       read with parsing deferred (DocumentReader::DeferParsing):
//                     only the record and source are filled until
//                     ParseRecord runs
//   too_large_bytes   the record (or text file) had this many bytes, over
//                     PipelineOptions::max_document_bytes: read through, not
//                     kept; ParseRecord reports it (reason too-large)
#ifndef NEWSCLEAN_SRC_IO_RECORD_ACCESS_H_
#define NEWSCLEAN_SRC_IO_RECORD_ACCESS_H_

#include <cstddef>
#include <string>

#include "newsclean/document.h"

namespace newsclean {

class RecordAccess {
 public:
  static std::string& record(Document& d) { return d.record_; }
  static const std::string& record(const Document& d) { return d.record_; }
  static size_t& text_value_begin(Document& d) { return d.text_value_begin_; }
  static size_t text_value_begin(const Document& d) { return d.text_value_begin_; }
  static size_t& text_value_end(Document& d) { return d.text_value_end_; }
  static size_t text_value_end(const Document& d) { return d.text_value_end_; }
  static bool& needs_parse(Document& d) { return d.needs_parse_; }
  static bool needs_parse(const Document& d) { return d.needs_parse_; }
  static size_t& too_large_bytes(Document& d) { return d.too_large_bytes_; }
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_IO_RECORD_ACCESS_H_
