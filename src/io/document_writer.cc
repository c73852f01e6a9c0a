#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "newsclean/metadata.h"
#include "newsclean/writer.h"
#include "re2/re2.h"
#include "src/io/async_sink.h"
#include "src/io/block_compressor.h"
#include "src/io/input_stream.h"
#include "src/io/json_escape.h"
#include "src/io/output_stream.h"
#include "src/io/record_access.h"
#include "src/text/script_tables.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

void AppendStringArray(std::string_view key, const std::vector<std::string>& values, bool* first,
                       std::string* out) {
  if (values.empty()) return;
  if (!*first) out->push_back(',');
  *first = false;
  AppendJsonString(key, out);
  out->append(":[");
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out->push_back(',');
    AppendJsonString(values[i], out);
  }
  out->push_back(']');
}

}  // namespace

void AppendAnnotation(const Document& doc, std::string* out) {
  out->append("{\"removals\":[");
  for (size_t i = 0; i < doc.removals.size(); ++i) {
    const Removal& r = doc.removals[i];
    if (i) out->push_back(',');
    out->append("{\"reason\":");
    AppendJsonString(ReasonName(r.reason), out);
    out->append(",\"rule\":");
    AppendJsonString(r.rule, out);
    absl::StrAppend(out, ",\"start\":", r.begin, ",\"end\":", r.end, ",\"text\":");
    AppendJsonString(r.text, out);
    out->push_back('}');
  }
  const DocumentMetadata m = ExtractMetadata(doc);
  out->append("],\"metadata\":{");
  bool first = true;
  AppendStringArray("byline", m.byline, &first, out);
  AppendStringArray("editor", m.editor, &first, out);
  AppendStringArray("date", m.date, &first, out);
  AppendStringArray("source", m.source, &first, out);
  AppendStringArray("captions", m.captions, &first, out);
  out->append("}");
  if (doc.invalid_utf8 > 0) absl::StrAppend(out, ",\"invalid_utf8\":", doc.invalid_utf8);
  out->append("}");
}

absl::StatusOr<std::unique_ptr<DocumentWriter>> DocumentWriter::Open(const std::string& path,
                                                                     OutputFormat format,
                                                                     const std::string& text_field,
                                                                     bool annotate, int threads,
                                                                     OutputCommit* commit) {
  const Compression compression = path == "-" ? Compression::kNone : CompressionFromExtension(path);
  absl::StatusOr<std::unique_ptr<ByteSink>> sink = OpenOutput(path, /*compress=*/false, commit);
  if (!sink.ok()) return sink.status();
  std::unique_ptr<ByteSink> out;
  if (compression != Compression::kNone) {
    out = std::make_unique<BlockCompressingSink>(std::move(*sink), compression, threads);
  } else if (threads > 1) {
    out = std::make_unique<AsyncSink>(std::move(*sink));  // write calls off the ordered path
  } else {
    out = std::move(*sink);  // one thread means one thread
  }
  return std::make_unique<DocumentWriter>(std::move(out), format, text_field, annotate);
}

DocumentWriter::DocumentWriter(std::unique_ptr<ByteSink> sink, OutputFormat format,
                               std::string text_field, bool annotate)
    : sink_(std::move(sink)),
      format_(format),
      text_field_(std::move(text_field)),
      annotate_(annotate) {}

DocumentWriter::~DocumentWriter() = default;

void DocumentWriter::Serialize(const Document& doc, std::string* out) const {
  if (format_ == OutputFormat::kText) {
    out->append(doc.text());
    out->push_back('\n');
    return;
  }
  size_t start = out->size();
  if (!RecordAccess::record(doc).empty() && !doc.modified()) {
    out->append(RecordAccess::record(doc));  // nothing changed: every byte as read
  } else if (!RecordAccess::record(doc).empty()) {
    out->append(RecordAccess::record(doc), 0, RecordAccess::text_value_begin(doc));
    AppendJsonString(doc.text(), out);
    out->append(RecordAccess::record(doc), RecordAccess::text_value_end(doc), std::string::npos);
  } else {
    out->append("{\"id\":");
    AppendJsonString(doc.id, out);
    out->push_back(',');
    AppendJsonString(text_field_, out);
    out->push_back(':');
    AppendJsonString(doc.text(), out);
    out->push_back('}');
  }
  if (annotate_ || doc.duplicate) {
    // Insert before the record's closing brace; the record is a valid object.
    size_t close = out->rfind('}');
    std::string tail = out->substr(close);
    out->resize(close);
    size_t last = out->find_last_not_of(" \t\r", std::string::npos);
    bool first = last != std::string::npos && last >= start && (*out)[last] == '{';
    if (annotate_) {
      out->append(first ? "\"newsclean\":" : ",\"newsclean\":");
      AppendAnnotation(doc, out);
      first = false;
    }
    if (doc.duplicate) {
      out->append(first ? "\"newsclean_duplicate\":{\"of\":" : ",\"newsclean_duplicate\":{\"of\":");
      AppendJsonString(doc.duplicate->of, out);
      if (doc.duplicate->containment > 0) {
        absl::StrAppend(out,
                        ",\"containment\":", absl::StrFormat("%.3f", doc.duplicate->containment));
      }
      absl::StrAppend(out, ",\"similarity\":", absl::StrFormat("%.3f", doc.duplicate->similarity),
                      ",\"exact\":", doc.duplicate->exact ? "true" : "false", "}");
    }
    out->append(tail);
  }
  out->push_back('\n');
}

bool DocumentWriter::WritesVerbatim(const Document& doc) const {
  return format_ == OutputFormat::kJsonl && !RecordAccess::record(doc).empty() && !doc.modified() &&
         !annotate_ && !doc.duplicate;
}

absl::Status DocumentWriter::Write(const Document& doc) {
  if (WritesVerbatim(doc)) {  // as Serialize would write it, without the copy
    absl::Status st = WriteSerialized(RecordAccess::record(doc));
    return st.ok() ? WriteSerialized("\n") : st;
  }
  std::string bytes;
  Serialize(doc, &bytes);
  return WriteSerialized(bytes);
}

absl::Status DocumentWriter::WriteSerialized(std::string_view bytes) {
  bytes_written_ += bytes.size();
  return sink_->Write(bytes);
}

absl::Status DocumentWriter::Close() { return sink_->Close(); }

}  // namespace newsclean
