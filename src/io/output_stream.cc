#include "src/io/output_stream.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <vector>

// GCC 12 reports a false -Wrestrict inside Boost's gzip header writer
// (std::string::insert via back_insert_device; GCC PR 105651). Not our code.
#pragma GCC diagnostic ignored "-Wrestrict"
#include <zstd.h>

#include <boost/iostreams/categories.hpp>
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/lzma.hpp>
#include <boost/iostreams/filtering_streambuf.hpp>

#include "absl/strings/str_cat.h"
#include "newsclean/output_commit.h"
#include "src/io/input_stream.h"
#include "src/io/temp_files.h"
#include "src/text/strings.h"

namespace newsclean {
namespace {

// Output goes to the kernel in writes of at least 1 MiB: with stdio's default
// buffer (the file system's block, 4 KiB) a 90 MB run made 17,000 write calls.
// Plain bytes are gathered into blocks by FileSink itself, and a file's stdio
// stream is unbuffered, so that a caller's write of a whole block (AsyncSink's)
// reaches the kernel without being copied into a stdio buffer first. (Compressed
// output goes through a stdio buffer of this size: glibc ignores the size
// unless the caller passes the buffer.)
constexpr size_t kWriteBuffer = 1 << 20;

// A Boost.Iostreams sink device over a FILE*; throws on a short write.
class FileSinkDevice {
 public:
  typedef char char_type;
  typedef boost::iostreams::sink_tag category;
  explicit FileSinkDevice(FILE* f) : f_(f) {}
  std::streamsize write(const char* s, std::streamsize n) {
    if (std::fwrite(s, 1, static_cast<size_t>(n), f_) != static_cast<size_t>(n)) {
      throw std::ios_base::failure(std::strerror(errno));
    }
    return n;
  }

 private:
  FILE* f_;
};

class FileSink : public ByteSink {
 public:
  FileSink(FILE* f, std::string path, std::string temp, Compression c,
           OutputCommit* commit = nullptr)
      : f_(f), path_(std::move(path)), temp_(std::move(temp)), compression_(c), commit_(commit) {
    namespace io = boost::iostreams;
    if (f_ != stdout) {  // a file we opened and nothing has been written to
      if (c == Compression::kNone) {
        std::setvbuf(f_, nullptr, _IONBF, 0);  // Write gathers the blocks
      } else {
        buffer_ = std::make_unique<char[]>(kWriteBuffer);
        std::setvbuf(f_, buffer_.get(), _IOFBF, kWriteBuffer);
      }
    }
    if (c == Compression::kZstd) {
      zstd_ = ZSTD_createCCtx();
      ZSTD_CCtx_setParameter(zstd_, ZSTD_c_compressionLevel, 3);
      ZSTD_CCtx_setParameter(zstd_, ZSTD_c_checksumFlag, 1);  // as the zstd CLI does
      zstd_out_.resize(ZSTD_CStreamOutSize());
    } else if (c != Compression::kNone) {
      filters_ = std::make_unique<io::filtering_streambuf<io::output>>();
      switch (c) {
        case Compression::kGzip:
          filters_->push(io::gzip_compressor());
          break;
        case Compression::kBzip2:
          filters_->push(io::bzip2_compressor());
          break;
        case Compression::kXz:
          filters_->push(io::lzma_compressor());
          break;
        case Compression::kZstd:  // ZstdSink below: Boost cannot turn checksums on
        case Compression::kNone:
          break;
      }
      filters_->push(FileSinkDevice(f_));
    }
  }
  ~FileSink() override {
    if (zstd_ != nullptr) ZSTD_freeCCtx(zstd_);
    if (f_ == nullptr) return;
    filters_.reset();
    if (f_ != stdout) std::fclose(f_);
    RemoveTemp();
  }

  absl::Status Write(std::string_view data) override {
    if (!error_.ok()) return error_;
    try {
      if (zstd_ != nullptr) {
        absl::Status st = ZstdWrite(data, ZSTD_e_continue);
        if (!st.ok()) return st;
      } else if (filters_) {
        if (filters_->sputn(data.data(), static_cast<std::streamsize>(data.size())) !=
            static_cast<std::streamsize>(data.size())) {
          return Fail("write failed");
        }
      } else {
        // Plain bytes, gathered into blocks here (for stdout rather than by
        // changing its buffering, which belongs to the program that links the
        // library). A block's worth goes out as it is, after what is gathered:
        // not copied, and the block never grows past two.
        if (data.size() >= kWriteBuffer) {
          if (absl::Status st = FlushBlock(); !st.ok()) return st;
          return WriteOut(data);
        }
        block_.append(data);
        if (block_.size() >= kWriteBuffer) return FlushBlock();
      }
    } catch (const std::exception& e) {
      return Fail(e.what());
    }
    return absl::OkStatus();
  }

