#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
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

void AppendStringArray(std::string_view key, const std::vector<std::string_view>& values,
                       bool* first, std::string* out) {
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

// What a dateline says: its date, its source (the agency or the paper) and the
// reporter it names. Matched on the text folded to simplified, so that one
// pattern reads both scripts; the spans are taken from the original bytes
// (folding keeps byte offsets).
void ReadDateline(std::string_view text, std::vector<std::string_view>* dates,
                  std::vector<std::string_view>* sources, std::vector<std::string_view>* bylines) {
  static const RE2* const kDate = new RE2(R"(((?:\d{2,4}年)?\d{1,2}月\d{1,2}日|\d{1,2}日))");
  static const RE2* const kSource = new RE2(
      R"(((?:中央社|中新社|中新网|新华社|新华网|人民网|央视网|光明网|法新社|路透社?|美联社|共同社|)"
      R"(韩联社|德新社|本报|本刊|大纪元|德国之声中文网|美国之音|法广|自由亚洲电台|BBC中文网?|)"
      R"((?:腾讯|新浪|网易|搜狐|凤凰网?|环球网|澎湃新闻|中国日报网|东方网|北青网|财联社|界面新闻|)"
      R"(第一财经)\p{Han}{0,2})))");
  // The reporter as the dateline names them: up to the date or the bracket,
  // so a place glued to the name comes with it ("记者林某某台北").
  static const RE2* const kReporter =
      new RE2(R"(((?:记者|通讯员)[\s\x{3000}]*[\p{Han}·、]*(?:[\s\x{3000}]+[\p{Han}·、]+)*))");
  std::string folded(text);
  ScriptTables::Get().FoldToSimplified(&folded);
  const re2::StringPiece f(folded);
  auto span = [&](const re2::StringPiece& m) {
    return text.substr(static_cast<size_t>(m.data() - folded.data()), m.size());
  };
  re2::StringPiece m;
  if (RE2::PartialMatch(f, *kDate, &m)) dates->push_back(span(m));
  if (RE2::PartialMatch(f, *kSource, &m)) sources->push_back(span(m));
  if (RE2::PartialMatch(f, *kReporter, &m)) bylines->push_back(span(m));
}

}  // namespace

void AppendAnnotation(const Document& doc, std::string* out) {
  static const RE2* const kDate = new RE2(
      R"((\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?))");
  static const RE2* const kSource =
      new RE2(R"((?:来源|來源|稿源)\s*[:：]\s*([^\s\x{00A0}\x{3000}]+))");
  out->append("{\"removals\":[");
  std::vector<std::string_view> bylines, editors, captions, dates, sources;
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
    std::string_view text = TrimSpaces(r.text);
    switch (r.reason) {
      case Reason::kByline:
        bylines.push_back(text);
        break;
      case Reason::kEditorCredit:
        editors.push_back(text);
        break;
      case Reason::kImageCaption:
        captions.push_back(text);
        break;
      case Reason::kDateline:
        ReadDateline(text, &dates, &sources, &bylines);
        break;
      case Reason::kDateSource: {
        re2::StringPiece m;
        if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *kDate, &m)) {
          dates.emplace_back(m.data(), m.size());
        }
        if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *kSource, &m)) {
          sources.emplace_back(m.data(), m.size());
        }
        break;
      }
      default:
        break;
    }
  }
  out->append("],\"metadata\":{");
  bool first = true;
  AppendStringArray("byline", bylines, &first, out);
  AppendStringArray("editor", editors, &first, out);
  AppendStringArray("date", dates, &first, out);
  AppendStringArray("source", sources, &first, out);
  AppendStringArray("captions", captions, &first, out);
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
      absl::StrAppend(out, ",\"similarity\":", absl::StrFormat("%.3f", doc.duplicate->similarity),
                      ",\"exact\":", doc.duplicate->exact ? "true" : "false", "}");
    }
    out->append(tail);
  }
  out->push_back('\n');
}

absl::Status DocumentWriter::Write(const Document& doc) {
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
