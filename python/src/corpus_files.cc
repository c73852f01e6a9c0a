#include "python/src/corpus_files.h"

#include <cstdio>
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "newsclean/dedup.h"
#include "newsclean/reader.h"
#include "newsclean/writer.h"
#include "src/io/output_stream.h"

namespace newsclean::python {
namespace {

// Counts the records a reader skips under OnBadRecord::kSkipAndCount.
class SkipCounter : public DropReporter {
 public:
  void Dropped(const SourceLocation&, const absl::Status&) override { ++skipped; }
  size_t skipped = 0;
};

}  // namespace

absl::StatusOr<FileFingerprints> CleanAndFingerprintFile(
    const std::string& path, const std::string& part_path, const Cleaner* cleaner,
    const DedupOptions& dedup, const std::string& text_field, OnBadRecord on_error) {
  PipelineOptions options;
  options.inputs = {path};
  options.text_field = text_field;
  options.input_format = InputFormat::kJsonl;
  options.on_error = on_error;
  options.dedup = true;  // the reader then keeps the date field for keep=earliest
  options.dedup_options = dedup;
  options.dedup_options.index_path.clear();
  absl::StatusOr<std::unique_ptr<DedupIndex>> signer = DedupIndex::Create(options.dedup_options);
  if (!signer.ok()) return signer.status();
  SkipCounter skips;
  absl::StatusOr<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(options, &skips);
  if (!reader.ok()) return reader.status();
  absl::StatusOr<std::unique_ptr<DocumentWriter>> writer =
      DocumentWriter::Open(part_path, OutputFormat::kJsonl, text_field, /*annotate=*/false);
  if (!writer.ok()) return writer.status();

  FileFingerprints out;
  Document doc;
  while ((*reader)->Next(&doc)) {
    ++out.records;
    out.text_bytes_in += doc.text().size();
    if (cleaner != nullptr) cleaner->Clean(&doc);
    if (doc.dropped) {
      ++out.dropped[std::string(ReasonName(*doc.dropped))];
      continue;
    }
    out.text_bytes_out += doc.text().size();
    Fingerprint& fp = out.fingerprints.fps.emplace_back();
    (*signer)->ComputeFingerprint(doc.text(), &fp);
    out.fingerprints.text_bytes.push_back(doc.text().size());
    out.ids.push_back(doc.id);
    out.dates.push_back(doc.sort_key);
    if (absl::Status st = (*writer)->Write(doc); !st.ok()) return st;
    ++out.written;
  }
  if (!(*reader)->status().ok()) return (*reader)->status();
  out.skipped = skips.skipped;
  out.records += skips.skipped;
  out.bytes_in = (*reader)->bytes_read();
  if (absl::Status st = (*writer)->Close(); !st.ok()) return st;
  return out;
}

absl::Status WriteSurvivors(const std::string& part_path, const std::string& out_path,
                            const std::vector<bool>& drop) {
  std::ifstream in(part_path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(part_path, ": cannot open the part file"));
  absl::StatusOr<std::unique_ptr<ByteSink>> sink = OpenOutput(out_path);
  if (!sink.ok()) return sink.status();
  std::string line;
  size_t row = 0;
  while (std::getline(in, line)) {
    if (row >= drop.size()) {
      return absl::DataLossError(
          absl::StrCat(part_path, ": more lines than the ", drop.size(), " decided"));
    }
    if (!drop[row++]) {
      line.push_back('\n');
      if (absl::Status st = (*sink)->Write(line); !st.ok()) return st;
    }
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat(part_path, ": read error"));
  if (row != drop.size()) {
    return absl::DataLossError(
        absl::StrCat(part_path, ": ", row, " lines, but ", drop.size(), " were decided"));
  }
  if (absl::Status st = (*sink)->Close(); !st.ok()) return st;
  std::remove(part_path.c_str());
  return absl::OkStatus();
}

}  // namespace newsclean::python
