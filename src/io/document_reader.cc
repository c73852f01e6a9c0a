#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/strings/str_cat.h"
#include "newsclean/reader.h"
#include "src/io/input_stream.h"
#include "src/io/record_access.h"
#include "src/text/strings.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

namespace fs = std::filesystem;

enum class FileFormat { kJsonl, kText, kUnknown };

FileFormat FormatFromExtension(std::string_view path) {
  std::string_view base = StripCompressionExtension(path);
  for (std::string_view ext : {".jsonl", ".ndjson", ".json"}) {
    if (EndsWithIgnoreCase(base, ext)) return FileFormat::kJsonl;
  }
  for (std::string_view ext : {".txt", ".text"}) {
    if (EndsWithIgnoreCase(base, ext)) return FileFormat::kText;
  }
  return FileFormat::kUnknown;
}

absl::Status ExpandInputs(const std::vector<std::string>& inputs, std::vector<std::string>* files) {
  for (const std::string& input : inputs) {
    if (input == "-") {
      files->push_back(input);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      return absl::NotFoundError(absl::StrCat(input, ": no such file or directory"));
    }
    if (!fs::is_directory(st)) {
      files->push_back(input);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(input, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      std::string name = it->path().filename().string();
      // The error_code overloads: a symlink loop or a dangling link is an error
      // naming the entry, never an exception.
      std::error_code entry_ec;
      if (!name.empty() && name.front() == '.') {
        if (it->is_directory(entry_ec)) it.disable_recursion_pending();
        continue;
      }
      bool regular = it->is_regular_file(entry_ec);
      if (entry_ec) {
        return absl::UnavailableError(
            absl::StrCat(it->path().string(), ": cannot read: ", entry_ec.message()));
      }
      if (regular) found.push_back(it->path().string());
    }
    if (ec) return absl::UnavailableError(absl::StrCat(input, ": cannot list: ", ec.message()));
    std::sort(found.begin(), found.end());
    files->insert(files->end(), found.begin(), found.end());
  }
  return absl::OkStatus();
}

class ReaderImpl : public DocumentReader {
 public:
  ReaderImpl(const PipelineOptions& options, DropReporter* reporter)
      : options_(options), reporter_(reporter) {}

  absl::Status Init() { return ExpandInputs(options_.inputs, &files_); }

  bool Next(Document* doc) override {
    while (status_.ok()) {
      if (!lines_) {
        if (next_file_ >= files_.size()) return false;
        if (!OpenNextFile()) return false;
      }
      if (format_ == FileFormat::kText) {
        bool ok = ReadTextDocument(doc);
        lines_.reset();
        if (ok) return true;
        continue;
      }
      std::string_view line;
      size_t too_long = 0;
      if (!lines_->Next(&line, &too_long)) {
        if (!lines_->status().ok()) {
          status_ = lines_->status();
          return false;
        }
        bytes_done_ += lines_->bytes_read();
        lines_.reset();
        continue;
      }
      ++line_no_;
      if (too_long == 0 && TrimSpaces(line).empty()) continue;
      if (ReadRecord(line, too_long, doc)) return true;
    }
    return false;
  }

  const absl::Status& status() const override { return status_; }
  const std::vector<std::string>& files() const override { return files_; }
  bool AllText() override {
    if (options_.input_format == InputFormat::kText) return true;
    if (options_.input_format == InputFormat::kJsonl) return false;
    if (files_.size() == 1 &&
        (files_[0] == "-" || FormatFromExtension(files_[0]) == FileFormat::kUnknown)) {
      if (!lines_ && next_file_ == 0 && !OpenNextFile()) return false;
      return format_ == FileFormat::kText;
    }
    for (const std::string& f : files_) {
      if (f == "-" || FormatFromExtension(f) != FileFormat::kText) return false;
    }
    return true;
  }
  void DeferParsing() override { defer_ = true; }
  size_t bytes_read() const override { return bytes_done_ + (lines_ ? lines_->bytes_read() : 0); }

 private:
  bool OpenNextFile() {
    file_ = files_[next_file_++];
    line_no_ = 0;
    absl::StatusOr<std::unique_ptr<ByteSource>> source = OpenInput(file_);
    if (!source.ok()) {
      status_ = source.status();
      return false;
    }
    lines_ = std::make_unique<LineReader>(std::move(*source));
    lines_->set_max_bytes(options_.max_document_bytes);
    switch (options_.input_format) {
      case InputFormat::kJsonl:
        format_ = FileFormat::kJsonl;
        break;
      case InputFormat::kText:
        format_ = FileFormat::kText;
        break;
      case InputFormat::kAuto:
        format_ = file_ == "-" ? FileFormat::kUnknown : FormatFromExtension(file_);
        if (format_ == FileFormat::kUnknown) {
          format_ = lines_->PeekFirstNonSpace() == '{' ? FileFormat::kJsonl : FileFormat::kText;
        }
        if (!lines_->status().ok()) {
          status_ = lines_->status();
          return false;
        }
        break;
    }
    return true;
  }

  void SetText(std::string_view raw, Document* doc) {
    std::string text;
    if (IsValidUtf8(raw)) {
      text.assign(raw);
      doc->invalid_utf8 = 0;
    } else {
      doc->invalid_utf8 = RepairUtf8(raw, &text);
    }
    doc->SetOriginalText(std::move(text));
  }

  bool ReadTextDocument(Document* doc) {
    std::string contents;
    size_t too_long = 0;
    if (!lines_->ReadAll(&contents, &too_long)) {
      status_ = lines_->status();
      return false;
    }
    bytes_done_ += lines_->bytes_read();
    *doc = Document();
    doc->id = file_;
    doc->source = SourceLocation{file_, 0};
    if (too_long > 0) {  // reported by ParseRecord, like an oversized record
      RecordAccess::too_large_bytes(*doc) = too_long;
      RecordAccess::needs_parse(*doc) = true;
      return defer_ || Judge(doc);
    }
    SetText(contents, doc);
    return true;
  }

  // Runs ParseRecord now (the reader does not defer parsing): true if *doc
  // is good; otherwise the failure goes to status_ or the reporter.
  bool Judge(Document* doc) {
    absl::Status bad = newsclean::ParseRecord(options_, doc);
    if (bad.ok()) return true;
    if (options_.on_error == OnBadRecord::kFail) {
      status_ = bad;
    } else if (reporter_ != nullptr) {
      reporter_->Dropped(doc->source, bad);
    }
    return false;
  }

  // Returns true if *doc was filled; false if the record was skipped or the
  // reader failed (status_).
  bool ReadRecord(std::string_view line, size_t too_long, Document* doc) {
    *doc = Document();
    doc->source = SourceLocation{file_, line_no_};
    if (too_long > 0) {
      RecordAccess::too_large_bytes(*doc) = too_long;
      RecordAccess::needs_parse(*doc) = true;
      return defer_ || Judge(doc);
    }
    // As read: ParseRecord repairs ill-formed UTF-8, which simdjson finds in
    // the pass that parses (no pass here, on the reading thread).
    RecordAccess::record(*doc).reserve(line.size() + simdjson::SIMDJSON_PADDING);
    RecordAccess::record(*doc).assign(line);
    RecordAccess::needs_parse(*doc) = true;
    return defer_ || Judge(doc);
  }

  const PipelineOptions& options_;
  DropReporter* reporter_;
  std::vector<std::string> files_;
  size_t next_file_ = 0;
  std::string file_;
  size_t line_no_ = 0;
  FileFormat format_ = FileFormat::kUnknown;
  std::unique_ptr<LineReader> lines_;
  size_t bytes_done_ = 0;
  absl::Status status_;
  bool defer_ = false;
};

// The code unit of the \uXXXX escape at record[i] (the backslash), or -1.
int EscapedUnit(std::string_view record, size_t i) {
  if (i + 6 > record.size() || record[i] != '\\' || record[i + 1] != 'u') return -1;
  int unit = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    int h = HexDigitValue(record[k]);
    if (h < 0) return -1;
    unit = unit * 16 + h;
  }
  return unit;
}