  absl::Status Close() override {
    if (!error_.ok()) return error_;
    if (absl::Status st = FlushBlock(); !st.ok()) return st;
    if (zstd_ != nullptr) {
      absl::Status st = ZstdWrite("", ZSTD_e_end);
      if (!st.ok()) return st;
    }
    try {
      if (filters_) {
        filters_->strict_sync();
        filters_->reset();  // closes the chain: writes the compressed stream's trailer
        filters_.reset();
      }
    } catch (const std::exception& e) {
      return Fail(e.what());
    }
    bool ok = std::fflush(f_) == 0;
    if (f_ != stdout) ok = (std::fclose(f_) == 0) && ok;
    f_ = nullptr;
    if (!ok) {
      RemoveTemp();
      return absl::DataLossError(absl::StrCat(path_, ": write failed: ", std::strerror(errno)));
    }
    if (!temp_.empty() && commit_ != nullptr) {
      commit_->Add(std::move(temp_), path_);  // renamed with the rest of the run's files
      temp_.clear();
      return absl::OkStatus();
    }
    if (!temp_.empty() && std::rename(temp_.c_str(), path_.c_str()) != 0) {
      std::string msg = absl::StrCat(path_, ": cannot rename ", temp_, ": ", std::strerror(errno));
      RemoveTemp();
      return absl::DataLossError(msg);
    }
    UnregisterTemporary(temp_);
    temp_.clear();
    return absl::OkStatus();
  }

 private:
  // Compresses `data` into the file; ZSTD_e_end also finishes the frame.
  absl::Status ZstdWrite(std::string_view data, ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    while (true) {
      ZSTD_outBuffer out{zstd_out_.data(), zstd_out_.size(), 0};
      size_t left = ZSTD_compressStream2(zstd_, &out, &in, mode);
      if (ZSTD_isError(left)) return Fail(ZSTD_getErrorName(left));
      if (std::fwrite(zstd_out_.data(), 1, out.pos, f_) != out.pos)
        return Fail(std::strerror(errno));
      bool done = mode == ZSTD_e_end ? left == 0 : in.pos == in.size;
      if (done) return absl::OkStatus();
    }
  }

  // Writes the gathered block out, and empties it.
  absl::Status FlushBlock() {
    if (block_.empty()) return absl::OkStatus();
    absl::Status st = WriteOut(block_);
    block_.clear();
    return st;
  }

  absl::Status WriteOut(std::string_view data) {
    if (std::fwrite(data.data(), 1, data.size(), f_) != data.size()) {
      return Fail(std::strerror(errno));
    }
    return absl::OkStatus();
  }

  void RemoveTemp() {
    if (temp_.empty()) return;
    std::remove(temp_.c_str());
    UnregisterTemporary(temp_);
    temp_.clear();
  }

  absl::Status Fail(std::string_view why) {
    error_ = absl::DataLossError(absl::StrCat(path_, ": write failed: ", AV(why)));
    return error_;
  }

  FILE* f_;
  std::string path_;
  std::string temp_;
  Compression compression_;
  std::unique_ptr<boost::iostreams::filtering_streambuf<boost::iostreams::output>> filters_;
  absl::Status error_;
  ZSTD_CCtx* zstd_ = nullptr;
  std::vector<char> zstd_out_;
  std::unique_ptr<char[]> buffer_;  // stdio's buffer for f_ when compressing; outlives it
  std::string block_;               // plain bytes not yet handed to stdio
  OutputCommit* commit_;            // takes the rename, if given
};

}  // namespace

OutputCommit::~OutputCommit() {
  for (const auto& [temp, path] : pending_) {
    std::remove(temp.c_str());
    UnregisterTemporary(temp);
  }
}

void OutputCommit::Add(std::string temp, std::string path) {
  pending_.emplace_back(std::move(temp), std::move(path));
}

absl::Status OutputCommit::Apply() {
  for (size_t i = 0; i < pending_.size(); ++i) {
    const auto& [temp, path] = pending_[i];
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
      std::string msg = absl::StrCat(path, ": cannot rename ", temp, ": ", std::strerror(errno));
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<long>(i));
      return absl::DataLossError(msg);  // the rest are removed by the destructor
    }
    UnregisterTemporary(temp);
  }
  pending_.clear();
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<ByteSink>> OpenOutput(const std::string& path, bool compress,
                                                     OutputCommit* commit) {
  if (path == "-") {
    return std::make_unique<FileSink>(stdout, "<stdout>", "", Compression::kNone);
  }
  const Compression compression = compress ? CompressionFromExtension(path) : Compression::kNone;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A device or a pipe (/dev/null, a FIFO): written in place, never replaced.
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
      return absl::UnavailableError(absl::StrCat(path, ": cannot open: ", std::strerror(errno)));
    }
    return std::make_unique<FileSink>(f, path, "", compression);
  }
  std::string temp = TemporaryPathFor(path);
  RegisterTemporary(temp);
  FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) {
    UnregisterTemporary(temp);
    return absl::UnavailableError(
        absl::StrCat(path, ": cannot create output: ", std::strerror(errno)));
  }
  return std::make_unique<FileSink>(f, path, temp, compression, commit);
}

}  // namespace newsclean