// Whether `raw` holds "\\u" followed by 'd' or 'D' anywhere (escaped or not):
// where an escaped surrogate could start.
bool MayHoldSurrogateEscape(std::string_view raw) {
  const size_t n = raw.size();
  size_t i = 0;
#if defined(__SSE2__)
  // A block of 64 bytes a step, passed over when it holds no backslash (most
  // do); one that does is looked at 16 positions at a time. A record's many
  // "\\n" escapes cost little here, where a scan from backslash to backslash
  // stopped at every one.
  const __m128i backslash = _mm_set1_epi8('\\'), u = _mm_set1_epi8('u');
  const __m128i d = _mm_set1_epi8('d'), case_bit = _mm_set1_epi8(0x20);
  auto load = [&](size_t at) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(raw.data() + at));
  };
  auto hit16 = [&](size_t at) {  // positions at .. at + 15; reads up to at + 17
    const __m128i hit = _mm_and_si128(
        _mm_and_si128(_mm_cmpeq_epi8(load(at), backslash), _mm_cmpeq_epi8(load(at + 1), u)),
        _mm_cmpeq_epi8(_mm_or_si128(load(at + 2), case_bit), d));
    return _mm_movemask_epi8(hit) != 0;
  };
  for (; i + 66 <= n; i += 64) {
    const __m128i any = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(load(i), backslash), _mm_cmpeq_epi8(load(i + 16), backslash)),
        _mm_or_si128(_mm_cmpeq_epi8(load(i + 32), backslash),
                     _mm_cmpeq_epi8(load(i + 48), backslash)));
    if (_mm_movemask_epi8(any) == 0) continue;
    if (hit16(i) || hit16(i + 16) || hit16(i + 32) || hit16(i + 48)) return true;
  }
  for (; i + 18 <= n; i += 16) {
    if (hit16(i)) return true;
  }
#endif
  for (; i + 2 < n; ++i) {
    if (raw[i] == '\\' && raw[i + 1] == 'u' && (raw[i + 2] | 0x20) == 'd') return true;
  }
  return false;
}

}  // namespace

size_t RepairLoneSurrogateEscapes(std::string* record) {
  // Most records hold no escaped surrogate at all: a quick look finds none,
  // before the exact pass below.
  if (!MayHoldSurrogateEscape(*record)) return 0;
  size_t repaired = 0;
  std::string& r = *record;
  for (size_t i = 0; i < r.size(); ++i) {
    if (r[i] != '\\') continue;
    // An escape starts at a backslash that is not itself escaped: i is the
    // first of a run of backslashes here, so every other one escapes.
    size_t run = i;
    while (run < r.size() && r[run] == '\\') ++run;
    const size_t escape = run - 1;  // the last backslash: escaping if the run is odd
    if ((run - i) % 2 == 0) {
      i = run - 1;
      continue;
    }
    i = escape;
    const int unit = EscapedUnit(r, escape);
    if (unit < 0xD800 || unit > 0xDFFF) continue;
    if (unit <= 0xDBFF) {
      const int low = EscapedUnit(r, escape + 6);
      if (low >= 0xDC00 && low <= 0xDFFF) {  // a pair: a character beyond the BMP
        i = escape + 11;
        continue;
      }
    }
    r.replace(escape, 6, "\\ufffd");  // the same length: offsets stay
    ++repaired;
    i = escape + 5;
  }
  return repaired;
}

namespace {

// True if `token` is a JSON number (RFC 8259 grammar, any magnitude).
bool IsJsonNumber(std::string_view token) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < token.size() && token[i] >= '0' && token[i] <= '9') ++i;
    return i > start;
  };
  if (i < token.size() && token[i] == '-') ++i;
  if (i < token.size() && token[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < token.size() && token[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == token.size();
}

// Validates a value with the on-demand parser, numbers by their grammar only
// (values beyond what a double or a 64-bit integer holds are valid JSON):
// SUCCESS, or what is wrong.
simdjson::error_code ValidateValue(simdjson::ondemand::value value, int depth) {
  using simdjson::ondemand::json_type;
  if (depth > 1024) return simdjson::DEPTH_ERROR;
  json_type type;
  if (auto err = value.type().get(type)) return err;
  switch (type) {
    case json_type::object: {
      simdjson::ondemand::object object;
      if (auto err = value.get_object().get(object)) return err;
      for (auto field : object) {
        std::string_view key;
        simdjson::ondemand::value inner;
        if (auto err = field.unescaped_key().get(key)) return err;
        if (auto err = field.value().get(inner)) return err;
        if (auto err = ValidateValue(inner, depth + 1)) return err;
      }
      return simdjson::SUCCESS;
    }
    case json_type::array: {
      simdjson::ondemand::array array;
      if (auto err = value.get_array().get(array)) return err;
      for (auto element : array) {
        simdjson::ondemand::value inner;
        if (auto err = element.get(inner)) return err;
        if (auto err = ValidateValue(inner, depth + 1)) return err;
      }
      return simdjson::SUCCESS;
    }
    case json_type::string: {
      std::string_view s;
      return value.get_string().get(s);
    }
    case json_type::number:
      return IsJsonNumber(TrimSpaces(value.raw_json_token())) ? simdjson::SUCCESS
                                                              : simdjson::NUMBER_ERROR;
    case json_type::boolean: {
      bool b;
      return value.get_bool().get(b);
    }
    case json_type::null:
      return value.is_null() ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
  }
  return simdjson::INCORRECT_TYPE;
}

}  // namespace

absl::Status ParseRecord(const PipelineOptions& options, Document* doc) {
  auto malformed = [&](std::string_view what) {
    return absl::DataLossError(
        absl::StrCat(doc->source.file, ":", doc->source.line, ": ", AV(what)));
  };
  // One parser per thread: it keeps its buffers between records.
  thread_local simdjson::ondemand::parser od_parser;
  RecordAccess::needs_parse(*doc) = false;
  if (RecordAccess::too_large_bytes(*doc) > 0) {
    return absl::ResourceExhaustedError(absl::StrCat(
        doc->source.file, doc->source.line > 0 ? absl::StrCat(":", doc->source.line) : "",
        ": document of ", RecordAccess::too_large_bytes(*doc), " bytes is over the limit of ",
        options.max_document_bytes, " bytes (reason too-large)"));
  }
  std::string& record = RecordAccess::record(*doc);
  // simdjson reads up to SIMDJSON_PADDING bytes past the end (their values
  // do not matter): the record's own capacity provides them, no copy.
  auto padded = [&record] {
    if (record.capacity() < record.size() + simdjson::SIMDJSON_PADDING) {
      record.reserve(record.size() + simdjson::SIMDJSON_PADDING);
    }
    return simdjson::padded_string_view(record.data(), record.size(), record.capacity());
  };
  // Lone surrogate escapes ("\ud800", which Python's json.dumps writes) are
  // repaired to U+FFFD in place and counted like invalid UTF-8.
  doc->invalid_utf8 += RepairLoneSurrogateEscapes(&record);
  // One on-demand pass: the fields newsclean reads are read, every other value
  // is validated (numbers by their grammar: values beyond a double's or a
  // 64-bit integer's range are valid JSON, and pass through byte for byte like
  // every field but the text), and nothing may follow the object.
  auto invalid = [&](simdjson::error_code err) {
    return malformed(absl::StrCat("invalid JSON: ", simdjson::error_message(err)));
  };
  simdjson::ondemand::document od;
  simdjson::error_code iterated = od_parser.iterate(padded()).get(od);
  if (iterated == simdjson::UTF8_ERROR) {
    // simdjson validates all of the record as it starts: ill-formed UTF-8 is
    // repaired to U+FFFD, counted, and the repaired record parsed.
    std::string repaired;
    doc->invalid_utf8 += RepairUtf8(record, &repaired);
    record.swap(repaired);
    iterated = od_parser.iterate(padded()).get(od);
  }
  if (iterated) return invalid(iterated);
  const char* const data = record.data();  // where `record` is parsed (text offsets are from it)
  simdjson::ondemand::json_type top;
  if (auto err = od.type().get(top)) return invalid(err);
  if (top != simdjson::ondemand::json_type::object) {
    return malformed("invalid record: not a JSON object");
  }
  simdjson::ondemand::object obj;
  if (auto err = od.get_object().get(obj)) return invalid(err);
  const bool want_date = options.dedup && options.dedup_options.keep == KeepPolicy::kEarliest;
  bool found = false;
  for (auto field : obj) {
    std::string_view key;
    simdjson::ondemand::value value;
    if (auto err = field.unescaped_key().get(key)) return invalid(err);
    if (auto err = field.value().get(value)) return invalid(err);
    if (!found && key == options.text_field) {
      std::string_view raw, text;
      raw = value.raw_json_token();
      simdjson::ondemand::json_type type;
      if (value.type().get(type) || type != simdjson::ondemand::json_type::string) {
        if (auto err = ValidateValue(value, 0)) return invalid(err);
        return malformed(absl::StrCat("field \"", options.text_field, "\" is not a string"));
      }
      if (auto err = value.get_string().get(text)) return invalid(err);
      size_t begin = static_cast<size_t>(raw.data() - data);
      size_t end = record.find('"', begin + 1);
      // The token ends at the closing quote: the first unescaped '"' after begin.
      while (end != std::string::npos) {
        size_t backslashes = 0;
        while (end - backslashes > begin + 1 && record[end - 1 - backslashes] == '\\') {
          ++backslashes;
        }
        if (backslashes % 2 == 0) break;
        end = record.find('"', end + 1);
      }
      if (end == std::string::npos) return malformed("invalid JSON string");
      RecordAccess::text_value_begin(*doc) = begin;
      RecordAccess::text_value_end(*doc) = end + 1;
      doc->SetOriginalText(std::string(text));
      found = true;
      continue;
    }
    // The date field first (a string, else ignored), then the id (a string,
    // else its JSON as written).
    const bool is_date = want_date && key == options.dedup_options.date_field && !doc->sort_key;
    const bool is_id = !is_date && key == "id" && doc->id.empty();
    simdjson::ondemand::json_type type;
    if (auto err = value.type().get(type)) return invalid(err);
    if ((is_date || is_id) && type == simdjson::ondemand::json_type::string) {
      std::string_view s;
      if (auto err = value.get_string().get(s)) return invalid(err);
      if (is_id) {
        doc->id.assign(s);
      } else {
        doc->sort_key = std::string(s);
      }
      continue;
    }
    if (is_id) {
      const std::string_view raw = TrimSpaces(value.raw_json_token());
      if (auto err = ValidateValue(value, 0)) return invalid(err);
      doc->id.assign(raw);
      continue;
    }
    if (auto err = ValidateValue(value, 0)) return invalid(err);
  }
  if (od.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    return malformed("invalid JSON: content after the record's object");
  }
  if (!found) {
    return malformed(absl::StrCat("no string field \"", options.text_field, "\""));
  }
  if (doc->id.empty()) doc->id = absl::StrCat(doc->source.file, ":", doc->source.line);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<DocumentReader>> DocumentReader::Open(const PipelineOptions& options,
                                                                     DropReporter* reporter) {
  auto reader = std::make_unique<ReaderImpl>(options, reporter);
  absl::Status st = reader->Init();
  if (!st.ok()) return st;
  return reader;
}

}  // namespace newsclean
